package httpbench.report;

import httpbench.report.readme.LoadSection;

import httpbench.report.read.Merge;
import httpbench.report.readme.ReadmeSections;
import httpbench.report.read.ReportException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static httpbench.report.ReportTest.ok;
import static httpbench.report.ReportTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load study's report: synthetic SampleTime files of known callers, means, percentiles and costs. */
public class LoadReportTest {

    /** A SampleTime row with C callers: mean and percentiles in ms, costs as the profilers name them. */
    static ObjectNode row(int callers, String strategy, String latencyMs, double meanMs, double p50, double p99,
                          double cpuMsPerBatch, double busyPct, double threads) {
        ObjectNode n = ModesTest.sample("ms/op", strategy, meanMs, meanMs * 0.01,
                Map.of("50.0", p50, "90.0", p99 * 0.9, "99.0", p99, "99.9", p99 * 1.1));
        n.put("threads", callers);
        ((ObjectNode) n.get("params")).put("latencyMs", latencyMs);
        ObjectNode sec = n.putObject("secondaryMetrics");
        sec.putObject("clientCpuMs").put("score", cpuMsPerBatch);
        sec.putObject("cpuBusyPct").put("score", busyPct);
        sec.putObject("threads").put("score", threads);
        sec.putObject("rssMiB").put("score", 300.0);
        return n;
    }

    static ObjectNode busiest(ObjectNode row, double pct) {
        ObjectNode sec = (ObjectNode) row.get("secondaryMetrics");
        sec.putObject("busiestThreadPct").put("score", pct);
        sec.putObject("busiestIsServer").put("score", 0.0);
        return row;
    }

    static Path study(Path dir) throws Exception {
        Files.createDirectories(dir);
        // C=1: both keep up (101 ms per batch at L=100: 1/0.101 = 9.90 batches/s, 99 % of 10)
        ModesTest.write(dir, "C1.json",
                row(1, "threadPool", "100", 101, 100.9, 102, 1.0, 20, 12),
                row(1, "asyncHttpClient", "100", 101, 100.9, 102, 0.3, 10, 2),
                row(1, "asyncHttpClient", "0", 0.2, 0.19, 0.4, 0.15, 70, 2));
        // C=256: threadPool at 400 ms (640 batches/s = 25 % of 2560) with the CPUs 97 % busy; async at 125 ms
        // (2048 batches/s = 80 %, kept up); async at L=0 60 % busy
        ModesTest.write(dir, "C256.json",
                row(256, "threadPool", "100", 400, 380, 900, 3.0, 97, 2560),
                row(256, "asyncHttpClient", "100", 125, 120, 180, 0.5, 60, 2),
                row(256, "asyncHttpClient", "0", 20, 19, 40, 0.2, 60, 2),
                busiest(row(256, "jdkAsync", "100", 135, 130, 180, 0.8, 55, 600), 97));
        Files.writeString(dir.resolve("limits.txt"), "-t 1024: 10240 requests in flight (n x callers) need about "
                + "20992 file descriptors but the limit is 20000 (ulimit -n)\n");
        return dir;
    }

    /** The table under {@code heading}; cells looked up by strategy and C (its first two columns). */
    record T(Md md) {
        static T under(String text, String heading) {
            int a = text.indexOf(heading);
            assertTrue(a >= 0, "no " + heading + " in:\n" + text);
            int z = text.indexOf("####", a + heading.length());
            return new T(Md.tables(text.substring(a, z < 0 ? text.length() : z)).get(0));
        }

        String cell(String row, String column) {
            String[] k = row.split(" ");
            int i = md.header().indexOf(column);
            assertTrue(i >= 0, "no column '" + column + "' in " + md.header());
            return md.rows().stream().filter(r -> r.get(0).equals(k[0]) && r.get(1).equals(k[1])).findFirst()
                    .orElseThrow(() -> new AssertionError("no row " + row + " in " + md.rows())).get(i);
        }
    }

    @Test
    void tablesDeriveThroughputFromCallersAndSayWhatStoppedEachRow(@TempDir Path tmp) throws Exception {
        Path d = study(tmp.resolve("2026-11-25-25.0.3-vm-load"));
        String md = ok("load", d.resolve("C1.json").toString(), d.resolve("C256.json").toString(),
                "--limits", d.resolve("limits.txt").toString()).out();
        T t100 = T.under(md, "#### latency 100 ms");
        assertEquals("9.901", t100.cell("`threadPool` 1", "batches/s"), md);
        assertEquals("99 %", t100.cell("`threadPool` 1", "% of ideal (C/L)"), md);
        assertEquals("—", t100.cell("`threadPool` 1", "stopped by"));
        assertEquals("640.0", t100.cell("`threadPool` 256", "batches/s"));
        assertEquals("6,400", t100.cell("`threadPool` 256", "requests/s"));
        assertEquals("25 %", t100.cell("`threadPool` 256", "% of ideal (C/L)"));
        assertEquals("CPU (97 % busy)", t100.cell("`threadPool` 256", "stopped by"));
        assertEquals("900.0", t100.cell("`threadPool` 256", "p99 ms"));
        assertEquals("300", t100.cell("`threadPool` 256", "client CPU µs/req"), "3 ms per batch of 10 = 300 µs");
        assertEquals("2,560", t100.cell("`threadPool` 256", "peak threads"));
        assertEquals("2048.0", t100.cell("`asyncHttpClient` 256", "batches/s"));
        assertEquals("—", t100.cell("`asyncHttpClient` 256", "stopped by"), "80 % of ideal is keeping up");
        T t0 = T.under(md, "#### latency 0 ms");
        assertEquals("12800.0", t0.cell("`asyncHttpClient` 256", "batches/s"));
        assertEquals("not the CPU (60 % busy)", t0.cell("`asyncHttpClient` 256", "stopped by"));
        assertEquals("one client thread (97 % of a core)", t100.cell("`jdkAsync` 256", "stopped by"),
                "a saturated thread is named before the machine's CPUs");
        assertEquals("97 % (client)", t100.cell("`jdkAsync` 256", "busiest thread"));
        assertEquals("n/a", t100.cell("`threadPool` 256", "busiest thread"), "not recorded in that row");
        assertTrue(md.contains("Not run, refused by the launcher before starting (the machine's limits):\n\n"
                + "- -t 1024: 10240 requests in flight"), md);
        assertTrue(md.indexOf("#### latency 100 ms") < md.indexOf("#### latency 0 ms"), "100 ms first");
    }

    @Test
    void theClientsOwnCpuTimeCanNameTheCpuWhenProcStatReadsLower(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("z-load"));
        Files.writeString(d.resolve("environment.json"), "{\"cores\": 2}");
        // 400 ms per batch at C=256: 6,400 requests/s x 300 us each = 1.92 cores = 96 % of 2, while /proc/stat
        // read 60 % busy; the other row's client uses 6,400 x 50 us = 0.32 cores = 16 %: not the CPU
        ModesTest.write(d, "C256.json",
                row(256, "threadPool", "100", 400, 380, 900, 3.0, 60, 2560),
                row(256, "jdkAsync", "100", 400, 380, 900, 0.5, 60, 600));
        String md = ok("load", d.resolve("C256.json").toString()).out();
        T t = T.under(md, "#### latency 100 ms");
        assertEquals("CPU (the client's threads: 96 % of 2 cores; /proc/stat: 60 % busy)", t.cell("`threadPool` 256", "stopped by"), md);
        assertEquals("not the CPU (60 % busy)", t.cell("`jdkAsync` 256", "stopped by"), md);
    }

    @Test
    void chartsAgainstCallersAreWrittenPerLatencyAndMetric(@TempDir Path tmp) throws Exception {
        Path d = study(tmp.resolve("x-load"));
        ok("load", d.resolve("C1.json").toString(), d.resolve("C256.json").toString(), "--charts",
                d.resolve("load.png").toString(), "--out", d.resolve("load.md").toString());
        for (String l : List.of("100", "0")) {
            for (String m : List.of("throughput", "p99", "cpu")) {
                Path png = d.resolve("load-L" + l + "-" + m + ".png");
                assertNotNull(ImageIO.read(png.toFile()), png + " is a PNG");
            }
        }
        assertTrue(Files.readString(d.resolve("load.md")).contains("#### latency 0 ms"));
    }

    @Test
    void onlySampleTimeIsReadAndCallersAreKeptApart(@TempDir Path tmp) throws Exception {
        Path thrpt = ModesTest.thrpt(tmp, "t.json", "ops/ms", 1);
        ReportTest.Out o = run("load", thrpt.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: ") && o.err().contains("the load study reads SampleTime results"),
                o.err());
        // rows of different C are different rows: their label says which, merge never pools them as forks
        Path d = study(tmp.resolve("y-load"));
        String tables = ok("tables", d.resolve("C256.json").toString()).out();
        assertTrue(tables.contains("256 callers (-t 256)"), tables);
        assertEquals(7, Merge.merge(List.of(d.resolve("C1.json"), d.resolve("C256.json"))).rows().size(),
                "3 rows at C=1 and 4 at C=256, none pooled with a row of the other C");
    }

    @Test
    void readmeSectionComesFromTheNewestLoadFolder(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("benchmarks-results"));
        study(results.resolve("2026-11-25-25.0.3-vm-load"));
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# x\n\n<!-- results:begin -->\n<!-- results:end -->\n\n<!-- load:begin -->\n"
                + "<!-- load:end -->\n");
        String out;
        try {
            out = ReadmeSections.apply(Files.readString(readme), readme, results);
        } catch (ReportException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        String section = out.substring(out.indexOf("<!-- load:begin -->"), out.indexOf("<!-- load:end -->"));
        assertTrue(section.contains("From `benchmarks-results/2026-11-25-25.0.3-vm-load/`"), section);
        assertTrue(section.contains("one JMH invocation per C: C=1, C=256"), section);
        assertTrue(section.contains("| `threadPool` | 256 | 640.0 |"), section);
        assertTrue(section.contains("- -t 1024: 10240 requests in flight"), section);
    }

    @Test
    void readmeShowsTheNewestStudyOfEachJdkOldestJdkFirst(@TempDir Path tmp) throws Exception {
        Path results = Files.createDirectories(tmp.resolve("benchmarks-results"));
        study(results.resolve("2026-11-20-25.0.3-vm-load"));
        Path newer25 = study(results.resolve("2026-11-25-25.0.3-vm-load"));
        Path jdk17 = Files.createDirectories(results.resolve("2026-11-26-17.0.15-vm-load"));
        ObjectNode r17 = row(16, "threadPool", "100", 104, 103, 110, 1.0, 30, 160);
        ((ObjectNode) r17.get("secondaryMetrics")).putObject("threadStacksMiB").put("score", 42.0);
        ModesTest.write(jdk17, "C16.json", r17);
        for (String f : List.of("C1.json", "C256.json")) { // the 25 study's rows say JDK 25
            Path p = newer25.resolve(f);
            Files.writeString(p, Files.readString(p).replace("\"17.0.15\"", "\"25.0.3\""));
        }
        Path p20 = results.resolve("2026-11-20-25.0.3-vm-load").resolve("C1.json");
        Files.writeString(p20, Files.readString(p20).replace("\"17.0.15\"", "\"25.0.3\""));
        String section = LoadSection.load(results, "benchmarks-results");
        int a = section.indexOf("#### JDK 17.0.15"), b = section.indexOf("#### JDK 25.0.3");
        assertTrue(a >= 0 && b > a, "17 first, then 25:\n" + section);
        assertTrue(section.contains("`benchmarks-results/2026-11-25-25.0.3-vm-load/`"), section);
        assertTrue(!section.contains("2026-11-20"), "only the newest study of a JDK:\n" + section);
        assertTrue(section.contains("##### latency 100 ms"), "latency tables nest under the JDK heading");
        // thread stacks: a column only where the study recorded them (Native Memory Tracking on)
        T t17 = T.under(section.substring(a, b), "##### latency 100 ms");
        assertEquals("42", t17.cell("`threadPool` 16", "thread stacks MiB"));
        assertTrue(!section.substring(b).contains("thread stacks MiB"), "the 25 study did not record them");
    }
}
