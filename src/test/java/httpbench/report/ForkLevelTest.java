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
 * The fork-level estimator, comparison, verdicts and heterogeneity flag, proven by simulation on data whose truth is
 * known (seeded, so a run is repeatable; each test takes well under a second or two). The printed figures
 * ("sim: ...") are the ones the README's methodology quotes.
 */
class ForkLevelTest {
    /**
     * F forks x m iterations: fork level mu·exp(forkSd·z) (fork-to-fork noise), each iteration that times
     * exp(iterSd·e) (iteration noise, lognormal).
     */
    static double[][] sample(SplittableRandom rnd, int forks, int iters, double mu, double forkSd, double iterSd) {
        double[][] out = new double[forks][iters];
        for (int f = 0; f < forks; f++) {
            double level = mu * Math.exp(forkSd * gauss(rnd));
            for (int i = 0; i < iters; i++) out[f][i] = level * Math.exp(iterSd * gauss(rnd));
        }
        return out;
    }

    static double gauss(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian on 17
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** The estimand: exp(E[log fork mean]), by a large simulation (the fork mean of lognormal iterations is not lognormal). */
    static double truth(int iters, double mu, double forkSd, double iterSd) {
        SplittableRandom rnd = new SplittableRandom(99);
        double s = 0;
        int n = 200_000;
        for (int k = 0; k < n; k++) {
            double m = 0;
            for (int i = 0; i < iters; i++) m += Math.exp(iterSd * gauss(rnd));
            s += Math.log(m / iters);
        }
        return mu * Math.exp(s / n);
    }

    static double coverage(int forks, double forkSd, double iterSd, int trials) {
        SplittableRandom rnd = new SplittableRandom(1000L * forks + Math.round(100 * forkSd) + 7919L * Math.round(100 * iterSd));
        double truth = truth(10, 1.0, forkSd, iterSd);
        int in = 0;
        for (int t = 0; t < trials; t++) {
            ForkLevel.Estimate e = ForkLevel.of(sample(rnd, forks, 10, 1.0, forkSd, iterSd));
            if (e.lo() <= truth && truth <= e.hi()) in++;
        }
        return in / (double) trials;
    }

    @Test
    void theIntervalCoversAtNinetyFivePercentWhateverDominatesTheNoise() {
        int trials = 4000;
        List<String> lines = new ArrayList<>();
        for (int f : new int[] {3, 5, 10}) {
            double forkDominated = coverage(f, 0.08, 0.02, trials); // fork CV 8 %, iterations 2 %
            double iterDominated = coverage(f, 0.0, 0.06, trials); // no fork effect, iterations 6 %
            lines.add(String.format(Locale.ROOT, "F=%d: %.1f %% / %.1f %%", f, 100 * forkDominated, 100 * iterDominated));
            assertTrue(forkDominated >= 0.93 && forkDominated <= 0.97, "fork-dominated coverage at F=" + f + ": " + forkDominated);
            assertTrue(iterDominated >= 0.93 && iterDominated <= 0.97, "iteration-dominated coverage at F=" + f + ": " + iterDominated);
        }
        System.out.println("sim: 95 % interval coverage (fork-dominated / iteration-dominated, 10 iterations per fork, "
                + trials + " rows each): " + String.join("; ", lines));
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

    /** One table of rows (each a base and a candidate), judged as one family. */
    static List<Verdicts.Judged> table(SplittableRandom rnd, int rows, int forks, double[] effect, double[] forkSd,
                                       double[] iterSd) {
        List<ForkLevel.Ratio> rs = new ArrayList<>();
        List<Boolean> het = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double[][] b = sample(rnd, forks, 10, 1.0, forkSd[r], iterSd[r]);
            double[][] c = sample(rnd, forks, 10, effect[r], forkSd[r], iterSd[r]);
            rs.add(ForkLevel.ratio(b, c));
            het.add(ForkLevel.of(b).heterogeneous() || ForkLevel.of(c).heterogeneous());
        }
        return Verdicts.judge(rs, het, false);
    }

    /**
     * Twelve rows as in the default suite (2026-12-02 runs): six at latency 0 (fork CV 2-10 %, iterations 3 %),
     * six at latency 100 (fork CV 0.2 %, iterations 0.3 %).
     */
    static final double[] SPREADS = {0.02, 0.04, 0.06, 0.08, 0.10, 0.05, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002};
    static final double[] ITER = {0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003};

    @Test
    void anAaTableShowsAFasterOrSlowerRowAtMostFivePercentOfTheTime() {
        for (int f : new int[] {3, 5, 10}) {
            SplittableRandom rnd = new SplittableRandom(7 + f);
            int tables = 2000;
            int anyFalse = 0;
            int equivalentPrecise = 0;
            double[] none = new double[12];
            java.util.Arrays.fill(none, 1.0);
            for (int t = 0; t < tables; t++) {
                List<Verdicts.Judged> js = table(rnd, 12, f, none, SPREADS, ITER);
                if (js.stream().anyMatch(j -> j.verdict() == Verdicts.Verdict.FASTER || j.verdict() == Verdicts.Verdict.SLOWER)) {
                    anyFalse++;
                }
                for (int r = 6; r < 12; r++) if (js.get(r).verdict() == Verdicts.Verdict.EQUIVALENT) equivalentPrecise++;
            }
            double rate = anyFalse / (double) tables;
            double eq = equivalentPrecise / (6.0 * tables);
            System.out.printf(Locale.ROOT, "sim: A/A tables of 12 rows at F=%d: %.1f %% show any faster/slower; "
                    + "precise rows (0.2 %% fork CV) equivalent within ±5 %%: %.1f %%%n", f, 100 * rate, 100 * eq);
            assertTrue(rate <= 0.05 + 0.01, "family-wise false verdicts at F=" + f + ": " + rate); // 0.01: 2 SE of the simulation
            assertTrue(eq >= 0.95, "precise A/A rows equivalent at F=" + f + ": " + eq);
        }
    }

    @Test
    void powerForTenPercentFiftyPercentAndThreefoldEffectsInATableOfTwelve() {
        List<String> lines = new ArrayList<>();
        for (int f : new int[] {3, 5, 10}) {
            SplittableRandom rnd = new SplittableRandom(31 + f);
            int tables = 1000;
            double[] effects = {1.10, 1.50, 3.0};
            int[] found = new int[3];
            for (int t = 0; t < tables; t++) {
                // rows 0-2 of a latency-0-like table (fork CV 5 %) carry the effects; the rest are null
                double[] eff = new double[12];
                java.util.Arrays.fill(eff, 1.0);
                eff[0] = effects[0];
                eff[1] = effects[1];
                eff[2] = 1 / effects[2]; // a threefold speed-up
                double[] sp = SPREADS.clone();
                sp[0] = sp[1] = sp[2] = 0.05;
                List<Verdicts.Judged> js = table(rnd, 12, f, eff, sp, ITER);
                if (js.get(0).verdict() == Verdicts.Verdict.SLOWER) found[0]++;
                if (js.get(1).verdict() == Verdicts.Verdict.SLOWER) found[1]++;
                if (js.get(2).verdict() == Verdicts.Verdict.FASTER) found[2]++;
            }
            double p10 = found[0] / (double) tables, p50 = found[1] / (double) tables, p3x = found[2] / (double) tables;
            lines.add(String.format(Locale.ROOT, "F=%d: 10 %% %.0f %%, 50 %% %.0f %%, 3x %.0f %%", f, 100 * p10, 100 * p50,
                    100 * p3x));
            assertTrue(p3x >= 0.95, "3x at F=" + f + ": " + p3x);
            if (f >= 5) assertTrue(p50 >= 0.95, "50 % at F=" + f + ": " + p50);
            if (f >= 10) assertTrue(p10 >= 0.5, "10 % at F=" + f + ": " + p10);
        }
        System.out.println("sim: power in a 12-row table (Holm), fork CV 5 %: " + String.join("; ", lines));
    }

    @Test
    void theEquivalenceTestHoldsItsLevelAtTheMarginAndFindsTrueEquality() {
        List<String> lines = new ArrayList<>();
        for (int f : new int[] {3, 5, 10}) {
            SplittableRandom rnd = new SplittableRandom(53 + f);
            int trials = 3000;
            int atMargin = 0;
            int equal = 0;
            for (int t = 0; t < trials; t++) {
                // a true ratio exactly at the margin (1.05) must be called equivalent at most 5 % of the time
                ForkLevel.Ratio m = ForkLevel.ratio(sample(rnd, f, 10, 1, 0.01, 0.01), sample(rnd, f, 10, 1.05, 0.01, 0.01));
                if (m.pEquiv() < Verdicts.ALPHA) atMargin++;
                ForkLevel.Ratio e = ForkLevel.ratio(sample(rnd, f, 10, 1, 0.02, 0.01), sample(rnd, f, 10, 1, 0.02, 0.01));
                if (e.pEquiv() < Verdicts.ALPHA) equal++;
            }
            double a = atMargin / (double) trials, e = equal / (double) trials;
            lines.add(String.format(Locale.ROOT, "F=%d: at the margin %.1f %%, truly equal (fork CV 2 %%) %.0f %%", f,
                    100 * a, 100 * e));
            assertTrue(a <= 0.05 + 0.01, "equivalent at the margin, F=" + f + ": " + a);
            if (f >= 5) assertTrue(e >= 0.8, "truly equal rows found equivalent at F=" + f + ": " + e);
        }
        System.out.println("sim: equivalence (TOST, ±5 %, one row): " + String.join("; ", lines));
    }

    @Test
    void aForkOnAnotherPlateauIsFlaggedAndHomogeneousForksRarelyAre() {
        List<String> lines = new ArrayList<>();
        for (int f : new int[] {3, 5, 10}) {
            SplittableRandom rnd = new SplittableRandom(71 + f);
            int trials = 2000;
            int hits = 0;
            int falseIid = 0;
            int falseSmall = 0;
            for (int t = 0; t < trials; t++) {
                double[][] plateau = sample(rnd, f, 10, 1, 0.02, 0.03);
                for (int i = 0; i < 10; i++) plateau[0][i] *= 1.3; // one fork 30 % slower
                if (ForkLevel.of(plateau).heterogeneous()) hits++;
                if (ForkLevel.of(sample(rnd, f, 10, 1, 0.0, 0.05)).heterogeneous()) falseIid++;
                if (ForkLevel.of(sample(rnd, f, 10, 1, 0.02, 0.03)).heterogeneous()) falseSmall++;
            }
            double h = hits / (double) trials, fi = falseIid / (double) trials, fs = falseSmall / (double) trials;
            lines.add(String.format(Locale.ROOT, "F=%d: hit %.0f %%, false alarm %.1f %% (iterations only) / %.1f %% "
                    + "(fork CV 2 %%)", f, 100 * h, 100 * fi, 100 * fs));
            assertTrue(h >= 0.9, "plateau found at F=" + f + ": " + h);
            assertTrue(fi <= 0.05 && fs <= 0.05, "false alarms at F=" + f + ": " + fi + " / " + fs);
        }
        System.out.println("sim: heterogeneity flag (one fork +30 %, 3 % iteration noise): " + String.join("; ", lines));
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
