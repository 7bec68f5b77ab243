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

    /** Starts request i of the batch without waiting for it. */
    interface Sender<T> {
        Future<? extends T> send(int index) throws Exception;
    }

    /** The batch: its n requests started one after another (none awaited), then all awaited and validated. */
    static <T> BatchResult sent(String strategy, Workload w, Sender<T> sender, Validator<T> validator)
            throws Exception {
        @SuppressWarnings("unchecked")
        Future<? extends T>[] futures = new Future[w.requests()];
        for (int i = 0; i < futures.length; i++) futures[i] = sender.send(i);
        return all(strategy, w, futures, validator);
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
                drain(futures, deadline);
                throw new BatchFailure(strategy, i, w.uri(i), "no response within the batch deadline of "
                        + w.batchDeadlineMs() + " ms (the client's own timeout did not fire)");
            } catch (InterruptedException e) {
                cancelAll(futures);
                throw e;
            } catch (Exception e) {
                drain(futures, deadline);
                throw BatchFailure.of(strategy, w, i, e);
            }
        }
        return new BatchResult(futures.length, bytes);
    }

    /**
     * After a failure, lets the other requests of the batch finish (each is bounded by the client's timeout,
     * all by the batch deadline) instead of interrupting them: an interrupted blocking send can leave an
     * exchange half-done that keeps its connection and client alive past close(). Nothing outlives the batch.
     */
    static void drain(Future<?>[] futures, long deadlineNanos) throws InterruptedException {
        for (Future<?> f : futures) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) break;
            try {
                f.get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException
                     | TimeoutException e) {
                // already failed, or will be cancelled below
            }
        }
        cancelAll(futures);
    }

    static void cancelAll(Future<?>[] futures) {
        for (Future<?> f : futures) {
            if (f != null) f.cancel(true);
        }
    }
}
