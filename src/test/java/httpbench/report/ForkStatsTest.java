package httpbench.report;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fork-level statistics and the steady-state check on synthetic data whose truth is known. */
class ForkStatsTest {
    /** Fewer resamples than the report's default keep the many-trial tests light; the p-value uses the bootstrap SE. */
    static final int B = 2000;

    /** forks x iters lognormal values: mean mu, fork offsets sd forkSd, iteration noise sd iterSd (log scale). */
    static double[][] sample(Random rnd, int forks, int iters, double mu, double forkSd, double iterSd) {
        double[][] out = new double[forks][iters];
        for (int f = 0; f < forks; f++) {
            double fork = mu * Math.exp(forkSd * rnd.nextGaussian());
            for (int i = 0; i < iters; i++) out[f][i] = fork * Math.exp(iterSd * rnd.nextGaussian());
        }
        return out;
    }

    /** The verdicts of one comparison table: one row per (base, candidate) pair, Holm across the rows. */
    static String[] verdicts(double[][][] base, double[][][] cand) {
        ForkStats.Ratio[] r = new ForkStats.Ratio[base.length];
        for (int i = 0; i < base.length; i++) r[i] = ForkStats.ratio(base[i], cand[i], B, ForkStats.SEED);
        return verdicts(r);
    }

    /** The same from ratios already computed (a ratio is a function of its inputs and the fixed seed). */
    static String[] verdicts(ForkStats.Ratio[] r) {
        double[] p = new double[r.length];
        for (int i = 0; i < r.length; i++) p[i] = r[i].p();
        double[] holm = ForkStats.holm(p);
        String[] out = new String[r.length];
        for (int i = 0; i < r.length; i++) out[i] = Compare.verdict(r[i], holm[i]);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ steady state

    @Test
    void trendingIterationsAreFlaggedFlatNoisyOnesRarely() {
        Random rnd = new Random(7);
        int trials = 1000;
        int falseFlags = 0;
        int found = 0;
        for (int k = 0; k < trials; k++) {
            int forks = 2 + rnd.nextInt(4);
            // flat: lognormal noise, fork offsets larger than the noise
            if (Steady.of(sample(rnd, forks, 5, 10, 0.1, 0.05)).notSteady()) falseFlags++;
            // trending: 20 % faster from the first to the last measured iteration, 3 % noise
            double[][] t = sample(rnd, forks, 5, 10, 0.1, 0.03);
            for (double[] f : t) for (int i = 0; i < f.length; i++) f[i] *= 1 - 0.05 * i;
            if (Steady.of(t).notSteady()) found++;
        }
        System.out.printf("steady check: %d of %d flat rows flagged, %d of %d trending rows found%n", falseFlags,
                trials, found, trials);
        assertTrue(falseFlags <= 0.02 * trials, "flat rows flagged: " + falseFlags + " of " + trials);
        assertTrue(found >= 0.95 * trials, "trending rows found: " + found + " of " + trials);
        // a tiny but significant drift of a very precise row is not flagged: 1 % over the iterations, 0.01 % noise
        double[][] precise = sample(rnd, 3, 10, 10, 0.001, 0.0001);
        for (double[] f : precise) for (int i = 0; i < f.length; i++) f[i] *= 1 + 0.01 * i / 9;
        Steady s = Steady.of(precise);
        assertTrue(s.p() < Steady.P && !s.notSteady(), s.toString());
        assertEquals(0.01, s.change(), 0.002);
    }

    /** One run's rows checked as a family (what {@link RunFile#read} does), or each alone. */
    static List<Steady> checked(double[][][] rows, boolean perRow) {
        List<Steady> each = Arrays.stream(rows).map(Steady::of).toList();
        return perRow ? each : Steady.holm(each);
    }

    /** How many of one run's rows are flagged. */
    static int flagged(double[][][] rows, boolean perRow) {
        return (int) checked(rows, perRow).stream().filter(Steady::notSteady).count();
    }

    @Test
    void aTableOfSteadyRowsRarelyShowsAnyFlag() {
        // 12 flat rows per run, as the HTTP/2 study's: 2 forks x 5 iterations, fork offsets, 2-6 % iteration noise.
        // Tested row by row at 1 %, some table in a handful shows a flag by chance; across the run, at most ~1 %
        Random rnd = new Random(23);
        int tables = 1000;
        int anyPerRow = 0;
        int anyFamily = 0;
        for (int k = 0; k < tables; k++) {
            double[][][] rows = new double[12][][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = sample(rnd, 2, 5, 0.2 + 100 * rnd.nextDouble(), 0.05, 0.02 + 0.04 * rnd.nextDouble());
            }
            if (flagged(rows, true) > 0) anyPerRow++;
            if (flagged(rows, false) > 0) anyFamily++;
        }
        System.out.printf("steady check, tables of 12 flat rows: any flag in %d of %d tested per row, %d across "
                + "the run%n", anyPerRow, tables, anyFamily);
        assertTrue(anyFamily <= 0.02 * tables, "tables with a false flag: " + anyFamily + " of " + tables);
        assertTrue(anyPerRow > anyFamily, "the correction must matter: " + anyPerRow + " vs " + anyFamily);
    }

    @Test
    void aRealTrendAmongSteadyRowsIsStillFlagged() {
        // one row falls by 10 % across its measured iterations (3 forks, 2 % noise, the default run's shape) among
        // 17 flat ones; and a lone row is judged as before, at 1 %
        Random rnd = new Random(29);
        int tables = 500;
        int found = 0;
        int others = 0;
        for (int k = 0; k < tables; k++) {
            double[][][] rows = new double[18][][];
            for (int i = 0; i < rows.length; i++) rows[i] = sample(rnd, 3, 5, 1 + 10 * rnd.nextDouble(), 0.05, 0.02);
            for (double[] f : rows[7]) for (int i = 0; i < f.length; i++) f[i] *= Math.pow(0.9, i / 4.0);
            List<Steady> checked = checked(rows, false);
            if (checked.get(7).notSteady()) found++;
            for (int i = 0; i < rows.length; i++) if (i != 7 && checked.get(i).notSteady()) others++;
        }
        assertTrue(found >= 0.95 * tables, "trending row found in " + found + " of " + tables + " tables");
        assertTrue(others <= 0.01 * tables, "flat rows flagged: " + others);
        Steady lone = Steady.of(new double[][] {{1.00, 0.98, 0.97, 0.95, 0.93}, {1.10, 1.07, 1.06, 1.04, 1.02}});
        assertEquals(lone.p(), Steady.holm(List.of(lone)).get(0).pFamily(), 0.0);
        assertTrue(lone.notSteady(), lone.toString());
        // the same p among eleven other rows with no trend at all: the level holds across the twelve
        List<Steady> twelve = new ArrayList<>();
        twelve.add(new Steady(true, -0.07, 0.005, 0.005));
        for (int i = 0; i < 11; i++) twelve.add(new Steady(true, 0.01, 0.5 + i * 0.04, 0.5 + i * 0.04));
        twelve.add(Steady.NA);
        List<Steady> adj = Steady.holm(twelve);
        assertEquals(0.06, adj.get(0).pFamily(), 1e-12, "12 tests (the n/a row is not one): 12 x 0.005");
        assertFalse(adj.get(0).notSteady());
        assertEquals("n/a", adj.get(12).label());
    }

    @Test
    void tooFewIterationsAreNaNeverACrash() {
        assertEquals("n/a", Steady.of(new double[][] {{5}}).label());
        assertEquals("n/a", Steady.of(new double[][] {{5}, {6}, {7}}).label());
        assertEquals("n/a", Steady.of(new double[][] {{5, 6}}).label());
        assertEquals("n/a", Steady.of(new double[0][]).label());
        assertEquals("n/a", Steady.of(new double[][] {{5, 0, 6}}).label(), "not a time");
        assertTrue(Steady.of(new double[][] {{5, 5.1, 4.9}}).applicable(), "one fork of three iterations: testable");
        assertEquals("steady", Steady.of(new double[][] {{5, 5, 5}, {6, 6, 6}}).label(), "flat, no noise");
        assertEquals("not steady", Steady.of(new double[][] {{5, 4, 3}, {6, 5, 4}}).label(), "exact trend, no noise");
    }

    // ------------------------------------------------------------------------------------------------ compare

    @Tag("full") // ~5 s of simulation; the other compare tests run in the fast build
    @Test
    void aaComparisonsOfEighteenRowsRarelyGiveAnyVerdict() {
        // (a) the same distribution on both sides, 3-5 forks x 5 iterations, fork spread >= iteration spread:
        // the rate of tables with ANY faster/slower must stay at the family-wise 5 %
        Random rnd = new Random(11);
        int tables = 200;
        int rows = 18;
        int anyVerdict = 0;
        int rowRejections = 0;
        int tested = 0;
        for (int k = 0; k < tables; k++) {
            // each ratio computed once, for its own p and for the table's verdicts (it took half the class's time
            // to compute every one twice: the same inputs and seed give the same ratio)
            ForkStats.Ratio[] ratios = new ForkStats.Ratio[rows];
            for (int i = 0; i < rows; i++) {
                double mu = 1 + 100 * rnd.nextDouble();
                double forkSd = 0.03 + 0.07 * rnd.nextDouble();
                double iterSd = 0.01 + (forkSd - 0.01) * rnd.nextDouble();
                double[][] base = sample(rnd, 3 + rnd.nextInt(3), 5, mu, forkSd, iterSd);
                double[][] cand = sample(rnd, 3 + rnd.nextInt(3), 5, mu, forkSd, iterSd);
                ForkStats.Ratio r = ForkStats.ratio(base, cand, B, ForkStats.SEED);
                ratios[i] = r;
                tested++;
                if (r.p() < 0.05) rowRejections++;
            }
            if (Arrays.stream(verdicts(ratios)).anyMatch(v -> v.equals("faster") || v.equals("slower"))) {
                anyVerdict++;
            }
        }
        System.out.printf("A/A: %d of %d tables with a verdict; %d of %d rows with p < 0.05%n", anyVerdict, tables,
                rowRejections, tested);
        assertTrue(anyVerdict <= 0.05 * tables, "tables with a false verdict: " + anyVerdict + " of " + tables);
        // and each row's own test (before Holm) is not wildly liberal either
        assertTrue(rowRejections <= 0.08 * tested, "rows with p < 0.05: " + rowRejections + " of " + tested);
    }

    @Test
    void aTrueTwofoldDifferenceWithFiveForksIsFound() {
        // (b) 18 rows, one of them 2x slower in the candidate: found, and only that one
        Random rnd = new Random(13);
        double[][][] base = new double[18][][];
        double[][][] cand = new double[18][][];
        for (int i = 0; i < 18; i++) {
            base[i] = sample(rnd, 5, 5, 10, 0.1, 0.05);
            cand[i] = sample(rnd, 5, 5, i == 4 ? 20 : 10, 0.1, 0.05);
        }
        String[] v = verdicts(base, cand);
        assertEquals("slower", v[4], Arrays.toString(v));
        assertEquals(17, Arrays.stream(v).filter(x -> x.equals("no significant difference")).count(), Arrays.toString(v));
        ForkStats.Ratio r = ForkStats.ratio(base[4], cand[4]);
        assertTrue(r.lo() > 1.5 && r.hi() < 2.7 && r.lo() < r.ratio() && r.ratio() < r.hi(), r.toString());
        assertEquals("faster", verdicts(new double[][][] {cand[4]}, new double[][][] {base[4]})[0]);
    }

    @Test
    void forkOffsetsAreNotMistakenForADifference() {
        // (c) forks differ a lot, iterations within a fork are tight: the flattened iterations look like 45
        // independent values each and a flattened t-test (the old rule) calls a difference; the forks do not
        double[] baseForks = {9, 10, 11, 12};
        double[] candForks = {9.6, 10.6, 11.6, 12.6};
        Random rnd = new Random(17);
        double[][] base = new double[4][];
        double[][] cand = new double[4][];
        for (int f = 0; f < 4; f++) {
            final int ff = f;
            base[f] = rnd.doubles(15).map(u -> baseForks[ff] * Math.exp(0.005 * rnd.nextGaussian())).toArray();
            cand[f] = rnd.doubles(15).map(u -> candForks[ff] * Math.exp(0.005 * rnd.nextGaussian())).toArray();
        }
        double[] flatB = Arrays.stream(base).flatMapToDouble(Arrays::stream).map(Math::log).toArray();
        double[] flatC = Arrays.stream(cand).flatMapToDouble(Arrays::stream).map(Math::log).toArray();
        assertTrue(new TTest().tTest(flatB, flatC) < 0.05, "the old flattened test would call it");
        ForkStats.Ratio r = ForkStats.ratio(base, cand);
        assertTrue(r.p() > 0.05 && r.lo() < 1 && r.hi() > 1, r.toString());
        assertEquals("no significant difference", verdicts(new double[][][] {base}, new double[][][] {cand})[0]);
        ForkStats.Components c = ForkStats.components(base, cand);
        assertTrue(c.forkCv() > 10 * c.iterCv(), c.toString());
    }

    @Test
    void fewerThanTwoForksIsNaAndIdenticalSidesAreNoDifference() {
        double[][] one = {{10, 10.1, 9.9}};
        double[][] two = {{10, 10.1, 9.9}, {10.2, 10.3, 10.1}};
        ForkStats.Ratio r = ForkStats.ratio(one, two);
        assertEquals(Arrays.stream(two).flatMapToDouble(Arrays::stream).average().orElseThrow() / 10, r.ratio(), 1e-12);
        assertFalse(r.testable());
        assertEquals("n/a (needs ≥ 2 forks per side)", Compare.verdict(r, Double.NaN));
        assertEquals("n/a", Compare.verdict(ForkStats.ratio(new double[0][], two), Double.NaN));
        ForkStats.Ratio same = ForkStats.ratio(two, two);
        assertEquals(1, same.ratio(), 1e-12);
        assertTrue(same.lo() < 1 && same.hi() > 1 && same.p() > 0.5, same.toString());
        ForkStats.Ratio exact = ForkStats.ratio(new double[][] {{3, 3}, {3, 3}}, new double[][] {{4, 4}, {4, 4}});
        assertEquals(0, exact.p(), "no spread at all: the ratio is what it is");
        assertEquals("n/a", ForkStats.components(one).forksLabel(), "one fork: no between-fork variance");
    }

    @Test
    void holmAdjustsStepDownAndSkipsNa() {
        double[] adj = ForkStats.holm(new double[] {0.01, 0.04, 0.03, Double.NaN});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, Double.NaN}, adj, 1e-12);
        assertArrayEquals(new double[] {0.5}, ForkStats.holm(new double[] {0.5}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, ForkStats.holm(new double[] {0.6, 0.7}), 1e-12);
    }

    @Test
    void varianceComponentsRecoverTheSpreadAndGiveTheForksNeeded() {
        Random rnd = new Random(19);
        ForkStats.Components c = ForkStats.components(sample(rnd, 200, 10, 10, 0.1, 0.05),
                sample(rnd, 200, 10, 20, 0.1, 0.05));
        assertEquals(0.1, c.forkCv(), 0.015);
        assertEquals(0.05, c.iterCv(), 0.003);
        // per fork: 0.1² + 0.05²/10; 95 % half-width of the log ratio t·sqrt(2·that/F·F/(F-1)) ≤ log(1.05): F ≈ 36
        assertTrue(c.forksFor5pct() >= 28 && c.forksFor5pct() <= 42, c.toString());
        ForkStats.Components tight = ForkStats.components(sample(rnd, 50, 10, 10, 0.005, 0.01));
        assertTrue(tight.forksFor5pct() <= 3, tight.toString());
    }
}
