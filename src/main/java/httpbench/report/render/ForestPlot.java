package httpbench.report.render;

import httpbench.report.read.RunFile;
import httpbench.report.stats.ForkLevel;
import httpbench.report.stats.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The forest plot of a comparison: per parameter set, each row's ratio with its 95 % interval, coloured by its verdict, against the equivalence margin.
 */
public final class ForestPlot {
    private ForestPlot() {
    }

    /** Per candidate (runs after the first), the judged rows of the comparison (one family, as in the tables). */
    static List<Plots.Forest> forests(List<RunFile> runs, List<String> names, double margin) {
        List<Compare.Line> lines = Compare.lines(runs, margin);
        boolean several = Plots.several(runs);
        Set<String> vary = Plots.varying(runs, several);
        List<Plots.Forest> out = new ArrayList<>();
        for (int c = 0; c < runs.size() - 1; c++) {
            List<String> labels = new ArrayList<>();
            List<Verdicts.Judged> judged = new ArrayList<>();
            for (Compare.Line l : lines) {
                Verdicts.Judged j = l.judged().get(c);
                if (j == null || Double.isNaN(j.ratio().ratio())) continue;
                labels.add(l.any().strategy() + ", " + Groups.label(Groups.groupKey(l.any(), several, null), vary, true));
                judged.add(j);
            }
            out.add(new Plots.Forest(names.get(c + 1) + " / " + names.get(0), labels, judged, margin));
        }
        return out;
    }

    static void forest(Canvas c, Plots.Forest f, double top) {
        double lo = 1 / (1 + f.margin());
        double hi = 1 + f.margin();
        for (Verdicts.Judged j : f.judged()) {
            ForkLevel.Ratio q = j.ratio();
            lo = Math.min(lo, Double.isNaN(q.lo()) ? q.ratio() : q.lo());
            hi = Math.max(hi, Double.isNaN(q.hi()) ? q.ratio() : q.hi());
        }
        Axis ax = new Axis.Log(lo, hi, Plots.LEFT + 60, Plots.WIDTH - Plots.FOREST_RIGHT);
        double bottom = top + Plots.TOP + f.labels().size() * Plots.LANE;
        c.rect(ax.x(1 / (1 + f.margin())), top + Plots.TOP, ax.x(1 + f.margin()) - ax.x(1 / (1 + f.margin())), bottom - top - Plots.TOP,
                Plots.VERDICT_COLOURS.get(Verdicts.Verdict.EQUIVALENT), 0.08);
        ax.draw(c, top + Plots.TOP, bottom, "ratio " + f.title());
        c.line(ax.x(1), top + Plots.TOP, ax.x(1), bottom, Plots.ITERATION, 1, 1, null, null);
        for (int i = 0; i < f.labels().size(); i++) {
            Verdicts.Judged j = f.judged().get(i);
            ForkLevel.Ratio q = j.ratio();
            String col = Plots.VERDICT_COLOURS.get(j.verdict());
            double y = top + Plots.TOP + i * Plots.LANE + Plots.LANE / 2.0;
            String label = f.labels().get(i);
            c.text(Plots.LEFT + 50, y + 4, label, Canvas.Anchor.END, Plots.INK, 12, false, null, null);
            if (!Double.isNaN(q.lo())) c.line(ax.x(q.lo()), y, ax.x(q.hi()), y, col, 3, 1, null, null);
            c.circle(ax.x(q.ratio()), y, 4.5, col, 1, null, 0, "ratio", label + ": " + j.ratioCell() + " " + j.label());
            c.text(Plots.WIDTH - Plots.FOREST_RIGHT + 8, y + 4, j.ratioCell() + " " + j.label(), Canvas.Anchor.START, col, 12, false,
                    "verdict", null);
        }
    }
}
