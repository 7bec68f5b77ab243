package httpbench.report.render;

import httpbench.report.stats.ForkLevel;
import httpbench.report.read.Mode;
import httpbench.report.stats.Numbers;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.stats.Verdicts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Dot plots and forest plots, drawn once on a {@link Canvas} that is either SVG text (the HTML report, chart.svg)
 * or Java2D (chart.png). A dot plot has one lane per row and run: each measured iteration a small grey dot (each
 * fork on its own line within the lane), each fork's mean a ring, the fork-level 95 % interval a bar and the
 * estimate a tick, so a row whose forks sit on two levels shows two clusters. A forest plot has one lane per
 * compared row: the ratio with its interval, coloured by verdict, on a log axis around 1 with the equivalence
 * margin shaded.
 */
public final class Plots {
    private Plots() {}

    static final String[] RUN_COLOURS = {"#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#57606a"};
    public static final Map<Verdicts.Verdict, String> VERDICT_COLOURS = Map.of(
            Verdicts.Verdict.FASTER, "#1a7f37", Verdicts.Verdict.SLOWER, "#cf222e",
            Verdicts.Verdict.EQUIVALENT, "#0969da", Verdicts.Verdict.INCONCLUSIVE, "#6e7781",
            Verdicts.Verdict.NA, "#6e7781");
    static final String ITERATION = "#8c959f";
    static final String GRID = "#eaeef2";
    static final String INK = "#1f2328";

    static final int WIDTH = 1000;
    static final int LEFT = 190;
    static final int RIGHT = 190;
    /** Room right of a forest plot for "0.955 [0.876, 1.042] inconclusive". */
    static final int FOREST_RIGHT = 270;
    static final int LANE = 22;
    static final int TOP = 10;
    static final int AXIS = 42;

    static String colour(int i) {
        return RUN_COLOURS[i % RUN_COLOURS.length];
    }

    /** A tick label: three significant digits, no trailing zeros. */
    public static String tick(double v) {
        if (v == 0) return "0";
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ---------------------------------------------------------------------------------------------- dot plots

    /** One lane: the row of one run. */
    public record Lane(String label, Row row, String colour, String run) {}

    /** One parameter set's rows of every run. */
    public record Panel(String title, List<Lane> lanes, String unit) {
        int height() {
            return TOP + lanes.size() * LANE + AXIS;
        }
    }

    /** The runs' rows come from more than one @Benchmark method (their labels then name it). */
    static boolean several(List<RunFile> runs) {
        List<Row> all = new ArrayList<>();
        for (RunFile f : runs) all.addAll(f.rows());
        return Groups.severalBenchmarks(all);
    }

    /** The parameters whose value differs between the runs' parameter sets (the labels show those, and n and L). */
    static Set<String> varying(List<RunFile> runs, boolean several) {
        List<SortedMap<String, String>> keys = new ArrayList<>();
        for (RunFile f : runs) for (Row r : f.rows()) keys.add(Groups.groupKey(r, several, null));
        return Groups.varying(keys);
    }

    /** Per parameter set (in first-seen order), the rows of every run, a strategy's runs next to each other. */
    static List<Panel> panels(List<RunFile> runs, List<String> names) {
        Map<SortedMap<String, String>, Map<String, List<Lane>>> sets = new LinkedHashMap<>();
        boolean several = several(runs);
        Set<String> vary = varying(runs, several);
        for (int i = 0; i < runs.size(); i++) {
            for (List<Row> group : Groups.groups(runs.get(i).rows(), null).values()) {
                SortedMap<String, String> key = Groups.groupKey(group.get(0), several, null);
                Map<String, List<Lane>> byStrategy = sets.computeIfAbsent(key, k -> new LinkedHashMap<>());
                for (Row r : group) {
                    byStrategy.computeIfAbsent(r.strategy(), s -> new ArrayList<>())
                            .add(new Lane(r.strategy(), r, colour(i), names.get(i)));
                }
            }
        }
        List<Panel> out = new ArrayList<>();
        for (var set : sets.entrySet()) {
            List<Lane> lanes = new ArrayList<>();
            for (List<Lane> l : set.getValue().values()) lanes.addAll(l);
            Mode mode = lanes.get(0).row().mode();
            String unit = mode.higherIsBetter() ? "batches/s" : mode == Mode.SAMPLE ? "mean ms per batch" : "ms per batch";
            out.add(new Panel(Groups.label(set.getKey(), vary, true), lanes, unit));
        }
        return out;
    }

    /** The panel's dot plot with its top at {@code top}. */
    static void dots(Canvas c, Panel p, double top, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Lane l : p.lanes()) {
            for (double[] fork : l.row().forks()) {
                for (double v : fork) {
                    if (v > 0 && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            ForkLevel.Estimate e = l.row().estimate();
            if (e.hasInterval()) {
                lo = Math.min(lo, e.lo());
                hi = Math.max(hi, e.hi());
            }
        }
        if (!(hi > 0)) return;
        Axis ax = log ? new Axis.Log(lo, hi, LEFT, WIDTH - RIGHT) : new Axis.Linear(hi, LEFT, WIDTH - RIGHT);
        double bottom = top + TOP + p.lanes().size() * LANE;
        ax.draw(c, top + TOP, bottom, p.unit());
        String previous = null;
        for (int i = 0; i < p.lanes().size(); i++) {
            Lane l = p.lanes().get(i);
            double y = top + TOP + i * LANE + LANE / 2.0;
            if (!l.label().equals(previous)) {
                if (i > 0) c.line(0, y - LANE / 2.0, WIDTH, y - LANE / 2.0, GRID, 1, 1, null, null);
                c.text(LEFT - 10, y + 4, l.label(), Canvas.Anchor.END, INK, 12, false, null, null);
            }
            previous = l.label();
            lane(c, ax, l, y);
        }
    }

    static double forkOffset(int k, int n) {
        return n == 1 ? 0 : -6 + 12.0 * k / (n - 1);
    }

    /** One lane: iterations, fork means, interval, estimate, and the value with a ⚠ when the row is marked. */
    static void lane(Canvas c, Axis ax, Lane l, double y) {
        Row r = l.row();
        ForkLevel.Estimate e = r.estimate();
        double[][] forks = r.forks();
        for (int k = 0; k < forks.length; k++) {
            for (double v : forks[k]) {
                if (v > 0 && Double.isFinite(v)) {
                    c.circle(ax.x(v), y + forkOffset(k, forks.length), 1.6, ITERATION, 0.45, null, 0, "it", null);
                }
            }
        }
        if (e.hasInterval()) c.line(ax.x(e.lo()), y, ax.x(e.hi()), y, l.colour(), 3, 0.55, "ci", null);
        double[] means = e.forkMeans();
        for (int k = 0; k < means.length; k++) {
            if (!(means[k] > 0)) continue;
            c.circle(ax.x(means[k]), y + forkOffset(k, means.length), 3.6, "#ffffff", 1, l.colour(), 1.6, "fork",
                    l.run() + " " + l.label() + " fork #" + (k + 1) + " mean: " + Numbers.fmt(means[k]));
        }
        if (Double.isFinite(e.est()) && e.est() > 0) {
            double x = ax.x(e.est());
            c.line(x, y - 8, x, y + 8, l.colour(), 2.5, 1, "est",
                    l.run() + " " + l.label() + ": " + e.cell() + " (" + e.forks() + " forks)");
        }
        List<String> flags = new ArrayList<>();
        if (e.heterogeneous()) flags.add("forks disagree");
        if (r.steady().notSteady()) flags.add("not steady");
        if (r.warmupCap().any()) flags.add("warm-up capped");
        String value = (Double.isFinite(e.est()) ? e.cell() : Numbers.fmt(r.score())) + (flags.isEmpty() ? "" : " ⚠");
        c.text(WIDTH - RIGHT + 8, y + 4, value, Canvas.Anchor.START, l.colour(), 12, false, "value",
                flags.isEmpty() ? null : String.join(", ", flags) + ": " + Cells.marks(r));
    }

    // ---------------------------------------------------------------------------------------------- forest plots

    /** One candidate's comparison: its compared rows with their labels. */
    record Forest(String title, List<String> labels, List<Verdicts.Judged> judged, double margin) {
        int height() {
            return TOP + labels.size() * LANE + AXIS;
        }
    }

    // ---------------------------------------------------------------------------------------------- a figure

    /** The chart files' figure: a title, the runs' colours, and every parameter set's dot plot under its name. */
    public record Figure(String title, List<String> names, List<Panel> panels, boolean log) {
        static final int HEAD = 58;
        static final int PANEL_HEAD = 26;

        static Figure of(List<RunFile> runs, boolean log) {
            List<String> names = runs.size() > 1 ? Compare.names(runs) : List.of(runs.get(0).jdkVersion());
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) shown.add(runs.get(i).otherHarness() ? names.get(i) : "JDK " + names.get(i));
            return new Figure(Charts.title(runs, "fork means (rings), 95 % interval (bar), estimate (tick), "
                    + "iterations (dots)"), shown, Plots.panels(runs, shown), log);
        }

        double height() {
            double h = HEAD;
            for (Panel p : panels) h += PANEL_HEAD + p.height();
            return h + 10;
        }

        void draw(Canvas c) {
            c.rect(0, 0, WIDTH, height(), "#ffffff", 1);
            c.text(12, 22, title, Canvas.Anchor.START, INK, 14, true, null, null);
            double x = 12;
            for (int i = 0; i < names.size(); i++) {
                c.circle(x + 6, 42, 5, colour(i), 1, null, 0, null, null);
                c.text(x + 16, 46, names.get(i), Canvas.Anchor.START, INK, 12, false, null, null);
                x += 28 + 7.5 * names.get(i).length();
            }
            double top = HEAD;
            for (Panel p : panels) {
                c.text(12, top + 18, p.title(), Canvas.Anchor.START, INK, 13, true, null, null);
                dots(c, p, top + PANEL_HEAD, log);
                top += PANEL_HEAD + p.height();
            }
        }

        public String svg() {
            Canvas.Svg s = new Canvas.Svg();
            draw(s);
            return Canvas.Svg.open(WIDTH, height(), title) + s.b + "</svg>\n";
        }
    }
}
