package httpbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Charts with XChart: grouped bars with error bars per parameter set (ms per batch; batches/s for Throughput
 * results; p99 ms per batch, without error bars, for SampleTime results), and the scaling chart (log-log,
 * AverageTime only).
 */
public final class Charts {
    private Charts() {}

    /**
     * Distinct colours (Tableau 10, then a few more), so that neighbouring bars differ; with several files a
     * strategy keeps its colour across JDKs.
     */
    static final java.awt.Color[] PALETTE = {
        new java.awt.Color(0x4E79A7), new java.awt.Color(0xF28E2B), new java.awt.Color(0xE15759),
        new java.awt.Color(0x76B7B2), new java.awt.Color(0x59A14F), new java.awt.Color(0xEDC948),
        new java.awt.Color(0xB07AA1), new java.awt.Color(0xFF9DA7), new java.awt.Color(0x9C755F),
        new java.awt.Color(0x555555), new java.awt.Color(0x1F3A93), new java.awt.Color(0x8CD17D),
        new java.awt.Color(0xD37295), new java.awt.Color(0x86BCB6), new java.awt.Color(0xBAB0AC)};

    /** "JDK 17.0.15 vs 25.0.3 · host, CPU, 2 cores" (machine from environment.json when there is one). */
    static String title(List<RunFile> files, String what) {
        Set<String> jdks = new LinkedHashSet<>();
        for (RunFile f : files) jdks.add(f.otherHarness() ? f.jdkVersion() : "JDK " + f.jdkVersion());
        Set<String> machines = new LinkedHashSet<>();
        for (RunFile f : files) if (!f.machineShort().isEmpty()) machines.add(f.machineShort());
        String t = what + " · " + String.join(" vs ", jdks)
                + (machines.isEmpty() ? "" : " · " + String.join(" / ", machines));
        return t.length() <= 120 ? t : t.substring(0, 119) + "…";
    }

    static void style(org.knowm.xchart.style.AxesChartStyler s) {
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBackgroundColor(java.awt.Color.WHITE);
        s.setPlotGridLinesColor(new java.awt.Color(0xDD, 0xDD, 0xDD));
        s.setLegendBorderColor(java.awt.Color.WHITE);
        s.setChartPadding(12);
        s.setSeriesColors(PALETTE);
    }

    /**
     * Grouped bars: one group per parameter set (per parameter set and JDK with several files), one bar per
     * strategy, error bars = the upper side of the fork-level 95 % interval (linear axis only: XChart misplaces them on a log axis).
     */
    public static CategoryChart bars(List<RunFile> files, boolean log) {
        Mode mode = Mode.single(files, "chart");
        // what a bar is: ms per batch; batches/s for throughput; the p99 batch time for SampleTime (no error bar)
        java.util.function.ToDoubleFunction<Row> bar = mode == Mode.SAMPLE ? r -> r.percentile(99.0) : Tables::number;
        boolean errors = !log && mode != Mode.SAMPLE;
        List<SortedMap<String, String>> sets = new ArrayList<>();
        boolean several = false;
        for (RunFile f : files) several |= Tables.severalBenchmarks(f.rows());
        for (RunFile f : files) for (Row r : f.rows()) sets.add(Tables.groupKey(r, several, null));
        Set<String> vary = Tables.varying(sets);
        Set<String> jdks = new LinkedHashSet<>();
        for (RunFile f : files) jdks.add(f.jdkVersion());
        boolean perJdk = files.size() > 1;
        List<String> groups = new ArrayList<>();
        Map<String, Map<String, Row>> series = new LinkedHashMap<>();
        // legend order: the strategies of the file with the most rows first (e.g. JDK 25's, with virtual threads)
        files.stream().max(java.util.Comparator.comparingInt(f -> f.rows().size())).orElseThrow().rows()
                .forEach(r -> series.putIfAbsent(r.strategy(), new LinkedHashMap<>()));
        for (RunFile f : files) {
            String jdk = jdks.size() == files.size() ? f.jdkVersion() : f.jdkVersion() + " " + f.path().getFileName();
            for (Row r : f.rows()) {
                String g = Tables.label(Tables.groupKey(r, several, null), vary, true) + (perJdk ? " · " + jdk : "");
                if (!groups.contains(g)) groups.add(g);
                series.computeIfAbsent(r.strategy(), k -> new LinkedHashMap<>()).put(g, r);
            }
        }
        if (perJdk) {
            List<String> seen = new ArrayList<>(groups);
            groups.sort(java.util.Comparator.comparingInt(g -> firstIndexOfParams(seen, g)));
        }
        double min = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(bar)
                .filter(v -> v > 0).min().orElse(1);
        String unit = mode == Mode.THRPT ? "batches/s" : mode == Mode.SAMPLE ? "p99 ms per batch" : "ms per batch";
        String what = (mode == Mode.THRPT ? "batches of n GETs per second" : mode == Mode.SAMPLE
                ? "p99 ms per batch of n GETs (SampleTime)" : "ms per batch of n GETs")
                + (log ? " (log scale, no error bars)" : errors ? ", error bar: upper side of the fork-level 95 % CI" : "");
        CategoryChart c = new CategoryChartBuilder().width(1280).height(720).title(title(files, what))
                .xAxisTitle(perJdk ? "parameter set · JDK (n requests per batch, L ms server latency)"
                        : "parameter set (n requests per batch, L ms server latency)")
                .yAxisTitle(unit + (log ? " (log scale)" : "")).build();
        style(c.getStyler());
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setAvailableSpaceFill(0.85);
        c.getStyler().setOverlapped(false);
        c.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        if (log) c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        for (Map.Entry<String, Map<String, Row>> e : series.entrySet()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String g : groups) {
                Row r = e.getValue().get(g);
                // a missing bar (row not run on this JDK) is left out, never drawn as zero time
                y.add(r == null ? null : bar.applyAsDouble(r));
                // the fork-level interval's upper side (XChart draws symmetric bars; the log interval's upper
                // side is the larger, so the bar never understates the uncertainty)
                err.add(r == null || mode == Mode.SAMPLE || !r.estimate().hasInterval() ? 0.0
                        : r.estimate().hi() - r.estimate().est());
            }
            if (!errors) {
                c.addSeries(e.getKey(), groups, y); // XChart 4.0.3 draws error bars wrongly on a log axis
            } else {
                c.addSeries(e.getKey(), groups, y, err);
            }
        }
        return c;
    }

    /** With several files: keep a parameter set's JDKs next to each other. */
    private static int firstIndexOfParams(List<String> groups, String g) {
        String params = g.substring(0, g.lastIndexOf(" · "));
        for (int i = 0; i < groups.size(); i++) if (groups.get(i).startsWith(params + " · ")) return i;
        return groups.size();
    }

    /** Time per request vs n on log-log axes, one line per strategy, for one latency. */
    public static XYChart scaling(List<RunFile> files, long latencyMs) {
        if (Mode.single(files, "scaling") != Mode.AVGT) {
            throw new ReportException(files.get(0).path().toString(), "scaling plots ms per request from "
                    + "AverageTime results (-bm avgt); use chart for thrpt or sample");
        }
        XYChart c = new XYChartBuilder().width(1200).height(750)
                .title(title(files, "Time per request vs n, latency " + latencyMs + " ms"))
                .xAxisTitle("n (requests per batch, log)").yAxisTitle("ms per request (log)").build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(9);
        Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
        for (RunFile f : files) {
            for (Row r : f.rows()) {
                if (r.latencyMs() != latencyMs) continue;
                lines.computeIfAbsent(r.strategy(), k -> new TreeMap<>()).put(r.requests(), Tables.number(r) / r.requests());
            }
        }
        for (Map.Entry<String, TreeMap<Integer, Double>> e : lines.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            e.getValue().forEach((n, v) -> {
                x.add(n.doubleValue());
                y.add(v);
            });
            c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** Writes SVG or PNG by extension, atomically; an existing file only with {@code force}. */
    public static void save(Chart<?, ?> chart, Path out, boolean force) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new ReportException(out.toString(), "output must end in .svg or .png");
        }
        Output.write(out, force, svg ? ".svg" : ".png", tmp -> {
            String base = tmp.toString().substring(0, tmp.toString().length() - 4); // the encoders add the extension
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
