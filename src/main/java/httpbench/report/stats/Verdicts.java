package httpbench.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The four verdicts of a comparison, for one family of tests (a whole table): each ratio's two-sided Welch p-value
 * and its equivalence (TOST) p-value are adjusted by Holm's step-down method across every testable ratio of the
 * family, so the chance of any false <em>faster</em>/<em>slower</em> in the table, and separately of any false
 * <em>equivalent</em>, is at most {@link #ALPHA}. Holm, not a false-discovery rate: an A/A table (every row truly
 * equal) must show no faster or slower row, and Holm bounds exactly that chance.
 * <ul>
 *   <li><b>faster</b> / <b>slower</b>: adjusted p &lt; {@link #ALPHA};</li>
 *   <li><b>equivalent</b>: not that, the adjusted TOST p &lt; {@link #ALPHA} (the ratio's 90 % interval lies
 *       within the margin), and neither side is heterogeneous (forks on different levels: their mean is not one
 *       level, so "no difference" would hide that);</li>
 *   <li><b>inconclusive</b>: anything else (too few forks for this noise); never read as "no difference".</li>
 * </ul>
 */
public final class Verdicts {
    private Verdicts() {}

    public static final double ALPHA = 0.05;

    public enum Verdict {
        FASTER("faster"), SLOWER("slower"), EQUIVALENT("equivalent"), INCONCLUSIVE("inconclusive"), NA("n/a");

        public final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** One judged comparison: the ratio, its adjusted p-values and the verdict ({@code why}: the n/a reason). */
    public record Judged(ForkLevel.Ratio ratio, double pAdj, double pEquivAdj, Verdict verdict) {
        public String label() {
            if (verdict == Verdict.NA) return ratio.why().isEmpty() ? "n/a" : "n/a (" + ratio.why() + ")";
            if (verdict == Verdict.INCONCLUSIVE && !ratio.why().isEmpty()) return "inconclusive (" + ratio.why() + ")";
            return verdict.label;
        }

        /** The label in a table with its own words for faster / slower (e.g. "HTTP/2 faster"). */
        public String label(String slower, String faster) {
            return verdict == Verdict.FASTER ? faster : verdict == Verdict.SLOWER ? slower : label();
        }

        /** "0.388 [0.351, 0.419]". */
        public String ratioCell() {
            ForkLevel.Ratio r = ratio;
            if (Double.isNaN(r.ratio())) return "n/a";
            String s = String.format(Locale.ROOT, "%.3f", r.ratio());
            return Double.isNaN(r.lo()) ? s : s + String.format(Locale.ROOT, " [%.3f, %.3f]", r.lo(), r.hi());
        }
    }

    /**
     * The verdicts of one family. {@code heterogeneous.get(i)}: either side of comparison i has forks on different
     * levels ({@link ForkLevel.Estimate#heterogeneous}); {@code higherIsBetter}: the ratios are of throughputs.
     */
    public static List<Judged> judge(List<ForkLevel.Ratio> ratios, List<Boolean> heterogeneous, boolean higherIsBetter) {
        double[] p = ratios.stream().mapToDouble(ForkLevel.Ratio::p).toArray();
        double[] q = ratios.stream().mapToDouble(ForkLevel.Ratio::pEquiv).toArray();
        double[] pa = ForkLevel.holm(p);
        double[] qa = ForkLevel.holm(q);
        List<Judged> out = new ArrayList<>();
        for (int i = 0; i < ratios.size(); i++) {
            ForkLevel.Ratio r = ratios.get(i);
            Verdict v;
            if (Double.isNaN(r.ratio())) v = Verdict.NA;
            else if (!r.testable()) v = r.why().startsWith("no spread") ? Verdict.INCONCLUSIVE : Verdict.NA;
            else if (pa[i] < ALPHA) v = r.ratio() < 1 != higherIsBetter ? Verdict.FASTER : Verdict.SLOWER;
            else if (qa[i] < ALPHA && !heterogeneous.get(i)) v = Verdict.EQUIVALENT;
            else v = Verdict.INCONCLUSIVE;
            out.add(new Judged(r, pa[i], qa[i], v));
        }
        return out;
    }

    /** The rule in one paragraph, for legends. */
    public static String rule(double margin, String family) {
        String m = Numbers.fmt(100 * margin).replaceAll("\\.0+$", "");
        return "Ratio = candidate / base of the rows' estimates (geometric means of their fork means), with a 95 % "
                + "interval from Welch's t on the log fork means — the same model as its p-value. Family: " + family
                + "; Holm's correction across it at 5 %. Verdicts: *faster* / *slower* when the adjusted p < 0.05; "
                + "*equivalent* when the two one-sided tests against ±" + m + " % (the ratio within [1/"
                + String.format(Locale.ROOT, "%.2f", 1 + margin) + ", " + String.format(Locale.ROOT, "%.2f", 1 + margin)
                + "]) give an adjusted p < 0.05 and neither side has forks on different levels; *inconclusive* "
                + "otherwise — too few forks for the noise, which is not \"no difference\"";
    }
}
