package httpbench.report.stats;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one estimator of the suite: the fork (a fresh JVM) is the unit of replication, so a row is summarised by
 * its fork means (each fork's mean of its measured iterations, JMH's per-fork score) and nothing else. With F fork
 * means m<sub>1..F</sub> and y<sub>f</sub> = ln m<sub>f</sub>:
 * <ul>
 *   <li>estimate = exp(ȳ), the geometric mean of the fork means;</li>
 *   <li>95 % interval = exp(ȳ ± t<sub>F−1, 0.975</sub> · s<sub>y</sub> / √F): Student's t on the log fork means,
 *       back-transformed (Kalibera &amp; Jones, "Rigorous Benchmarking in Reasonable Time", ISMM 2013, §3: the
 *       top-level replication's means are the independent observations; logs because batch times are
 *       right-skewed and a change is a ratio). Exact when the log fork means are normal, whatever the split
 *       between fork-to-fork and iteration-to-iteration noise, because a fork mean carries both; the tests check
 *       the coverage by simulation ({@code ForkLevelTest}).</li>
 * </ul>
 * The comparison of two rows ({@link #ratio}) is Welch's t on the same log fork means, so its interval and its
 * p-value come from one model; equivalence is the two one-sided tests (TOST, Schuirmann 1987) on that model.
 */
public final class ForkLevel {
    private ForkLevel() {}

    /** Confidence level of every printed interval. */
    public static final double LEVEL = 0.95;
    /** Default precision target: a row's interval within ±5 % of its estimate (its larger side). */
    public static final double TARGET = 0.05;
    /** Default equivalence margin of a comparison: ratio within [1/1.05, 1.05]. */
    public static final double MARGIN = 0.05;
    /**
     * A fork-to-fork spread beyond the iterations' above this (standard deviation of the log fork means, method of
     * moments) can mark a row heterogeneous ({@link Estimate#heterogeneous}).
     */
    public static final double HETERO_CV = 0.05;
    /** Significance of the heterogeneity test (one-way ANOVA of the log iterations on the fork). */
    public static final double HETERO_P = 0.01;

    /**
     * One row's fork-level summary.
     *
     * @param forkMeans   each fork's mean of its measured iterations, in fork order
     * @param est         geometric mean of the fork means (the row's number); NaN with no usable fork
     * @param lo          lower end of the 95 % interval; NaN with fewer than 2 forks
     * @param hi          upper end
     * @param forkSd      standard deviation of the log fork means (≈ the forks' CV); NaN with fewer than 2 forks
     * @param heteroP     p-value of "the fork means differ no more than their iterations explain" (one-way
     *                    ANOVA on the log iterations); NaN when it cannot be tested
     * @param betweenSd   the fork-to-fork standard deviation beyond what the iterations explain (log scale, method
     *                    of moments, floored at 0); NaN when it cannot be told
     */
    public record Estimate(double[] forkMeans, double est, double lo, double hi, double forkSd, double heteroP,
                           double betweenSd) {
        public int forks() {
            return forkMeans.length;
        }

        public boolean hasInterval() {
            return !Double.isNaN(lo);
        }

        /** The interval's larger side relative to the estimate: hi / est − 1 (the log interval is symmetric, so this is it). */
        public double halfWidth() {
            return hasInterval() ? hi / est - 1 : Double.NaN;
        }

        /** Within the precision target: an interval whose larger side is at most {@code target}. */
        public boolean meets(double target) {
            return hasInterval() && halfWidth() <= target;
        }

        /** max / min − 1 of the fork means. */
        public double spread() {
            if (forkMeans.length < 2) return Double.NaN;
            double min = Arrays.stream(forkMeans).min().orElseThrow();
            double max = Arrays.stream(forkMeans).max().orElseThrow();
            return max / min - 1;
        }

        /**
         * The fork means disagree beyond what their iterations explain (a fork on another plateau): the ANOVA is
         * significant at {@link #HETERO_P} and the fork-to-fork spread beyond the iterations' is above
         * {@link #HETERO_CV}. Both, because a very precise row (latency 100 ms, iterations within 0.1 %) has
         * significantly different fork means at a 0.3 % spread that changes no conclusion. The size is a standard
         * deviation, not the range of the fork means, which grows with their number (with 10 forks of a 2 % spread
         * the range passed 10 % in 8 % of simulated rows).
         */
        public boolean heterogeneous() {
            return heteroP < HETERO_P && betweenSd > HETERO_CV;
        }

        /**
         * Forks for the target at this fork-to-fork spread: the smallest F with t<sub>F−1</sub> · s / √F within
         * ln(1 + target); -1 when the spread is unknown, {@link #MAX_FORKS}+1 when more than that.
         */
        public int forksFor(double target) {
            if (Double.isNaN(forkSd)) return -1;
            for (int f = 2; f <= MAX_FORKS; f++) {
                if (tQuantile(f - 1) * forkSd / Math.sqrt(f) <= Math.log1p(target)) return f;
            }
            return MAX_FORKS + 1;
        }

        /** "1.134 [0.982, 1.310]". */
        public String cell() {
            return hasInterval() ? Numbers.fmt(est) + " [" + Numbers.fmt(lo) + ", " + Numbers.fmt(hi) + "]" : Numbers.fmt(est);
        }

        /** "±4.1 %" (the interval's larger side), "n/a" without an interval. */
        public String pctLabel() {
            if (!hasInterval()) return "n/a";
            double h = 100 * halfWidth();
            return String.format(Locale.ROOT, h < 10 ? "±%.1f %%" : "±%.0f %%", h);
        }

        /** "1.13 / 1.18 / 1.56": the fork means, for a heterogeneous row's note. */
        public String forkMeansLabel() {
            StringBuilder b = new StringBuilder();
            for (double m : forkMeans) b.append(b.length() == 0 ? "" : " / ").append(Numbers.fmt(m));
            return b.toString();
        }
    }

    public static final int MAX_FORKS = 100;

    static double tQuantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + LEVEL / 2);
    }

    /** Forks with at least one value; null when there is none or a value is not a positive finite number. */
    static double[][] usable(double[][] forks) {
        if (forks == null) return null;
        double[][] out = Arrays.stream(forks).filter(f -> f != null && f.length > 0).toArray(double[][]::new);
        for (double[] f : out) for (double v : f) if (!(v > 0) || Double.isInfinite(v)) return null;
        return out.length == 0 ? null : out;
    }

    public static final Estimate NONE = new Estimate(new double[0], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** The estimate of a row from its measured iterations per fork ({@link httpbench.report.read.Row#forks()}). */
    public static Estimate of(double[][] forks) {
        double[][] u = usable(forks);
        if (u == null) return NONE;
        double[] means = Arrays.stream(u).mapToDouble(f -> Arrays.stream(f).average().orElseThrow()).toArray();
        double[] y = Arrays.stream(means).map(Math::log).toArray();
        double ybar = Arrays.stream(y).average().orElseThrow();
        int f = y.length;
        double est = f == 1 ? means[0] : Math.exp(ybar); // one fork: its mean exactly, not exp(log(mean))
        if (f < 2) return new Estimate(means, est, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double sd = Math.sqrt(variance(y));
        double h = tQuantile(f - 1) * sd / Math.sqrt(f);
        return new Estimate(means, est, Math.exp(ybar - h), Math.exp(ybar + h), sd, heteroP(u), betweenSd(u, sd));
    }

    /** sqrt(max(0, var(log fork means) − s²_within / mean iterations per fork)). */
    static double betweenSd(double[][] forks, double forkSd) {
        double ssw = 0;
        int df = 0;
        int n = 0;
        for (double[] f : forks) {
            double m = Arrays.stream(f).map(Math::log).average().orElseThrow();
            for (double v : f) ssw += (Math.log(v) - m) * (Math.log(v) - m);
            df += f.length - 1;
            n += f.length;
        }
        if (df == 0) return Double.NaN;
        double within = ssw / df / ((double) n / forks.length);
        return Math.sqrt(Math.max(0, forkSd * forkSd - within));
    }

    /** One-way ANOVA of log(iteration) on the fork: p of F = MS<sub>between</sub> / MS<sub>within</sub>. */
    static double heteroP(double[][] forks) {
        int k = forks.length;
        int n = 0;
        double grand = 0;
        for (double[] f : forks) for (double v : f) {
            grand += Math.log(v);
            n++;
        }
        if (k < 2 || n - k < 1) return Double.NaN;
        grand /= n;
        double ssb = 0;
        double ssw = 0;
        for (double[] f : forks) {
            double m = Arrays.stream(f).map(Math::log).average().orElseThrow();
            ssb += f.length * (m - grand) * (m - grand);
            for (double v : f) ssw += (Math.log(v) - m) * (Math.log(v) - m);
        }
        if (ssw == 0) return ssb == 0 ? 1 : 0;
        double stat = (ssb / (k - 1)) / (ssw / (n - k));
        return 1 - new FDistribution(null, k - 1, n - k).cumulativeProbability(stat);
    }

    static double variance(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = Arrays.stream(x).average().orElseThrow();
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    /**
     * Candidate / base of two rows' estimates, with Welch's t on their log fork means.
     *
     * @param ratio    est(candidate) / est(base)
     * @param lo       lower end of its 95 % interval (Welch, back-transformed); NaN when not testable
     * @param hi       upper end
     * @param p        two-sided p of "ratio = 1"; NaN when not testable
     * @param pEquiv   p of the equivalence test (TOST: the larger of the two one-sided p-values against the margin's
     *                 ends); NaN when not testable
     * @param margin   the equivalence margin (e.g. 0.05: ratio within [1/1.05, 1.05])
     * @param why      why it is not testable, else empty
     */
    public record Ratio(double ratio, double lo, double hi, double p, double pEquiv, double margin, double df,
                        int baseForks, int candForks, String why) {
        public boolean testable() {
            return !Double.isNaN(p);
        }
    }

    /** A verdict needs at least this many forks on each side. */
    public static final int MIN_FORKS = 2;

    public static Ratio ratio(double[][] base, double[][] cand, double margin) {
        Estimate b = of(base);
        Estimate c = of(cand);
        double ratio = c.est() / b.est();
        int fb = b.forks();
        int fc = c.forks();
        if (Double.isNaN(ratio)) return notTestable(ratio, margin, fb, fc, "no usable values");
        if (fb < MIN_FORKS || fc < MIN_FORKS) {
            return notTestable(ratio, margin, fb, fc, "needs ≥ " + MIN_FORKS + " forks per side");
        }
        double vb = b.forkSd() * b.forkSd() / fb;
        double vc = c.forkSd() * c.forkSd() / fc;
        double se = Math.sqrt(vb + vc);
        if (se == 0) return notTestable(ratio, margin, fb, fc, "no spread between forks (timer resolution?)");
        double den = (vb == 0 ? 0 : vb * vb / (fb - 1)) + (vc == 0 ? 0 : vc * vc / (fc - 1));
        double df = (vb + vc) * (vb + vc) / den;
        TDistribution t = new TDistribution(null, df);
        double d = Math.log(ratio);
        double h = t.inverseCumulativeProbability(0.5 + LEVEL / 2) * se;
        double p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(d) / se));
        double delta = Math.log1p(margin);
        double pLow = 1 - t.cumulativeProbability((d + delta) / se); // H0: d <= -delta
        double pHigh = t.cumulativeProbability((d - delta) / se); // H0: d >= +delta
        return new Ratio(ratio, Math.exp(d - h), Math.exp(d + h), p, Math.max(pLow, pHigh), margin, df, fb, fc, "");
    }

    public static Ratio ratio(double[][] base, double[][] cand) {
        return ratio(base, cand, MARGIN);
    }

    private static Ratio notTestable(double ratio, double margin, int fb, int fc, String why) {
        return new Ratio(ratio, Double.NaN, Double.NaN, Double.NaN, Double.NaN, margin, Double.NaN, fb, fc, why);
    }

    /** Holm's step-down adjustment (NaN entries are not tests: they stay NaN and do not count). */
    public static double[] holm(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        int[] idx = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        int m = idx.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[idx[k]]));
            out[idx[k]] = running;
        }
        return out;
    }

    /** Benjamini–Hochberg adjusted p-values (NaN entries stay NaN and do not count). */
    public static double[] bh(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        Integer[] idx = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted((a, b2) -> Double.compare(p[b2], p[a])).toArray(Integer[]::new); // descending
        int m = idx.length;
        double running = 1;
        for (int r = 0; r < m; r++) {
            int rank = m - r; // 1-based rank in ascending order
            running = Math.min(running, p[idx[r]] * m / rank);
            out[idx[r]] = Math.min(1, running);
        }
        return out;
    }
}
