package httpbench.report.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The statistics proven by simulation on data whose truth is known (seeded: the same figures every time): interval
 * coverage, the family-wise false-verdict rate of A/A tables, power, the equivalence test's error rates, and the
 * heterogeneity and steadiness flags' hit and false-alarm rates. The tests ({@code SimulationTest}) assert each
 * rate; {@code scripts/report.sh simulate} writes them as Markdown, which the README's methodology includes
 * (generated, checked by {@code report readme --check}).
 */
public final class Simulation {
    private Simulation() {}

    /** Forks per row the figures are given for. */
    public static final int[] FORKS = {3, 5, 10};

    /**
     * F forks x m iterations: fork level mu·exp(forkSd·z) (fork-to-fork noise), each iteration that times
     * exp(iterSd·e) (iteration noise, lognormal).
     */
    public static double[][] sample(SplittableRandom rnd, int forks, int iters, double mu, double forkSd, double iterSd) {
        double[][] out = new double[forks][iters];
        for (int f = 0; f < forks; f++) {
            double level = mu * Math.exp(forkSd * gauss(rnd));
            for (int i = 0; i < iters; i++) out[f][i] = level * Math.exp(iterSd * gauss(rnd));
        }
        return out;
    }

    /** A standard normal draw (Box–Muller: SplittableRandom has no nextGaussian on 17). */
    public static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** The estimand: exp(E[log fork mean]), by a large simulation (a fork mean of lognormal iterations is not lognormal). */
    static double truth(int iters, double mu, double iterSd) {
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

    /** Share of rows whose 95 % interval covers the truth. */
    public static double coverage(int forks, double forkSd, double iterSd, int trials) {
        SplittableRandom rnd = new SplittableRandom(1000L * forks + Math.round(100 * forkSd) + 7919L * Math.round(100 * iterSd));
        double truth = truth(10, 1.0, iterSd);
        int in = 0;
        for (int t = 0; t < trials; t++) {
            ForkLevel.Estimate e = ForkLevel.of(sample(rnd, forks, 10, 1.0, forkSd, iterSd));
            if (e.lo() <= truth && truth <= e.hi()) in++;
        }
        return in / (double) trials;
    }

    /**
     * Twelve rows as in the default suite (2026-12-02 runs): six at latency 0 (fork CV 2-10 %, iterations 3 %), six at
     * latency 100 (fork CV 0.2 %, iterations 0.3 %).
     */
    static final double[] SPREADS = {0.02, 0.04, 0.06, 0.08, 0.10, 0.05, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002};
    static final double[] ITER = {0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.003, 0.003, 0.003, 0.003, 0.003, 0.003};

    /** One table of rows (each a base and a candidate with {@code effect} times its time), judged as one family. */
    static List<Verdicts.Judged> table(SplittableRandom rnd, int forks, double[] effect, double[] forkSd, double[] iterSd) {
        List<ForkLevel.Ratio> rs = new ArrayList<>();
        List<Boolean> het = new ArrayList<>();
        for (int r = 0; r < effect.length; r++) {
            double[][] b = sample(rnd, forks, 10, 1.0, forkSd[r], iterSd[r]);
            double[][] c = sample(rnd, forks, 10, effect[r], forkSd[r], iterSd[r]);
            rs.add(ForkLevel.ratio(b, c));
            het.add(ForkLevel.of(b).heterogeneous() || ForkLevel.of(c).heterogeneous());
        }
        return Verdicts.judge(rs, het, false);
    }

    /** A/A tables of 12 rows: {share of tables with any faster/slower, share of precise rows found equivalent}. */
    public static double[] aa(int forks, int tables) {
        SplittableRandom rnd = new SplittableRandom(7 + forks);
        int anyFalse = 0;
        int equivalent = 0;
        double[] none = new double[12];
        Arrays.fill(none, 1.0);
        for (int t = 0; t < tables; t++) {
            List<Verdicts.Judged> js = table(rnd, forks, none, SPREADS, ITER);
            if (js.stream().anyMatch(j -> j.verdict() == Verdicts.Verdict.FASTER || j.verdict() == Verdicts.Verdict.SLOWER)) {
                anyFalse++;
            }
            for (int r = 6; r < 12; r++) if (js.get(r).verdict() == Verdicts.Verdict.EQUIVALENT) equivalent++;
        }
        return new double[] {anyFalse / (double) tables, equivalent / (6.0 * tables)};
    }

    /** Power in a 12-row table with fork CV 5 % on the tested rows: {10 % slower, 50 % slower, 3x faster} found. */
    public static double[] power(int forks, int tables) {
        SplittableRandom rnd = new SplittableRandom(31 + forks);
        int[] found = new int[3];
        for (int t = 0; t < tables; t++) {
            double[] eff = new double[12];
            Arrays.fill(eff, 1.0);
            eff[0] = 1.10;
            eff[1] = 1.50;
            eff[2] = 1 / 3.0;
            double[] sp = SPREADS.clone();
            sp[0] = sp[1] = sp[2] = 0.05;
            List<Verdicts.Judged> js = table(rnd, forks, eff, sp, ITER);
            if (js.get(0).verdict() == Verdicts.Verdict.SLOWER) found[0]++;
            if (js.get(1).verdict() == Verdicts.Verdict.SLOWER) found[1]++;
            if (js.get(2).verdict() == Verdicts.Verdict.FASTER) found[2]++;
        }
        return new double[] {found[0] / (double) tables, found[1] / (double) tables, found[2] / (double) tables};
    }

    /** One row's TOST at ±5 %: {called equivalent at a true ratio of exactly 1.05, at a true ratio of 1 (fork CV 2 %)}. */
    public static double[] equivalence(int forks, int trials) {
        SplittableRandom rnd = new SplittableRandom(53 + forks);
        int atMargin = 0;
        int equal = 0;
        for (int t = 0; t < trials; t++) {
            ForkLevel.Ratio m = ForkLevel.ratio(sample(rnd, forks, 10, 1, 0.01, 0.01), sample(rnd, forks, 10, 1.05, 0.01, 0.01));
            if (m.pEquiv() < Verdicts.ALPHA) atMargin++;
            ForkLevel.Ratio e = ForkLevel.ratio(sample(rnd, forks, 10, 1, 0.02, 0.01), sample(rnd, forks, 10, 1, 0.02, 0.01));
            if (e.pEquiv() < Verdicts.ALPHA) equal++;
        }
        return new double[] {atMargin / (double) trials, equal / (double) trials};
    }

    /**
     * The heterogeneity flag: {hit rate for one fork 30 % slower (fork CV 2 %, iterations 3 %), false alarms with
     * iteration noise only (5 %), false alarms with a fork CV of 2 % and iterations 3 %}.
     */
    public static double[] heterogeneity(int forks, int trials) {
        SplittableRandom rnd = new SplittableRandom(71 + forks);
        int hits = 0;
        int falseIid = 0;
        int falseSmall = 0;
        for (int t = 0; t < trials; t++) {
            double[][] plateau = sample(rnd, forks, 10, 1, 0.02, 0.03);
            for (int i = 0; i < 10; i++) plateau[0][i] *= 1.3;
            if (ForkLevel.of(plateau).heterogeneous()) hits++;
            if (ForkLevel.of(sample(rnd, forks, 10, 1, 0.0, 0.05)).heterogeneous()) falseIid++;
            if (ForkLevel.of(sample(rnd, forks, 10, 1, 0.02, 0.03)).heterogeneous()) falseSmall++;
        }
        return new double[] {hits / (double) trials, falseIid / (double) trials, falseSmall / (double) trials};
    }

    /** A run like the default suite's: 13 rows x 3 forks x 10 iterations at {@code noise}; row 0's fork 2 altered. */
    public static List<Steady> run(SplittableRandom rnd, double noise, UnaryOperator<double[]> alter) {
        List<Steady> rows = new ArrayList<>();
        for (int r = 0; r < 13; r++) {
            double[][] forks = new double[3][];
            for (int f = 0; f < 3; f++) {
                forks[f] = new double[10];
                for (int i = 0; i < 10; i++) forks[f][i] = Math.exp(noise * gauss(rnd));
            }
            if (r == 0 && alter != null) forks[1] = alter.apply(forks[1]);
            rows.add(Steady.of(forks));
        }
        return Steady.fdr(rows);
    }

    /** Share of runs of 39 steady forks (3 % noise) that show any flag. */
    public static double steadyFalseAlarms(int runs) {
        SplittableRandom rnd = new SplittableRandom(11);
        int any = 0;
        for (int k = 0; k < runs; k++) if (run(rnd, 0.03, null).stream().anyMatch(Steady::notSteady)) any++;
        return any / (double) runs;
    }

    /** {trend +41 % found, step −15 % at iteration 6 found, last iteration −25 % found}, in runs of 39 forks. */
    public static double[] steadyHits(int runs) {
        SplittableRandom rnd = new SplittableRandom(12);
        int[] hit = new int[3];
        List<UnaryOperator<double[]>> alters = List.of(f -> {
            for (int i = 0; i < f.length; i++) f[i] *= Math.pow(1.41, i / (f.length - 1.0));
            return f;
        }, f -> {
            for (int i = 5; i < f.length; i++) f[i] *= 0.85;
            return f;
        }, f -> {
            f[f.length - 1] *= 0.75;
            return f;
        });
        for (int k = 0; k < runs; k++) {
            for (int a = 0; a < 3; a++) if (run(rnd, 0.03, alters.get(a)).get(0).notSteady()) hit[a]++;
        }
        return new double[] {hit[0] / (double) runs, hit[1] / (double) runs, hit[2] / (double) runs};
    }

    /** Trials per figure. */
    public static final int COVERAGE_TRIALS = 4000;
    public static final int TABLES = 2000;
    public static final int POWER_TABLES = 1000;
    public static final int EQUIV_TRIALS = 3000;
    public static final int HETERO_TRIALS = 2000;
    public static final int STEADY_RUNS = 1000;
    public static final int STEADY_HIT_RUNS = 500;

    /** Every figure, in the order {@link #markdown} prints them. */
    public record Figures(double[][] coverage, double[][] aa, double[][] power, double[][] equivalence,
                          double[][] heterogeneity, double steadyFalse, double[] steadyHits) {}

    public static Figures figures() {
        // every figure draws from its own seeded generator, so they run side by side and come out the same
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors());
        try {
            int n = FORKS.length;
            List<java.util.concurrent.Future<double[]>> cov = new ArrayList<>();
            List<java.util.concurrent.Future<double[]>> rest = new ArrayList<>();
            for (int f : FORKS) {
                cov.add(ex.submit(() -> new double[] {coverage(f, 0.08, 0.02, COVERAGE_TRIALS)}));
                cov.add(ex.submit(() -> new double[] {coverage(f, 0.0, 0.06, COVERAGE_TRIALS)}));
                rest.add(ex.submit(() -> aa(f, TABLES)));
                rest.add(ex.submit(() -> power(f, POWER_TABLES)));
                rest.add(ex.submit(() -> equivalence(f, EQUIV_TRIALS)));
                rest.add(ex.submit(() -> heterogeneity(f, HETERO_TRIALS)));
            }
            var falseAlarms = ex.submit(() -> new double[] {steadyFalseAlarms(STEADY_RUNS)});
            var hits = ex.submit(() -> steadyHits(STEADY_HIT_RUNS));
            double[][][] by = new double[4][n][];
            double[][] c = new double[n][];
            for (int i = 0; i < n; i++) {
                c[i] = new double[] {cov.get(2 * i).get()[0], cov.get(2 * i + 1).get()[0]};
                for (int k = 0; k < 4; k++) by[k][i] = rest.get(4 * i + k).get();
            }
            return new Figures(c, by[0], by[1], by[2], by[3], falseAlarms.get()[0], hits.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }
}
