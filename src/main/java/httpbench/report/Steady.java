package httpbench.report;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Steady-state check of a row's measured iterations: do they still trend? Within each fork, the logarithm of the
 * iteration value is regressed on the iteration index (one intercept per fork, one pooled slope: fork as a fixed
 * effect, so fork-to-fork offsets are not mistaken for a trend). The row is <b>not steady</b> when the slope is
 * significant <em>and</em> material: the fitted change from the first to the last measured iteration exceeds
 * {@value #MATERIAL_PCT} % — so a tiny but significant drift of a very precise row is not flagged, and neither is a
 * big but noise-level wobble. Logarithms: batch times are skewed (lognormal-like) and a trend is a relative change.
 *
 * <p>Significant means below {@value #P} after Holm's correction across the rows of one run (one results file,
 * {@link #holm}): the level holds for the whole table, not per row. Tested per row at 1 %, a run of a dozen or more
 * steady rows showed a flag now and then by chance alone (three consecutive runs of the 12-row HTTP/2 study flagged
 * a different row each, and none of those flags came back in the next run), and every committed row is cited from
 * some table; so the chance that a table of steady rows shows any flag is kept at 1 %, as {@code compare} keeps its
 * verdicts' at 5 %. A lone row (a run of one row, or a check outside a run) is tested at 1 % as before.
 *
 * @param applicable  false when there is nothing to test (fewer than 3 iterations in a fork with more than one,
 *                    or no degrees of freedom left): the row is then neither steady nor not steady, but n/a
 * @param change      fitted relative change from the first to the last measured iteration (e.g. -0.3 = 30 % faster)
 * @param p           two-sided p-value of the pooled slope
 * @param pFamily     p after Holm's correction across the rows of the run it came from ({@link #holm}); {@code p}
 *                    itself for a row checked alone
 */
public record Steady(boolean applicable, double change, double p, double pFamily) {
    /** Significance level of the trend test, family-wise across the rows of one run. */
    public static final double P = 0.01;
    /** A trend smaller than this (fitted change across the measured iterations, in %) is not flagged. */
    public static final double MATERIAL_PCT = 5;

    static final Steady NA = new Steady(false, Double.NaN, Double.NaN, Double.NaN);

    /** True when the measured iterations trend: significant (across the run's rows) and material. */
    public boolean notSteady() {
        return applicable && pFamily < P && Math.abs(change) * 100 > MATERIAL_PCT;
    }

    /**
     * The checks of one run's rows, each with its p adjusted by Holm's step-down method across the applicable
     * ones (n/a rows are not tests and do not count), in the same order.
     */
    public static List<Steady> holm(List<Steady> family) {
        // ForkStats.holm leaves NaN out of the count, and n/a rows have p = NaN
        double[] adj = ForkStats.holm(family.stream().mapToDouble(Steady::p).toArray());
        List<Steady> out = new ArrayList<>(family.size());
        for (int i = 0; i < adj.length; i++) {
            Steady s = family.get(i);
            out.add(s.applicable ? new Steady(true, s.change, s.p, adj[i]) : s);
        }
        return out;
    }

    /** "steady", "not steady" or "n/a" (too few iterations to tell). */
    public String label() {
        return !applicable ? "n/a" : notSteady() ? "not steady" : "steady";
    }

    /** e.g. "-31 %": the fitted change across the measured iterations. */
    public String changeLabel() {
        return applicable ? String.format(Locale.ROOT, "%+.0f %%", 100 * change) : "n/a";
    }

    /** The rule, for legends and headers. */
    public static String rule() {
        return "*not steady*: the measured iterations still trend — within each fork, log(time) regressed on the "
                + "iteration index (one intercept per fork, pooled slope) has a slope with p < " + P
                + " after Holm's correction across the rows of the run (so a table of steady rows shows a flag by "
                + "chance at most 1 % of the time) and a fitted change from first to last measured iteration above "
                + fmt(MATERIAL_PCT) + " %";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The check on per-fork iteration values (each fork in measurement order). */
    public static Steady of(double[][] forks) {
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int n = 0;
        int groups = 0;
        int span = 0; // iterations of the longest fork - 1: the range the change is reported over
        for (double[] f : forks) {
            if (f == null || f.length < 2) continue;
            for (double v : f) if (!(v > 0) || Double.isInfinite(v)) return NA;
            int m = f.length;
            double mx = (m - 1) / 2.0;
            double my = 0;
            for (double v : f) my += Math.log(v);
            my /= m;
            for (int i = 0; i < m; i++) {
                double dx = i - mx;
                double dy = Math.log(f[i]) - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
            n += m;
            groups++;
            span = Math.max(span, m - 1);
        }
        int df = n - groups - 1;
        if (groups == 0 || df < 1 || sxx == 0) return NA;
        double slope = sxy / sxx;
        double rss = Math.max(0, syy - slope * sxy);
        double change = Math.exp(slope * span) - 1;
        double p;
        if (rss == 0) {
            p = slope == 0 ? 1 : 0; // an exact line: no noise to test against
        } else {
            double t = slope / Math.sqrt(rss / df / sxx);
            p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        }
        return new Steady(true, change, p, p);
    }
}
