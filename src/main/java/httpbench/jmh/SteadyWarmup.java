package httpbench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up that runs until the batch time stops improving, measured in windows rather than a fixed number of
 * seconds (BenchmarkDotNet's automatic warm-up is the model): batches run in windows of at least
 * {@link #WINDOW_NANOS} and {@link #MIN_BATCHES_PER_WINDOW} batches, each summarised by its median batch time (a
 * JIT compilation that stalls a few batches must not make two windows look alike) and by its mean (which must stop
 * falling too, see {@link #steady(List, List, List)}); it stops once the mean of the
 * last block of window medians (the trailing windows that make up {@link #BLOCK_NANOS}, at least 2) is no longer
 * lower than the mean of either of the two blocks before it by more
 * than {@link #IMPROVEMENT} (a trend over seconds, not window-to-window noise) AND the JIT compiled for less
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
    record Outcome(long batches, double seconds, List<Double> windowMediansMs, boolean settled) {
        /**
         * The same outcome after earlier phases (the code warm-up at latency 0 and the wait-path warm-up): their
         * seconds added, and settled only if they settled too, since any phase that hit its cap leaves the fork's
         * code or wait paths possibly still warming (reported as {@code warmupCapped}).
         */
        Outcome after(double earlierSeconds, boolean earlierSettled) {
            return new Outcome(batches, seconds + earlierSeconds, windowMediansMs, settled && earlierSettled);
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
        return run(batch, capNanos, (medians, means, heap, jit, elapsed, median, batches) ->
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
        return run(batch, capNanos, (medians, means, heap, jit, elapsed, median, batches) -> codeWarm(medians, jit));
    }

    /**
     * The wait-path warm-up of a latency-bound row (at a short real delay, after {@link #runCode}): the code
     * warm-up's rule over blocks of {@link #WAIT_BLOCK_NANOS} ({@link #waitWarm}) once at least
     * {@link #WAIT_MIN_REQUESTS} requests ({@code requestsPerBatch} each) have waited, or the cap.
     */
    static Outcome runWaitPath(Callable<?> batch, long capNanos, int requestsPerBatch) throws Exception {
        long minBatches = (WAIT_MIN_REQUESTS + requestsPerBatch - 1) / requestsPerBatch;
        return run(batch, capNanos, (medians, means, heap, jit, elapsed, median, batches) ->
                batches >= minBatches && waitWarm(medians, jit));
    }

    /** Whether the windows so far are warm enough to stop ({@link #run(Callable, long, Stop)}). */
    @FunctionalInterface
    interface Stop {
        boolean test(List<Double> medians, List<Double> means, List<Double> heap, List<double[]> jit, long elapsedNanos,
                double lastMedianMs, long batches);
    }

    /**
     * The code warm-up's rule: the last block of window medians is no lower than either of the two blocks before it
     * by more than {@link #CODE_IMPROVEMENT}, and not disturbed (see {@link #steady(List, List)}).
     */
    static boolean codeWarm(List<Double> medians, List<double[]> windows) {
        return steady(medians, windows, CODE_IMPROVEMENT);
    }

    /** {@link #codeWarm}'s rule over blocks of {@link #WAIT_BLOCK_NANOS}: the wait-path warm-up's. */
    static boolean waitWarm(List<Double> medians, List<double[]> windows) {
        return steady(medians, windows, CODE_IMPROVEMENT, WAIT_BLOCK_NANOS);
    }

    private static Outcome run(Callable<?> batch, long capNanos, Stop stop) throws Exception {
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
                return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, true);
            }
        }
        return new Outcome(batches, (System.nanoTime() - t0) / 1e9, means, false);
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

    /** True when the last block of windows no longer improves on the two blocks before it by more than {@link #IMPROVEMENT}. */
    static boolean steady(List<Double> means, List<double[]> windows) {
        return steady(means, windows, IMPROVEMENT);
    }

    private static boolean steady(List<Double> means, List<double[]> windows, double by) {
        return steady(means, windows, by, BLOCK_NANOS);
    }

    private static boolean steady(List<Double> means, List<double[]> windows, double by, long blockNanos) {
        int b = block(windows, blockNanos);
        double[] sums = blockSums(means, b);
        if (improving(sums, by)) return false;
        double last = sums[0];
        // not better, but far above the best window seen: a disturbance (a long compile stall, another process),
        // not a plateau; wait for it to pass (seen: serial stopped at 349 ms/batch while a build ran, best 1.3 ms)
        double best = Double.MAX_VALUE;
        for (double m : means) best = Math.min(best, m);
        return last / b <= DISTURBED * best;
    }
}
