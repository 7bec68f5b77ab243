package httpbench.report.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fork-level estimator, comparison and verdicts on small cases whose answer is known (rates: SimulationTest). */
public class ForkLevelTest {
    static double[][] sample(SplittableRandom rnd, int forks, int iters, double mu, double forkSd, double iterSd) {
        return Simulation.sample(rnd, forks, iters, mu, forkSd, iterSd);
    }

    @Test
    void theEstimateIsTheGeometricMeanOfTheForkMeansAndItsIntervalIsStudentsT() {
        double[][] forks = {{1.0, 1.2}, {1.5, 1.5}, {2.0, 2.2}};
        ForkLevel.Estimate e = ForkLevel.of(forks);
        double[] m = {1.1, 1.5, 2.1};
        double[] y = {Math.log(1.1), Math.log(1.5), Math.log(2.1)};
        double ybar = (y[0] + y[1] + y[2]) / 3;
        double sd = Math.sqrt(((y[0] - ybar) * (y[0] - ybar) + (y[1] - ybar) * (y[1] - ybar) + (y[2] - ybar) * (y[2] - ybar)) / 2);
        double t = 4.302652729911275; // t(0.975, 2)
        assertEquals(Math.exp(ybar), e.est(), 1e-12);
        assertEquals(Math.exp(ybar - t * sd / Math.sqrt(3)), e.lo(), 1e-9);
        assertEquals(Math.exp(ybar + t * sd / Math.sqrt(3)), e.hi(), 1e-9);
        assertEquals(3, e.forks());
        assertEquals(m[2] / m[0] - 1, e.spread(), 1e-12);
        // one fork: a number, no interval
        ForkLevel.Estimate one = ForkLevel.of(new double[][] {{2, 2}});
        assertEquals(2, one.est(), 1e-12);
        assertFalse(one.hasInterval());
    }

    @Test
    void identicalForksGiveNoVerdictAndTooFewForksAreNa() {
        double[][] same = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        double[][] other = {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}};
        ForkLevel.Ratio r = ForkLevel.ratio(same, other);
        assertFalse(r.testable(), "a quantised timer (no spread at all) is not a test: " + r);
        List<Verdicts.Judged> js = Verdicts.judge(List.of(r), List.of(false), false);
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, js.get(0).verdict());
        assertTrue(js.get(0).label().startsWith("inconclusive (no spread"), js.get(0).label());
        ForkLevel.Ratio one = ForkLevel.ratio(new double[][] {{1, 1.1}}, other);
        assertEquals(Verdicts.Verdict.NA, Verdicts.judge(List.of(one), List.of(false), false).get(0).verdict());
        assertEquals(2.0, ForkLevel.ratio(same, other).ratio(), 1e-12);
    }

    @Test
    void aHeterogeneousRowGetsNoEquivalentVerdict() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] b = sample(rnd, 20, 10, 1, 0.001, 0.001);
        double[][] c = sample(rnd, 20, 10, 1, 0.001, 0.001);
        ForkLevel.Ratio r = ForkLevel.ratio(b, c);
        assertEquals(Verdicts.Verdict.EQUIVALENT, Verdicts.judge(List.of(r), List.of(false), false).get(0).verdict());
        assertEquals(Verdicts.Verdict.INCONCLUSIVE, Verdicts.judge(List.of(r), List.of(true), false).get(0).verdict());
    }

    @Test
    void holmAndBenjaminiHochbergAdjustAsPublishedAndSkipNa() {
        double[] p = {0.01, Double.NaN, 0.04, 0.03};
        double[] h = ForkLevel.holm(p);
        assertEquals(0.03, h[0], 1e-12); // 3 tests: 3 x 0.01
        assertTrue(Double.isNaN(h[1]));
        assertEquals(0.06, h[3], 1e-12); // 2 x 0.03
        assertEquals(0.06, h[2], 1e-12); // max(0.06, 1 x 0.04)
        double[] q = ForkLevel.bh(p);
        assertEquals(0.03, q[0], 1e-12); // 0.01 x 3 / 1
        assertEquals(0.04, q[3], 1e-12); // min(0.03 x 3 / 2, 0.04)
        assertEquals(0.04, q[2], 1e-12);
    }

    @Test
    void forksForTheTargetGrowWithTheSpread() {
        SplittableRandom rnd = new SplittableRandom(3);
        ForkLevel.Estimate tight = ForkLevel.of(sample(rnd, 3, 10, 1, 0.005, 0.005));
        ForkLevel.Estimate loose = ForkLevel.of(sample(rnd, 3, 10, 1, 0.10, 0.01));
        assertTrue(tight.meets(0.05), tight.toString());
        assertFalse(loose.meets(0.05));
        assertTrue(loose.forksFor(0.05) > 10, "10 % fork CV needs many forks: " + loose.forksFor(0.05));
        assertTrue(tight.forksFor(0.05) <= 3);
    }
}
