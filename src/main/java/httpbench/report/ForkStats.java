package httpbench.report;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Fork-level statistics of a comparison (Kalibera &amp; Jones, "Rigorous Benchmarking in Reasonable Time", ISMM
 * 2013): the fork (a fresh JVM) is the unit of replication, the iterations within a fork are not independent
 * replicates of the whole experiment, so intervals and tests come from a two-level bootstrap and variance
 * components.
 */
public final class ForkStats {
    private ForkStats() {}

    /** Fixed bootstrap seed: the same files always give the same report. */
    public static final long SEED = 20131014L;
    /** Bootstrap resamples per row. */
    public static final int RESAMPLES = 10_000;
    /** Confidence level of the interval. */
    public static final double LEVEL = 0.95;
    /** A verdict needs at least this many forks on each side. */
    public static final int MIN_FORKS = 2;
    /** Target half-width of the ratio's interval for the "forks for ±5 %" estimate. */
    public static final double TARGET = 0.05;

    /**
     * The ratio candidate/base of the means (of all iterations of all forks), its 95 % interval and a two-sided
     * p-value for "ratio = 1". NaN fields when a side has too few forks ({@link #MIN_FORKS}) or a non-positive value.
     */
    public record Ratio(double ratio, double lo, double hi, double p, int baseForks, int candForks) {
        public boolean testable() {
            return !Double.isNaN(p);
        }
    }

    /**
     * Hierarchical bootstrap of mean(candidate) / mean(base): each resample draws, on each side, as many forks as
     * there are with replacement, then within each chosen fork as many iterations as it has with replacement; the
     * statistic is the ratio of the means of all drawn iterations. Small-sample corrections, because a percentile
     * bootstrap over 2-5 forks is too narrow (it behaves like a z-interval and shrinks the between-fork variance by
     * (F-1)/F): the interval is Hesterberg's <em>expanded</em> percentile interval (percentiles at
     * Φ(√(F/(F-1))·t_{df}(α/2)), F = the smaller fork count); the p-value compares log(ratio) with the bootstrap
     * standard error inflated by √(F/(F-1)) against Student's t with Welch–Satterthwaite degrees of freedom of the
     * log fork means. A fixed seed makes the report reproducible.
     */
    public static Ratio ratio(double[][] base, double[][] cand, int resamples, long seed) {
        double[][] b = usable(base);
        double[][] c = usable(cand);
        int fb = b == null ? 0 : b.length;
        int fc = c == null ? 0 : c.length;
        if (b == null || c == null) return new Ratio(Double.NaN, Double.NaN, Double.NaN, Double.NaN, fb, fc);
        double ratio = mean(c) / mean(b);
        if (fb < MIN_FORKS || fc < MIN_FORKS) return new Ratio(ratio, Double.NaN, Double.NaN, Double.NaN, fb, fc);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] logs = new double[resamples];
        for (int i = 0; i < resamples; i++) logs[i] = Math.log(resampledMean(c, rnd) / resampledMean(b, rnd));
        double center = Arrays.stream(logs).average().orElse(0);
        double var = 0;
        for (double v : logs) var += (v - center) * (v - center);
        double se = Math.sqrt(var / Math.max(1, resamples - 1));
        int f = Math.min(fb, fc);
        double inflate = Math.sqrt(f / (f - 1.0));
        double df = welchDf(b, c);
        TDistribution t = new TDistribution(null, df);
        double d = Math.log(ratio);
        double p = se == 0 ? (d == 0 ? 1 : 0) : Math.min(1, 2 * t.cumulativeProbability(-Math.abs(d) / (se * inflate)));
        double tail = new NormalDistribution(null, 0, 1).cumulativeProbability(
                inflate * t.inverseCumulativeProbability((1 - LEVEL) / 2));
        Arrays.sort(logs);
        return new Ratio(ratio, Math.exp(quantile(logs, tail)), Math.exp(quantile(logs, 1 - tail)), p, fb, fc);
    }

    public static Ratio ratio(double[][] base, double[][] cand) {
        return ratio(base, cand, RESAMPLES, SEED);
    }

    /** Forks with at least one value; null when there is none or a value is not a positive finite number. */
    static double[][] usable(double[][] forks) {
        if (forks == null) return null;
        double[][] out = Arrays.stream(forks).filter(f -> f != null && f.length > 0).toArray(double[][]::new);
        for (double[] f : out) for (double v : f) if (!(v > 0) || Double.isInfinite(v)) return null;
        return out.length == 0 ? null : out;
    }

    static double mean(double[][] forks) {
        double s = 0;
        int n = 0;
        for (double[] f : forks) {
            for (double v : f) s += v;
            n += f.length;
        }
        return s / n;
    }

    static double resampledMean(double[][] forks, SplittableRandom rnd) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < forks.length; i++) {
            double[] f = forks[rnd.nextInt(forks.length)];
            for (int j = 0; j < f.length; j++) s += f[rnd.nextInt(f.length)];
            n += f.length;
        }
        return s / n;
    }

    /** Welch–Satterthwaite degrees of freedom of the log fork means, within [min(F)-1, Fb+Fc-2]. */
    static double welchDf(double[][] b, double[][] c) {
        double[] lb = Arrays.stream(b).mapToDouble(f -> Math.log(Arrays.stream(f).average().orElseThrow())).toArray();
        double[] lc = Arrays.stream(c).mapToDouble(f -> Math.log(Arrays.stream(f).average().orElseThrow())).toArray();
        double lo = Math.min(lb.length, lc.length) - 1;
        double hi = lb.length + lc.length - 2;
        double vb = variance(lb) / lb.length;
        double vc = variance(lc) / lc.length;
        double den = vb * vb / (lb.length - 1) + vc * vc / (lc.length - 1);
        double df = den == 0 ? hi : (vb + vc) * (vb + vc) / den;
        return Math.max(lo, Math.min(hi, df));
    }

    static double variance(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = Arrays.stream(x).average().orElseThrow();
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    /** Linear interpolation between order statistics of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        if (i < 0) return sorted[0];
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** Holm's step-down adjustment of p-values (NaN entries are not tests: they stay NaN and do not count). */
    public static double[] holm(double[] p) {
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        int[] idx = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        int m = idx.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[idx[k]]));
            out[idx[k]] = running;
        }
        return out;
    }

    /**
     * Variance components on the log scale (so they read as coefficients of variation), pooled over the given
     * sides (e.g. base and candidate of one row): {@code iterCv} from the within-fork variance, {@code forkCv} the
     * between-fork standard deviation beyond what the iterations explain (method of moments, floored at 0), and
     * how many forks per side (with as many iterations per fork as measured) would give a 95 % interval of the
     * ratio narrower than ±5 %, with the small-fork inflation of {@link #ratio}. NaN / -1 where the data cannot tell (fewer than 2 forks, or 1 iteration per fork).
     */
    public record Components(double forkCv, double iterCv, int forksFor5pct) {
        public String cvLabel() {
            return (Double.isNaN(forkCv) ? "n/a" : pct(forkCv)) + " / " + (Double.isNaN(iterCv) ? "n/a" : pct(iterCv));
        }

        public String forksLabel() {
            return forksFor5pct < 0 ? "n/a" : forksFor5pct > MAX_FORKS ? "> " + MAX_FORKS : String.valueOf(forksFor5pct);
        }

        static String pct(double v) {
            return String.format(java.util.Locale.ROOT, v < 0.1 ? "%.1f %%" : "%.0f %%", 100 * v);
        }
    }

    static final int MAX_FORKS = 100;

    public static Components components(double[][]... sides) {
        double within = 0; // sum of squares within forks
        int withinDf = 0;
        double between = 0; // variance of fork means beyond the within part, summed over sides
        int sidesWithForks = 0;
        double iters = 0;
        int forkCount = 0;
        for (double[][] side : sides) {
            double[][] s = usable(side);
            if (s == null) continue;
            for (double[] f : s) {
                double[] l = Arrays.stream(f).map(Math::log).toArray();
                double m = Arrays.stream(l).average().orElseThrow();
                for (double v : l) within += (v - m) * (v - m);
                withinDf += l.length - 1;
                iters += l.length;
                forkCount++;
            }
        }
        if (withinDf == 0 || forkCount == 0) return new Components(Double.NaN, Double.NaN, -1);
        double sw2 = within / withinDf;
        double m = iters / forkCount;
        for (double[][] side : sides) {
            double[][] s = usable(side);
            if (s == null || s.length < 2) continue;
            double[] means = Arrays.stream(s).mapToDouble(f -> Arrays.stream(f).map(Math::log).average().orElseThrow())
                    .toArray();
            between += Math.max(0, variance(means) - sw2 / m);
            sidesWithForks++;
        }
        if (sidesWithForks == 0) return new Components(Double.NaN, Math.sqrt(sw2), -1);
        double sb2 = between / sidesWithForks;
        double perFork = sb2 + sw2 / m; // variance of one fork's log mean
        int need = MAX_FORKS + 1;
        for (int f = MIN_FORKS; f <= MAX_FORKS; f++) {
            // as the test computes it: Student's t (Welch df with equal sides: 2F-2), inflated by sqrt(F/(F-1))
            double half = new TDistribution(null, 2 * f - 2).inverseCumulativeProbability(0.5 + LEVEL / 2)
                    * Math.sqrt(2 * perFork / f * f / (f - 1.0));
            if (Math.exp(half) - 1 <= TARGET) {
                need = f;
                break;
            }
        }
        return new Components(Math.sqrt(sb2), Math.sqrt(sw2), need);
    }
}
