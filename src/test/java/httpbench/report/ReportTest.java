package httpbench.report;

import httpbench.report.render.Lines;

import httpbench.report.render.Cells;

import httpbench.report.stats.Numbers;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.render.Tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report commands on fixtures cut from real JMH output (src/test/resources/fixtures) and variants of them. */
public class ReportTest {
    static final Path J17 = Path.of("src/test/resources/fixtures/jdk17-small.json");
    static final Path J25 = Path.of("src/test/resources/fixtures/jdk25-gc-small.json");

    record Out(int code, String out, String err) {}

    static Out run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ReportMain.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Out(code, o.toString(), e.toString());
    }

    static Out ok(String... args) {
        Out o = run(args);
        assertEquals(0, o.code(), String.join(" ", args) + " -> " + o.err());
        return o;
    }

    static Row row(RunFile f, String strategy, long latency) {
        return f.rows().stream().filter(r -> r.strategy().equals(strategy) && r.latencyMs() == latency)
                .findFirst().orElseThrow();
    }

    /** A copy of a fixture, changed by {@code edit}, in {@code dir}. */
    static Path variant(Path dir, String name, Path fixture, Consumer<ArrayNode> edit) throws Exception {
        ArrayNode a = (ArrayNode) RunFile.JSON.readTree(fixture.toFile());
        edit.accept(a);
        return Files.writeString(dir.resolve(name), RunFile.JSON.writeValueAsString(a));
    }

    /** A run with -p scheme=http (and caCert=none) reads as the runs made before those parameters existed. */
    @Test
    void schemeHttpReadsAsEarlierRunsAndHttpsStaysApart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<String> before = RunFile.read(J17).rows().stream().map(Row::key).toList();
        Path http = variant(dir, "http.json", J17, a -> a.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                r.path("params")).put("scheme", "http").put("caCert", "none")));
        assertEquals(before, RunFile.read(http).rows().stream().map(Row::key).toList());
        Path https = variant(dir, "https.json", J17, a -> a.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                r.path("params")).put("scheme", "https").put("caCert", "none")));
        for (Row r : RunFile.read(https).rows()) {
            assertEquals("https", r.params().get("scheme"), r.key());
            assertTrue(!r.params().containsKey("caCert"), r.key());
            assertTrue(!before.contains(r.key()), "an https row never pairs with an http one: " + r.key());
        }
    }

    /** -p transport=nio (the default) reads as the runs before the parameter; epoll rows stay apart, labelled. */
    @Test
    void transportNioReadsAsEarlierRunsAndEpollStaysApart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        List<String> before = RunFile.read(J17).rows().stream().map(Row::key).toList();
        Path nio = variant(dir, "nio.json", J17, a -> a.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                r.path("params")).put("transport", "nio")));
        assertEquals(before, RunFile.read(nio).rows().stream().map(Row::key).toList());
        Path epoll = variant(dir, "epoll.json", J17, a -> a.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                r.path("params")).put("transport", "epoll")));
        for (Row r : RunFile.read(epoll).rows()) {
            assertEquals("epoll", r.params().get("transport"), r.key());
            assertTrue(!before.contains(r.key()), "an epoll row never pairs with a nio one: " + r.key());
        }
    }

    static void remove(ArrayNode a, String strategy, String latency) {
        for (int i = a.size() - 1; i >= 0; i--) {
            JsonNode p = a.get(i).path("params");
            if (p.path("strategy").asText().equals(strategy) && p.path("latencyMs").asText().equals(latency)) a.remove(i);
        }
    }

    static String x(double v) {
        return Numbers.fmt(v) + "×";
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v);
    }

    // ------------------------------------------------------------------------------------------------ tables

    @Test
    void tableComputesSpeedupLimitAndBytesFromTheFixtureNumbers() {
        RunFile f = RunFile.read(J25);
        String out = ok("tables", J25.toString()).out();
        Md t = Md.withColumn(out, "L=20 ms: % of physical limit");
        Row serial = row(f, "serial", 20);
        Row ahc = row(f, "asyncHttpClient", 20);
        Row ahc0 = row(f, "asyncHttpClient", 0);
        assertEquals(Cells.scoreCell(ahc),
                t.cell("`asyncHttpClient`", "L=20 ms: ms/op [95 % CI]"));
        assertEquals(x(Lines.number(serial) / Lines.number(ahc)), t.cell("`asyncHttpClient`", "L=20 ms: speedup vs serial"));
        assertEquals(x(Lines.number(row(f, "serial", 0)) / Lines.number(ahc0)),
                t.cell("`asyncHttpClient`", "L=0 ms: speedup vs serial"));
        assertEquals("1.000×", t.cell("`serial`", "L=20 ms: speedup vs serial"));
        // concurrent rows: limit L; serial: limit n·L
        assertEquals(pct(100.0 * 20 / Lines.number(ahc)), t.cell("`asyncHttpClient`", "L=20 ms: % of physical limit"));
        assertEquals(pct(100.0 * 10 * 20 / Lines.number(serial)), t.cell("`serial`", "L=20 ms: % of physical limit"));
        // no limit at L = 0
        assertFalse(t.header().contains("L=0 ms: % of physical limit"), t.header().toString());
        // -prof gc: bytes per batch and per request (n = 10)
        double norm = ahc.secondary().get("gc.alloc.rate.norm");
        Md cost = Md.withColumn(out, "L=20 ms: B/op (all threads)");
        assertEquals(String.format(Locale.ROOT, "%,.0f", norm), cost.cell("`asyncHttpClient`", "L=20 ms: B/op (all threads)"));
        assertEquals(String.format(Locale.ROOT, "%,.0f", norm / 10),
                cost.cell("`asyncHttpClient`", "L=20 ms: B/req (all threads)"));
        // every strategy of the file is a row, in the file's order
        assertEquals(List.of("`serial`", "`threadPool`", "`virtualThreads`", "`asyncHttpClient`", "`httpClient5Async`",
                "`jdkAsync`"), t.rows().stream().map(r -> r.get(0)).toList());
    }

    @Test
    void headerNamesJdkAndJmhSettingsAndNoBytesWithoutProfGc() {
        String out = ok("tables", J17.toString()).out();
        String header = out.lines().findFirst().orElseThrow();
        assertTrue(header.contains("JDK 17.0.15") && header.contains("17.0.15+6-Debian-1deb12u1"), header);
        assertTrue(header.contains("1 fork × (1 × 300 ms warm-up + 3 × 300 ms measured)"), header);
        assertTrue(header.contains("n=10") && header.contains("payload 1024 B"), "constant parameters: " + header);
        Md t = Md.withColumn(out, "L=0 ms: ms/op [95 % CI]");
        assertFalse(t.header().stream().anyMatch(h -> h.contains("B/op")), "no -prof gc, no bytes: " + t.header());
        assertFalse(out.contains("virtualThreads"), "JDK 17 has no virtual-thread row");
        for (String cmd : List.of("tables", "compare", "chart", "scaling", "env", "readme")) {
            assertTrue(ok(cmd, "--help").out().startsWith("Usage: report.sh " + cmd), cmd + " --help");
        }
    }

    @Test
    void missingRowsAreNaAndUnknownStrategiesAreJustRows(@TempDir Path dir) throws Exception {
        Path f = variant(dir, "v.json", J25, a -> {
            remove(a, "virtualThreads", "20");
            remove(a, "serial", "0");
            for (JsonNode n : a) {
                ObjectNode p = (ObjectNode) n.get("params");
                if (p.get("strategy").asText().equals("jdkAsync")) p.put("strategy", "freshJdkAsync");
                if (p.get("strategy").asText().equals("threadPool")) p.put("strategy", "floor");
            }
        });
        RunFile run = RunFile.read(f);
        String out = ok("tables", f.toString()).out();
        Md t = Md.withColumn(out, "L=20 ms: ms/op [95 % CI]");
        assertEquals("n/a", t.cell("`virtualThreads`", "L=20 ms: ms/op [95 % CI]"));
        assertEquals("n/a", t.cell("`virtualThreads`", "L=20 ms: speedup vs serial"));
        assertFalse(t.header().contains("L=0 ms: speedup vs serial"), "no serial at L=0: " + t.header());
        Row fresh = row(run, "freshJdkAsync", 20);
        assertEquals(x(Lines.number(row(run, "serial", 20)) / Lines.number(fresh)),
                t.cell("`freshJdkAsync`", "L=20 ms: speedup vs serial"));
        assertEquals(pct(100.0 * 20 / Lines.number(fresh)), t.cell("`freshJdkAsync`", "L=20 ms: % of physical limit"));
        // floor is serial: its limit is n·L
        assertEquals(pct(100.0 * 200 / Lines.number(row(run, "floor", 20))), t.cell("`floor`", "L=20 ms: % of physical limit"));
    }

    @Test
    void timeUnitsAreConvertedAndAUnitThatContradictsTheModeIsRefused(@TempDir Path dir) throws Exception {
        Path us = variant(dir, "us.json", J17, a -> {
            for (JsonNode n : a) {
                ObjectNode pm = (ObjectNode) n.get("primaryMetric");
                pm.put("score", pm.get("score").asDouble() * 1000).put("scoreError", pm.get("scoreError").asDouble() * 1000)
                        .put("scoreUnit", "us/op");
                ArrayNode raw = RunFile.JSON.createArrayNode();
                for (JsonNode fork : pm.get("rawData")) {
                    ArrayNode it = raw.addArray();
                    for (JsonNode v : fork) it.add(v.asDouble() * 1000);
                }
                pm.set("rawData", raw);
            }
        });
        List<Row> a = RunFile.read(J17).rows();
        List<Row> b = RunFile.read(us).rows();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).score(), b.get(i).score(), 1e-9);
            assertEquals(a.get(i).error(), b.get(i).error(), 1e-9);
            assertEquals(a.get(i).raw()[0], b.get(i).raw()[0], 1e-9);
        }
        // ops/ms in a file that says mode avgt: refused, not read as a time (ModesTest reads real thrpt files)
        Path thrpt = variant(dir, "thrpt.json", J17, arr -> {
            for (JsonNode n : arr) ((ObjectNode) n.get("primaryMetric")).put("scoreUnit", "ops/ms");
        });
        Out o = run("tables", thrpt.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: " + thrpt + ": ") && o.err().contains("-bm avgt"), o.err());
    }

    @Test
    void csvHasOneLinePerRowWithTheSameNumbers() {
        String out = ok("tables", "--csv", J25.toString()).out();
        List<String> lines = out.lines().toList();
        assertEquals(RunFile.read(J25).rows().size() + 1, lines.size());
        List<String> head = Arrays.asList(lines.get(0).split(","));
        String ahc = lines.stream().filter(l -> l.contains(",asyncHttpClient,") && l.contains(",20,")).findFirst()
                .orElseThrow();
        String[] cells = ahc.split(",", -1);
        RunFile f = RunFile.read(J25);
        double want = Lines.number(row(f, "serial", 20)) / Lines.number(row(f, "asyncHttpClient", 20));
        assertEquals(want, Double.parseDouble(cells[head.indexOf("speedup_vs_serial")]), want * 1e-5);
        assertEquals(100.0 * 20 / Lines.number(row(f, "asyncHttpClient", 20)),
                Double.parseDouble(cells[head.indexOf("pct_of_physical_limit")]), 1e-3);
        assertEquals("", ok("tables", "--csv", J17.toString()).out().lines().skip(1).findFirst().orElseThrow()
                .split(",", -1)[head.indexOf("bytes_per_batch")], "no -prof gc: empty cell");
    }

    // ------------------------------------------------------------------------------------------------ compare

    @Test
    void compareNamesJdksComputesRatiosAndShowsMissingRowsAsNa() {
        String out = ok("compare", J17.toString(), J25.toString()).out();
        Md t = Md.withColumn(out, "17.0.15 [95 % CI] (F)");
        assertTrue(t.header().contains("25.0.3 [95 % CI] (F)") && t.header().contains("25.0.3 / 17.0.15 [95 % CI]"), t.header().toString());
        List<String> vt = t.rows().stream().filter(r -> r.get(0).equals("`virtualThreads`")).findFirst().orElseThrow();
        assertEquals("n/a", vt.get(t.header().indexOf("17.0.15 [95 % CI] (F)")));
        assertEquals("n/a", vt.get(t.header().indexOf("verdict")));
        Row s17 = row(RunFile.read(J17), "serial", 20);
        Row s25 = row(RunFile.read(J25), "serial", 20);
        List<String> serial = t.rows().stream().filter(r -> r.get(0).equals("`serial`") && r.get(1).contains("L=20 ms"))
                .findFirst().orElseThrow();
        double ratio = s25.estimate().est() / s17.estimate().est(); // ratio of the fork-level estimates
        assertEquals(String.format(Locale.ROOT, "%.3f", ratio), serial.get(t.header().indexOf("25.0.3 / 17.0.15 [95 % CI]")),
                "one fork in the JDK 17 fixture: a ratio, but no interval " + serial);
        assertTrue(serial.get(t.header().indexOf("verdict")).startsWith("n/a (needs ≥ 2 forks per side)"), serial.toString());
        assertEquals(Cells.scoreCell(s17) + " (1)", serial.get(t.header().indexOf("17.0.15 [95 % CI] (F)")));
        // rows: the union of both files
        assertEquals(RunFile.read(J25).rows().size(), t.rows().size());
    }

    @Test
    void compareOfTheSameJdkNamesTheFiles(@TempDir Path dir) throws Exception {
        Path again = Files.copy(J17, dir.resolve("again.json"));
        Md t = Md.withColumn(ok("compare", J17.toString(), again.toString()).out(), "verdict");
        assertTrue(t.header().contains("17.0.15 (fixtures/jdk17-small.json) [95 % CI] (F)"), t.header().toString());
        assertTrue(t.header().stream().anyMatch(h -> h.startsWith("17.0.15 (") && h.contains("again.json")),
                t.header().toString());
    }

    /**
     * Replaces every row's rawData with {@code forks} forks × {@code iters} iterations around the row's score times
     * {@code factor(strategy)}: a lognormal fork offset (sd {@code forkSd}) and lognormal iteration noise (sd
     * {@code iterSd}), from a seeded generator.
     */
    static void forked(ArrayNode a, long seed, int forks, int iters, double forkSd, double iterSd,
                       java.util.function.ToDoubleFunction<String> factor) {
        java.util.Random rnd = new java.util.Random(seed);
        for (JsonNode n : a) {
            ObjectNode pm = (ObjectNode) n.get("primaryMetric");
            double mu = pm.get("score").asDouble() * factor.applyAsDouble(n.get("params").get("strategy").asText());
            ArrayNode raw = RunFile.JSON.createArrayNode();
            for (int f = 0; f < forks; f++) {
                double fork = mu * Math.exp(forkSd * rnd.nextGaussian());
                ArrayNode it = raw.addArray();
                for (int i = 0; i < iters; i++) it.add(fork * Math.exp(iterSd * rnd.nextGaussian()));
            }
            pm.set("rawData", raw);
        }
    }

    @Test
    void compareVerdictsFollowTheRawData(@TempDir Path dir) throws Exception {
        // synthetic fork-structured rawData where the answer is known: the candidate's serial 2x slower, the rest
        // of the same distribution (other seed); 5 forks x 5 iterations, fork spread larger than the iterations'
        Path base = variant(dir, "base.json", J17, a -> forked(a, 1, 5, 5, 0.05, 0.03, s -> 1));
        Path cand = variant(dir, "cand.json", J17, a -> forked(a, 2, 5, 5, 0.05, 0.03,
                s -> s.equals("serial") ? 2 : 1));
        Md t = Md.withColumn(ok("compare", base.toString(), cand.toString()).out(), "verdict");
        for (List<String> r : t.rows()) {
            // the others: the same distribution, but 5 % fork noise at 5 forks cannot show equivalence within ±5 %
            String want = r.get(0).equals("`serial`") ? "slower" : "inconclusive";
            assertEquals(want, r.get(t.header().indexOf("verdict")), r.toString());
            assertTrue(r.get(t.header().indexOf("forks for ±5 %")).matches("\\d+"), r.toString());
            assertTrue(r.get(t.header().indexOf("fork CV")).matches("[0-9.]+ %"), r.toString());
        }
        Md back = Md.withColumn(ok("compare", cand.toString(), base.toString()).out(), "verdict");
        assertEquals("faster", back.rows().get(0).get(back.header().indexOf("verdict")));
        // reproducible: a fixed seed, the same report twice
        assertEquals(ok("compare", base.toString(), cand.toString()).out(),
                ok("compare", base.toString(), cand.toString()).out());
        // one fork on a side: no verdict, and it says why
        Md one = Md.withColumn(ok("compare", J17.toString(), cand.toString()).out(), "verdict");
        for (List<String> r : one.rows()) {
            assertEquals("n/a (needs ≥ 2 forks per side)", r.get(one.header().indexOf("verdict")), r.toString());
        }
    }

    @Test
    void failOnSlowerGatesA20PercentSlowdownAndPassesAnAaPair(@TempDir Path dir) throws Exception {
        // 10 forks per side, 3 % fork noise, 1 % iteration noise: the candidate's jdkAsync 20 % slower
        Path base = variant(dir, "base.json", J17, a -> forked(a, 11, 10, 10, 0.03, 0.01, s -> 1));
        Path same = variant(dir, "same.json", J17, a -> forked(a, 12, 10, 10, 0.03, 0.01, s -> 1));
        Path slow = variant(dir, "slow.json", J17, a -> forked(a, 13, 10, 10, 0.03, 0.01,
                s -> s.equals("jdkAsync") ? 1.2 : 1));
        Out gate = run("compare", "--fail-on", "slower", base.toString(), slow.toString());
        assertEquals(1, gate.code(), gate.err());
        assertTrue(gate.err().startsWith("compare: 2 row(s) slower (--fail-on): jdkAsync {") && gate.err().lines().count() == 1, gate.err());
        assertTrue(gate.out().contains("| slower |"), "the table is still written: " + gate.out());
        Out aa = run("compare", "--fail-on", "slower", base.toString(), same.toString());
        assertEquals(0, aa.code(), aa.err());
        assertFalse(aa.out().contains("| slower |") || aa.out().contains("| faster |"), aa.out());
        // a faster candidate does not trip a slower gate; it trips a faster one
        assertEquals(0, run("compare", "--fail-on", "slower", slow.toString(), base.toString()).code());
        assertEquals(1, run("compare", "--fail-on", "faster", slow.toString(), base.toString()).code());
        Out bad = run("compare", "--fail-on", "worse", base.toString(), same.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: ") && bad.err().contains("expected slower, faster or inconclusive")
                && bad.err().lines().count() == 1, bad.err());
        Out margin = run("compare", "--margin", "0", base.toString(), same.toString());
        assertEquals(2, margin.code(), margin.err());
    }

    @Test
    void notSteadyRowsAreMarkedInTablesCsvAndCompare(@TempDir Path dir) throws Exception {
        // serial's iterations fall by 36 % through the measurement in every fork; the other rows are flat
        Path trend = variant(dir, "trend.json", J17, a -> {
            forked(a, 3, 3, 10, 0.02, 0.01, s -> 1);
            for (JsonNode n : a) {
                if (!n.get("params").get("strategy").asText().equals("serial")) continue;
                for (JsonNode fork : n.get("primaryMetric").get("rawData")) {
                    for (int i = 0; i < fork.size(); i++) {
                        ((ArrayNode) fork).set(i, fork.get(i).asDouble() * (1 - 0.04 * i));
                    }
                }
            }
        });
        Path flat = variant(dir, "flat.json", J17, a -> forked(a, 4, 3, 10, 0.02, 0.01, s -> 1));
        String out = ok("tables", trend.toString()).out();
        Md t = Md.withColumn(out, "L=0 ms: ms/op [95 % CI]");
        assertTrue(t.cell("`serial`", "note").contains("not steady (fork #1 trends -"), t.cell("`serial`", "note"));
        assertFalse(t.cell("`asyncHttpClient`", "note").contains("not steady"), t.cell("`asyncHttpClient`", "note"));
        assertTrue(out.contains("*not steady*"), "the legend states the rule");
        List<String> csv = ok("tables", "--csv", trend.toString()).out().lines().toList();
        List<String> head = Arrays.asList(csv.get(0).split(","));
        for (String line : csv.subList(1, csv.size())) {
            String[] c = line.split(",", -1);
            String want = c[head.indexOf("strategy")].equals("serial") ? "not steady" : "steady";
            assertEquals(want, c[head.indexOf("steady_state")], line);
        }
        Md cmp = Md.withColumn(ok("compare", flat.toString(), trend.toString()).out(), "verdict");
        for (List<String> r : cmp.rows()) {
            String note = r.get(cmp.header().indexOf("note"));
            assertEquals(r.get(0).equals("`serial`"), note.contains("not steady"), r.toString());
        }
        // one iteration per fork, or one fork of two iterations: n/a, no crash
        Path tiny = variant(dir, "tiny.json", J17, a -> forked(a, 5, 1, 1, 0.02, 0.01, s -> 1));
        assertTrue(ok("tables", "--csv", tiny.toString()).out().lines().skip(1).allMatch(l -> l.contains(",n/a,")));
        ok("compare", tiny.toString(), flat.toString());
    }

    @Test
    void rowsWhoseIntervalIsWiderThanFivePercentAreMarked(@TempDir Path dir) throws Exception {
        // every row's forks within 0.5 %, but one of jdkAsync's forks 12 % slower: its fork-level interval is wide
        // (JMH's ± of the fixture, kept in scoreError, plays no part)
        Path wide = variant(dir, "wide.json", J17, a -> {
            forked(a, 9, 3, 10, 0.005, 0.005, s -> 1);
            for (JsonNode n : a) {
                if (!n.get("params").get("strategy").asText().equals("jdkAsync")) continue;
                ArrayNode fork = (ArrayNode) n.get("primaryMetric").get("rawData").get(0);
                for (int i = 0; i < fork.size(); i++) fork.set(i, fork.get(i).asDouble() * 1.12);
            }
        });
        String out = ok("tables", wide.toString()).out();
        Md t = Md.withColumn(out, "L=0 ms: ms/op [95 % CI]");
        String note = t.cell("`jdkAsync`", "note");
        assertTrue(note.contains("± > 5 % (±") && note.contains("at 3 forks; ±5 % needs "), note);
        assertTrue(note.contains("forks disagree: "), "one fork on another level is named with the fork means: " + note);
        assertTrue(t.cell("`jdkAsync`", "L=0 ms: ± (forks)").endsWith("(3)"), t.cell("`jdkAsync`", "L=0 ms: ± (forks)"));
        assertFalse(t.cell("`serial`", "note").contains("± > 5 %"), t.cell("`serial`", "note"));
        assertTrue(out.contains("*± > 5 %*"), "the legend explains the mark");
    }

    // ------------------------------------------------------------------------------------------------ charts

    @Test
    void chartsAreWrittenAndDecode(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        Path svg = dir.resolve("c.svg");
        ok("chart", J17.toString(), J25.toString(), "--out", png.toString());
        ok("chart", J25.toString(), "--log", "--out", svg.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "PNG decodes");
        assertTrue(img.getWidth() >= 1200 && img.getHeight() >= 700, "article size: " + img.getWidth() + "x" + img.getHeight());
        String s = Files.readString(svg);
        assertTrue(s.contains("<svg") && s.trim().endsWith("</svg>"), "complete SVG");
        ok("scaling", J25.toString(), "--out", dir.resolve("s.png").toString());
        assertNotNull(ImageIO.read(dir.resolve("s-L0.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("s-L20.png").toFile()));
        try (var l = Files.list(dir)) {
            assertEquals(4, l.count(), "no temp files left");
        }
    }

    // ------------------------------------------------------------------------------------------------ bad input

    @Test
    void badInputIsOneLineExit2AndNothingWritten(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path malformed = Files.writeString(dir.resolve("bad.json"), "[{\"benchmark\": ");
        Path notJmh = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        Path noBench = Files.writeString(dir.resolve("none.json"), "[]");
        Path wrongShape = Files.writeString(dir.resolve("shape.json"), "[{\"x\": 1}]");
        Path exists = Files.writeString(dir.resolve("exists.md"), "keep me");
        Path folder = Files.createDirectories(dir.resolve("folder.png"));
        Path out = dir.resolve("out.png");
        List<String[]> cases = List.of(
                new String[] {"missing.json", "no such file", "tables", dir.resolve("missing.json").toString()},
                new String[] {"empty.json", "empty file", "tables", empty.toString()},
                new String[] {"bad.json", "malformed JSON", "tables", malformed.toString()},
                new String[] {"bad.json", "malformed JSON", "chart", malformed.toString(), "--out", out.toString()},
                new String[] {"other.json", "not JMH JSON output", "compare", J17.toString(), notJmh.toString()},
                new String[] {"shape.json", "not JMH JSON output", "tables", wrongShape.toString()},
                new String[] {"none.json", "no benchmarks", "chart", noBench.toString(), "--out", out.toString()},
                new String[] {"jdk17-small.json", "at least two result files", "compare", J17.toString()},
                new String[] {"nowhere", "folder does not exist", "chart", J17.toString(), "--out",
                        dir.resolve("nowhere/x.png").toString()},
                new String[] {"empty.json", "is not a folder", "tables", J17.toString(), "--out",
                        empty.resolve("x.md").toString()},
                new String[] {"folder.png", "is a folder", "chart", J17.toString(), "--out", folder.toString()},
                new String[] {"exists.md", "--force", "tables", J17.toString(), "--out", exists.toString()},
                new String[] {"x.gif", "must end in .svg or .png", "chart", J17.toString(), "--out",
                        dir.resolve("x.gif").toString()},
                new String[] {"missing.json", "no such file", "compare", J17.toString(),
                        dir.resolve("missing.json").toString(), "--out", dir.resolve("c.md").toString()},
                new String[] {"--bogus", "Unknown option", "tables", "--bogus", J17.toString()},
                new String[] {"RESULT.json", "Missing required parameter", "tables"},
                new String[] {"--out", "Missing required option", "chart", J17.toString()},
                // --out and --force come from one declaration (Cli.ToFile): required on every command that takes it
                new String[] {"--out", "Missing required option", "scaling", J17.toString()},
                new String[] {"--out", "Missing required option", "merge", J17.toString()},
                new String[] {"noext", "--out must end in .svg or .png", "scaling", J17.toString(), "--out",
                        dir.resolve("noext").toString()});
        for (String[] c : cases) {
            Out o = run(Arrays.copyOfRange(c, 2, c.length));
            String what = String.join(" ", c) + " -> " + o.err();
            assertEquals(2, o.code(), what);
            assertEquals(1, o.err().strip().lines().count(), "one line: " + what);
            assertTrue(o.err().startsWith("error: ") && o.err().contains(c[0]) && o.err().contains(c[1]), what);
            assertFalse(o.err().contains("\tat "), "no stack trace: " + what);
            assertTrue(o.out().isEmpty(), o.out());
        }
        try (var s = Files.list(dir)) {
            assertEquals(7, s.count(), "no output file, no temp file left behind");
        }
        assertEquals("keep me", Files.readString(exists));
        ok("tables", J17.toString(), "--out", exists.toString(), "--force");
        // a read-only folder (only where the permission holds: root writes anyway)
        Path ro = Files.createDirectories(dir.resolve("ro"));
        if (ro.toFile().setWritable(false, false) && !Files.isWritable(ro)) {
            Out o = run("chart", J17.toString(), "--out", ro.resolve("x.png").toString());
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().startsWith("error: " + ro.resolve("x.png") + ": folder is not writable"), o.err());
            ro.toFile().setWritable(true, false);
        }
        assertTrue(Files.readString(exists).contains("JDK 17.0.15"));
    }

    @Test
    void envWritesTheMachineAndTheRunSettings(@TempDir Path dir) throws Exception {
        Path results = Files.copy(J25, dir.resolve("results.json"));
        Path env = dir.resolve("environment.json");
        ok("env", "--results", results.toString(), "--out", env.toString(), "--jmh-args", "-prof gc");
        JsonNode e = RunFile.JSON.readTree(env.toFile());
        assertEquals("25.0.3", e.get("jdkVersion").asText());
        assertEquals("/usr/lib/jvm/temurin-25-jdk-amd64", e.get("javaHome").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), e.get("cores").asInt());
        assertEquals(1, e.get("forks").asInt());
        assertEquals("-prof gc", e.get("jmhArgs").asText());
        // the tests run in a git checkout (a clone in CI): the commit must be read, not "?"
        assertTrue(e.get("gitCommit").asText().matches("[0-9a-f]{40}"), e.toString());
        for (String k : List.of("date", "host", "jdkVendor", "os", "kernel", "cpuModel", "memory", "cpuIdle", "jmhVersion")) {
            assertTrue(e.hasNonNull(k), k + " in " + e);
        }
        // how an idle CPU waits (what a wake-up costs): the cpuidle driver where Linux has one, or "?"
        String idle = e.get("cpuIdle").asText();
        assertEquals(Files.exists(Path.of("/sys/devices/system/cpu/cpuidle/current_driver")), !idle.equals("?"), idle);
        // and the reports use it: the machine appears in the table header
        assertTrue(ok("tables", results.toString()).out().lines().findFirst().orElseThrow()
                .contains(e.get("cores").asText() + " cores"));
        Out again = run("env", "--results", results.toString(), "--out", env.toString());
        assertEquals(2, again.code(), "never overwrites without --force");
    }

    /**
     * Rows in JMH's JSON shape from another harness, as scripts/seed-python/run.sh writes them (make_results.py's
     * fork files, merged by report merge).
     */
    static Path python(Path dir, double... requestsThenFresh) throws Exception {
        ArrayNode a = RunFile.JSON.createArrayNode();
        String[] names = {"python-requests", "python-aiohttp-fresh"};
        for (int i = 0; i < names.length; i++) {
            ObjectNode n = a.addObject();
            n.put("benchmark", "seed.python.batch").put("mode", "avgt").put("jdkVersion", "python 3.11.2")
                    .put("vmName", "CPython").put("vmVersion", "3.11.2")
                    .put("harness", "python: wall-clock of whole batches, mean of batches (each run a fork), not JMH");
            n.putObject("params").put("strategy", names[i]).put("requests", "10").put("latencyMs", "20")
                    .put("payloadBytes", "1024").put("blockingClient", "n/a").put("target", "standalone");
            ObjectNode pm = n.putObject("primaryMetric");
            pm.put("score", requestsThenFresh[i]).put("scoreError", "NaN").put("scoreUnit", "ms/op");
            pm.putArray("rawData").addArray().add(requestsThenFresh[i] * 0.99).add(requestsThenFresh[i] * 1.01);
            n.putObject("secondaryMetrics");
        }
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("results.json"), RunFile.JSON.writeValueAsString(a));
    }

    @Test
    void theArticleSectionPutsOurRunBesideTheArticlesFigures(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        for (String[] run : new String[][] {{"2026-01-01", "900", "90"}, {"2026-01-02", "1100", "220"}}) {
            Path d = Files.createDirectories(results.resolve(run[0] + "-25.0.3-host-article"));
            Path tmp = python(dir.resolve("tmp-" + run[0]), Double.parseDouble(run[1]), Double.parseDouble(run[2]));
            Files.writeString(d.resolve("python.json"), Files.readString(tmp)
                    .replace("\"latencyMs\":\"20\"", "\"latencyMs\":\"30\",\"rttMs\":\"40\",\"scheme\":\"https\""));
            Files.copy(J25, d.resolve("java.json"));
        }
        Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n"
                + "<!-- article:begin -->\n<!-- article:end -->\n");
        ok("readme", "--readme", readme.toString(), "--results", results.toString());
        String text = Files.readString(readme);
        String section = text.substring(text.indexOf("<!-- article:begin -->"));
        assertTrue(section.contains("From `results/2026-01-02-25.0.3-host-article/`: HTTPS"), "the newest run:\n" + section);
        assertTrue(section.contains("an emulated round trip of 40 ms and 30 ms of server think time"), section);
        assertTrue(section.contains("(`python-requests`) | a new TCP + TLS connection per request, one after another "
                + "| 1,087 ms | 1100.0 ms |"), section);
        assertTrue(section.contains("(`python-aiohttp-fresh`) | a new TCP + TLS connection per request, all at once "
                + "| 174 ms | 220.0 ms |"), section);
        assertTrue(section.contains("| speed-up of the second |  | 6.2× | 5.0× |"), section);
        assertTrue(section.contains("| `python-requests` | 1100.0 |"), "Python rows in the run's table:\n" + section);
        assertTrue(section.contains("`serial`"), "the Java rows of the run are in the same table:\n" + section);
    }

    @Test
    void pythonRowsAreJustMoreRows(@TempDir Path dir) throws Exception {
        Path py = python(dir.resolve("results/2026-01-02-python-host"), 250, 40);
        Md own = Md.withColumn(ok("tables", py.toString()).out(), "speedup vs python-requests");
        assertEquals("6.250×", own.cell("`python-aiohttp-fresh`", "speedup vs python-requests"));
        assertEquals("50 %", own.cell("`python-aiohttp-fresh`", "% of physical limit"), "concurrent: limit L = 20 ms");
        assertEquals("80 %", own.cell("`python-requests`", "% of physical limit"), "serial: limit n·L = 200 ms");
        assertEquals("250.0", own.cell("`python-requests`", "ms/op [95 % CI]"), "one fork: no interval");
        // beside Java in the README's beyond section: one table, speedup vs the Java serial row
        Path d25 = Files.createDirectories(dir.resolve("results/2026-01-01-25.0.3-host"));
        Files.copy(J25, d25.resolve("results.json"));
        Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n"
                + "<!-- beyond:begin -->\n<!-- beyond:end -->\n");
        ok("readme", "--readme", readme.toString(), "--results", dir.resolve("results").toString());
        String text = Files.readString(readme);
        Md both = Md.withColumn(text.substring(text.indexOf("### The Python original")), "speedup vs serial");
        double serial = row(RunFile.read(J25), "serial", 20).score();
        assertEquals(x(serial / 40), both.cell("`python-aiohttp-fresh`", "speedup vs serial"));
        assertEquals("1.000×", both.cell("`serial`", "speedup vs serial"));
        assertFalse(text.contains("python 3.11.2 vs"), "the Python run is not one of the JDK runs");
    }

    // ------------------------------------------------------------------------------------------------ readme

    @Test
    void aNewerStudyOfSomeRowsIsNotTheReadmesSuiteRun(@TempDir Path dir) throws Exception {
        // scripts/variance.sh wrote a newer JDK 17 run of two rows with -p and -jvm: the README kept the suite run
        Path suite = Files.createDirectories(dir.resolve("results/2026-01-01-17.0.15-host"));
        Path study = Files.createDirectories(dir.resolve("results/2026-01-02-17.0.15-host-variance-poll"));
        Files.copy(J17, suite.resolve("results.json"));
        Files.copy(J17, study.resolve("results.json"));
        Files.writeString(suite.resolve("environment.json"), "{\"date\":\"2026-01-01T10:00:00Z\",\"jmhArgs\":"
                + "\"-f 3 -prof gc (interleaved: 3 invocations of -f 1)\"}");
        for (String args : List.of("-f 5 -p strategy=floor,jdkAsync -p latencyMs=0 -prof gc", "-f 3 -jvm /tmp/w/poll",
                "-f 3 -jvmArgsAppend -Xmx1g")) {
            Files.writeString(study.resolve("environment.json"), "{\"date\":\"2026-01-02T10:00:00Z\",\"jmhArgs\":\""
                    + args + "\"}");
            Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n");
            ok("readme", "--readme", readme.toString(), "--results", dir.resolve("results").toString());
            String text = Files.readString(readme);
            assertTrue(text.contains("2026-01-01-17.0.15-host/"), args + ":\n" + text);
            assertFalse(text.contains("variance-poll"), args + ":\n" + text);
        }
        // a run with the defaults is the suite run, newest first
        Files.writeString(study.resolve("environment.json"), "{\"date\":\"2026-01-02T10:00:00Z\",\"jmhArgs\":"
                + "\"-f 3 -prof gc\"}");
        Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n");
        ok("readme", "--readme", readme.toString(), "--results", dir.resolve("results").toString());
        assertTrue(Files.readString(readme).contains("variance-poll"), Files.readString(readme));
    }

    @Test
    void readmeCheckDetectsAStaleSection(@TempDir Path dir) throws Exception {
        Path d17 = Files.createDirectories(dir.resolve("results/2026-01-01-17.0.15-host"));
        Path d25 = Files.createDirectories(dir.resolve("results/2026-01-01-25.0.3-host"));
        Files.copy(J17, d17.resolve("results.json"));
        Files.copy(J25, d25.resolve("results.json"));
        Path readme = Files.writeString(dir.resolve("README.md"),
                "# x\n<!-- results:begin -->\nstale\n<!-- results:end -->\ntail\n");
        String[] base = {"readme", "--readme", readme.toString(), "--results", dir.resolve("results").toString()};
        Out stale = run(concat(base, "--check"));
        assertEquals(1, stale.code(), "stale section must fail the check");
        assertEquals(1, stale.err().strip().lines().count(), stale.err());
        assertEquals("# x\n<!-- results:begin -->\nstale\n<!-- results:end -->\ntail\n", Files.readString(readme),
                "--check changes nothing");
        ok(base);
        String text = Files.readString(readme);
        assertTrue(text.contains(Numbers.fmt(row(RunFile.read(J17), "serial", 0).score())), text);
        assertTrue(text.contains("### JDK 17.0.15 vs JDK 25.0.3"), "the comparison: " + text);
        assertTrue(text.contains("25.0.3 / 17.0.15 [95 % CI]"), text);
        assertTrue(text.endsWith("<!-- results:end -->\ntail\n"), text);
        ok(concat(base, "--check"));
        // a hand edit inside the section is caught
        Files.writeString(readme, text.replace("| `serial` |", "| `serial` | 1 |"));
        assertEquals(1, run(concat(base, "--check")).code());
        // a newer JDK 17 run replaces the older one
        Path newer = Files.createDirectories(dir.resolve("results/2026-02-01-17.0.16-host"));
        Files.writeString(newer.resolve("results.json"), Files.readString(J17).replace("17.0.15", "17.0.16"));
        ok(base);
        assertTrue(Files.readString(readme).contains("### JDK 17.0.16 vs JDK 25.0.3"));
        // an optional section is filled when its markers are there
        Files.writeString(readme, Files.readString(readme) + "<!-- beyond:begin -->\n<!-- beyond:end -->\n");
        assertEquals(1, run(concat(base, "--check")).code());
        ok(base);
        assertTrue(Files.readString(readme).contains("### Scaling: time per request as n grows"));
        Files.writeString(readme, "# no markers\n");
        Out o = run(base);
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: " + readme + ": no <!-- results:begin -->"), o.err());
        assertEquals("# no markers\n", Files.readString(readme));
    }

    static String[] concat(String[] a, String b) {
        String[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
