package httpbench.report;

import httpbench.report.render.Charts;
import httpbench.report.read.Mode;
import httpbench.report.stats.Numbers;
import httpbench.report.render.Plots;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static httpbench.report.ReportTest.ok;
import static httpbench.report.ReportTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throughput (-bm thrpt) and SampleTime (-bm sample) results: synthetic JMH JSON where every number is known. */
public class ModesTest {
    /** One JMH JSON entry of {@code ConcurrentRequests.batch} with n=10, payload 1024 B, 1 fork. */
    static ObjectNode entry(String mode, String unit, String strategy, String latencyMs, double score, double error) {
        ObjectNode n = RunFile.JSON.createObjectNode();
        n.put("jmhVersion", "1.37").put("benchmark", "httpbench.jmh.ConcurrentRequests.batch").put("mode", mode)
                .put("threads", 4).put("forks", 1).put("jdkVersion", "17.0.15").put("warmupIterations", 1)
                .put("warmupTime", "1 s").put("measurementIterations", 3).put("measurementTime", "1 s");
        n.putObject("params").put("strategy", strategy).put("requests", "10").put("latencyMs", latencyMs)
                .put("payloadBytes", "1024");
        ObjectNode pm = n.putObject("primaryMetric");
        pm.put("score", score).put("scoreError", error).put("scoreUnit", unit);
        pm.putArray("rawData").addArray().add(score).add(score).add(score);
        return n;
    }

    /** A SampleTime entry: percentiles as given (in {@code unit}), one fork of 3 iterations of sampled times. */
    static ObjectNode sample(String unit, String strategy, double mean, double error, Map<String, Double> pct) {
        ObjectNode n = entry("sample", unit, strategy, "20", mean, error);
        ObjectNode pm = (ObjectNode) n.get("primaryMetric");
        pm.remove("rawData");
        ObjectNode p = pm.putObject("scorePercentiles");
        pct.forEach(p::put);
        // per iteration: [value, count] pairs whose mean is `mean` (0.8 × mean three times, 1.6 × mean once)
        ArrayNode fork = pm.putArray("rawDataHistogram").addArray();
        for (int i = 0; i < 3; i++) {
            ArrayNode it = fork.addArray();
            it.addArray().add(0.8 * mean).add(3);
            it.addArray().add(1.6 * mean).add(1);
        }
        return n;
    }

    static Path write(Path dir, String name, ObjectNode... entries) throws Exception {
        ArrayNode a = RunFile.JSON.createArrayNode();
        for (ObjectNode e : entries) a.add(e);
        return Files.writeString(dir.resolve(name), RunFile.JSON.writeValueAsString(a));
    }

    /** serial at 0.05 ops/ms, asyncHttpClient at 0.5 ops/ms ± 0.01 (n = 10, L = 20 ms), in {@code unit}. */
    static Path thrpt(Path dir, String name, String unit, double perMs) throws Exception {
        return write(dir, name, entry("thrpt", unit, "serial", "20", 0.05 * perMs, 0.001 * perMs),
                entry("thrpt", unit, "asyncHttpClient", "20", 0.5 * perMs, 0.01 * perMs));
    }

    static Map<String, String> csvLine(String csv, String strategy) {
        List<String> lines = csv.lines().toList();
        List<String> head = Arrays.asList(lines.get(0).split(","));
        String[] cells = lines.stream().filter(l -> l.contains("," + strategy + ",")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(head.size(), cells.length, "one cell per column: " + Arrays.toString(cells));
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < head.size(); i++) m.put(head.get(i), cells[i]);
        return m;
    }

    // ------------------------------------------------------------------------------------------------ throughput

    @Test
    void throughputTablesShowBatchesAndRequestsPerSecondAndSpeedupStaysHigherIsFaster(@TempDir Path dir)
            throws Exception {
        Path f = thrpt(dir, "thrpt.json", "ops/ms", 1);
        String out = ok("tables", f.toString()).out();
        Md t = Md.withColumn(out, "batches/s [95 % CI]");
        // 0.5 ops/ms = 500 batches/s; × n=10 = 5000 requests/s
        // 10× the serial throughput is a speedup of 10, not 0.1
        assertCells(t, "`asyncHttpClient`", "batches/s [95 % CI]", "500.0", "requests/s", "5000.0",
                "speedup vs serial", "10.00×");
        assertCells(t, "`serial`", "batches/s [95 % CI]", "50.00", "requests/s", "500.0");
        assertFalse(t.header().stream().anyMatch(h -> h.contains("physical limit") || h.contains("ms/op")),
                t.header().toString());
        assertTrue(out.contains("*batches/s*") && out.contains("higher is better"), "the legend explains: " + out);
        assertTrue(out.contains(", thrpt, "), "the header names the mode: " + out.lines().findFirst().orElseThrow());
        // the same run in ops/s gives the same table
        assertEquals(out.replace("thrpt.json", "x"),
                ok("tables", thrpt(dir, "ops-s.json", "ops/s", 1000).toString()).out().replace("ops-s.json", "x"));

        Map<String, String> csv = csvLine(ok("tables", "--csv", f.toString()).out(), "asyncHttpClient");
        assertEquals("thrpt", csv.get("mode"));
        assertNumbers(csv, Map.of("batches_per_s", 500.0, "batches_per_s_ci999_half_width", 10.0, "forks", 1.0,
                "requests_per_s", 5000.0, "speedup_vs_serial", 10.0));
        assertEquals("", csv.get("ms_per_batch"), "a throughput row has no batch time");
        // % of ideal: 4 callers at L = 20 ms can complete at most 4 x 1000 / 20 = 200 batches/s; these synthetic
        // 500 batches/s are 250 % of it (no real run can exceed 100 %)
        assertEquals("250.000", csv.get("pct_of_physical_limit"));
        assertEquals("4", csv.get("callers"));
        assertEquals("", csv.get("p99_ms"));
    }

    @Test
    void throughputSteadyCheckAndCompareVerdictPointTheRightWay(@TempDir Path dir) throws Exception {
        Path base = ReportTest.variant(dir, "base.json", thrpt(dir, "t.json", "ops/ms", 1),
                a -> ReportTest.forked(a, 1, 5, 10, 0.05, 0.01, s -> 1));
        // the candidate's asyncHttpClient does twice the batches per second: faster, ratio about 2
        Path cand = ReportTest.variant(dir, "cand.json", base,
                a -> ReportTest.forked(a, 2, 5, 10, 0.05, 0.01, s -> s.equals("asyncHttpClient") ? 2 : 1));
        String out = ok("compare", base.toString(), cand.toString()).out();
        assertTrue(out.contains("Ratio > 1: the candidate is faster"), out);
        Md t = Md.withColumn(out, "verdict");
        List<String> ahc = t.row("`asyncHttpClient`");
        assertEquals("faster", ahc.get(t.header().indexOf("verdict")), ahc.toString());
        double ratio = Double.parseDouble(ahc.get(ratioColumn(t)).split(" ")[0]);
        assertTrue(ratio > 1.8 && ratio < 2.2, "ratio of batches/s: " + ratio);
        assertEquals("inconclusive", t.row("`serial`").get(t.header().indexOf("verdict")));
        Md back = Md.withColumn(ok("compare", cand.toString(), base.toString()).out(), "verdict");
        assertEquals("slower", back.row("`asyncHttpClient`").get(back.header().indexOf("verdict")));

        // throughput that keeps rising through the measurement (40 %) is not steady, a flat one is
        Path rising = ReportTest.variant(dir, "rising.json", base, a -> {
            for (JsonNode fork : a.get(1).get("primaryMetric").get("rawData")) {
                for (int i = 0; i < fork.size(); i++) ((ArrayNode) fork).set(i, fork.get(i).asDouble() * (1 + 0.04 * i));
            }
        });
        Md r = Md.withColumn(ok("tables", rising.toString()).out(), "batches/s [95 % CI]");
        assertTrue(r.cell("`asyncHttpClient`", "note").contains("not steady (fork #"), r.rows().toString());
        assertFalse(r.cell("`serial`", "note").contains("not steady"), r.rows().toString());
        Map<String, String> csv = csvLine(ok("tables", "--csv", rising.toString()).out(), "asyncHttpClient");
        assertTrue(Double.parseDouble(csv.get("trend_pct")) > 30, "a rising throughput is a positive trend: " + csv);
    }

    // ------------------------------------------------------------------------------------------------ sample

    static final Map<String, Double> US = Map.of("0.0", 900.0, "50.0", 1500.0, "90.0", 2500.0, "95.0", 3000.0,
            "99.0", 4200.0, "99.9", 8000.0, "99.99", 9000.0, "100.0", 9500.0);

    @Test
    void sampleTablesShowPercentilesConvertedToMilliseconds(@TempDir Path dir) throws Exception {
        Map<String, Double> ms = Map.of("0.0", 9.0, "50.0", 11.0, "90.0", 12.5, "95.0", 13.0, "99.0", 14.25,
                "99.9", 20.0, "99.99", 21.0, "100.0", 22.0);
        // us/op: the mean, its error and every percentile divided by 1000
        Path f = write(dir, "sample.json", sample("us/op", "serial", 2000, 100, US),
                sample("ms/op", "asyncHttpClient", 11.5, 0.25, ms));
        String out = ok("tables", f.toString()).out();
        Md t = Md.withColumn(out, "mean ms/op [95 % CI]");
        assertCells(t, "`serial`", "mean ms/op [95 % CI]", "2.000", "p50 ms", "1.500", "p90 ms", "2.500",
                "p99 ms", "4.200", "p99.9 ms", "8.000");
        assertCells(t, "`asyncHttpClient`", "mean ms/op [95 % CI]", "11.50", "p50 ms", "11.00",
                "p99 ms", "14.25", "p99.9 ms", "20.00");
        // the mean is a batch time: speedup and % of the physical limit (L = 20 ms; serial: n·L) as for avgt
        assertEquals(Numbers.fmt(2.0 / 11.5) + "×", t.cell("`asyncHttpClient`", "speedup vs serial"));
        assertEquals("174 %", t.cell("`asyncHttpClient`", "% of physical limit"));
        assertTrue(out.contains("*p50* ... *p99.9*"), "the legend explains the percentiles");

        Map<String, String> csv = csvLine(ok("tables", "--csv", f.toString()).out(), "serial");
        assertEquals("sample", csv.get("mode"));
        assertNumbers(csv, Map.of("ms_per_batch", 2.0, "jmh_ci999_half_width", 0.1, "p50_ms", 1.5, "p90_ms", 2.5,
                "p99_ms", 4.2, "p999_ms", 8.0));
        assertEquals("", csv.get("batches_per_s"));

        String cmp = ok("compare", f.toString(), f.toString()).out();
        assertTrue(cmp.startsWith("Base") && cmp.contains("mean ms/op of the sampled batches"), cmp);
        Md c = Md.withColumn(cmp, "verdict");
        assertEquals("1.000", c.row("`serial`").get(ratioColumn(c)), "the same file: ratio 1");

        // rawDataHistogram: each iteration's value is its histogram's mean (0.8 × 3 + 1.6 × 1) / 4 = 1.0 × mean
        Row serial = RunFile.read(f).rows().get(0);
        assertEquals(1, serial.forks().length);
        for (double v : serial.forks()[0]) assertEquals(2.0, v, 1e-9);
        assertEquals(Mode.SAMPLE, serial.mode());
        assertEquals(4.2, serial.percentile(99.0), 1e-9);
    }

    // ------------------------------------------------------------------------------------------------ mixed, charts

    @Test
    void aFileOfSeveralModesGetsTablesPerModeButCompareAndChartsRefuseIt(@TempDir Path dir) throws Exception {
        Path mixed = write(dir, "mixed.json", entry("avgt", "ms/op", "serial", "20", 210, 3),
                entry("thrpt", "ops/s", "serial", "20", 4.8, 0.1),
                sample("ms/op", "serial", 211, 4, Map.of("50.0", 209.0, "90.0", 215.0, "99.0", 230.0, "99.9", 240.0)));
        String out = ok("tables", mixed.toString()).out();
        assertEquals("210.0", Md.withColumn(out, "ms/op [95 % CI]").cell("`serial`", "ms/op [95 % CI]"));
        assertEquals("4.800", Md.withColumn(out, "batches/s [95 % CI]")
                .cell("`serial`", "batches/s [95 % CI]"));
        assertEquals("230.0", Md.withColumn(out, "p99 ms").cell("`serial`", "p99 ms"));
        assertEquals(3, Md.tables(out).size(), "one table per mode:\n" + out);
        assertTrue(out.startsWith("**JDK 17.0.15** · JMH 1.37, avgt + thrpt + sample, "), out.lines().findFirst().get());
        // CSV: one line per row; a row is only compared with the serial row of its own mode
        List<String> csv = ok("tables", "--csv", mixed.toString()).out().lines().toList();
        assertEquals(4, csv.size());
        int speedup = Arrays.asList(csv.get(0).split(",")).indexOf("speedup_vs_serial");
        for (String l : csv.subList(1, 4)) assertEquals("1.00000", l.split(",", -1)[speedup], l);

        Path avgt = write(dir, "avgt.json", entry("avgt", "ms/op", "serial", "20", 210, 3));
        Path thr = thrpt(dir, "thrpt.json", "ops/ms", 1);
        for (String[] args : List.of(new String[] {"compare", avgt.toString(), thr.toString()},
                new String[] {"compare", mixed.toString(), mixed.toString()},
                new String[] {"chart", mixed.toString(), "--out", dir.resolve("c.png").toString()},
                new String[] {"scaling", thr.toString(), "--out", dir.resolve("s.png").toString()})) {
            ReportTest.Out o = run(args);
            String what = String.join(" ", args) + " -> " + o.err();
            assertEquals(2, o.code(), what);
            assertEquals(1, o.err().strip().lines().count(), "one line: " + what);
            assertTrue(o.err().startsWith("error: ") && (o.err().contains("mix avgt and thrpt")
                    || o.err().contains("-bm avgt")), what);
            assertFalse(o.err().contains("\tat "), what);
        }
        assertFalse(Files.exists(dir.resolve("c.png")));

        // a mode the reports do not read: one line naming what they do read
        Path ss = write(dir, "ss.json", entry("ss", "ms/op", "serial", "20", 210, 3));
        ReportTest.Out o = run("tables", ss.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().startsWith("error: " + ss + ": ") && o.err().contains("mode ss")
                && o.err().contains("-bm thrpt"), o.err());
    }

    @Test
    void throughputAndSampleChartsAreWritten(@TempDir Path dir) throws Exception {
        Path thr = thrpt(dir, "thrpt.json", "ops/ms", 1);
        Path smp = write(dir, "sample.json", sample("us/op", "serial", 2000, 100, US));
        Plots.Figure t = Charts.dots(List.of(RunFile.read(thr)), false);
        assertEquals("batches/s", t.panels().get(0).unit());
        String ts = t.svg();
        for (Plots.Panel p : t.panels()) {
            for (Plots.Lane l : p.lanes()) {
                assertTrue(ts.contains(l.label() + ": " + l.row().estimate().cell()), "the throughput estimate " + l.label());
            }
        }
        Plots.Figure s = Charts.dots(List.of(RunFile.read(smp)), false);
        assertEquals("mean ms per batch", s.panels().get(0).unit());
        assertTrue(s.svg().contains("serial: " + Numbers.fmt(RunFile.read(smp).rows().get(0).estimate().est())),
                "the mean in ms, from us/op: " + s.svg());
        ok("chart", thr.toString(), "--out", dir.resolve("t.png").toString());
        ok("chart", smp.toString(), "--log", "--out", dir.resolve("s.png").toString());
        assertNotNull(ImageIO.read(dir.resolve("t.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("s.png").toFile()));
    }

    /** {@code columnsAndCells}: column, expected cell, column, expected cell... of one row. */
    static void assertCells(Md t, String row, String... columnsAndCells) {
        for (int i = 0; i < columnsAndCells.length; i += 2) {
            assertEquals(columnsAndCells[i + 1], t.cell(row, columnsAndCells[i]), row + ", " + columnsAndCells[i]);
        }
    }

    /** The CSV line's numbers in these columns. */
    static void assertNumbers(Map<String, String> csv, Map<String, Double> want) {
        want.forEach((column, v) -> assertEquals(v, Double.parseDouble(csv.get(column)), 1e-9, column + ": " + csv));
    }

    /** The column of compare's first ratio. */
    static int ratioColumn(Md t) {
        return t.header().stream().filter(h -> h.endsWith("[95 % CI]")).map(t.header()::indexOf).findFirst()
                .orElseThrow();
    }

    /** The height of every bar of every series, in series order. */
}
