package httpbench.report.stats;

import httpbench.report.readme.ReadmeSections;
import httpbench.report.render.SimulationTable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics by simulation ({@link Simulation}, seeded): every rate within what the method promises, and the
 * committed figures (the README's methodology includes them) are the ones this code gives. Slack of 1 %: about two
 * standard errors of the simulation itself.
 */
@Tag("full") // ~17 s of CPU, a fifth of the fast build on 2 cores; the fast build runs SimulationSmokeTest
public class SimulationTest {
    static Simulation.Figures s;

    @BeforeAll
    static void simulate() {
        s = Simulation.figures();
        System.out.print(SimulationTable.markdown(s));
    }

    @Test
    void theIntervalCoversAtNinetyFivePercentWhateverDominatesTheNoise() {
        for (double[] c : s.coverage()) for (double v : c) assertTrue(v >= 0.93 && v <= 0.97, "coverage " + v);
    }

    @Test
    void anAaTableShowsAFasterOrSlowerRowAtMostFivePercentOfTheTimeAndPreciseRowsAreEquivalent() {
        for (double[] a : s.aa()) {
            assertTrue(a[0] <= 0.06, "family-wise false verdicts " + a[0]);
            assertTrue(a[1] >= 0.95, "precise A/A rows equivalent " + a[1]);
        }
    }

    @Test
    void powerGrowsWithForksAndAThreefoldChangeIsAlwaysFound() {
        double[][] p = s.power();
        for (double[] f : p) assertTrue(f[2] >= 0.95, "3x " + f[2]);
        assertTrue(p[1][1] >= 0.95 && p[2][1] >= 0.95, "50 % at F >= 5");
        assertTrue(p[2][0] >= 0.5 && p[2][0] > p[1][0] && p[1][0] > p[0][0], "10 % grows with F");
    }

    @Test
    void theEquivalenceTestHoldsItsLevelAtTheMargin() {
        for (double[] e : s.equivalence()) assertTrue(e[0] <= 0.06, "equivalent at the margin " + e[0]);
        assertTrue(s.equivalence()[1][1] >= 0.8 && s.equivalence()[2][1] >= 0.95, "truly equal rows found equivalent");
    }

    @Test
    void aForkOnAnotherPlateauIsFlaggedAndHomogeneousForksRarelyAre() {
        for (double[] h : s.heterogeneity()) {
            assertTrue(h[0] >= 0.9, "plateau found " + h[0]);
            assertTrue(h[1] <= 0.05 && h[2] <= 0.05, "false alarms " + h[1] + " / " + h[2]);
        }
    }

    @Test
    void steadinessFlagsTrendsAndStepsAndRarelyASteadyRun() {
        assertTrue(s.steadyFalse() <= 0.05 + 0.014, "false alarms " + s.steadyFalse());
        assertTrue(s.steadyHits()[0] >= 0.95, "trend " + s.steadyHits()[0]);
        assertTrue(s.steadyHits()[1] >= 0.65 && s.steadyHits()[2] >= 0.65, "steps " + s.steadyHits()[1] + " / " + s.steadyHits()[2]);
    }

    @Test
    void theCommittedFiguresAreTheOnesThisCodeGives() throws Exception {
        Path committed = Path.of(ReadmeSections.SIMULATION);
        assertEquals(SimulationTable.markdown(s), Files.readString(committed),
                "stale: run scripts/report.sh simulate --out " + committed + " --force, then scripts/report.sh readme");
    }
}
