package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;


/** Jetty HttpClient's async {@code send(listener)}: n requests sent, n buffered responses awaited. */
public final class JettyAsyncStrategy implements Strategy {
    private HttpClient client;


    @Override
    public void open(Workload w) {
        client = JettyClients.start(w, "bench-jetty-async");
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        return Await.<ContentResponse>sent(name(), w, i -> JettyClients.send(client, w, w.uri(i)),
                (i, r) -> ResponseCheck.check(name(), w, i, r.getStatus(), r.getContent()));
    }

    @Override
    public String describe() {
        return "Request.send(listener) buffering the body, on " + JettyClients.describe();
    }

    @Override
    public void close() {
        if (client != null) {
            JettyClients.stop(client);
            client = null;
        }
    }
}
