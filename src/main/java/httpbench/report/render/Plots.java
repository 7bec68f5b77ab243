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

    // ---------------------------------------------------------------------------------------------- canvases

    enum Anchor { START, MIDDLE, END }

    /** What the plots draw with; {@code cls} and {@code title} are SVG-only (a class for tests, a tooltip). */
    interface Canvas {
        void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity, String cls,
                  String title);

        void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke, double strokeWidth,
                    String cls, String title);

        void rect(double x, double y, double w, double h, String fill, double opacity);

        void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold, String cls,
                  String title);
    }

    /** SVG elements with explicit attributes (no stylesheet needed: the same text works inline and as a file). */
    static final class Svg implements Canvas {
        final StringBuilder b = new StringBuilder();

        static String open(double w, double h, String label) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + f1(w) + " " + f1(h) + "\" width=\""
                    + f1(w) + "\" height=\"" + f1(h) + "\" role=\"img\" aria-label=\"" + Html.esc(label)
                    + "\" font-family=\"system-ui, -apple-system, Segoe UI, Roboto, sans-serif\">\n"
                    + "<rect x=\"0\" y=\"0\" width=\"" + f1(w) + "\" height=\"" + f1(h) + "\" fill=\"white\"/>\n";
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity,
                         String cls, String title) {
            b.append("<line").append(cls(cls)).append(" x1=\"").append(f1(x1)).append("\" y1=\"").append(f1(y1))
                    .append("\" x2=\"").append(f1(x2)).append("\" y2=\"").append(f1(y2)).append("\" stroke=\"")
                    .append(stroke).append("\" stroke-width=\"").append(f1(width)).append('"');
            if (opacity < 1) b.append(" stroke-opacity=\"").append(f2(opacity)).append('"');
            close("line", title);
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke,
                           double strokeWidth, String cls, String title) {
            b.append("<circle").append(cls(cls)).append(" cx=\"").append(f1(cx)).append("\" cy=\"").append(f1(cy))
                    .append("\" r=\"").append(f1(r)).append('"');
            if (stroke != null) {
                b.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f1(strokeWidth)).append('"');
            }
            if (fillOpacity < 1) b.append(" fill-opacity=\"").append(f2(fillOpacity)).append('"');
            b.append(" fill=\"").append(fill).append('"');
            close("circle", title);
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, double opacity) {
            b.append("<rect x=\"").append(f1(x)).append("\" y=\"").append(f1(y)).append("\" width=\"").append(f1(w))
                    .append("\" height=\"").append(f1(h)).append("\" fill=\"").append(fill).append("\" fill-opacity=\"")
                    .append(f2(opacity)).append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold,
                         String cls, String title) {
            b.append("<text").append(cls(cls)).append(" x=\"").append(f1(x)).append("\" y=\"").append(f1(y))
                    .append("\" font-size=\"").append(f1(size)).append("\" fill=\"").append(fill).append('"');
            if (anchor != Anchor.START) b.append(" text-anchor=\"").append(anchor == Anchor.END ? "end" : "middle").append('"');
            if (bold) b.append(" font-weight=\"600\"");
            b.append('>').append(Html.esc(s));
            if (title != null) b.append("<title>").append(Html.esc(title)).append("</title>");
            b.append("</text>\n");
        }

        static String cls(String cls) {
            return cls == null ? "" : " class=\"" + cls + "\"";
        }

        void close(String tag, String title) {
            if (title == null) {
                b.append("/>\n");
            } else {
                b.append("><title>").append(Html.esc(title)).append("</title></").append(tag).append(">\n");
            }
        }
    }

    /** Java2D, for PNG files. */
    static final class G2 implements Canvas {
        final Graphics2D g;

        G2(Graphics2D g) {
            this.g = g;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        }

        static Color colour(String hex, double opacity) {
            Color c = Color.decode(hex);
            return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, opacity))));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity,
                         String cls, String title) {
            g.setColor(colour(stroke, opacity));
            g.setStroke(new BasicStroke((float) width));
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke,
                           double strokeWidth, String cls, String title) {
            Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            g.setColor(colour(fill, fillOpacity));
            g.fill(e);
            if (stroke != null) {
                g.setColor(colour(stroke, 1));
                g.setStroke(new BasicStroke((float) strokeWidth));
                g.draw(e);
            }
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, double opacity) {
            g.setColor(colour(fill, opacity));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold,
                         String cls, String title) {
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size)));
            g.setColor(colour(fill, 1));
            double w = g.getFontMetrics().stringWidth(s);
            double at = anchor == Anchor.END ? x - w : anchor == Anchor.MIDDLE ? x - w / 2 : x;
            g.drawString(s, (float) at, (float) y);
        }
    }

    // ---------------------------------------------------------------------------------------------- axes

    /** A value axis between pixels x0 and x1. */
    abstract static class Axis {
        final double x0;
        final double x1;

        Axis(double x0, double x1) {
            this.x0 = x0;
            this.x1 = x1;
        }

        abstract double x(double v);

        abstract List<Double> ticks();

        abstract String scale();

        void draw(Canvas c, double top, double bottom, String unit) {
            for (double t : ticks()) {
                double x = x(t);
                c.line(x, top, x, bottom, GRID, 1, 1, null, null);
                c.text(x, bottom + 16, tick(t), Anchor.MIDDLE, INK, 12, false, null, null);
            }
            c.line(x0, bottom, x1, bottom, ITERATION, 1, 1, null, null);
            c.text((x0 + x1) / 2, bottom + 34, unit + scale(), Anchor.MIDDLE, INK, 12, false, null, null);
        }
    }

    /** Logarithmic over [lo, hi], padded a little; at least ±5 % around a very precise value. */
    static final class LogAxis extends Axis {
        final double lo;
        final double hi;

        LogAxis(double lo, double hi, double x0, double x1) {
            super(x0, x1);
            if (hi / lo < 1.1) {
                double mid = Math.sqrt(lo * hi);
                lo = mid / 1.05;
                hi = mid * 1.05;
            }
            double pad = Math.pow(hi / lo, 0.04);
            this.lo = lo / pad;
            this.hi = hi * pad;
        }

        @Override
        double x(double v) {
            return x0 + (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) * (x1 - x0);
        }

        /** 1-2-5 ticks inside the axis (1-1.2-1.5... on a narrow one); three spread ticks when fewer than two fit. */
        @Override
        List<Double> ticks() {
            double[] steps = hi / lo > 4 ? new double[] {1, 2, 5} : new double[] {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
            List<Double> t = new ArrayList<>();
            for (int d = (int) Math.floor(Math.log10(lo)); d <= (int) Math.ceil(Math.log10(hi)); d++) {
                for (double m : steps) {
                    double v = m * Math.pow(10, d);
                    if (v >= lo && v <= hi) t.add(v);
                }
            }
            if (t.size() < 2) {
                t.clear();
                for (double q : new double[] {0.15, 0.5, 0.85}) t.add(lo * Math.pow(hi / lo, q));
            }
            return t;
        }

        @Override
        String scale() {
            return " (log scale)";
        }
    }

    /** Linear from 0 to a little above hi, with 1-2-5 steps. */
    static final class LinearAxis extends Axis {
        final double hi;
        final double step;

        LinearAxis(double hi, double x0, double x1) {
            super(x0, x1);
            double raw = hi * 1.05 / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double m = raw / mag;
            this.step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag;
            this.hi = Math.max(hi * 1.05, step);
        }

        @Override
        double x(double v) {
            return x0 + v / hi * (x1 - x0);
        }

        @Override
        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            for (int i = 0; i * step <= hi * (1 + 1e-9); i++) t.add(i * step);
            return t;
        }

        @Override
        String scale() {
            return "";
        }
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
        return Tables.severalBenchmarks(all);
    }

    /** The parameters whose value differs between the runs' parameter sets (the labels show those, and n and L). */
    static Set<String> varying(List<RunFile> runs, boolean several) {
        List<SortedMap<String, String>> keys = new ArrayList<>();
        for (RunFile f : runs) for (Row r : f.rows()) keys.add(Tables.groupKey(r, several, null));
        return Tables.varying(keys);
    }

    /** Per parameter set (in first-seen order), the rows of every run, a strategy's runs next to each other. */
    static List<Panel> panels(List<RunFile> runs, List<String> names) {
        Map<SortedMap<String, String>, Map<String, List<Lane>>> sets = new LinkedHashMap<>();
        boolean several = several(runs);
        Set<String> vary = varying(runs, several);
        for (int i = 0; i < runs.size(); i++) {
            for (List<Row> group : Tables.groups(runs.get(i).rows(), null).values()) {
                SortedMap<String, String> key = Tables.groupKey(group.get(0), several, null);
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
            out.add(new Panel(Tables.label(set.getKey(), vary, true), lanes, unit));
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
        Axis ax = log ? new LogAxis(lo, hi, LEFT, WIDTH - RIGHT) : new LinearAxis(hi, LEFT, WIDTH - RIGHT);
        double bottom = top + TOP + p.lanes().size() * LANE;
        ax.draw(c, top + TOP, bottom, p.unit());
        String previous = null;
        for (int i = 0; i < p.lanes().size(); i++) {
            Lane l = p.lanes().get(i);
            double y = top + TOP + i * LANE + LANE / 2.0;
            if (!l.label().equals(previous)) {
                if (i > 0) c.line(0, y - LANE / 2.0, WIDTH, y - LANE / 2.0, GRID, 1, 1, null, null);
                c.text(LEFT - 10, y + 4, l.label(), Anchor.END, INK, 12, false, null, null);
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
        c.text(WIDTH - RIGHT + 8, y + 4, value, Anchor.START, l.colour(), 12, false, "value",
                flags.isEmpty() ? null : String.join(", ", flags) + ": " + Tables.marks(r));
    }

    // ---------------------------------------------------------------------------------------------- forest plots

    /** One candidate's comparison: its compared rows with their labels. */
    record Forest(String title, List<String> labels, List<Verdicts.Judged> judged, double margin) {
        int height() {
            return TOP + labels.size() * LANE + AXIS;
        }
    }

    /** Per candidate (runs after the first), the judged rows of the comparison (one family, as in the tables). */
    static List<Forest> forests(List<RunFile> runs, List<String> names, double margin) {
        List<Compare.Line> lines = Compare.lines(runs, margin);
        boolean several = several(runs);
        Set<String> vary = varying(runs, several);
        List<Forest> out = new ArrayList<>();
        for (int c = 0; c < runs.size() - 1; c++) {
            List<String> labels = new ArrayList<>();
            List<Verdicts.Judged> judged = new ArrayList<>();
            for (Compare.Line l : lines) {
                Verdicts.Judged j = l.judged().get(c);
                if (j == null || Double.isNaN(j.ratio().ratio())) continue;
                labels.add(l.any().strategy() + ", " + Tables.label(Tables.groupKey(l.any(), several, null), vary, true));
                judged.add(j);
            }
            out.add(new Forest(names.get(c + 1) + " / " + names.get(0), labels, judged, margin));
        }
        return out;
    }

    static void forest(Canvas c, Forest f, double top) {
        double lo = 1 / (1 + f.margin());
        double hi = 1 + f.margin();
        for (Verdicts.Judged j : f.judged()) {
            ForkLevel.Ratio q = j.ratio();
            lo = Math.min(lo, Double.isNaN(q.lo()) ? q.ratio() : q.lo());
            hi = Math.max(hi, Double.isNaN(q.hi()) ? q.ratio() : q.hi());
        }
        Axis ax = new LogAxis(lo, hi, LEFT + 60, WIDTH - FOREST_RIGHT);
        double bottom = top + TOP + f.labels().size() * LANE;
        c.rect(ax.x(1 / (1 + f.margin())), top + TOP, ax.x(1 + f.margin()) - ax.x(1 / (1 + f.margin())), bottom - top - TOP,
                VERDICT_COLOURS.get(Verdicts.Verdict.EQUIVALENT), 0.08);
        ax.draw(c, top + TOP, bottom, "ratio " + f.title());
        c.line(ax.x(1), top + TOP, ax.x(1), bottom, ITERATION, 1, 1, null, null);
        for (int i = 0; i < f.labels().size(); i++) {
            Verdicts.Judged j = f.judged().get(i);
            ForkLevel.Ratio q = j.ratio();
            String col = VERDICT_COLOURS.get(j.verdict());
            double y = top + TOP + i * LANE + LANE / 2.0;
            String label = f.labels().get(i);
            c.text(LEFT + 50, y + 4, label, Anchor.END, INK, 12, false, null, null);
            if (!Double.isNaN(q.lo())) c.line(ax.x(q.lo()), y, ax.x(q.hi()), y, col, 3, 1, null, null);
            c.circle(ax.x(q.ratio()), y, 4.5, col, 1, null, 0, "ratio", label + ": " + j.ratioCell() + " " + j.label());
            c.text(WIDTH - FOREST_RIGHT + 8, y + 4, j.ratioCell() + " " + j.label(), Anchor.START, col, 12, false,
                    "verdict", null);
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
            c.text(12, 22, title, Anchor.START, INK, 14, true, null, null);
            double x = 12;
            for (int i = 0; i < names.size(); i++) {
                c.circle(x + 6, 42, 5, colour(i), 1, null, 0, null, null);
                c.text(x + 16, 46, names.get(i), Anchor.START, INK, 12, false, null, null);
                x += 28 + 7.5 * names.get(i).length();
            }
            double top = HEAD;
            for (Panel p : panels) {
                c.text(12, top + 18, p.title(), Anchor.START, INK, 13, true, null, null);
                dots(c, p, top + PANEL_HEAD, log);
                top += PANEL_HEAD + p.height();
            }
        }

        public String svg() {
            Svg s = new Svg();
            draw(s);
            return Svg.open(WIDTH, height(), title) + s.b + "</svg>\n";
        }
    }
}
