package httpbench.report.render;

import httpbench.report.read.Mode;
import httpbench.report.read.Output;
import httpbench.report.read.ReportException;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import org.knowm.xchart.BitmapEncoder;
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
import java.util.TreeMap;

/**
 * Charts: the dot plots of every parameter set ({@link Plots}: ms per batch, batches/s for Throughput results,
 * the mean ms per batch for SampleTime results; every fork drawn), and, with XChart, the scaling chart (log-log,
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
     * The dot plots of every parameter set (one lane per row and file: iterations, fork means, fork-level 95 %
     * interval, estimate), on a linear axis from 0 per parameter set, or a log axis with {@code log}.
     */
    public static Plots.Figure dots(List<RunFile> files, boolean log) {
        Mode.single(files, "chart");
        return Plots.Figure.of(files, log);
    }

    /** Writes the figure as SVG or PNG (twice the size, for sharp text) by extension, atomically. */
    public static void save(Plots.Figure figure, Path out, boolean force) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            throw new ReportException(out.toString(), "output must end in .svg or .png");
        }
        if (svg) {
            Output.text(out, figure.svg(), force);
            return;
        }
        Output.write(out, force, ".png", tmp -> {
            int scale = 2;
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(Plots.WIDTH * scale,
                    (int) Math.ceil(figure.height()) * scale, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            try {
                g.scale(scale, scale);
                figure.draw(new Canvas.G2(g));
            } finally {
                g.dispose();
            }
            if (!javax.imageio.ImageIO.write(img, "png", tmp.toFile())) throw new java.io.IOException("no PNG writer");
        });
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
                lines.computeIfAbsent(r.strategy(), k -> new TreeMap<>()).put(r.requests(), Lines.number(r) / r.requests());
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
