package httpbench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up that runs until the batch time stops improving, measured in windows rather than a fixed number of
 * seconds (BenchmarkDotNet's automatic warm-up is the model): batches run in windows of at least
 * {@link #WINDOW_NANOS} and {@link #MIN_BATCHES_PER_WINDOW} batches, each summarised by its median batch time (a
 * JIT compilation that stalls a few batches must not make two windows look alike) and by its mean (which must stop
 * falling too, see {@link #steady(List, List, List)}); it stops once the trend of the window medians over the
 * trailing windows is shown flat within ±{@link #IMPROVEMENT} per block (wider where the level comes and goes, see
 * {@link #margin}; the trailing windows that make up
 * {@link #BLOCK_NANOS}, at least 2), rises and falls alike, by an interval as wide as the windows' own noise makes it
 * ({@link #steady(List, List)}) AND the JIT compiled for less
 * than {@link #QUIET_JIT} of the last block's time (a compilation still to come would stall a measured iteration:
 * the forks run with {@code -XX:-BackgroundCompilation}; waived after {@link #JIT_PATIENCE_NANOS} for batches of at
 * least {@link #SLOW_BATCH_MS} when the server's delay makes them slow, since at a few requests per second the JIT
 * compiles for a long time at a negligible cost per batch), or at the time cap. Then
 * JMH's own (short) warm-up and measurement follow. Why: a row's JIT warm-up is a number of requests, not of
 * seconds, and differs by client and JDK (the JDK client on 25 needed ~20 s at latency 0 on 2 cores, a fixed
 * warm-up long enough for it would waste minutes on every other row), while at latency 100 ms a row is steady
 * after a few batches.
 */
final class SteadyWarmup {
    static final long WINDOW_NANOS = 250_000_000L;
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
    private static final java.lang.management.CompilationMXBean JIT =
            java.lang.management.ManagementFactory.getCompilationMXBean();

    /** What the warm-up did: batches run, seconds spent, window medians (ms), whether it settled before the cap. */
    record Outcome(long batches, double seconds, List<Double> windowMediansMs, boolean settled, String rule) {
        Outcome(long batches, double seconds, List<Double> windowMediansMs, boolean settled) {
            this(batches, seconds, windowMediansMs, settled, null);
        }

        /**
         * The audit line: every window median (ms, 4 significant digits) and the rule's verdict on the windows it
         * last saw (null: too few windows for it), and "cap" when it stopped there.
         */
        String audit() {
            StringBuilder b = new StringBuilder("window medians (ms):");
            for (double m : windowMediansMs) {
                b.append(' ').append(new java.math.BigDecimal(m).round(new java.math.MathContext(4)).toPlainString());
            }
            b.append("; rule: ").append(rule == null ? "too few windows for it" : rule);
            if (!settled) b.append("; cap");
            return b.toString();
        }

        /**
         * The same outcome after earlier phases (the code warm-up at latency 0 and the wait-path warm-up): their
         * seconds added, and settled only if they settled too, since any phase that hit its cap leaves the fork's
         * code or wait paths possibly still warming (reported as {@code warmupCapped}).
         */
        Outcome after(double earlierSeconds, boolean earlierSettled) {
            return new Outcome(batches, seconds + earlierSeconds, windowMediansMs, settled && earlierSettled, rule);
        }
    }

    private SteadyWarmup() {}

    /** {@link #run(Callable, long, boolean)} for a row whose batches are not slowed by a configured delay. */
    static Outcome run(Callable<?> batch, long capNanos) throws Exception {
        return run(batch, capNanos, false);
    }

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
     * Runs {@code batch} until steady or {@code capNanos} elapsed; a failing batch propagates at once.
     * {@code latencyBound}: the server delays every response (latency or round trip on), see {@link #jitDone}.
     */
    static Outcome run(Callable<?> batch, long capNanos, boolean latencyBound) throws Exception {
        return run(batch, capNanos, (medians, jit) -> {
            Trend t = trend(medians, jit, IMPROVEMENT, BLOCK_NANOS);
            return t == null ? null : t.describe();
        }, (medians, means, heap, jit, elapsed, median, batches) ->
                steady(medians, means, jit) && heapSettled(heap, jit) && jitDone(jit, elapsed, median, latencyBound));
    }

    /**
     * The code warm-up of a latency-bound row (at latency 0, then at a short delay, before its real latency): runs
     * until the window medians no longer improve by more than {@link #CODE_IMPROVEMENT} over a block
     * ({@link #codeWarm}), or the cap. Why a looser rule than the measured phase's: these phases only get the client's
     * code compiled before it runs at a few requests per second, where the measured iterations compile in the
     * background on idle cores; the steady warm-up at the real latency that follows, and the steady check of the
     * measured iterations, decide whether the row is steady. Held to the 1 % rule with a settled heap and a quiet
     * JIT, they took 10-38 s per fork (2026-11-26 default run on JDK 25: 760 of its 1,250 s of warm-up went to the
     * latency-100 rows, whose batches are 100 ms or 1 s of server delay plus well under 1 ms of client work).
     */
    static Outcome runCode(Callable<?> batch, long capNanos) throws Exception {
        return run(batch, capNanos, (medians, jit) -> blockVerdict(medians, jit, BLOCK_NANOS),
                (medians, means, heap, jit, elapsed, median, batches) -> codeWarm(medians, jit));
    }

    /**
     * The wait-path warm-up of a latency-bound row (at a short real delay, after {@link #runCode}): the code
     * warm-up's rule over blocks of {@link #WAIT_BLOCK_NANOS} ({@link #waitWarm}) once at least
     * {@link #WAIT_MIN_REQUESTS} requests ({@code requestsPerBatch} each) have waited, or the cap.
     */
    static Outcome runWaitPath(Callable<?> batch, long capNanos, int requestsPerBatch) throws Exception {
        long minBatches = (WAIT_MIN_REQUESTS + requestsPerBatch - 1) / requestsPerBatch;
        return run(batch, capNanos, (medians, jit) -> blockVerdict(medians, jit, WAIT_BLOCK_NANOS),
                (medians, means, heap, jit, elapsed, median, batches) -> batches >= minBatches && waitWarm(medians, jit));
    }

    /** Whether the windows so far are warm enough to stop ({@link #run(Callable, long, Stop)}). */
    @FunctionalInterface
    interface Stop {
        boolean test(List<Double> medians, List<Double> means, List<Double> heap, List<double[]> jit, long elapsedNanos,
                double lastMedianMs, long batches);
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

    /** {@code verdict}: the phase's rule on the windows so far, for the outcome's audit line. */
    private static Outcome run(Callable<?> batch, long capNanos,
            java.util.function.BiFunction<List<Double>, List<double[]>, String> verdict, Stop stop)
            throws Exception {
        long t0 = System.nanoTime();
        long batches = 0;
        List<Double> means = new ArrayList<>(); // per window: the median batch time (ms)
        List<Double> averages = new ArrayList<>(); // per window: the mean batch time (ms), GC pauses included
        List<Double> heap = new ArrayList<>(); // per window: the committed heap at its end (bytes)
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
            long sum = 0;
            for (int i = 0; i < k; i++) sum += times[i];
            means.add(median);
            averages.add(sum / 1e6 / k);
            jit.add(new double[] {compileMs() - c0, (System.nanoTime() - w0) / 1e6});
            heap.add((double) Runtime.getRuntime().totalMemory());
            if (stop.test(means, averages, heap, jit, System.nanoTime() - t0, median, batches)) {
                return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, true, verdict.apply(means, jit));
            }
        }
        return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, false, verdict.apply(means, jit));
    }

    /** Total JIT compilation time so far (ms); 0 where the JVM does not report it (then only times decide). */
    static long compileMs() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
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

    /** {@link #steady(List, List)} for windows of {@link #WINDOW_NANOS} each. */
    static boolean steady(List<Double> means) {
        List<double[]> d = new ArrayList<>();
        for (int i = 0; i < means.size(); i++) d.add(new double[] {0, WINDOW_NANOS / 1e6});
        return steady(means, d);
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
     * {@link #MIN_TREND_BLOCKS} blocks, more when the windows are noisier, see {@link #trendWindows}) the least-squares
     * trend of log(median) has its whole 90 % interval per block within ±{@link #IMPROVEMENT}, no end block sits off
     * the line ({@link #STEP_Z}), and the last block is not {@link #DISTURBED}. Why two-sided and noise-scaled: the
     * block comparison it replaces passed any rising series at once and, under 3 % window noise, stopped a
     * 1.5 %-per-block descent in every simulated run; an equivalence test refuses both, and lets noise cost windows
     * instead of deciding.
     */
    static boolean steady(List<Double> means, List<double[]> windows) {
        return steady(means, windows, IMPROVEMENT);
    }

    private static boolean steady(List<Double> medians, List<double[]> windows, double by) {
        Trend t = trend(medians, windows, by, BLOCK_NANOS);
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

    /** z of the 90 % two-sided interval: two one-sided tests at 5 %, the equivalence test's usual level. */
    static final double Z = 1.6449;
    /** The trend window is never shorter than this many blocks (the old rule's three). */
    static final int MIN_TREND_BLOCKS = 3;
    /**
     * A step, not a trend: the first or the last block of the trend window is further off the fitted line than this
     * many of its sds (z at 1 %, two-sided). Why: a line fitted across a 10 % step with a block or two of the old
     * level at one end tilts less than the tolerance at 5 % noise and passed (12 % of simulated runs); its end
     * blocks sit well off the line.
     */
    static final double STEP_Z = 2.576;
    /** Nor longer: noisier windows than this allows for wait for the cap rather than for ever-longer fits. */
    static final int MAX_TREND_BLOCKS = 16;

    /**
     * The rule's verdict on the trailing {@code windows} windows: the fitted change of the window median per block
     * ({@code perBlock} windows) and its 90 % interval, as fractions, against {@code ±tolerance}; {@code needed}:
     * how many windows the windows' noise ({@code noise}, log sd per window) asks for.
     */
    record Trend(int windows, int needed, int perBlock, double noise, double change, double lo, double hi,
            double tolerance, boolean step) {
        /** Equivalence: enough windows, no step at an end, and the whole interval within the tolerance, both sides. */
        boolean steady() {
            return windows >= needed && !step && lo > -tolerance && hi < tolerance;
        }

        /** e.g. "-0.12 %/block [-0.48, +0.25] over 36 windows (noise 2.9 %), tolerance ±1 %: steady". */
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%+.2f %%/block [%+.2f, %+.2f] over %d windows%s (blocks of %d, noise %.1f %%), tolerance ±%s %%: %s",
                    100 * change, 100 * lo, 100 * hi, windows, windows < needed ? " of " + needed + " needed" : "",
                    perBlock, 100 * noise, new java.math.BigDecimal(100 * tolerance).setScale(1, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros().toPlainString(),
                    steady() ? "steady" : step ? "a step at an end of the trend window" : lo <= -tolerance && hi >= tolerance ? "too noisy"
                            : hi >= tolerance && lo > -tolerance ? (lo > 0 ? "rising" : "not shown flat (rise?)")
                            : lo <= -tolerance && hi < tolerance ? (hi < 0 ? "falling" : "not shown flat (fall?)")
                            : "too few windows");
        }
    }

    /**
     * The two-sided, noise-scaled trend test (see {@link #steady(List, List)}), or null with fewer than
     * {@link #MIN_TREND_BLOCKS} blocks of windows.
     */
    static Trend trend(List<Double> medians, List<double[]> windows, double tolerance, long blockNanos) {
        int b = block(windows, blockNanos);
        int n = medians.size();
        if (b == 0 || n < MIN_TREND_BLOCKS * b) return null;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.log(medians.get(i));
        // the noise over as many windows as the longest trend window: over three blocks only, a run of quiet
        // windows now and then made the trend window short and its own residuals small, and a rise passed
        double sigma = noise(y, Math.max(0, n - MAX_TREND_BLOCKS * b), n);
        int needed = trendWindows(sigma, b, tolerance);
        int k = Math.min(n, needed);
        double[] fit = ols(y, n - k, n, sigma, b);
        boolean step = Math.abs(fit[3]) > STEP_Z * fit[5] / Math.sqrt(b)
                || Math.abs(fit[4]) > STEP_Z * fit[5] / Math.sqrt(b);
        double margin = margin(y, n, b, sigma, tolerance);
        return new Trend(k, needed, b, sigma, Math.expm1(b * fit[0]), Math.expm1(b * fit[1]), Math.expm1(b * fit[2]),
                margin, step);
    }

    /**
     * The margin per block the trend must be shown within: {@code tolerance}, or {@link #NOISE_MARGIN} of the
     * block-to-block noise when that is larger, at most {@link #MAX_MARGIN} (never below {@code tolerance}). Why:
     * on 2 cores several rows at latency 0 switch between two levels for seconds at a time (serial on JDK 17: window
     * medians 0.83 or 1.08 ms, in runs of 5-20 windows, the client and server threads sharing a core's wake-ups or
     * not), so block means differ by 5-10 % with no trend at all, and a ±1 % margin could never be shown: 10 of the
     * 78 steady warm-ups of the 2026-12-02 default runs hit their 40 s cap that way, and many more ran 30 s. A drift
     * smaller than half the noise between blocks is one the measured iterations (two windows each) cannot show
     * either; the row's fork-level interval carries that noise. Under independent window noise (3-5 %, blocks of 6)
     * the block noise is 1.2-2 %, so the margin stays at the tolerance and the simulated descent and rise tests are
     * unchanged.
     */
    static double margin(double[] y, int n, int b, double sigma, double tolerance) {
        double bn = blockNoise(y, n, b);
        double noise = bn > REGIME * sigma / Math.sqrt(b) ? bn : 0; // beyond what the windows' own noise explains
        return Math.max(tolerance, Math.min(Math.max(tolerance, MAX_MARGIN), NOISE_MARGIN * noise));
    }

    /** The block noise needs this many blocks (fewer: the margin is the tolerance); over 3-5 it is a guess. */
    static final int NOISE_BLOCKS = 8;
    /**
     * A level that comes and goes crosses the median of the block means at least this often; a step crosses it once
     * and a trend once, so neither widens the margin (a late 10 % drop under 5 % noise passed with a block of the
     * old level in the trend window in 8.5 % of simulated runs with no such condition, 5 % with it, as before).
     */
    static final int CROSSINGS = 4;
    /**
     * The block noise widens the margin only beyond this many times what independent window noise would give
     * ({@code sigma / √b}): under 5 % independent noise, an estimate from 8-16 blocks exceeds the window noise's share
     * now and then, and at 2.5 times a 1.5 %-per-block rise passed in 7.5 % of simulated runs (3 times: 3 %).
     */
    static final double REGIME = 3;
    /** The margin is this share of the block-to-block noise when that is above the tolerance. */
    static final double NOISE_MARGIN = 0.5;
    /** The noise-scaled margin never exceeds this per block (the code warm-ups keep their own 5 %). */
    static final double MAX_MARGIN = 0.03;

    /**
     * The noise of block means (log, as a fraction): over the last up to {@link #MAX_TREND_BLOCKS} whole blocks of
     * {@code b} windows, the median absolute difference of successive block means from their mean (a trend shifts
     * every difference alike and so does not count as noise), times 1.4826, over √2; 0 with fewer than
     * {@link #NOISE_BLOCKS} blocks or when the block means cross their median fewer than {@link #CROSSINGS} times.
     */
    static double blockNoise(double[] y, int n, int b) {
        int blocks = Math.min(MAX_TREND_BLOCKS, n / b);
        if (blocks < NOISE_BLOCKS) return 0;
        double[] mean = new double[blocks];
        for (int k = 0; k < blocks; k++) {
            for (int i = 0; i < b; i++) mean[k] += y[n - 1 - k * b - i];
            mean[k] /= b;
        }
        // a level that comes and goes, not a step or a trend: the block means cross their median several times
        double mid = median(mean.clone());
        int crossings = 0;
        for (int k = 1; k < blocks; k++) if ((mean[k - 1] - mid) * (mean[k] - mid) < 0) crossings++;
        if (crossings < CROSSINGS) return 0;
        double[] d = new double[blocks - 1];
        for (int k = 1; k < blocks; k++) d[k - 1] = mean[k - 1] - mean[k];
        double drift = (mean[0] - mean[blocks - 1]) / (blocks - 1); // their mean: the trend's share of each
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i] - drift);
        return 1.4826 * median(d) / Math.sqrt(2);
    }

    private static double median(double[] d) {
        java.util.Arrays.sort(d);
        int m = d.length;
        return m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    }

    /**
     * How many trailing windows the trend is fitted on: enough that, at noise {@code sigma} (log sd per window), the
     * 90 % interval's half-width per block is about half the tolerance (the fitted change then has the other half to
     * fall in: a flat series passes a check about nine times in ten), between {@link #MIN_TREND_BLOCKS} and
     * {@link #MAX_TREND_BLOCKS} blocks. A slope's sd over k windows is sigma·sqrt(12/k³) per window.
     */
    static int trendWindows(double sigma, int perBlock, double tolerance) {
        double perWindow = tolerance / 2 / Z / perBlock; // the slope's sd per window that gives that half-width
        int k = (int) Math.ceil(Math.cbrt(12 * Math.pow(sigma / perWindow, 2)));
        return Math.max(MIN_TREND_BLOCKS * perBlock, Math.min(MAX_TREND_BLOCKS * perBlock, k));
    }

    /**
     * The windows' noise (log sd per window) from the successive differences over {@code [from, to)}: 1.4826 times
     * their median absolute value, over √2. Why differences: a trend barely moves them, and a median ignores the odd
     * stalled window.
     */
    static double noise(double[] y, int from, int to) {
        double[] d = new double[to - from - 1];
        for (int i = from + 1; i < to; i++) d[i - from - 1] = Math.abs(y[i] - y[i - 1]);
        java.util.Arrays.sort(d);
        int m = d.length;
        double med = m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
        return 1.4826 * med / Math.sqrt(2);
    }

    /**
     * Least-squares slope of {@code y} on its index over {@code [from, to)} with its 90 % interval from the residuals
     * (Student's t, k - 2 degrees of freedom; the residual sd at least {@code noiseFloor}): {slope, lower, upper}
     * per window, then the mean residuals of the first and the last {@code blockOf} windows and the sd used. Why least squares and not a robust
     * fit (Theil–Sen was tried): a step of 10 % with three windows of the old level left in a trend window of 36
     * still tilts this line past the tolerance and widens its interval, where a rank-based fit calls the old level
     * an outlier until a quarter of the window is on it; a stalled window delays the stop, it cannot bring it
     * forward.
     */
    static double[] ols(double[] y, int from, int to, double noiseFloor, int blockOf) {
        int k = to - from;
        double mx = (k - 1) / 2.0;
        double my = 0;
        for (int i = from; i < to; i++) my += y[i];
        my /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double dx = i - from - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int i = from; i < to; i++) {
            double r = y[i] - my - slope * (i - from - mx);
            rss += r * r;
        }
        // the residual sd, but never below the noise the longer stretch shows: a few quiet windows are luck
        double sd = Math.max(Math.sqrt(rss / (k - 2)), noiseFloor);
        double half = t95(k - 2) * sd / Math.sqrt(sxx);
        int b = Math.max(1, Math.min(k / MIN_TREND_BLOCKS, blockOf));
        double first = 0;
        double last = 0;
        for (int i = 0; i < b; i++) {
            first += y[from + i] - my - slope * (i - mx);
            last += y[to - 1 - i] - my - slope * (k - 1 - i - mx);
        }
        return new double[] {slope, slope - half, slope + half, first / b, last / b, sd};
    }

    /** Student's t 95 % quantile (the 90 % interval's), Cornish–Fisher from {@link #Z}: within 0.2 % for df ≥ 4. */
    static double t95(int df) {
        double z = Z;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * df * df * df);
    }
}
