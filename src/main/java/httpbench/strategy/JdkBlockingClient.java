package httpbench.strategy;

import httpbench.workload.Workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** {@code HttpClient.send}: the default blocking client. */
record JdkBlockingClient(Workload w, JdkClients.Handle handle) implements BlockingClient {
    JdkBlockingClient(Workload w) {
        this(w, JdkClients.build(w, "bench-jdk-blocking"));
    }

    @Override
    public Response get(URI uri) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(w.requestTimeout()).GET().build();
        HttpResponse<byte[]> res = handle.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(res.statusCode(), res.body());
    }

    static String description() {
        return "HttpClient.send(): " + JdkClients.describe() + JdkClients.describeH2();
    }

    @Override
    public void close() {
        handle.close();
    }
}
