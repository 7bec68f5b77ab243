package httpbench.report.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-fork steadiness tests on cases whose answer is known (rates by simulation: SimulationTest). */
public class SteadyTest {
    @Test
    void aFlaggedForkIsNamed() {
        double[] rising = new double[10];
        for (int i = 0; i < 10; i++) rising[i] = 1 + 0.05 * i;
        double[] flat = {1, 1.01, 0.99, 1, 1.01, 0.99, 1, 1.01, 0.99, 1};
        Steady s = Steady.of(new double[][] {flat, rising, flat.clone()});
        assertTrue(s.notSteady(), s.toString());
        assertTrue(s.describe().startsWith("fork #2 trends +45 %"), s.describe());
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
