package httpbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report commands on fixtures cut from real JMH output (src/test/resources/fixtures). */
class ReportTest {
    static final Path J17 = Path.of("src/test/resources/fixtures/jdk17-small.json");
    static final Path J25 = Path.of("src/test/resources/fixtures/jdk25-gc-small.json");

    record Out(int code, String out, String err) {}

    static Out run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ReportMain.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Out(code, o.toString(), e.toString());
    }

    static Row row(RunFile f, String strategy, long latency) {
        return f.rows().stream().filter(r -> r.strategy().equals(strategy) && r.latencyMs() == latency)
                .findFirst().orElseThrow();
    }

    @Test
    void tableComputesSpeedupAndPhysicalLimitFromTheScores() {
        RunFile f = RunFile.read(J25);
        Out o = run("tables", J25.toString());
        assertEquals(0, o.code(), o.err());
        Row serial = row(f, "serial", 20);
        Row ahc = row(f, "asyncHttpClient", 20);
        String speedup = Tables.fmt(serial.score() / ahc.score()) + "×";
        String ofLimit = String.format(Locale.ROOT, "%.0f %%", 100.0 * 20 / ahc.score());
        String serialLimit = String.format(Locale.ROOT, "%.0f %%", 100.0 * 200 / serial.score());
        String line = o.out().lines().filter(l -> l.startsWith("| `asyncHttpClient` | " + Tables.fmt(ahc.score())))
                .findFirst().orElseThrow(() -> new AssertionError(o.out()));
        assertTrue(line.contains(speedup) && line.contains(ofLimit), line + " / " + speedup + " " + ofLimit);
        assertTrue(o.out().contains(serialLimit), "serial's limit is n x L: " + serialLimit);
        String norm = String.format(Locale.ROOT, "%,.0f", ahc.secondary().get("gc.alloc.rate.norm") / 10);
        assertTrue(line.contains(norm), "bytes per request from -prof gc: " + norm + " in " + line);
        // latency 0 has no physical limit
        String l0 = o.out().substring(0, o.out().indexOf("latency 20"));
        assertFalse(l0.contains("% of physical limit"), l0);
    }

    @Test
    void csvHasOneLinePerRow() {
        Out o = run("tables", "--csv", J17.toString());
        assertEquals(0, o.code());
        assertEquals(RunFile.read(J17).rows().size() + 1, o.out().lines().count());
        assertTrue(o.out().startsWith("jdk,strategy,requests"), o.out());
    }

    @Test
    void compareNamesJdksAndShowsMissingRowsAsNa() {
        Out o = run("compare", J17.toString(), J25.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("| 17.0.15 (ms) | 25.0.3 (ms) |"), o.out());
        String vt = o.out().lines().filter(l -> l.startsWith("| `virtualThreads`")).findFirst().orElseThrow();
        assertTrue(vt.contains("| n/a |"), vt);
    }

    @Test
    void bootstrapVerdictsOnKnownData() {
        double[] a = {10, 10.2, 9.8, 10.1, 9.9, 10.05, 9.95, 10};
        double[] same = {10.1, 9.9, 10, 10.2, 9.8, 10, 10.05, 9.95};
        double[] half = {5, 5.1, 4.9, 5.05, 4.95, 5, 5.02, 4.98};
        assertEquals("no significant difference", Compare.verdict(Compare.ratioCi(a, same)));
        double[] ci = Compare.ratioCi(a, half);
        assertEquals("faster", Compare.verdict(ci));
        assertTrue(ci[1] < 0.5 && 0.5 < ci[2] + 0.01 && ci[2] < 0.52, java.util.Arrays.toString(ci));
        assertEquals("slower", Compare.verdict(Compare.ratioCi(half, a)));
        assertTrue(Compare.verdict(Compare.ratioCi(new double[] {1}, new double[] {2})).startsWith("n/a"));
    }

    @Test
    void chartsAreWrittenAndDecode(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        Path svg = dir.resolve("c.svg");
        assertEquals(0, run("chart", J17.toString(), J25.toString(), "--out", png.toString()).code());
        assertEquals(0, run("chart", J25.toString(), "--log", "--out", svg.toString()).code());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() >= 1200, "article size: " + img.getWidth());
        assertTrue(Files.readString(svg).contains("<svg"));
        assertEquals(0, run("scaling", J25.toString(), "--out", dir.resolve("s.png").toString()).code());
        assertNotNull(ImageIO.read(dir.resolve("s-L0.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("s-L20.png").toFile()));
    }

    @Test
    void badInputIsOneLineExit2AndNothingWritten(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path malformed = Files.writeString(dir.resolve("bad.json"), "[{\"benchmark\": ");
        Path notJmh = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        Path noBench = Files.writeString(dir.resolve("none.json"), "[]");
        Path wrongShape = Files.writeString(dir.resolve("shape.json"), "[{\"x\": 1}]");
        List<String[]> cases = List.of(
                new String[] {"missing.json", "no such file", "tables", dir.resolve("missing.json").toString()},
                new String[] {"empty.json", "empty file", "tables", empty.toString()},
                new String[] {"bad.json", "malformed JSON", "tables", malformed.toString()},
                new String[] {"other.json", "not JMH JSON output", "compare", notJmh.toString(), J17.toString()},
                new String[] {"shape.json", "not JMH JSON output", "tables", wrongShape.toString()},
                new String[] {"none.json", "no benchmarks", "chart", noBench.toString(), "--out",
                        dir.resolve("x.png").toString()},
                new String[] {"jdk17-small.json", "at least two result files", "compare", J17.toString()},
                new String[] {"nowhere", "folder does not exist", "chart", J17.toString(), "--out",
                        dir.resolve("nowhere/x.png").toString()},
                new String[] {"x.gif", "must end in .svg or .png", "chart", J17.toString(), "--out",
                        dir.resolve("x.gif").toString()});
        for (String[] c : cases) {
            Out o = run(java.util.Arrays.copyOfRange(c, 2, c.length));
            assertEquals(2, o.code(), String.join(" ", c) + " -> " + o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertTrue(o.err().startsWith("error: ") && o.err().contains(c[0]) && o.err().contains(c[1]),
                    String.join(" ", c) + " -> " + o.err());
            assertTrue(o.out().isEmpty(), o.out());
        }
        try (var s = Files.list(dir)) {
            assertEquals(5, s.count(), "no output file, no temp file left behind");
        }
    }

    @Test
    void readmeCheckDetectsAStaleSection(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("results/2026-01-01-17.0.15-host"));
        Files.copy(J17, runs.resolve("results.json"));
        Path readme = Files.writeString(dir.resolve("README.md"),
                "# x\n<!-- results:begin -->\nstale\n<!-- results:end -->\ntail\n");
        String[] base = {"readme", "--readme", readme.toString(), "--results", dir.resolve("results").toString()};
        assertEquals(1, run(concat(base, "--check")).code(), "stale section must fail the check");
        assertEquals(0, run(base).code());
        String text = Files.readString(readme);
        assertTrue(text.contains(Tables.fmt(row(RunFile.read(J17), "serial", 0).score())), text);
        assertTrue(text.endsWith("<!-- results:end -->\ntail\n"), text);
        assertEquals(0, run(concat(base, "--check")).code());
        Files.writeString(readme, "# no markers\n");
        Out o = run(base);
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no <!-- results:begin -->"), o.err());
    }

    static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }
}
