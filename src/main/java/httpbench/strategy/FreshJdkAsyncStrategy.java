package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.net.http.HttpResponse;
import java.util.concurrent.Future;

/**
 * {@code sendAsync} on a new {@link java.net.http.HttpClient} per request (new pool, new connection), each
 * closed after the batch. JDK 21+ only: before 21 an HttpClient cannot be closed, so fresh clients would pile
 * up selector threads and sockets until a GC finds them, which would measure the GC, not the client.
 */
public final class FreshJdkAsyncStrategy implements Strategy {

    @Override public String name() { return "freshJdkAsync"; }

    @Override
    public void open(Workload w) {
        if (!JdkClients.CAN_SHUTDOWN) {
            throw new UnsupportedOperationException(name() + " " + Registry.freshJdkAsync.unavailableReason()
                    .orElse("needs HttpClient.shutdownNow()"));
        }
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        JdkClients.Handle[] clients = new JdkClients.Handle[n];
        @SuppressWarnings("unchecked")
        Future<HttpResponse<byte[]>>[] futures = new Future[n];
        try {
            for (int i = 0; i < n; i++) {
                clients[i] = JdkClients.build(w, "bench-fresh-jdk");
                futures[i] = clients[i].client().sendAsync(JdkClients.request(w, i),
                        HttpResponse.BodyHandlers.ofByteArray());
            }
            return Await.all(name(), w, futures,
                    (i, r) -> ResponseCheck.check(name(), w, i, r.statusCode(), r.body()));
        } finally {
            for (JdkClients.Handle h : clients) {
                if (h != null) h.close();
            }
        }
    }

    @Override
    public String describe() {
        return "a new java.net.http.HttpClient per request (" + JdkClients.describe() + "), shutdownNow() after "
                + "the batch; JDK 21+";
    }

    @Override
    public void close() {
        // every client of a batch is closed at the end of that batch
    }
}
