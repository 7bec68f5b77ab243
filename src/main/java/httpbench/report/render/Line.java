package httpbench.report.render;

import httpbench.report.read.Row;
import httpbench.report.read.WarmupCap;
import httpbench.report.stats.ForkLevel;
import httpbench.report.stats.Steady;

import java.util.ArrayList;
import java.util.List;

/** One row of a table and what its cells show, filled by {@link Lines#lines}. */
public final class Line {
    Row row;
    public String strategy;
    public String score;
    double ms;
    double err;
    ForkLevel.Estimate est = ForkLevel.NONE;
    String baseline;
    double speedup = Double.NaN;
    public double ofLimit = Double.NaN;
    public double xFloor = Double.NaN;
    public double threads = Double.NaN;
    double bytes = Double.NaN;
    double bytesPerRequest = Double.NaN;
    public double clientBytesPerRequest = Double.NaN;
    public double clientCpuMs = Double.NaN;
    double pinned = Double.NaN;
    public double peakConnections = Double.NaN;
    public String note = "";
    /** The steady-state check of the row's measured iterations. */
    Steady steady = Steady.NA;
    /** How many of the row's forks had a warm-up phase hit its cap. */
    WarmupCap cap = WarmupCap.NONE;

    /** The fork-level interval is wider than {@link Tables#WIDE} of the estimate: cite the row with its interval. */
    boolean wide() {
        return Cells.wide(est);
    }

    /**
     * The registry's / harness's note, with "not steady", "warm-up capped (k of F forks)" and "± > 5 %" in front
     * when they apply.
     */
    String fullNote() {
        List<String> parts = new ArrayList<>();
        if (steady.notSteady()) parts.add("not steady (" + steady.describe() + ")");
        if (est.heterogeneous()) parts.add(Tables.HETERO_NOTE + ": " + est.forkMeansLabel());
        if (cap.any()) parts.add(cap.label());
        if (wide()) parts.add(Cells.wideLabel(est));
        if (!note.isEmpty()) parts.add(note);
        return String.join("; ", parts);
    }
}
