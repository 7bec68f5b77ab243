package httpbench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up that runs until the batch time stops improving, measured in windows rather than a fixed number of
 * seconds (BenchmarkDotNet's automatic warm-up is the model): batches run in windows of at least
 * {@link #WINDOW_NANOS} and {@link #MIN_BATCHES_PER_WINDOW} batches; it stops once the mean of the last
 * {@link #BLOCK} windows is no longer lower than the mean of the {@link #BLOCK} windows before them by more than
 * {@link #IMPROVEMENT} (a trend over seconds, not window-to-window noise), or at the time cap. Then
 * JMH's own (short) warm-up and measurement follow. Why: a row's JIT warm-up is a number of requests, not of
 * seconds, and differs by client and JDK (the JDK client on 25 needed ~20 s at latency 0 on 2 cores, a fixed
 * warm-up long enough for it would waste minutes on every other row), while at latency 100 ms a row is steady
 * after a few batches.
 */
final class SteadyWarmup {
    static final long WINDOW_NANOS = 250_000_000L;
    static final int MIN_BATCHES_PER_WINDOW = 3;
    static final double IMPROVEMENT = 0.01;
    static final int BLOCK = 6;

    /** What the warm-up did: batches run, seconds spent, window means (ms), whether it settled before the cap. */
    record Outcome(long batches, double seconds, List<Double> windowMeansMs, boolean settled) {}

    private SteadyWarmup() {}

    /** Runs {@code batch} until steady or {@code capNanos} elapsed; a failing batch propagates at once. */
    static Outcome run(Callable<?> batch, long capNanos) throws Exception {
        long t0 = System.nanoTime();
        long batches = 0;
        List<Double> means = new ArrayList<>();
        while (System.nanoTime() - t0 < capNanos) {
            long w0 = System.nanoTime();
            int k = 0;
            while (k < MIN_BATCHES_PER_WINDOW || System.nanoTime() - w0 < WINDOW_NANOS) {
                batch.call();
                k++;
                if (System.nanoTime() - t0 >= capNanos) break;
            }
            batches += k;
            double mean = (System.nanoTime() - w0) / 1e6 / k;
            means.add(mean);
            if (steady(means)) return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, true);
        }
        return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, false);
    }

    /** True when the last block of windows no longer improves on the block before it by more than {@link #IMPROVEMENT}. */
    static boolean steady(List<Double> means) {
        int n = means.size();
        if (n < 2 * BLOCK) return false;
        double last = 0;
        double before = 0;
        for (int i = 0; i < BLOCK; i++) {
            last += means.get(n - 1 - i);
            before += means.get(n - 1 - BLOCK - i);
        }
        return last >= before * (1 - IMPROVEMENT);
    }
}
