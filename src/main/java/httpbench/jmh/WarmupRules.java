package httpbench.jmh;

import java.util.List;

/**
 * The warm-up's stop rules on the windows seen so far (each window: its median and mean batch time, the committed
 * heap at its end, and {compile ms, window ms}), and their settings. {@link SteadyWarmup} runs the windows; the
 * trend test itself is {@link TrendRule}.
 */
final class WarmupRules {
    private WarmupRules() {}

    /** The warm-up measures in windows of at least this long (and {@link #MIN_BATCHES_PER_WINDOW} batches). */
    static final long WINDOW_NANOS = 250_000_000L;
    /** The short real delay of the wait-path warm-up between the code warm-up (latency 0) and the real latency. */
    static final long WAIT_WARMUP_MS = 1;
    static final int MIN_BATCHES_PER_WINDOW = 1;
    static final double IMPROVEMENT = 0.01;
    static final int BLOCK = 6;
    /** A block: the trailing windows that make up at least this much time (6 windows of 250 ms). */
    static final long BLOCK_NANOS = BLOCK * WINDOW_NANOS;
    /** After this long the JIT's quiet is no longer waited for (at 10 requests/s it compiles for a long time). */
    static final long JIT_PATIENCE_NANOS = 5_000_000_000L;
    /** Batches at least this slow (ms, median) count as latency-bound for {@link #JIT_PATIENCE_NANOS}. */
    static final double SLOW_BATCH_MS = 20;
    static final double QUIET_JIT = 0.01;
    /** The code warm-up of a latency-bound row stops once a block improves on the two before it by no more than this. */
    static final double CODE_IMPROVEMENT = 0.05;
    /**
     * A block of the wait-path warm-up (2 windows): it follows the code warm-up, so its window medians are flat from
     * the start and it only has to run the waiting code some thousands of times; with blocks of {@link #BLOCK_NANOS}
     * it stopped at its minimum (4.1-4.7 s: three blocks) in 43 of the 49 forks of the 2026-11-27 default runs (the
     * others: 5.5-8.2 s, 4 of them fresh rows), where 1.5 s runs it a few hundred to a thousand-odd batches, some
     * thousands to ten thousand requests and more.
     */
    static final long WAIT_BLOCK_NANOS = 2 * WINDOW_NANOS;
    /**
     * The wait-path warm-up runs at least this many requests: a serial row at 1 ms (10-12 ms a batch of 10) ran
     * 3,400-3,900 in the 4.5 s of its old minimum, and keeps that; a concurrent row (1.2-1.9 ms a batch) runs more
     * in its 1.5 s minimum anyway.
     */
    static final int WAIT_MIN_REQUESTS = 3_000;
    /**
     * A last block whose mean is more than this many times the best window is disturbed, not steady. Not 2: on 2
     * cores `floor` at latency 0 is bimodal (0.34 ms when client and server threads share a core's wake-ups,
     * 0.7 ms otherwise), and a factor of 2 kept it waiting until the cap.
     */
    static final double DISTURBED = 10;

    /**
     * The JIT no longer stands in the way: it compiled for less than {@link #QUIET_JIT} of the last block, or the
     * row is latency-bound (the server's latency or round trip is on: at a few requests per second its JIT takes
     * long to finish but costs little per batch) with slow batches after {@link #JIT_PATIENCE_NANOS}. A batch that
     * is slow at latency 0 is slow because of its own work (a fresh row's TLS handshakes: 800 ms per batch cold,
     * ~5-25 ms once compiled), so it waits for the JIT like any other: the waiver used to apply to it too, and
     * such rows stopped after 5 s with measured iterations of 17-280 ms in one fork (scripts/protocols.sh, tls).
     */
    static boolean jitDone(List<double[]> jit, long elapsedNanos, double medianMs, boolean latencyBound) {
        return quiet(jit) || (latencyBound && elapsedNanos >= JIT_PATIENCE_NANOS && medianMs >= SLOW_BATCH_MS);
    }

    /**
     * The code warm-up's rule: the last block of window medians is no lower than either of the two blocks before it
     * by more than {@link #CODE_IMPROVEMENT}, and not {@link #DISTURBED}. One-sided and not the trend rule on
     * purpose: this phase only gets the client's code compiled before the steady warm-up at the real latency, which
     * is two-sided and decides; held to the trend rule at ±5 % it took 16-18 s per fork where this takes 8-12 s
     * (2026-12-02 vs 2026-11-27 default runs: 258 vs 150 s of code warm-up per JDK 17 run).
     */
    static boolean codeWarm(List<Double> medians, List<double[]> windows) {
        return blockWarm(medians, windows, BLOCK_NANOS);
    }

    /** {@link #codeWarm}'s rule over blocks of {@link #WAIT_BLOCK_NANOS}: the wait-path warm-up's. */
    static boolean waitWarm(List<Double> medians, List<double[]> windows) {
        return blockWarm(medians, windows, WAIT_BLOCK_NANOS);
    }

    private static boolean blockWarm(List<Double> medians, List<double[]> windows, long blockNanos) {
        int b = block(windows, blockNanos);
        double[] sums = blockSums(medians, b);
        if (improving(sums, CODE_IMPROVEMENT)) return false;
        double best = Double.MAX_VALUE;
        for (double m : medians) best = Math.min(best, m);
        return sums[0] / b <= DISTURBED * best;
    }

    /** The block rule's audit: the last block's change against each of the two before it, or null (too few). */
    static String blockVerdict(List<Double> medians, List<double[]> windows, long blockNanos) {
        int b = block(windows, blockNanos);
        double[] sums = blockSums(medians, b);
        if (sums == null) return null;
        return String.format(java.util.Locale.ROOT,
                "last block of %d windows %+.1f %% vs the one before, %+.1f %% vs the one before that, at most -%d %%: %s",
                b, 100 * (sums[0] / sums[1] - 1), 100 * (sums[0] / sums[2] - 1), Math.round(100 * CODE_IMPROVEMENT),
                blockWarm(medians, windows, blockNanos) ? "warm" : "still improving or disturbed");
    }

    /**
     * How many trailing windows make one block: at least {@link #BLOCK_NANOS} of them and at least 2 (a row whose
     * batch takes a second has one-batch windows: two of them make a block, not six), 0 if there are too few.
     */
    static int block(List<double[]> jit) {
        return block(jit, BLOCK_NANOS);
    }

    /** {@link #block(List)} for blocks of at least {@code blockNanos}. */
    static int block(List<double[]> jit, long blockNanos) {
        double t = 0;
        for (int i = jit.size() - 1, k = 1; i >= 0; i--, k++) {
            t += jit.get(i)[1];
            if (k >= 2 && t >= blockNanos / 1e6) return k;
        }
        return 0;
    }

    /** True when the JIT compiled for less than {@link #QUIET_JIT} of the last block of windows' time. */
    static boolean quiet(List<double[]> jit) {
        int n = jit.size();
        int b = block(jit);
        if (b == 0) return false;
        double c = 0;
        double t = 0;
        for (int i = n - b; i < n; i++) {
            c += jit.get(i)[0];
            t += jit.get(i)[1];
        }
        return c < QUIET_JIT * t;
    }

    /**
     * Steady on both summaries of the windows: the medians ({@link #steady(List, List)}) and the means, whose last
     * block must not improve on the two blocks before it by more than {@link #IMPROVEMENT} either. Why the means too:
     * the median hides what every batch pays now and then, above all young collections, and a row whose GC cost is
     * still falling is not steady: freshJdkAsync on JDK 25 (thousands of short-lived selector threads a second, each
     * leaving a partly used TLAB, so eden fills several times a second) stopped after 13-20 s on flat medians while
     * G1 was still growing the heap (to 2.6 GB at 30 s), and all three forks' measured iterations fell by 15 %
     * (2026-11-26 default run, marked not steady). A stall in the last block makes the means look worse, not
     * better, so this test can only make a warm-up longer.
     */
    static boolean steady(List<Double> medians, List<Double> means, List<double[]> windows) {
        return steady(medians, windows) && !improving(means, windows);
    }

    /**
     * The GC no longer grows the heap: the committed heap did not grow across the last two blocks of windows. Why:
     * while G1 still sizes the heap up, young collections get rarer and every batch cheaper: freshJdkAsync on JDK
     * 25 (eden filling several times a second) grew its heap from 0.4 to 2.6 GB over its first 30 s, and its batch
     * time fell with it (2.69 to 2.30 ms over the five measured iterations of a fork that stopped warming at 20 s
     * on flat window medians and means). For most rows the heap settles within seconds.
     */
    static boolean heapSettled(List<Double> committed, List<double[]> windows) {
        int n = committed.size();
        int b = block(windows);
        if (b == 0 || n < 2 * b + 1) return false;
        return committed.get(n - 1) <= committed.get(n - 1 - 2 * b);
    }

    /**
     * The last block of windows is lower than either of the two blocks before it by more than {@link #IMPROVEMENT}
     * (or there are fewer than three blocks). Why two: comparing with the block just before only, a slow descent
     * (about 1 % per block) is hidden by noise now and then, and the warm-up stopped at the first such comparison:
     * jdkAsync over HTTP/2 at n = 100 on JDK 17 stopped after 17-22 s and both forks' measured iterations then fell by
     * 5-11 % (10.58 to 9.44 ms; scripts/protocols.sh --parts h2, 2026-11-26, marked not steady). Over two blocks
     * such a descent adds up to twice the threshold while the noise does not grow.
     */
    static boolean improving(List<Double> values, List<double[]> windows) {
        return improving(blockSums(values, block(windows)), IMPROVEMENT);
    }

    private static boolean improving(double[] sums, double by) {
        return sums == null || sums[0] < sums[1] * (1 - by) || sums[0] < sums[2] * (1 - by);
    }

    /**
     * The sums of the last block of {@code b} values and of the two blocks before it, or null when there are fewer
     * than three blocks.
     */
    private static double[] blockSums(List<Double> values, int b) {
        int n = values.size();
        if (b == 0 || n < 3 * b) return null;
        double[] sums = new double[3];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < b; i++) sums[k] += values.get(n - 1 - k * b - i);
        }
        return sums;
    }

    /**
     * True when the window medians are flat within their noise: over the trailing windows (at least
     * {@link TrendRule#MIN_TREND_BLOCKS} blocks, more when the windows are noisier, see {@link TrendRule#trendWindows}) the least-squares
     * trend of log(median) has its whole 90 % interval per block within ±{@link #IMPROVEMENT}, no end block sits off
     * the line ({@link TrendRule#STEP_Z}), and the last block is not {@link #DISTURBED}. Why two-sided and noise-scaled: the
     * block comparison it replaces passed any rising series at once and, under 3 % window noise, stopped a
     * 1.5 %-per-block descent in every simulated run; an equivalence test refuses both, and lets noise cost windows
     * instead of deciding.
     */
    static boolean steady(List<Double> means, List<double[]> windows) {
        return steady(means, windows, IMPROVEMENT);
    }

    private static boolean steady(List<Double> medians, List<double[]> windows, double by) {
        TrendRule.Trend t = trend(medians, windows, by, BLOCK_NANOS);
        if (t == null || !t.steady()) return false;
        // flat, but far above the best window seen: a disturbance (a long compile stall, another process), not a
        // plateau; wait for it to pass (seen: serial stopped at 349 ms/batch while a build ran, best 1.3 ms)
        double best = Double.MAX_VALUE;
        for (double m : medians) best = Math.min(best, m);
        int n = medians.size();
        double last = 0;
        for (int i = n - t.perBlock(); i < n; i++) last += medians.get(i);
        return last / t.perBlock() <= DISTURBED * best;
    }

    /**
     * {@link TrendRule#trend} over blocks of at least {@code blockNanos} of window time, or null with fewer than
     * {@link TrendRule#MIN_TREND_BLOCKS} blocks of windows.
     */
    static TrendRule.Trend trend(List<Double> medians, List<double[]> windows, double tolerance, long blockNanos) {
        return TrendRule.trend(medians, block(windows, blockNanos), tolerance);
    }
}
