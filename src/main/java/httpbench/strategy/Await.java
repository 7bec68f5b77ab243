package httpbench.strategy;

import httpbench.workload.BatchFailure;
import httpbench.workload.Workload;

import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waiting on a batch of futures: a failure names its request, the others are cancelled. */
final class Await {
    private Await() {}

    interface Validator<T> {
        int validate(int index, T value);
    }

    static <T> BatchResult all(String strategy, Workload w, Future<? extends T>[] futures, Validator<T> validator)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(w.batchDeadlineMs());
        long bytes = 0;
        for (int i = 0; i < futures.length; i++) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                T value = futures[i].get(left, TimeUnit.NANOSECONDS);
                bytes += validator.validate(i, value);
            } catch (TimeoutException e) {
                cancelAll(futures);
                throw new BatchFailure(strategy, i, w.uri(i), "no response within the batch deadline of "
                        + w.batchDeadlineMs() + " ms (the client's own timeout did not fire)");
            } catch (InterruptedException e) {
                cancelAll(futures);
                throw e;
            } catch (Exception e) {
                cancelAll(futures);
                throw BatchFailure.of(strategy, w, i, e);
            }
        }
        return new BatchResult(futures.length, bytes);
    }

    static void cancelAll(Future<?>[] futures) {
        for (Future<?> f : futures) {
            if (f != null) f.cancel(true);
        }
    }
}
