package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

import java.util.concurrent.CompletableFuture;

/** Jetty HttpClient's async {@code send(listener)}: n requests sent, n buffered responses awaited. */
public final class JettyAsyncStrategy implements Strategy {
    private HttpClient client;


    @Override
    public void open(Workload w) {
        client = JettyClients.start(w, "bench-jetty-async");
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        @SuppressWarnings("unchecked")
        CompletableFuture<ContentResponse>[] futures = new CompletableFuture[n];
        for (int i = 0; i < n; i++) futures[i] = JettyClients.send(client, w, w.uri(i));
        return Await.all(name(), w, futures,
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
