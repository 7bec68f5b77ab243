package httpbench.strategy;

import httpbench.workload.Workload;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.net.URI;

/** OkHttp {@code Call.execute}: the calling thread does the I/O (the Dispatcher's executor stays unused). */
final class OkHttpBlockingClient implements BlockingClient {
    private final OkHttpClient client;

    OkHttpBlockingClient(Workload w) {
        this.client = OkHttpClients.build(w, JdkClients.executor("bench-okhttp-blocking"));
    }

    @Override
    public Response get(URI uri) throws Exception {
        try (okhttp3.Response r = client.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            return new Response(r.code(), r.body().bytes());
        }
    }

    static String description() {
        return "Call.execute() on " + OkHttpClients.describe();
    }

    @Override
    public void close() {
        OkHttpClients.close(client);
    }
}
