package httpbench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-fork steadiness flags by simulation: hit rates for a trend, a late step, and the false-alarm rate of a run
 * of steady forks after the false-discovery control across the run (the README's methodology quotes the "sim:"
 * lines).
 */
class SteadyTest {
    static double[] fork(SplittableRandom rnd, int n, double noise) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = Math.exp(noise * ForkLevelTest.gauss(rnd));
        return f;
    }

    /** A run like the default suite's: 13 rows x 3 forks x 10 iterations; row 0's fork {@code bad} altered. */
    static List<Steady> run(SplittableRandom rnd, double noise, java.util.function.UnaryOperator<double[]> alter) {
        List<Steady> rows = new ArrayList<>();
        for (int r = 0; r < 13; r++) {
            double[][] forks = new double[3][];
            for (int f = 0; f < 3; f++) forks[f] = fork(rnd, 10, noise);
            if (r == 0 && alter != null) forks[1] = alter.apply(forks[1]);
            rows.add(Steady.of(forks));
        }
        return Steady.fdr(rows);
    }

    @Test
    void aRunOfSteadyForksShowsAFlagAtMostFivePercentOfTheTime() {
        SplittableRandom rnd = new SplittableRandom(11);
        int runs = 1000;
        int any = 0;
        for (int k = 0; k < runs; k++) {
            if (run(rnd, 0.03, null).stream().anyMatch(Steady::notSteady)) any++;
        }
        double rate = any / (double) runs;
        System.out.printf(Locale.ROOT, "sim: steadiness false alarms: %.1f %% of runs of 39 steady forks (3 %% noise) "
                + "show any flag%n", 100 * rate);
        assertTrue(rate <= 0.05 + 0.014, "false alarms: " + rate); // 0.014: 2 SE of 1000 runs
    }

    @Test
    void aTrendingForkAndALateStepAreFoundAndNamed() {
        SplittableRandom rnd = new SplittableRandom(12);
        int runs = 500;
        int trend = 0;
        int step = 0;
        int lateDrop = 0;
        String named = "";
        for (int k = 0; k < runs; k++) {
            // +41 % from the first to the last measured iteration (JDK 25 serial, fork 1, 2026-11-27)
            List<Steady> t = run(rnd, 0.03, f -> {
                for (int i = 0; i < f.length; i++) f[i] *= Math.pow(1.41, i / (f.length - 1.0));
                return f;
            });
            if (t.get(0).notSteady()) {
                trend++;
                named = t.get(0).describe();
            }
            // a level 15 % lower from iteration 6 on
            List<Steady> s = run(rnd, 0.03, f -> {
                for (int i = 5; i < f.length; i++) f[i] *= 0.85;
                return f;
            });
            if (s.get(0).notSteady()) step++;
            // -25 % in the last iteration only (JDK 17 threadPool, fork 2)
            List<Steady> d = run(rnd, 0.03, f -> {
                f[f.length - 1] *= 0.75;
                return f;
            });
            if (d.get(0).notSteady()) lateDrop++;
        }
        System.out.printf(Locale.ROOT, "sim: steadiness hits (10 iterations, 3 %% noise, in a run of 39 forks): "
                        + "trend +41 %% %.0f %%, step -15 %% at iteration 6 %.0f %%, last iteration -25 %% %.0f %%%n",
                100.0 * trend / runs, 100.0 * step / runs, 100.0 * lateDrop / runs);
        assertTrue(trend >= 0.95 * runs, "trend found " + trend);
        assertTrue(step >= 0.65 * runs, "step found " + step);
        assertTrue(lateDrop >= 0.65 * runs, "late drop found " + lateDrop);
        assertTrue(named.startsWith("fork #2 trends +"), named);
    }

    @Test
    void aTinyDriftOfAPreciseRowIsNotMaterial() {
        double[] f = new double[10];
        for (int i = 0; i < 10; i++) f[i] = 100 * (1 + 0.002 * i); // +1.8 %, exactly monotone
        Steady s = Steady.of(new double[][] {f, f.clone(), f.clone()});
        assertTrue(s.forks().get(0).trendP() < 1e-5, s.toString());
        assertFalse(s.notSteady(), "a 1.8 % drift is below the 5 % materiality: " + s);
        assertEquals(0.018, s.change(), 0.001);
    }

    @Test
    void mannKendallIsExactForSmallSamples() {
        // n = 4: 24 permutations, S = 6 only for the sorted one: P(|S| >= 6) = 2/24
        assertEquals(2.0 / 24, Steady.mannKendallP(6, 4), 1e-12);
        assertEquals(1.0, Steady.mannKendallP(0, 5), 1e-12);
        // n = 10, monotone: 2 / 10!
        assertEquals(2.0 / 3628800, Steady.mannKendallP(45, 10), 1e-15);
    }

    @Test
    void tooFewIterationsAreNaNeverACrash() {
        Steady s = Steady.of(new double[][] {{1, 2, 3}, {1}});
        assertEquals("n/a", s.label());
        assertEquals("n/a", Steady.of(new double[][] {}).label());
        assertEquals("steady", Steady.of(new double[][] {{1, 1, 1, 1, 1}}).label());
    }
}
