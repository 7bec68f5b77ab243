package httpbench.report.render;

import httpbench.report.read.Row;
import httpbench.report.stats.ForkLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import static httpbench.report.stats.Numbers.fmt;

/**
 * How a table cell writes a number, a percentage, an interval or a row's marks: the same in every table and note.
 */
public final class Cells {
    private Cells() {
    }

    public static String times(double v) {
        return Double.isNaN(v) ? "n/a" : fmt(v) + "×";
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", v);
    }

    static String bytes(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A row's number with its fork-level 95 % interval: "1.134 [0.982, 1.310]" ({@link ForkLevel}). */
    public static String scoreCell(Row r) {
        return r.estimate().cell();
    }

    /** "4.1 %": a log-scale spread as a percentage. */
    static String cv(double sd) {
        return String.format(Locale.ROOT, sd < 0.1 ? "%.1f %%" : "%.0f %%", 100 * sd);
    }

    /** "±4.1 % (3)": the interval's larger side and the fork count. */
    static String precisionCell(ForkLevel.Estimate e) {
        return e.pctLabel() + " (" + e.forks() + ")";
    }

    /**
     * A row's marks for notes: "not steady (fork #1 trends +41 %)", "forks disagree: 1.13 / 1.18 / 1.56",
     * "warm-up capped (1 of 3 forks: #2)", "± > 5 % (±9.1 % at 3 forks; ±5 % needs 12)".
     */
    static String marks(Row r) {
        List<String> m = new ArrayList<>();
        if (r.steady().notSteady()) m.add("not steady (" + r.steady().describe() + ")");
        ForkLevel.Estimate e = r.estimate();
        if (e.heterogeneous()) m.add(Tables.HETERO_NOTE + ": " + e.forkMeansLabel());
        if (r.warmupCap().any()) m.add(r.warmupCap().label());
        if (wide(e)) m.add(wideLabel(e));
        return String.join("; ", m);
    }

    /** The interval is wider than the target (or there is none): cite the row with its interval. */
    static boolean wide(ForkLevel.Estimate e) {
        return e.forks() > 0 && !e.meets(Tables.WIDE);
    }

    /** "± > 5 % (±9.1 % at 3 forks; ±5 % needs 12)". */
    static String wideLabel(ForkLevel.Estimate e) {
        if (!e.hasInterval()) return "no interval (" + e.forks() + " fork)";
        int need = e.forksFor(Tables.WIDE);
        return Tables.WIDE_NOTE + " (" + e.pctLabel() + " at " + e.forks() + " forks; ±5 % needs "
                + (need > ForkLevel.MAX_FORKS ? "> " + ForkLevel.MAX_FORKS : String.valueOf(need)) + ")";
    }

    /** "0.262 / 1.966" for a row that recorded the server's lateness, n/a otherwise. */
    static String serverLate(Line l) {
        Double p50 = l.row.secondary().get(Tables.SERVER_LATE_P50);
        Double p99 = l.row.secondary().get(Tables.SERVER_LATE_P99);
        if (p50 == null || p99 == null || Double.isNaN(p50) || Double.isNaN(p99)) return "n/a";
        return String.format(Locale.ROOT, "%.3f / %.3f", p50, p99);
    }
}
