package httpbench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up that runs until the batch time stops improving, measured in windows rather than a fixed number of
 * seconds (BenchmarkDotNet's automatic warm-up is the model): batches run in windows of at least
 * {@link #WINDOW_NANOS} and {@link #MIN_BATCHES_PER_WINDOW} batches, each summarised by its median batch time (a
 * JIT compilation that stalls a few batches must not make two windows look alike); it stops once the mean of the
 * last {@link #BLOCK} window medians is no longer lower than the mean of the {@link #BLOCK} before them by more
 * than {@link #IMPROVEMENT} (a trend over seconds, not window-to-window noise) AND the JIT compiled for less
 * than {@link #QUIET_JIT} of the last {@link #BLOCK} windows' time (a compilation still to come would stall a
 * measured iteration: the forks run with {@code -XX:-BackgroundCompilation}), or at the time cap. Then
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
    static final double QUIET_JIT = 0.01;
    private static final java.lang.management.CompilationMXBean JIT =
            java.lang.management.ManagementFactory.getCompilationMXBean();

    /** What the warm-up did: batches run, seconds spent, window medians (ms), whether it settled before the cap. */
    record Outcome(long batches, double seconds, List<Double> windowMeansMs, boolean settled) {}

    private SteadyWarmup() {}

    /** Runs {@code batch} until steady or {@code capNanos} elapsed; a failing batch propagates at once. */
    static Outcome run(Callable<?> batch, long capNanos) throws Exception {
        long t0 = System.nanoTime();
        long batches = 0;
        List<Double> means = new ArrayList<>();
        List<double[]> jit = new ArrayList<>(); // per window: {compile ms, window ms}
        while (System.nanoTime() - t0 < capNanos) {
            long w0 = System.nanoTime();
            long c0 = compileMs();
            int k = 0;
            long[] times = new long[64];
            while (k < MIN_BATCHES_PER_WINDOW || System.nanoTime() - w0 < WINDOW_NANOS) {
                long b0 = System.nanoTime();
                batch.call();
                if (k == times.length) times = java.util.Arrays.copyOf(times, 2 * k);
                times[k++] = System.nanoTime() - b0;
                if (System.nanoTime() - t0 >= capNanos) break;
            }
            batches += k;
            long[] sorted = java.util.Arrays.copyOf(times, k);
            java.util.Arrays.sort(sorted);
            double median = (k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0) / 1e6;
            means.add(median);
            jit.add(new double[] {compileMs() - c0, (System.nanoTime() - w0) / 1e6});
            if (steady(means) && quiet(jit)) return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, true);
        }
        return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, false);
    }

    /** Total JIT compilation time so far (ms); 0 where the JVM does not report it (then only times decide). */
    static long compileMs() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    /** True when the JIT compiled for less than {@link #QUIET_JIT} of the last block of windows' time. */
    static boolean quiet(List<double[]> jit) {
        int n = jit.size();
        if (n < BLOCK) return false;
        double c = 0;
        double t = 0;
        for (int i = n - BLOCK; i < n; i++) {
            c += jit.get(i)[0];
            t += jit.get(i)[1];
        }
        return c < QUIET_JIT * t;
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
