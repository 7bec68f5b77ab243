package httpbench.strategy;

import httpbench.workload.BatchFailure;
import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Base of the three blocking strategies: the same {@link BlockingClient}, driven one request per task by an
 * executor ({@code null} executor = the calling thread, one request after another).
 */
abstract class BlockingStrategy implements Strategy {
    private final Function<Workload, BlockingClient> clients;
    private final String clientDescription;
    private BlockingClient client;
    private ExecutorService executor;

    BlockingStrategy(BlockingClient.Kind kind) {
        this(kind::create, kind.description());
    }

    /** On any client (tests use a scripted one). */
    BlockingStrategy(Function<Workload, BlockingClient> clients, String clientDescription) {
        this.clients = clients;
        this.clientDescription = clientDescription;
    }

    /** The open client. */
    BlockingClient client() { return client; }

    /** The executor that runs one blocking request per task, or null to run serially on the caller. */
    abstract ExecutorService newExecutor(int n) throws Exception;

    abstract String describeThreads();

    @Override
    public void open(Workload w) throws Exception {
        client = clients.apply(w);
        executor = newExecutor(w.threadPoolSize());
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        if (executor == null) {
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                Response r;
                try {
                    r = client.get(w.uri(i));
                } catch (Exception e) {
                    throw BatchFailure.of(name(), w, i, e);
                }
                bytes += ResponseCheck.check(name(), w, i, r.status(), r.body());
            }
            return new BatchResult(n, bytes);
        }
        return Await.<Response>sent(name(), w, i -> executor.submit(() -> client.get(w.uri(i))),
                (i, r) -> ResponseCheck.check(name(), w, i, r.status(), r.body()));
    }

    @Override
    public String describe() {
        return describeThreads() + "; blocking client: " + clientDescription;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
