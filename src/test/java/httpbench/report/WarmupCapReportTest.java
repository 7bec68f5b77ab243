package httpbench.report;

import httpbench.report.render.Load;
import httpbench.report.readme.Protocols;
import httpbench.report.readme.ReadmeSections;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.read.WarmupCap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static httpbench.report.ReportTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows with a fork whose warm-up hit its cap ({@code warmupCapped} = 1): the fixture has two rows of three forks,
 * {@code serial} with its second fork capped, {@code jdkAsync} with every fork settled.
 */
public class WarmupCapReportTest {
    static final Path CAPPED = Path.of("src/test/resources/fixtures/warmup-capped.json");
    static final String MARK = "warm-up capped (1 of 3 forks: #2)";

    static String line(String text, String strategy) {
        return text.lines().filter(l -> l.startsWith("| `" + strategy + "`") || l.contains("," + strategy + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + strategy + " in\n" + text));
    }

    @Test
    void eachForkIsReadFromTheMetricsRawData() {
        RunFile f = RunFile.read(CAPPED);
        assertEquals(new WarmupCap(List.of(2), 3), ReportTest.row(f, "serial", 0).warmupCap());
        assertEquals(new WarmupCap(List.of(), 3), ReportTest.row(f, "jdkAsync", 0).warmupCap());
        assertEquals(MARK, ReportTest.row(f, "serial", 0).warmupCap().label());
        assertEquals("", ReportTest.row(f, "jdkAsync", 0).warmupCap().label());
        // runs before the metric existed: nothing recorded, nothing marked
        for (Row r : RunFile.read(ReportTest.J17).rows()) assertFalse(r.warmupCap().recorded(), r.key());
    }

    @Test
    void tablesMarkTheCappedRowOnlyAndSayWhatToDo() {
        String md = ok("tables", CAPPED.toString()).out();
        assertTrue(line(md, "serial").contains(MARK), md);
        assertFalse(line(md, "jdkAsync").contains("warm-up capped"), md);
        assertTrue(md.contains("*warm-up capped (k of F forks: #i)*") && md.contains("raise -p warmup=SECONDS"), md);
        // a run without the mark: no note, and the legend reads as it always did
        String old = ok("tables", ReportTest.J17.toString()).out();
        assertFalse(old.contains("warm-up capped"), old);
    }

    @Test
    void csvSaysPerRowWhetherItsWarmUpsSettled() {
        String csv = ok("tables", "--csv", CAPPED.toString()).out();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",warmup_state"), csv);
        assertTrue(line(csv, "serial").endsWith("," + MARK), csv);
        assertTrue(line(csv, "jdkAsync").endsWith(",settled"), csv);
        // files of older jars keep the columns they always had
        String old = ok("tables", "--csv", ReportTest.J17.toString()).out();
        assertFalse(old.contains("warmup_state"), old);
    }

    @Test
    void compareNamesTheSideWhoseForksHitTheCap(@TempDir Path dir) throws Exception {
        Path settled = ReportTest.variant(dir, "settled-25.json", CAPPED, rows -> {
            for (JsonNode r : rows) {
                ((ObjectNode) r).put("jdkVersion", "25.0.3");
                for (JsonNode fork : r.path("secondaryMetrics").path(WarmupCap.METRIC).path("rawData")) {
                    for (int i = 0; i < fork.size(); i++) ((ArrayNode) fork).set(i, 0.0);
                }
            }
        });
        String md = ok("compare", CAPPED.toString(), settled.toString()).out();
        assertTrue(line(md, "serial").contains("17.0.15: warm-up capped (1 of 3 forks: #2)"), md);
        assertFalse(line(md, "jdkAsync").contains("warm-up capped"), md);
        assertTrue(md.contains("raise -p warmup=SECONDS"), md);
        String both = ok("compare", settled.toString(), settled.toString()).out();
        assertFalse(both.contains("warm-up capped"), both);
    }

    /** Interleaved runs merge one-fork files: the merged metric is "any fork" (max), and each fork still counts. */
    @Test
    void mergedForksKeepTheirCountAndTheScoreIsAny(@TempDir Path dir) throws Exception {
        List<String> parts = new ArrayList<>();
        for (int fork = 0; fork < 3; fork++) {
            int k = fork;
            parts.add(ReportTest.variant(dir, "fork-" + fork + ".json", CAPPED, rows -> {
                for (JsonNode r : rows) {
                    ((ObjectNode) r).put("forks", 1);
                    oneFork(r.path("primaryMetric"), k);
                    r.path("secondaryMetrics").forEach(m -> oneFork(m, k));
                }
            }).toString());
        }
        Path out = dir.resolve("results.json");
        List<String> args = new ArrayList<>(List.of("merge"));
        args.addAll(parts);
        args.addAll(List.of("--out", out.toString()));
        ok(args.toArray(String[]::new));
        JsonNode serial = RunFile.JSON.readTree(out.toFile()).get(0);
        assertEquals(1.0, serial.path("secondaryMetrics").path(WarmupCap.METRIC).path("score").asDouble(),
                "any fork capped, not the mean of the forks: " + serial.path("secondaryMetrics"));
        RunFile merged = RunFile.read(out);
        assertEquals(new WarmupCap(List.of(2), 3), ReportTest.row(merged, "serial", 0).warmupCap());
        assertEquals(new WarmupCap(List.of(), 3), ReportTest.row(merged, "jdkAsync", 0).warmupCap());
    }

    /** Keeps fork {@code k} of a metric: its rawData and a score that its own values reproduce. */
    private static void oneFork(JsonNode metric, int k) {
        ObjectNode m = (ObjectNode) metric;
        JsonNode fork = m.path("rawData").get(k);
        m.set("rawData", RunFile.JSON.createArrayNode().add(fork));
        double sum = 0;
        for (JsonNode v : fork) sum += v.asDouble();
        m.put("score", sum / fork.size());
    }

    /** A committed run with a capped row: the README's generated results section marks it and gives the rule. */
    @Test
    void readmeResultsShowTheMarkOfACommittedRun(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("benchmarks-results"));
        Path run = Files.createDirectories(results.resolve("2026-11-28-17.0.15-vm"));
        Files.copy(CAPPED, run.resolve("results.json"));
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# x\n\n<!-- results:begin -->\n<!-- results:end -->\n");
        String out = ReadmeSections.apply(Files.readString(readme), readme, results);
        String section = out.substring(out.indexOf("<!-- results:begin -->"), out.indexOf("<!-- results:end -->"));
        assertTrue(line(section, "serial").contains(MARK), section);
        assertFalse(line(section, "jdkAsync").contains("warm-up capped"), section);
        assertTrue(section.contains("raise -p warmup=SECONDS"), section);
    }

    @Test
    void protocolAndLoadCellsCarryTheMarkToo() {
        Row serial = ReportTest.row(RunFile.read(CAPPED), "serial", 0);
        assertTrue(Protocols.ms(serial).endsWith(" (" + MARK + ")"), Protocols.ms(serial));
        Row async = ReportTest.row(RunFile.read(CAPPED), "jdkAsync", 0);
        assertFalse(Protocols.ms(async).contains("capped"), Protocols.ms(async));
    }

    @Test
    void loadRowsCarryTheMarkInTheirLastColumn(@TempDir Path dir) throws Exception {
        ObjectNode capped = LoadReportTest.row(1, "threadPool", "100", 101, 100.9, 102, 1.0, 20, 12);
        ((ObjectNode) capped.get("secondaryMetrics")).putObject(WarmupCap.METRIC).put("score", 1.0)
                .set("rawData", RunFile.JSON.readTree("[[1.0, 1.0]]"));
        ObjectNode settled = LoadReportTest.row(1, "asyncHttpClient", "100", 101, 100.9, 102, 0.3, 10, 2);
        ((ObjectNode) settled.get("secondaryMetrics")).putObject(WarmupCap.METRIC).put("score", 0.0)
                .set("rawData", RunFile.JSON.readTree("[[0.0, 0.0]]"));
        Path c1 = ModesTest.write(dir, "C1.json", capped, settled);
        String md = Load.markdown(List.of(RunFile.read(c1)), List.of());
        assertTrue(line(md, "threadPool").endsWith("; warm-up capped (1 of 1 fork: #1) |"), md);
        assertFalse(line(md, "asyncHttpClient").contains("capped"), md);
        assertTrue(md.contains("raise -p warmup=SECONDS"), md);
    }
}
