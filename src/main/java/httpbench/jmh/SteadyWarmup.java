package httpbench.jmh;

import httpbench.jmh.profile.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static httpbench.jmh.WarmupRules.*;

/**
 * Warm-up that runs until the batch time stops improving, measured in windows rather than a fixed number of
 * seconds (BenchmarkDotNet's automatic warm-up is the model): batches run in windows of at least
 * {@link WarmupRules#WINDOW_NANOS} and {@link WarmupRules#MIN_BATCHES_PER_WINDOW} batches, each summarised by its median batch time (a
 * JIT compilation that stalls a few batches must not make two windows look alike) and by its mean (which must stop
 * falling too, see {@link WarmupRules#steady(List, List, List)}); it stops once the trend of the window medians over the
 * trailing windows is shown flat within ±{@link WarmupRules#IMPROVEMENT} per block (wider where the level comes and goes, see
 * {@link TrendRule#margin}; the trailing windows that make up
 * {@link WarmupRules#BLOCK_NANOS}, at least 2), rises and falls alike, by an interval as wide as the windows' own noise makes it
 * ({@link WarmupRules#steady(List, List)}) AND the JIT compiled for less
 * than {@link WarmupRules#QUIET_JIT} of the last block's time (a compilation still to come would stall a measured iteration:
 * the forks run with {@code -XX:-BackgroundCompilation}; waived after {@link WarmupRules#JIT_PATIENCE_NANOS} for batches of at
 * least {@link WarmupRules#SLOW_BATCH_MS} when the server's delay makes them slow, since at a few requests per second the JIT
 * compiles for a long time at a negligible cost per batch), or at the time cap. Then
 * JMH's own (short) warm-up and measurement follow. Why: a row's JIT warm-up is a number of requests, not of
 * seconds, and differs by client and JDK (the JDK client on 25 needed ~20 s at latency 0 on 2 cores, a fixed
 * warm-up long enough for it would waste minutes on every other row), while at latency 100 ms a row is steady
 * after a few batches. The clock, the JIT's compile time and the heap come from a {@link Machine}: the real one in
 * a fork, a simulated one in tests.
 */
final class SteadyWarmup {

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


    private final Machine machine;

    SteadyWarmup(Machine machine) {
        this.machine = machine;
    }

    /** The in-process server's delay, which the code warm-ups switch off and cut short. */
    interface Delay {
        void off();

        void shortDelay(long ms);

        void on();
    }

    /**
     * A fork's warm-up: with a {@code delay} to switch (a latency-bound row on the in-process server), the code
     * warm-up at latency 0 and the wait-path warm-up at {@link WarmupRules#WAIT_WARMUP_MS}, then the steady warm-up
     * at the real latency; each phase's outcome and audit line printed. The outcome is the steady phase's, with the
     * earlier phases' seconds added and settled only if every phase settled. {@code latencyBound}: see {@link #run}.
     */
    Outcome phases(Callable<?> batch, long capNanos, Delay delay, int requestsPerBatch, boolean latencyBound)
            throws Exception {
        double codeS = 0;
        boolean codeSettled = true; // the code and wait-path phases can hit the cap too
        if (delay != null) {
            // at 100 ms a row sends 10-100 requests per second: its code would still be interpreted, or stall on
            // -XX:-BackgroundCompilation, during the measurement (floor paid ~1.5 ms per request, forks' errors
            // 5-8 %); run it hot at latency 0 first, then settle at the real latency
            delay.off();
            try {
                Outcome c = runCode(batch, capNanos);
                print("code warm-up at latency 0", c);
                // at latency 0 no request ever waits: the parking, timed-wait and wake-up paths are still cold, and
                // at 100 ms they compiled (and deoptimised) during the measured iterations (threadPool on 17: 125
                // compilations, 54 made not entrant, in 5 iterations). At a short real delay they run a hundred
                // times as often.
                delay.shortDelay(WAIT_WARMUP_MS);
                Outcome w = runWaitPath(batch, capNanos, requestsPerBatch);
                print("wait-path warm-up at " + WAIT_WARMUP_MS + " ms", w);
                codeS = c.seconds() + w.seconds();
                codeSettled = c.settled() && w.settled();
            } finally {
                delay.on();
            }
        }
        // latency-bound: the server delays each response (for an external target, as the run declares)
        Outcome o = run(batch, capNanos, latencyBound);
        print("steady warm-up", o);
        return o.after(codeS, codeSettled);
    }

    /** The phase's line in the fork's output, and its audit line (the window series and the rule's verdict). */
    private static void print(String what, Outcome o) {
        List<Double> m = o.windowMediansMs();
        System.out.printf(java.util.Locale.ROOT, "# %s: %d batches in %.1f s, window medians %.3f -> %.3f ms%s%n",
                what, o.batches(), o.seconds(), m.get(0), m.get(m.size() - 1),
                o.settled() ? " (settled)" : " (NOT settled: cap reached; raise -p warmup=SECONDS)");
        // the series and the verdict, so a stop (or a cap) can be checked against the rule afterwards
        System.out.println("# " + what + " trend: " + o.audit());
    }

    /**
     * Runs {@code batch} until steady or {@code capNanos} elapsed; a failing batch propagates at once.
     * {@code latencyBound}: the server delays every response (latency or round trip on), see
     * {@link WarmupRules#jitDone}.
     */
    Outcome run(Callable<?> batch, long capNanos, boolean latencyBound) throws Exception {
        return run(batch, capNanos, w -> {
            TrendRule.Trend t = trend(w.medians(), w.windows(), IMPROVEMENT, BLOCK_NANOS);
            return t == null ? null : t.describe();
        }, w -> steady(w.medians(), w.means(), w.windows()) && heapSettled(w.heap(), w.windows())
                && jitDone(w.windows(), w.elapsedNanos(), w.lastMedianMs(), latencyBound));
    }

    /**
     * The code warm-up of a latency-bound row (at latency 0, then at a short delay, before its real latency): runs
     * until the window medians no longer improve by more than {@link WarmupRules#CODE_IMPROVEMENT} over a block
     * ({@link WarmupRules#codeWarm}), or the cap. Why a looser rule than the measured phase's: these phases only get
     * the client's code compiled before it runs at a few requests per second, where the measured iterations compile
     * in the background on idle cores; the steady warm-up at the real latency that follows, and the steady check of
     * the measured iterations, decide whether the row is steady. Held to the 1 % rule with a settled heap and a
     * quiet JIT, they took 10-38 s per fork, most of a latency-100 row's warm-up, for batches of 100 ms or 1 s of
     * server delay plus well under 1 ms of client work (see the methodology page).
     */
    Outcome runCode(Callable<?> batch, long capNanos) throws Exception {
        return run(batch, capNanos, w -> blockVerdict(w.medians(), w.windows(), BLOCK_NANOS),
                w -> codeWarm(w.medians(), w.windows()));
    }

    /**
     * The wait-path warm-up of a latency-bound row (at a short real delay, after {@link #runCode}): the code
     * warm-up's rule over blocks of {@link WarmupRules#WAIT_BLOCK_NANOS} ({@link WarmupRules#waitWarm}) once at
     * least {@link WarmupRules#WAIT_MIN_REQUESTS} requests ({@code requestsPerBatch} each) have waited, or the cap.
     */
    Outcome runWaitPath(Callable<?> batch, long capNanos, int requestsPerBatch) throws Exception {
        long minBatches = (WAIT_MIN_REQUESTS + requestsPerBatch - 1) / requestsPerBatch;
        return run(batch, capNanos, w -> blockVerdict(w.medians(), w.windows(), WAIT_BLOCK_NANOS),
                w -> w.batches() >= minBatches && waitWarm(w.medians(), w.windows()));
    }

    /**
     * The windows so far, each list one entry per window: its median batch time (ms), its mean (ms, GC pauses
     * included), the committed heap at its end (bytes), and {compile ms, window ms}; then the time since the phase
     * began, the last window's median and the batches run.
     */
    record Windows(List<Double> medians, List<Double> means, List<Double> heap, List<double[]> windows,
            long elapsedNanos, double lastMedianMs, long batches) {}

    /** {@code verdict}: the phase's rule on the windows so far, for the outcome's audit line; {@code stop}: its rule. */
    private Outcome run(Callable<?> batch, long capNanos, java.util.function.Function<Windows, String> verdict,
            java.util.function.Predicate<Windows> stop) throws Exception {
        long t0 = machine.nanoTime();
        long batches = 0;
        List<Double> medians = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<double[]> jit = new ArrayList<>();
        Windows w = new Windows(medians, means, heap, jit, 0, 0, 0);
        while (machine.nanoTime() - t0 < capNanos) {
            long w0 = machine.nanoTime();
            long c0 = machine.compileMs();
            long[] times = window(batch, t0, w0, capNanos);
            int k = times.length;
            batches += k;
            long[] sorted = times.clone();
            java.util.Arrays.sort(sorted);
            double median = (k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0) / 1e6;
            long sum = 0;
            for (long t : times) sum += t;
            medians.add(median);
            means.add(sum / 1e6 / k);
            jit.add(new double[] {machine.compileMs() - c0, (machine.nanoTime() - w0) / 1e6});
            heap.add(machine.committedHeap());
            w = new Windows(medians, means, heap, jit, machine.nanoTime() - t0, median, batches);
            if (stop.test(w)) return outcome(w, t0, true, verdict);
        }
        return outcome(w, t0, false, verdict);
    }

    /** One window: batches until it lasted {@link WarmupRules#WINDOW_NANOS} (and ran its minimum), or the cap. */
    private long[] window(Callable<?> batch, long t0, long w0, long capNanos) throws Exception {
        int k = 0;
        long[] times = new long[64];
        while (k < MIN_BATCHES_PER_WINDOW || machine.nanoTime() - w0 < WINDOW_NANOS) {
            long b0 = machine.nanoTime();
            batch.call();
            if (k == times.length) times = java.util.Arrays.copyOf(times, 2 * k);
            times[k++] = machine.nanoTime() - b0;
            if (machine.nanoTime() - t0 >= capNanos) break;
        }
        return java.util.Arrays.copyOf(times, k);
    }

    private Outcome outcome(Windows w, long t0, boolean settled, java.util.function.Function<Windows, String> verdict) {
        return new Outcome(w.batches(), (machine.nanoTime() - t0) / 1e9, w.medians(), settled, verdict.apply(w));
    }
}
