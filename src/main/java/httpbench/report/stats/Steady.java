package httpbench.report.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Steady-state check of a row's measured iterations, fork by fork: a fork whose iterations trend or step was not
 * measured in a steady state, and its row is marked, naming the fork. Two tests per fork, on log(iteration time)
 * (a trend is a relative change; batch times are skewed):
 * <ul>
 *   <li><b>trend</b>: Mann–Kendall (exact distribution of Kendall's S for up to {@value #EXACT_N} iterations,
 *       normal approximation beyond), with the Theil–Sen slope as the size: the fitted change from the first to the
 *       last measured iteration. Rank-based: one disturbed iteration does not make a trend.</li>
 *   <li><b>step</b>: the largest two-sample t over every split point (the level before against the level after,
 *       pooled within-segment variance), its p from that maximum's distribution under one level throughout
 *       (simulated, {@link #stepP}); its size is the change of
 *       level. It catches what a rank test cannot: a fork that ends on another level in its last iteration or
 *       two.</li>
 * </ul>
 * A fork is flagged when a test is significant and its change is material (above {@value #MATERIAL_PCT} %: a very
 * precise row, at latency 100 ms within 0.1 %, has significant drifts of 0.2 % that change no conclusion).
 * Significant: Benjamini–Hochberg across every test of every fork of the run's rows ({@link #fdr}) at
 * {@value #Q}, which also bounds at {@value #Q} the chance that a run whose forks are all steady shows any flag.
 * A row checked alone is tested on its own forks.
 *
 * @param forks the per-fork checks, in fork order (forks with too few iterations are left out)
 */
public record Steady(List<ForkCheck> forks) {
    /** False-discovery rate of the flags across the forks of a run. */
    public static final double Q = 0.05;
    /** A trend or step smaller than this (in %) is not flagged. */
    public static final double MATERIAL_PCT = 5;
    /** Iterations a fork needs to be tested. */
    static final int MIN_ITERATIONS = 4;
    static final int EXACT_N = 50;

    public static final Steady NA = new Steady(List.of());

    /**
     * One fork's tests (1-based {@code fork}); q-values are the p-values adjusted across the run ({@link #fdr}),
     * or the row's own forks.
     */
    public record ForkCheck(int fork, int iterations, double trendChange, double trendP, double trendQ,
                            double stepChange, int stepAt, double stepP, double stepQ) {
        public boolean trends() {
            return trendQ < Q && Math.abs(trendChange) * 100 > MATERIAL_PCT;
        }

        public boolean steps() {
            return stepQ < Q && Math.abs(stepChange) * 100 > MATERIAL_PCT;
        }

        public boolean flagged() {
            return trends() || steps();
        }

        /** "fork #1 trends +41 %", "fork #2 steps -25 % at iteration 10". */
        public String describe() {
            List<String> what = new ArrayList<>();
            if (trends()) what.add("trends " + pct(trendChange));
            if (steps()) what.add("steps " + pct(stepChange) + " at iteration " + stepAt);
            return "fork #" + fork + " " + String.join(" and ", what);
        }

        ForkCheck adjusted(double tq, double sq) {
            return new ForkCheck(fork, iterations, trendChange, trendP, tq, stepChange, stepAt, stepP, sq);
        }
    }

    static String pct(double change) {
        return String.format(Locale.ROOT, "%+.0f %%", 100 * change);
    }

    public boolean applicable() {
        return !forks.isEmpty();
    }

    /** Some fork trends or steps. */
    public boolean notSteady() {
        return forks.stream().anyMatch(ForkCheck::flagged);
    }

    /** "steady", "not steady" or "n/a" (too few iterations to tell). */
    public String label() {
        return !applicable() ? "n/a" : notSteady() ? "not steady" : "steady";
    }

    /** The flagged forks: "fork #1 trends +41 %; fork #3 steps -25 % at iteration 10"; empty when steady. */
    public String describe() {
        return String.join("; ", forks.stream().filter(ForkCheck::flagged).map(ForkCheck::describe).toList());
    }

    /** The largest trend (Theil–Sen change) of any fork, signed; NaN when n/a. */
    public double change() {
        return forks.stream().mapToDouble(ForkCheck::trendChange).boxed()
                .max((a, b) -> Double.compare(Math.abs(a), Math.abs(b))).orElse(Double.NaN);
    }

    /** The smallest adjusted p of any test of any fork (NaN when n/a). */
    public double minQ() {
        return forks.stream().flatMapToDouble(f -> Arrays.stream(new double[] {f.trendQ, f.stepQ}))
                .filter(q -> !Double.isNaN(q)).min().orElse(Double.NaN);
    }

    /** The rule, for legends and headers. */
    public static String rule() {
        return "*not steady*: a fork's measured iterations trend (Mann–Kendall, size by Theil–Sen) or step (the "
                + "largest two-sample t over the split points, against its simulated null distribution) by more than "
                + fmt(MATERIAL_PCT) + " %, significant at a false-discovery rate of " + fmt(100 * Q) + " % across "
                + "every fork of the run (so a run of steady forks shows a flag at most " + fmt(100 * Q)
                + " % of the time); the note names the fork";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The checks of one run's rows, their p-values adjusted (Benjamini–Hochberg) across every fork test of them all. */
    public static List<Steady> fdr(List<Steady> family) {
        List<Double> ps = new ArrayList<>();
        for (Steady s : family) for (ForkCheck f : s.forks) {
            ps.add(f.trendP);
            ps.add(f.stepP);
        }
        double[] q = ForkLevel.bh(ps.stream().mapToDouble(Double::doubleValue).toArray());
        List<Steady> out = new ArrayList<>();
        int k = 0;
        for (Steady s : family) {
            List<ForkCheck> fs = new ArrayList<>();
            for (ForkCheck f : s.forks) {
                fs.add(f.adjusted(q[k], q[k + 1]));
                k += 2;
            }
            out.add(new Steady(fs));
        }
        return out;
    }

    /** The check on per-fork iteration values (each fork in measurement order), adjusted across these forks only. */
    public static Steady of(double[][] forks) {
        List<ForkCheck> out = new ArrayList<>();
        if (forks != null) {
            for (int i = 0; i < forks.length; i++) {
                double[] f = forks[i];
                if (f == null || f.length < MIN_ITERATIONS) continue;
                boolean ok = true;
                for (double v : f) ok &= v > 0 && !Double.isInfinite(v);
                if (!ok) continue;
                out.add(check(i + 1, f));
            }
        }
        return fdr(List.of(new Steady(out))).get(0);
    }

    static ForkCheck check(int fork, double[] values) {
        double[] y = Arrays.stream(values).map(Math::log).toArray();
        int n = y.length;
        // Mann-Kendall
        int s = 0;
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(y[j], y[i]);
                slopes.add((y[j] - y[i]) / (j - i));
            }
        }
        double trendP = mannKendallP(s, n);
        double slope = median(slopes);
        double trend = Math.expm1(slope * (n - 1));
        double[] step = maxT(y);
        int k = (int) step[1];
        double d = mean(y, k, n) - mean(y, 0, k);
        double stepP = stepP(step[0], n);
        return new ForkCheck(fork, n, trend, trendP, trendP, Math.expm1(d), k + 1, stepP, stepP);
    }

    /** {max over splits k of |t_k|, the k}: the two-sample t of y[0..k) against y[k..n), pooled variance. */
    static double[] maxT(double[] y) {
        int n = y.length;
        double bestT = -1;
        int bestK = 1;
        for (int k = 1; k < n; k++) {
            double m1 = mean(y, 0, k);
            double m2 = mean(y, k, n);
            double ss = ss(y, 0, k, m1) + ss(y, k, n, m2);
            double d = m2 - m1;
            double t = ss == 0 ? (d == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : Math.abs(d) / Math.sqrt(ss / (n - 2) * (1.0 / k + 1.0 / (n - k)));
            if (t > bestT) {
                bestT = t;
                bestK = k;
            }
        }
        return new double[] {bestT, bestK};
    }

    /** Draws of the null distribution of {@link #maxT} per n (iid normal iterations), fixed seed. */
    static final int NULL_DRAWS = 40_000;
    private static final java.util.Map<Integer, double[]> NULLS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * p of the largest split t under "one level throughout" (iid normal log iterations): from {@link #NULL_DRAWS}
     * simulated series of the same length (the statistic does not depend on the level or the noise's size), so
     * the correlation of the splits' t-values is accounted for exactly, where a Bonferroni bound over the n − 1
     * splits was 3-5 times too conservative; resolution 1 / {@link #NULL_DRAWS}.
     */
    static double stepP(double t, int n) {
        if (Double.isInfinite(t)) return 0;
        double[] nul = NULLS.computeIfAbsent(n, Steady::simulateNull);
        int idx = Arrays.binarySearch(nul, t);
        int below = idx >= 0 ? idx : -idx - 1;
        return (1.0 + nul.length - below) / (nul.length + 1.0);
    }

    private static double[] simulateNull(int n) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20131014L + n);
        double[] out = new double[NULL_DRAWS];
        double[] y = new double[n];
        for (int d = 0; d < NULL_DRAWS; d++) {
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                double v = rnd.nextDouble();
                y[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            }
            out[d] = maxT(y)[0];
        }
        Arrays.sort(out);
        return out;
    }

    /** Two-sided p of Kendall's S = Σ sign(y_j − y_i) under no trend: exact (ties counted as 0) up to {@link #EXACT_N}. */
    static double mannKendallP(int s, int n) {
        if (n > EXACT_N) {
            double var = n * (n - 1) * (2.0 * n + 5) / 18;
            double z = (Math.abs(s) - 1) / Math.sqrt(var);
            return Math.min(1, 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(Math.max(0, z))));
        }
        // the distribution of inversions of a random permutation (Mahonian numbers), as probabilities
        int max = n * (n - 1) / 2;
        double[] dist = {1};
        for (int k = 2; k <= n; k++) {
            double[] next = new double[dist.length + k - 1];
            for (int i = 0; i < dist.length; i++) for (int j = 0; j < k; j++) next[i + j] += dist[i] / k;
            dist = next;
        }
        // S = max - 2·inversions; P(|S| >= |s|)
        double p = 0;
        for (int inv = 0; inv <= max; inv++) if (Math.abs(max - 2 * inv) >= Math.abs(s)) p += dist[inv];
        return Math.min(1, p);
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) return 0;
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += y[i];
        return s / (to - from);
    }

    static double ss(double[] y, int from, int to, double m) {
        double s = 0;
        for (int i = from; i < to; i++) s += (y[i] - m) * (y[i] - m);
        return s;
    }
}
