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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Charts with XChart: grouped bars with error bars per parameter set, and the scaling chart (log-log). */
public final class Charts {
    private Charts() {}

    static String title(List<RunFile> files, String what) {
        Set<String> jdks = new LinkedHashSet<>();
        for (RunFile f : files) jdks.add(f.jdkVersion());
        String machine = files.get(0).machine();
        return what + " — " + String.join(" vs ", jdks) + (machine.isEmpty() ? "" : " — " + machine);
    }

    static void style(org.knowm.xchart.style.AxesChartStyler s) {
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
    }

    /** Grouped bars: one group per parameter set, one bar per strategy (per JDK when several files). */
    public static CategoryChart bars(List<RunFile> files, boolean log) {
        CategoryChart c = new CategoryChartBuilder().width(1400).height(750)
                .title(title(files, log ? "Time per batch (ms, log scale)" : "Time per batch (ms, ± 99.9 % CI)"))
                .xAxisTitle("parameter set").yAxisTitle("ms per batch" + (log ? " (log scale)" : "")).build();
        style(c.getStyler());
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setAvailableSpaceFill(0.85);
        c.getStyler().setOverlapped(false);
        List<String> groups = new ArrayList<>();
        Map<String, Map<String, Row>> series = new LinkedHashMap<>();
        for (RunFile f : files) {
            for (Row r : f.rows()) {
                String g = Tables.groupLabel(r).replace(", payload 1024 B", "");
                if (!groups.contains(g)) groups.add(g);
                String s = r.strategy() + (files.size() > 1 ? " (" + f.jdkVersion() + ")" : "");
                series.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(g, r);
            }
        }
        if (log) {
            double min = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Row::score)
                    .filter(v -> v > 0).min().orElse(1);
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        for (Map.Entry<String, Map<String, Row>> e : series.entrySet()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String g : groups) {
                Row r = e.getValue().get(g);
                // a missing bar (row not run on this JDK) is left out, never drawn as zero time
                y.add(r == null ? null : r.score());
                err.add(r == null || Double.isNaN(r.error()) ? 0.0 : r.error());
            }
            if (log) {
                c.addSeries(e.getKey(), groups, y); // XChart cannot draw error bars reaching <= 0 on a log axis
            } else {
                c.addSeries(e.getKey(), groups, y, err);
            }
        }
        return c;
    }

    /** Time per request vs n on log-log axes, one line per strategy, for one latency. */
    public static XYChart scaling(List<RunFile> files, long latencyMs) {
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
                lines.computeIfAbsent(r.strategy(), k -> new TreeMap<>()).put(r.requests(), r.score() / r.requests());
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

    /** Writes SVG or PNG by extension, atomically (temp file in the same folder, then move). */
    public static void save(Chart<?, ?> chart, Path out) {
        String name = out.getFileName().toString().toLowerCase();
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new ReportException(out.toString(), "output must end in .svg or .png");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ReportException(out.toString(), "folder does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ReportException(out.toString(), "folder is not writable");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".chart", name.substring(name.length() - 4));
            String base = tmp.toString().substring(0, tmp.toString().length() - 4);
            if (name.endsWith(".svg")) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 120);
            }
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ReportException(out.toString(), "cannot write: " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
