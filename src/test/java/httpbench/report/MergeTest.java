package httpbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static httpbench.report.ReportTest.run;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report merge} on small synthetic fork files (JMH's JSON shape, one fork each). */
public class MergeTest {
    /** One row of one fork: primary values, threads peaks, gc.count per iteration (JMH: sum), alloc (mean). */
    static String row(String strategy, double[] primary, double[] threads, double[] gcCount) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"httpbench.jmh.ConcurrentRequests.batch\",\"mode\":\"avgt\","
                + "\"threads\":1,\"forks\":1,\"jdkVersion\":\"17.0.15\",\"warmupIterations\":0,"
                + "\"measurementIterations\":" + primary.length + ","
                + "\"params\":{\"strategy\":\"" + strategy + "\",\"latencyMs\":\"0\"},"
                + "\"primaryMetric\":" + metric(primary, mean(primary), "ms/op") + ","
                + "\"secondaryMetrics\":{"
                + "\"threads\":" + metric(threads, max(threads), "threads") + ","
                + "\"gc.count\":" + metric(gcCount, sum(gcCount), "counts") + ","
                + "\"gc.alloc.rate.norm\":" + metric(primary, mean(primary), "B/op") + "}}";
    }

    static String metric(double[] v, double score, String unit) {
        StringBuilder raw = new StringBuilder("[[");
        for (int i = 0; i < v.length; i++) raw.append(i == 0 ? "" : ",").append(v[i]);
        raw.append("]]");
        return "{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreConfidence\":[" + score + "," + score + "],"
                + "\"scorePercentiles\":{\"0.0\":0,\"50.0\":0,\"100.0\":0},\"scoreUnit\":\"" + unit + "\","
                + "\"rawData\":" + raw + "}";
    }

    static double mean(double[] v) { return sum(v) / v.length; }
    static double sum(double[] v) { double s = 0; for (double x : v) s += x; return s; }
    static double max(double[] v) { double m = v[0]; for (double x : v) m = Math.max(m, x); return m; }

    static Path write(Path dir, String name, String... rows) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "[" + String.join(",", rows) + "]");
        return p;
    }

    @Test
    void mergesForksLikeJmh(@TempDir Path dir) throws Exception {
        Path a = write(dir, "17-1.json",
                row("serial", new double[] {1, 2}, new double[] {9, 12}, new double[] {0, 1}),
                row("floor", new double[] {0.1}, new double[] {3}, new double[] {0}));
        Path b = write(dir, "17-2.json",
                row("serial", new double[] {3, 4}, new double[] {10, 10}, new double[] {25, 1}),
                row("floor", new double[] {0.3}, new double[] {4}, new double[] {2}));
        Path out = dir.resolve("results.json");
        ReportTest.Out r = run("merge", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, rows.size());
        JsonNode serial = rows.get(0);
        assertEquals("serial", serial.path("params").path("strategy").asText(), "first file's row order");
        assertEquals(2, serial.path("forks").asInt());
        JsonNode pm = serial.path("primaryMetric");
        assertEquals("[[1.0,2.0],[3.0,4.0]]", pm.path("rawData").toString(), "fork lists concatenated");
        assertEquals(2.5, pm.path("score").asDouble(), 1e-12);
        double sd = Math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3);
        double err = new TDistribution(3).inverseCumulativeProbability(0.9995) * sd / 2;
        assertEquals(err, pm.path("scoreError").asDouble(), 1e-9);
        assertEquals(2.5 - err, pm.path("scoreConfidence").get(0).asDouble(), 1e-9);
        assertEquals(2.5 + err, pm.path("scoreConfidence").get(1).asDouble(), 1e-9);
        assertEquals(1.0, pm.path("scorePercentiles").path("0.0").asDouble(), 1e-12);
        assertEquals(4.0, pm.path("scorePercentiles").path("100.0").asDouble(), 1e-12);

        JsonNode sec = serial.path("secondaryMetrics");
        assertEquals(12.0, sec.path("threads").path("score").asDouble(), "threads: a peak, merged with max");
        assertEquals("NaN", sec.path("threads").path("scoreError").asText());
        assertEquals("[[9.0,12.0],[10.0,10.0]]", sec.path("threads").path("rawData").toString());
        assertEquals(27.0, sec.path("gc.count").path("score").asDouble(), "gc.count: a sum, as in JMH");
        assertEquals(2.5, sec.path("gc.alloc.rate.norm").path("score").asDouble(), 1e-12, "a mean");
        assertTrue(sec.path("gc.alloc.rate.norm").path("scoreError").isNumber());

        JsonNode floor = rows.get(1);
        assertEquals(0.2, floor.path("primaryMetric").path("score").asDouble(), 1e-12);
        assertEquals(4.0, floor.path("secondaryMetrics").path("threads").path("score").asDouble());
    }

    @Test
    void singleValueHasNaNErrorAsString(@TempDir Path dir) throws Exception {
        Path a = write(dir, "1.json", row("floor", new double[] {0.5}, new double[] {3}, new double[] {0}));
        Path out = dir.resolve("results.json");
        assertEquals(0, run("merge", a.toString(), "--out", out.toString()).code());
        String text = Files.readString(out);
        JsonNode pm = new ObjectMapper().readTree(text).get(0).path("primaryMetric");
        assertTrue(pm.path("scoreError").isTextual(), text);
        assertEquals("NaN", pm.path("scoreError").asText());
        assertEquals(1, new ObjectMapper().readTree(text).get(0).path("forks").asInt());
    }

    @Test
    void rowMissingInAForkIsMergedFromTheOthersAndNamed(@TempDir Path dir) throws Exception {
        Path a = write(dir, "25-1.json",
                row("serial", new double[] {1, 2}, new double[] {9, 9}, new double[] {0, 0}),
                row("floor", new double[] {0.1}, new double[] {3}, new double[] {0}));
        Path b = write(dir, "25-2.json",
                row("floor", new double[] {0.3}, new double[] {4}, new double[] {0}));
        Path out = dir.resolve("results.json");
        ReportTest.Out r = run("merge", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(1, r.code(), "incomplete rows: non-zero exit");
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("strategy=serial") && r.err().contains("missing in 25-2.json"), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, rows.size(), "written anyway");
        assertEquals(1, rows.get(0).path("forks").asInt());
        assertEquals(1.5, rows.get(0).path("primaryMetric").path("score").asDouble(), 1e-12);
        assertEquals(2, rows.get(1).path("forks").asInt());
    }

    @Test
    void refusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
        Path a = write(dir, "1.json", row("floor", new double[] {0.5}, new double[] {3}, new double[] {0}));
        Path out = dir.resolve("results.json");
        Files.writeString(out, "keep");
        ReportTest.Out r = run("merge", a.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("--force"), r.err());
        assertEquals("keep", Files.readString(out));
        assertEquals(0, run("merge", a.toString(), "--out", out.toString(), "--force").code());
        assertFalse(Files.readString(out).equals("keep"));
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"not\":\"jmh\"}");
        ReportTest.Out r = run("merge", bad.toString(), "--out", dir.resolve("o.json").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("o.json")));
        ReportTest.Out missing = run("merge", dir.resolve("nope.json").toString(), "--out", dir.resolve("o.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        // the one JSON reader of the report (RunFile.readJson): where a truncated fork file breaks, in one line
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, "[{\"benchmark\": \"x\",");
        ReportTest.Out truncated = run("merge", cut.toString(), "--out", dir.resolve("o.json").toString());
        assertEquals(2, truncated.code());
        assertEquals(1, truncated.err().strip().lines().count(), truncated.err());
        assertTrue(truncated.err().contains(cut + ": malformed JSON at line 1"), truncated.err());
    }
}
