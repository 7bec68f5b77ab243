package httpbench.report.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast build's check of the statistics by simulation: each property of {@link SimulationTest} once, at the
 * fewest forks and with about a tenth of its trials (seeded, so the same figures every run), with bounds widened by
 * the larger simulation error (about 3 of its standard errors). The full figures and the committed text are
 * {@link SimulationTest}'s, in -Pfull and CI.
 */
class SimulationSmokeTest {
    @Test
    void theIntervalCoversNearNinetyFivePercent() {
        double c = Simulation.coverage(3, 0.08, 0.02, 500);
        assertTrue(c >= 0.92 && c <= 0.98, "coverage " + c);
    }

    @Test
    void anAaTableRarelyShowsAVerdictAndAThreefoldChangeIsFound() {
        assertTrue(Simulation.aa(3, 200)[0] <= 0.10, "family-wise false verdicts");
        assertTrue(Simulation.power(3, 100)[2] >= 0.95, "3x found at F = 3");
    }

    @Test
    void theEquivalenceTestHoldsItsLevelAndAPlateauIsFlagged() {
        double e = Simulation.equivalence(3, 500)[0];
        assertTrue(e <= 0.09, "equivalent at the margin " + e);
        double h = Simulation.heterogeneity(3, 300)[0];
        assertTrue(h >= 0.85, "plateau found " + h);
    }
}
