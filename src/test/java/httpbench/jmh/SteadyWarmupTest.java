package httpbench.jmh;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steady-state warm-up stops on a plateau, not on a slow descent or on noise, and never runs past its cap. */
class SteadyWarmupTest {

    /** Window means of a JIT-like curve: from 7 ms down to 0.5 ms with a time constant of {@code tau} windows. */
    static List<Double> curve(int windows, double tau, double noise, long seed) {
        Random r = new Random(seed);
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            m.add((0.5 + 6.5 * Math.exp(-i / tau)) * Math.exp(noise * r.nextGaussian()));
        }
        return m;
    }

    /** The first window count at which the rule says steady, or -1. */
    static int stopsAt(List<Double> all) {
        return warmAt(all, WarmupRules::steady);
    }

    @Test
    void stopsOnlyOnceTheCurveHasFlattened() {
        for (long seed = 0; seed < 50; seed++) {
            List<Double> m = curve(160, 10, 0.04, seed);
            int at = stopsAt(m);
            assertTrue(at > 0, "a flat tail must be found steady");
            double trueValue = 0.5 + 6.5 * Math.exp(-at / 10.0);
            assertTrue(trueValue < 0.5 * 1.10, "stopped at window " + at + " where the batch time is still "
                    + trueValue + " ms, > 10 % above the plateau 0.5 ms (seed " + seed + ")");
        }
    }

    /** The first window count (of 250 ms windows) at which {@code rule} says warm enough, or -1. */
    static int warmAt(List<Double> all, java.util.function.BiPredicate<List<Double>, List<double[]>> rule) {
        List<double[]> w = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) w.add(new double[] {0, WarmupRules.WINDOW_NANOS / 1e6});
        for (int n = 1; n <= all.size(); n++) if (rule.test(all.subList(0, n), w.subList(0, n))) return n;
        return -1;
    }

    /** The first window count at which the code warm-up's rule says warm enough, or -1. */
    static int codeWarmAt(List<Double> all) {
        return warmAt(all, WarmupRules::codeWarm);
    }

    @Test
    void theCodeWarmUpStopsNearThePlateauNoLaterThanTheSteadyOne() {
        for (long seed = 0; seed < 50; seed++) {
            List<Double> m = curve(200, 10, 0.04, seed);
            int code = codeWarmAt(m);
            assertTrue(code > 0 && code <= stopsAt(m), "seed " + seed + ": code " + code + ", steady " + stopsAt(m));
            double at = 0.5 + 6.5 * Math.exp(-code / 10.0);
            assertTrue(at < 0.5 * 1.10, "stopped at window " + code + " where the batch time is still " + at
                    + " ms, > 10 % above the plateau (seed " + seed + ")");
        }
        List<Double> falling = new ArrayList<>();
        for (int i = 0; i < 60; i++) falling.add(10 * Math.pow(0.985, i)); // -9 % per block
        assertEquals(-1, codeWarmAt(falling), "a descent of 9 % per block is not warm");
        List<Double> disturbed = new ArrayList<>(List.of(1.3, 1.3, 1.3, 1.3, 1.3, 1.3));
        for (int i = 0; i < 24; i++) disturbed.add(350.0 + i % 2);
        assertEquals(-1, codeWarmAt(disturbed), "a disturbance is not a plateau for the code warm-up either");
        List<Double> gentle = new ArrayList<>();
        for (int i = 0; i < 60; i++) gentle.add(10 * Math.pow(0.9988, i)); // -0.7 % per block
        assertEquals(3 * WarmupRules.BLOCK, codeWarmAt(gentle), "a 0.7 %-per-block drift is warm enough here");
        List<Double> slower = new ArrayList<>();
        for (int i = 0; i < 60; i++) slower.add(10 * Math.pow(0.998, i)); // -1.2 % per block
        assertEquals(3 * WarmupRules.BLOCK, codeWarmAt(slower), "a 1.2 %-per-block drift is warm enough here");
        assertEquals(-1, stopsAt(slower), "but not steady (tolerance 1 % per block)");
    }

    @Test
    void secondLongBatchesMakeBlocksOfTwoWindowsNotSix() {
        List<Double> m = new ArrayList<>(List.of(1030.0, 1021.0, 1020.0, 1019.5, 1020.0, 1019.8));
        List<double[]> oneSecond = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) oneSecond.add(new double[] {0, 1000});
        assertEquals(2, WarmupRules.block(oneSecond));
        assertTrue(WarmupRules.steady(m, oneSecond), "six one-second windows, within 1 % after the first: steady");
        assertFalse(WarmupRules.steady(m.subList(0, 5), oneSecond.subList(0, 5)), "five windows: two blocks only");
        assertFalse(WarmupRules.steady(List.of(1300.0, 1250.0, 1200.0, 1100.0, 1030.0, 1020.0), oneSecond),
                "still improving");
        assertFalse(WarmupRules.steady(List.of(1.3, 1.3, 1.3, 1.3, 350.0, 349.0), oneSecond),
                "not improving, but 270x the best window: a disturbance, not a plateau");
        assertFalse(WarmupRules.steady(List.of(1.3, 1.3, 1.3, 1.3, 1.4, 1.4), oneSecond),
                "8 % higher in the last block: rising, not steady (the one-sided block rule passed it)");
        List<double[]> eight = new ArrayList<>(oneSecond);
        eight.add(new double[] {0, 1000});
        eight.add(new double[] {0, 1000});
        assertTrue(WarmupRules.steady(List.of(1.3, 1.3, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4), eight),
                "flat near the best: steady");
        assertTrue(WarmupRules.steady(List.of(0.34, 0.70, 0.70, 0.70, 0.70, 0.70, 0.70), eight.subList(0, 7)),
                "bimodal on 2 cores (floor at L=0: 0.34 or 0.7 ms): steady at twice the best window");
    }

    @Test
    void aSlowSteadyDescentIsNotMistakenForAPlateau() {
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < 40; i++) m.add(10 * Math.pow(0.985, i)); // -1.5 % per window, -6 % per block
        assertEquals(-1, stopsAt(m));
    }

    @Test
    void aDescentJustPastTheToleranceIsCaughtAndOneWithinItIsNot() {
        // the trend rule's tolerance is 1 % per block: -1.2 % per block (noiseless) is refused, -0.7 % per block is
        // within it now (the block-comparison rule refused it too, since it compared blocks two apart at 1 %; with
        // noise the interval has to fit inside ±1 %, see the simulated tests)
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < 60; i++) m.add(10 * Math.pow(0.998, i));
        assertEquals(-1, stopsAt(m));
        List<Double> gentle = new ArrayList<>();
        for (int i = 0; i < 60; i++) gentle.add(10 * Math.pow(0.9988, i));
        assertEquals(3 * WarmupRules.BLOCK, stopsAt(gentle));
    }

    @Test
    void aNoisyDescentRarelyStopsTheWarmUp() {
        // -1.5 % per block (0.25 % per window) under 1 % noise per window median: compared with the block just
        // before only, noise hid the descent at some point in 196 of these 200 runs (the warm-up stopped during it);
        // the 3 % fall over two blocks it hides in none
        int early = 0;
        for (long seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            List<Double> m = new ArrayList<>();
            for (int i = 0; i < 36; i++) m.add(10 * Math.pow(0.9975, i) * Math.exp(0.01 * r.nextGaussian()));
            if (stopsAt(m) > 0) early++;
        }
        assertTrue(early < 10, "stopped during a 1.5 %-per-block descent in " + early + " of 200");
    }

    @Test
    void flatQuietDataIsSteadyAfterThreeBlocks() {
        // at 1 % window noise the trend window is its minimum, three blocks; at 5 % it takes about eight
        // (simulatedFlatSeriesStopWithinABoundedNumberOfWindows), where the block rule stopped after three or four
        int late = 0;
        for (long seed = 0; seed < 200; seed++) {
            int at = stopsAt(curve(60, 0.001, 0.01, seed));
            assertTrue(at >= 3 * WarmupRules.BLOCK, "needs three blocks for a trend");
            if (at > 5 * WarmupRules.BLOCK) late++;
        }
        assertTrue(late < 20, "noise alone kept the warm-up going past five blocks in " + late + " of 200");
    }

    /** Simulated time (see {@link SimulatedMachine}): the warm-up's loop and rules run in milliseconds. */
    @Test
    void compilationStallsDoNotMakeAStillImprovingRowLookSteady() throws Exception {
        // the typical batch time falls from 4 ms to 1 ms over 5 s, then stays; every 8th batch stalls (a JIT
        // compilation with -XX:-BackgroundCompilation) for just long enough that the MEAN of every 8 batches stays
        // at 6 ms: window means are flat from the start, window medians keep falling for 5 s
        SimulatedMachine clock = new SimulatedMachine();
        AtomicInteger calls = new AtomicInteger();
        SteadyWarmup.Outcome o = new SteadyWarmup(clock).run(() -> {
            double typical = Math.max(1, 4 - 0.6 * clock.seconds());
            clock.spend(calls.incrementAndGet() % 8 == 0 ? 8 * 6 - 7 * typical : typical);
            return null;
        }, 15_000_000_000L, false);
        assertTrue(o.settled(), "the plateau after 5 s must be found");
        assertTrue(o.seconds() >= 5, "stopped after " + o.seconds() + " s, while the typical batch still improved: "
                + o.windowMediansMs());
    }

    /** The fork's outcome adds the earlier phases' seconds and is settled only when every phase settled. */
    @Test
    void anEarlierPhaseThatHitItsCapLeavesTheForkNotSettled() {
        SteadyWarmup.Outcome steady = new SteadyWarmup.Outcome(10, 2.0, List.of(1.0), true);
        SteadyWarmup.Outcome all = steady.after(3.5, true);
        assertEquals(5.5, all.seconds(), 1e-12);
        assertTrue(all.settled());
        assertFalse(steady.after(3.5, false).settled(), "a capped code or wait-path warm-up must survive");
        assertFalse(new SteadyWarmup.Outcome(10, 2.0, List.of(1.0), false).after(0, true).settled());
    }

    /** The first window count at which the wait-path warm-up's rule says warm enough, or -1. */
    static int waitWarmAt(List<Double> all) {
        return warmAt(all, WarmupRules::waitWarm);
    }

    @Test
    void theWaitPathWarmUpNeedsThreeShortBlocksButStillRefusesADescentOrADisturbance() {
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < 30; i++) flat.add(1.4 + 0.01 * (i % 3));
        assertEquals(6, waitWarmAt(flat), "flat medians: three blocks of two 250 ms windows");
        assertEquals(3 * WarmupRules.BLOCK, codeWarmAt(flat), "where the code warm-up takes three blocks of six");
        List<Double> falling = new ArrayList<>();
        for (int i = 0; i < 60; i++) falling.add(10 * Math.pow(0.955, i)); // -9 % per block of 2 windows
        assertEquals(-1, waitWarmAt(falling), "a descent of 9 % per block is not warm");
        List<Double> disturbed = new ArrayList<>(List.of(1.3, 1.3));
        for (int i = 0; i < 24; i++) disturbed.add(350.0 + i % 2);
        assertEquals(-1, waitWarmAt(disturbed), "a disturbance is not a plateau");
    }

    @Test
    void theWaitPathWarmUpRunsItsMinimumOfRequestsEvenWhenFlatEarlier() throws Exception {
        // flat 20 ms batches: the time rule alone would stop after 1.5 s (about 75 batches); 30 requests a batch
        // need 100 batches for WAIT_MIN_REQUESTS
        int perBatch = WarmupRules.WAIT_MIN_REQUESTS / 100;
        SimulatedMachine clock = new SimulatedMachine();
        SteadyWarmup.Outcome o = new SteadyWarmup(clock).runWaitPath(() -> {
            clock.spend(20);
            return null;
        }, 10_000_000_000L, perBatch);
        assertTrue(o.settled());
        assertTrue(o.batches() >= 100 && o.seconds() < 5, o.batches() + " batches in " + o.seconds() + " s");
        // a big batch: the minimum is one batch, the blocks decide (three of 0.5 s)
        SteadyWarmup.Outcome big = new SteadyWarmup(clock).runWaitPath(() -> {
            clock.spend(20);
            return null;
        }, 10_000_000_000L, WarmupRules.WAIT_MIN_REQUESTS);
        assertTrue(big.settled() && big.seconds() >= 1.5 && big.seconds() < 2.5 && big.batches() < 100,
                big.batches() + " batches in " + big.seconds() + " s");
    }

    @Test
    void runRespectsItsCapAndPropagatesFailures() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SimulatedMachine clock = new SimulatedMachine();
        // keeps getting faster: never steady, so the cap must stop it
        SteadyWarmup.Outcome o = new SteadyWarmup(clock).run(() -> {
            clock.spend(Math.max(0, 20 - calls.incrementAndGet() / 10));
            return null;
        }, 1_500_000_000L, false);
        assertFalse(o.settled());
        assertTrue(o.seconds() >= 1.5 && o.seconds() < 1.53, "cap 1.5 s, ran " + o.seconds() + " (one batch past it)");
        assertEquals(calls.get(), o.batches());
        assertThrows(IllegalStateException.class, () -> new SteadyWarmup(clock).run(() -> {
            throw new IllegalStateException("broken batch");
        }, 1_000_000_000L, false));
    }

    /** A JIT that keeps compiling holds a row at latency 0 until the cap, and a latency-bound row only until its patience. */
    @Test
    void aBusyJitHoldsTheWarmUpUntilItsPatienceOnlyWhenTheRowIsLatencyBound() throws Exception {
        for (boolean latencyBound : new boolean[] {false, true}) {
            SimulatedMachine clock = new SimulatedMachine();
            SteadyWarmup.Outcome o = new SteadyWarmup(clock).run(() -> {
                clock.spend(100); // flat 100 ms batches, the JIT compiling 10 % of the time
                clock.compile(10);
                return null;
            }, 20_000_000_000L, latencyBound);
            if (latencyBound) {
                assertTrue(o.settled() && o.seconds() >= WarmupRules.JIT_PATIENCE_NANOS / 1e9 && o.seconds() < 8,
                        "latency-bound: stops after the patience, " + o.seconds() + " s");
            } else {
                assertFalse(o.settled(), "latency 0: waits for the JIT until the cap, " + o.seconds() + " s");
            }
        }
    }

    /** A heap that is still growing holds the warm-up even when the batch times are flat. */
    @Test
    void aGrowingHeapHoldsTheWarmUp() throws Exception {
        SimulatedMachine clock = new SimulatedMachine();
        SteadyWarmup.Outcome o = new SteadyWarmup(clock).run(() -> {
            clock.spend(1);
            if (clock.seconds() < 6) clock.heap((256 + 100 * clock.seconds()) * (1 << 20)); // grows for 6 s
            return null;
        }, 20_000_000_000L, false);
        assertTrue(o.settled() && o.seconds() >= 6, "the heap grew until 6 s; stopped at " + o.seconds() + " s");
    }

    @Test
    void onlyALatencyBoundRowMayStopWhileTheJitStillCompiles() {
        // six 250 ms windows with the JIT compiling half of the time, 6 s in, median batch 100 ms
        java.util.List<double[]> busy = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) busy.add(new double[] {125, 250});
        long sixSeconds = 6_000_000_000L;
        assertTrue(WarmupRules.jitDone(busy, sixSeconds, 100, true), "100 ms batches because the server waits");
        assertFalse(WarmupRules.jitDone(busy, sixSeconds, 100, false),
                "100 ms batches at latency 0 are the client's own work: wait for the JIT");
        assertFalse(WarmupRules.jitDone(busy, 1_000_000_000L, 100, true), "not before the patience runs out");
        assertFalse(WarmupRules.jitDone(busy, sixSeconds, 5, true), "fast batches wait for the JIT");
        java.util.List<double[]> quiet = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) quiet.add(new double[] {1, 250});
        assertTrue(WarmupRules.jitDone(quiet, 1_000_000_000L, 5, false), "a quiet JIT is done at once");
    }
    @Test
    void aFallingMeanUnderFlatMediansIsNotSteady() {
        // eighteen 250 ms windows: the median batch is flat, the mean (GC pauses in it) still falls by 10 % per block
        List<double[]> w = new ArrayList<>();
        for (int i = 0; i < 18; i++) w.add(new double[] {0, 250});
        List<Double> medians = new ArrayList<>();
        List<Double> falling = new ArrayList<>();
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            medians.add(2.3);
            falling.add(i < 6 ? 3.3 : i < 12 ? 3.0 : 2.7);
            flat.add(2.6);
        }
        assertTrue(WarmupRules.steady(medians, w), "the medians alone look steady");
        assertFalse(WarmupRules.steady(medians, falling, w), "the means still fall: not steady");
        assertTrue(WarmupRules.steady(medians, flat, w), "medians and means flat: steady");
        List<Double> stall = new ArrayList<>(flat);
        stall.set(16, 40.0); // a stall in the last block makes its mean worse, never better
        assertTrue(WarmupRules.steady(medians, stall, w));
        assertTrue(WarmupRules.improving(falling, w));
        assertTrue(WarmupRules.improving(flat.subList(0, 17), w.subList(0, 17)), "too few windows count as improving");
    }

    @Test
    void theWarmUpWaitsWhileOccasionalSlowBatchesAreStillGettingCheaper() throws Exception {
        // every 4th batch pays an extra that shrinks to nothing over 4 s (like young collections while G1 grows
        // the heap): the median batch is flat from the start, so on medians alone the warm-up stopped at ~3 s
        SimulatedMachine clock = new SimulatedMachine();
        AtomicInteger calls = new AtomicInteger();
        SteadyWarmup.Outcome o = new SteadyWarmup(clock).run(() -> {
            double s = clock.seconds();
            double extraMs = calls.incrementAndGet() % 4 == 0 ? Math.max(0, 6 * (1 - s / 4)) : 0;
            clock.spend(1 + extraMs);
            return null;
        }, 15_000_000_000L, false);
        assertTrue(o.settled(), "the extra is gone after 4 s: steady before the 15 s cap, ran " + o.seconds());
        assertTrue(o.seconds() >= 3.9, "stopped at " + o.seconds() + " s while the slow batches were still getting "
                + "cheaper (they stop at 4 s)");
    }
    @Test
    void theHeapMustHaveStoppedGrowingForTwoBlocks() {
        List<double[]> w = new ArrayList<>();
        for (int i = 0; i < 14; i++) w.add(new double[] {0, 250}); // blocks of 6 windows
        List<Double> growing = new ArrayList<>();
        List<Double> settled = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            growing.add(400e6 + i * 50e6);
            settled.add(i < 1 ? 400e6 : 800e6);
        }
        assertFalse(WarmupRules.heapSettled(growing, w), "G1 still grows the heap");
        assertTrue(WarmupRules.heapSettled(settled, w), "grew in the first window, before the last two blocks");
        List<Double> shrank = new ArrayList<>(settled);
        shrank.set(13, 600e6);
        assertTrue(WarmupRules.heapSettled(shrank, w), "a shrinking heap does not make batches cheaper");
        assertFalse(WarmupRules.heapSettled(settled.subList(0, 12), w.subList(0, 12)), "two blocks and one window needed");
    }

    // ---- the two-sided, noise-scaled rule on simulated window series (no sleeping) ----

    /** 250 ms windows up to the default cap (-p warmup=auto): the most windows a steady warm-up gets. */
    static final int CAP_WINDOWS = (int) (BenchParams.AUTO_WARMUP_CAP_S * 1_000_000_000L / WarmupRules.WINDOW_NANOS);
    static final int RUNS = 200;
    static final double[] NOISE = {0.03, 0.05};

    /** Window medians {@code level(i) * exp(noise * N(0,1))}: lognormal window noise around a level. */
    static List<Double> simulated(java.util.SplittableRandom r, int n, double noise,
            java.util.function.IntToDoubleFunction level) {
        List<Double> m = new ArrayList<>();
        for (int i = 0; i < n; i++) m.add(level.applyAsDouble(i) * Math.exp(noise * r.nextGaussian()));
        return m;
    }

    static List<double[]> quarterSecondWindows(int n) {
        List<double[]> w = new ArrayList<>();
        for (int i = 0; i < n; i++) w.add(new double[] {0, WarmupRules.WINDOW_NANOS / 1e6});
        return w;
    }

    /**
     * The rule before this one, kept to show what it missed: the last block's mean no more than {@code by} below
     * either of the two blocks before it (one-sided, blind to the noise).
     */
    static boolean oldRule(List<Double> m, List<double[]> unused) {
        int b = WarmupRules.BLOCK;
        int n = m.size();
        if (n < 3 * b) return false;
        double[] sums = new double[3];
        for (int k = 0; k < 3; k++) for (int i = 0; i < b; i++) sums[k] += m.get(n - 1 - k * b - i);
        return !(sums[0] < sums[1] * (1 - WarmupRules.IMPROVEMENT) || sums[0] < sums[2] * (1 - WarmupRules.IMPROVEMENT));
    }

    static String pct(int k) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * k / RUNS);
    }

    @Test
    void simulatedFlatSeriesStopWithinABoundedNumberOfWindows() {
        // the longest trend window and one more block: a flat series should pass within a few checks of having it
        int bound = (TrendRule.MAX_TREND_BLOCKS + 2) * WarmupRules.BLOCK;
        StringBuilder line = new StringBuilder("sim: warm-up rule, flat series, stopped by window " + bound + ":");
        for (double noise : NOISE) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(42);
            int within = 0;
            int old = 0;
            int[] at = new int[RUNS];
            for (int run = 0; run < RUNS; run++) {
                List<Double> m = simulated(r, CAP_WINDOWS, noise, i -> 1.0);
                at[run] = warmAt(m, WarmupRules::steady);
                if (at[run] > 0 && at[run] <= bound) within++;
                if (warmAt(m, SteadyWarmupTest::oldRule) > 0) old++;
            }
            java.util.Arrays.sort(at);
            line.append(String.format(java.util.Locale.ROOT, " noise %.0f %%: %s (median stop at window %d, old rule stops %s);",
                    100 * noise, pct(within), at[RUNS / 2], pct(old)));
            assertTrue(within >= 0.95 * RUNS, "flat at " + noise + ": stopped by window " + bound + " in " + within + " of " + RUNS);
        }
        System.out.println(line);
    }

    /** Runs in which the rule said steady at some window of a series whose level changes throughout, of RUNS. */
    static int[] steadyWhileTrending(double perBlock, double noise, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double perWindow = Math.pow(1 + perBlock, 1.0 / WarmupRules.BLOCK);
        int steady = 0;
        int firstCheck = 0;
        int old = 0;
        for (int run = 0; run < RUNS; run++) {
            List<Double> m = simulated(r, CAP_WINDOWS, noise, i -> Math.pow(perWindow, i));
            int at = warmAt(m, WarmupRules::steady);
            if (at > 0) steady++;
            if (at == 3 * WarmupRules.BLOCK) firstCheck++;
            if (warmAt(m, SteadyWarmupTest::oldRule) > 0) old++;
        }
        return new int[] {steady, firstCheck, old};
    }

    void trending(double perBlock, String what) {
        StringBuilder line = new StringBuilder("sim: warm-up rule, " + what + " (" + (perBlock > 0 ? "+" : "")
                + 100 * perBlock + " % per block for " + CAP_WINDOWS + " windows), declared steady while it moves:");
        for (double noise : NOISE) {
            int[] s = steadyWhileTrending(perBlock, noise, 7);
            line.append(String.format(java.util.Locale.ROOT, " noise %.0f %%: %s, at the first check %s (old rule %s);",
                    100 * noise, pct(s[0]), pct(s[1]), pct(s[2])));
            assertTrue(s[0] <= 0.05 * RUNS, what + " at " + noise + ": steady in " + s[0] + " of " + RUNS);
            assertEquals(0, s[1], what + " at " + noise + ": steady at the first check");
        }
        System.out.println(line);
    }

    @Test
    void simulatedRisingSeriesAreNotSteady() {
        trending(0.015, "rising");
    }

    @Test
    void simulatedSlowDescentsAreNotSteady() {
        trending(-0.015, "slow descent");
    }

    @Test
    void simulatedLateDropIsNotSteadyUntilItHasLeftTheTrendWindow() {
        // flat, then 10 % lower from window 24 on: before the trend window these noise levels need (36, 50), so the
        // rule has not stopped before it
        int drop = 4 * WarmupRules.BLOCK;
        List<int[]> checks = new ArrayList<>();
        StringBuilder line = new StringBuilder("sim: warm-up rule, late drop (flat, -10 % at window " + drop + ", flat):");
        for (double noise : NOISE) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(11);
            List<double[]> w = quarterSecondWindows(CAP_WINDOWS);
            int straddling = 0; // steady with at least a block of each level in the trend window
            int edge = 0; // steady with fewer than a block of the old level at the trend window's start
            int after = 0;
            int before = 0;
            for (int run = 0; run < RUNS; run++) {
                List<Double> m = simulated(r, CAP_WINDOWS, noise, i -> i < drop ? 1.0 : 0.9);
                int at = warmAt(m, WarmupRules::steady); // where the warm-up stops
                if (at < 0) continue;
                if (at <= drop) {
                    before++;
                    continue;
                }
                TrendRule.Trend t = WarmupRules.trend(m.subList(0, at), w.subList(0, at), WarmupRules.IMPROVEMENT,
                        WarmupRules.BLOCK_NANOS);
                int old = drop - (at - t.windows()); // windows of the old level in the trend window
                if (old >= WarmupRules.BLOCK) straddling++;
                else if (old > 0) edge++;
                else after++;
            }
            line.append(String.format(java.util.Locale.ROOT,
                    " noise %.0f %%: stopped before the drop %s, with a block or more of each level in the trend window %s,"
                            + " with 1-%d windows of the old level at its start %s, after the drop had left it %s;",
                    100 * noise, pct(before), pct(straddling), WarmupRules.BLOCK - 1, pct(edge), pct(after)));
            checks.add(new int[] {before, straddling, edge, after});
        }
        System.out.println(line);
        for (int i = 0; i < NOISE.length; i++) {
            double noise = NOISE[i];
            int before = checks.get(i)[0];
            int straddling = checks.get(i)[1];
            assertEquals(0, before, "stopped before the drop at " + noise);
            // not met in full: with fewer than a block of the old level at the trend window's start a line barely
            // tilts, and the warm-up stops there (harmless for what follows: the trend window is at the new level);
            // with a block or more of it the step check catches all at 3 % and all but 5 % at 5 %
            assertTrue(straddling <= 0.05 * RUNS, "steady with a block or more of each level in its trend window in "
                    + straddling + " of " + RUNS + " at " + noise);
        }
    }
    /**
     * The window medians of a real steady warm-up (serial at latency 0, JDK 17, 2026-12-02 default run, its first
     * fork, from its run.log): after the JIT ramp it switches between about 0.83 and 1.08 ms per batch in runs of
     * windows, so with a ±1 % margin it never showed flat and ran to its 40 s cap.
     */
    static final double[] SERIAL_JDK17_BIMODAL = {
            781.2, 43.20, 16.44, 18.77, 12.98, 8.943, 7.343, 5.480, 4.619, 5.463, 3.904, 3.687, 3.770, 4.179, 3.373,
            3.053, 3.371, 3.448, 2.912, 2.972, 4.887, 2.018, 1.838, 1.448, 1.727, 1.398, 1.230, 1.291, 1.093, 1.162,
            1.181, 1.459, 1.262, 1.455, 1.587, 1.601, 1.606, 1.503, 1.418, 1.627, 1.677, 1.373, 1.091, 1.077, 1.110,
            1.109, 1.270, 1.068, 1.069, 1.112, 1.146, 1.230, 1.087, 1.098, 1.076, 1.057, 0.8291, 0.8309, 0.8257,
            0.8538, 0.9290, 1.064, 1.068, 1.075, 1.021, 1.050, 1.068, 1.089, 1.047, 1.073, 1.042, 1.080, 1.066,
            1.092, 1.075, 0.8464, 1.075, 0.8680, 0.8584, 1.070, 1.072, 1.077, 0.8336, 0.8340, 1.044, 0.8409, 0.8183,
            0.8281, 0.9785, 0.8606, 1.077, 1.074, 1.046, 0.8408, 0.8439, 1.083, 1.083, 1.086, 1.059, 1.076, 1.065,
            1.041, 0.8430, 0.8396, 1.033, 1.075, 1.091, 1.055, 1.053, 0.8370, 0.8501, 0.8208, 0.8278, 0.9473, 1.078,
            1.087, 1.098, 1.083, 0.8716, 0.8460, 0.9252, 1.133, 1.085, 1.071, 0.8660, 1.115, 1.431, 1.406, 1.320,
            1.262, 1.316, 1.360, 1.275, 1.246, 1.213, 1.132, 1.213, 1.224, 1.262, 1.258, 0.8641, 1.003
    };

    @Test
    void aSeriesThatSwitchesBetweenTwoLevelsStopsOnANoiseScaledMarginBeforeTheCap() {
        List<Double> m = new ArrayList<>();
        for (double v : SERIAL_JDK17_BIMODAL) m.add(v);
        List<double[]> w = quarterSecondWindows(m.size());
        int at = warmAt(m, WarmupRules::steady);
        assertTrue(at > 0 && at < m.size(), "stops before the cap: " + at);
        TrendRule.Trend t = WarmupRules.trend(m.subList(0, at), w.subList(0, at), WarmupRules.IMPROVEMENT,
                WarmupRules.BLOCK_NANOS);
        assertTrue(t.tolerance() > WarmupRules.IMPROVEMENT && t.tolerance() <= TrendRule.MAX_MARGIN, t.describe());
        // the same verdict held to ±1 % fails: the margin is what lets it stop
        TrendRule.Trend held = new TrendRule.Trend(t.windows(), t.needed(), t.perBlock(), t.noise(), t.change(),
                t.lo(), t.hi(), WarmupRules.IMPROVEMENT, t.step());
        assertFalse(held.steady(), held.describe());
    }

    @Test
    void aStepOrATrendDoesNotWidenTheMarginButALevelThatComesAndGoesDoes() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int b = WarmupRules.BLOCK;
        List<Double> step = simulated(r, 16 * b, 0.05, i -> i < 8 * b ? 1.0 : 0.8);
        List<Double> trend = simulated(r, 16 * b, 0.05, i -> Math.pow(0.99, i));
        List<Double> flat = simulated(r, 16 * b, 0.05, i -> 1.0);
        // two levels 25 % apart, switching with probability 0.15 per window (runs of about 7 windows)
        boolean[] high = new boolean[16 * b];
        for (int i = 1; i < high.length; i++) high[i] = r.nextDouble() < 0.15 != high[i - 1];
        List<Double> twoLevels = simulated(r, 16 * b, 0.02, i -> high[i] ? 1.25 : 1.0);
        for (List<Double> m : List.of(step, trend, flat)) {
            assertEquals(WarmupRules.IMPROVEMENT, WarmupRules.trend(m, quarterSecondWindows(m.size()),
                    WarmupRules.IMPROVEMENT, WarmupRules.BLOCK_NANOS).tolerance(), 1e-12);
        }
        double wide = WarmupRules.trend(twoLevels, quarterSecondWindows(twoLevels.size()), WarmupRules.IMPROVEMENT,
                WarmupRules.BLOCK_NANOS).tolerance();
        assertTrue(wide > WarmupRules.IMPROVEMENT && wide <= TrendRule.MAX_MARGIN, "two levels: " + wide);
    }
}
