package httpbench.strategy;

import httpbench.workload.Workload;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

import java.net.URI;
import java.util.concurrent.ExecutionException;

/** Jetty HttpClient, the caller blocking on the response (its I/O runs on Jetty's selector and pool). */
record JettyBlockingClient(Workload w, HttpClient client) implements BlockingClient {
    JettyBlockingClient(Workload w) {
        this(w, JettyClients.start(w, "bench-jetty-blocking"));
    }

    @Override
    public Response get(URI uri) throws Exception {
        try {
            // bounded by the request's total timeout, which Jetty enforces
            ContentResponse r = JettyClients.send(client, w, uri).get();
            return new Response(r.getStatus(), r.getContent());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    static String description() {
        return "send() waited for, on " + JettyClients.describe();
    }

    @Override
    public void close() {
        JettyClients.stop(client);
    }
}
