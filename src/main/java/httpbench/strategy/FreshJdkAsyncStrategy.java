package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.net.http.HttpResponse;
import java.util.concurrent.Future;

/**
 * {@code sendAsync} on a new {@link java.net.http.HttpClient} per request (new pool, new connection), each closed
 * at the end of the batch, like {@code freshAsyncHttpClient}: the clients share one executor per trial (as the
 * AsyncHttpClients share one event loop), closing is requested at the end of the batch ({@code shutdownNow()})
 * and finishes in the background, as AsyncHttpClient's close() leaves its channels to close on the event loop.
 * What the JDK client cannot share is its selector thread: each client starts one and it ends after the close.
 * JDK 21+ only: before 21 an HttpClient cannot be closed, so fresh clients would pile up selector threads and
 * sockets until a GC finds them, which would measure the GC, not the client.
 */
public final class FreshJdkAsyncStrategy implements Strategy {
    private java.util.concurrent.ExecutorService shared;
    /** Clients asked to close, not yet awaited; several callers (-t) run batches at once, so a concurrent queue. */
    private final java.util.Queue<JdkClients.Handle> closing = new java.util.concurrent.ConcurrentLinkedQueue<>();


    @Override
    public void open(Workload w) {
        if (!JdkClients.CAN_SHUTDOWN) {
            throw new UnsupportedOperationException(name() + " " + Registry.freshJdkAsync.unavailableReason()
                    .orElse("needs HttpClient.shutdownNow()"));
        }
        shared = JdkClients.executor("bench-fresh-jdk");
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        JdkClients.Handle[] clients = new JdkClients.Handle[n];
        @SuppressWarnings("unchecked")
        Future<HttpResponse<byte[]>>[] futures = new Future[n];
        try {
            for (int i = 0; i < n; i++) {
                clients[i] = JdkClients.build(w, shared, false);
                futures[i] = clients[i].client().sendAsync(JdkClients.request(w, i),
                        HttpResponse.BodyHandlers.ofByteArray());
            }
            return Await.all(name(), w, futures,
                    (i, r) -> ResponseCheck.check(name(), w, i, r.statusCode(), r.body()));
        } finally {
            closing.removeIf(JdkClients.Handle::closed);
            for (JdkClients.Handle h : clients) {
                if (h != null) {
                    h.requestClose();
                    closing.add(h);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "a new java.net.http.HttpClient per request (" + JdkClients.describe() + "), all on one shared "
                + "executor per trial, each with its own selector thread; shutdownNow() requested at the end of "
                + "the batch, termination not awaited inside it";
    }

    @Override
    public void close() {
        for (JdkClients.Handle h : closing) h.awaitClosed(java.time.Duration.ofSeconds(5));
        closing.clear();
        if (shared != null) {
            shared.shutdownNow();
            try {
                shared.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shared = null;
        }
    }
}
