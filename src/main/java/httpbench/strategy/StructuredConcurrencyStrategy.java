package httpbench.strategy;

import httpbench.workload.BatchFailure;
import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One virtual thread per request, forked and joined in a {@code StructuredTaskScope} (JDK 25, preview API, see
 * {@link StructuredScope}): each subtask sends its request on the shared blocking client and validates the
 * response, the scope's join waits for all of them, and the first failure cancels the others (their virtual
 * threads are interrupted and the scope waits for them to end before the batch fails) — unlike the executor
 * rows, which let the other requests finish. The scope's timeout is the batch deadline.
 */
public final class StructuredConcurrencyStrategy extends BlockingStrategy {

    public StructuredConcurrencyStrategy(BlockingClient.Kind kind) { super(kind); }

    /** For tests: a strategy on any client. */
    StructuredConcurrencyStrategy(Function<Workload, BlockingClient> client, String description) {
        super(client, description);
    }


    @Override
    ExecutorService newExecutor(int n) {
        Registry.structuredConcurrency.unavailableReason().ifPresent(r -> {
            throw new UnsupportedOperationException("structuredConcurrency " + r);
        });
        return null; // run() forks in a scope per batch, no executor
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        BlockingClient client = client();
        Object[] subtasks = new Object[n];
        try (StructuredScope scope = StructuredScope.open(Duration.ofMillis(w.batchDeadlineMs()))) {
            for (int i = 0; i < n; i++) {
                final int idx = i;
                subtasks[i] = scope.fork(() -> {
                    Response r;
                    try {
                        r = client.get(w.uri(idx));
                    } catch (Exception e) {
                        throw BatchFailure.of(name(), w, idx, e);
                    }
                    return (long) ResponseCheck.check(name(), w, idx, r.status(), r.body());
                });
            }
            try {
                scope.join();
            } catch (BatchFailure e) {
                throw e;
            } catch (TimeoutException e) {
                int i = 0;
                while (i < n - 1 && StructuredScope.succeeded(subtasks[i])) i++;
                throw new BatchFailure(name(), i, w.uri(i), "no response within the batch deadline of "
                        + w.batchDeadlineMs() + " ms (the client's own timeout did not fire)");
            }
            long bytes = 0;
            for (Object s : subtasks) bytes += (Long) StructuredScope.get(s);
            return new BatchResult(n, bytes);
        }
    }

    @Override
    String describeThreads() {
        return "StructuredTaskScope.open(awaitAllSuccessfulOrThrow, timeout = batch deadline): one virtual thread "
                + "per request forked and joined in one scope per batch; the first failure cancels the others";
    }
}
