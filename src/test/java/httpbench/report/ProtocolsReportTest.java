package httpbench.report;

import httpbench.report.read.RunFile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README section "What HTTPS, HTTP/2 and round trips change" from a synthetic {@code scripts/protocols.sh}
 * study: the newest study is used, http and https (HTTP/1.1 and HTTP/2) of one row are paired per JDK with a
 * fork-level ratio and a verdict, the TLS cost per request is (https - http) / n, the round-trip part counts round
 * trips and handshakes, and an unsteady row is marked.
 */
public class ProtocolsReportTest {

    /** A row with {@code forks} forks of 10 iterations around {@code ms} (0.2 % noise; {@code trend} per iteration). */
    static void row(ArrayNode a, String jdk, String strategy, Map<String, String> params, double ms, double trend,
                    Map<String, Double> secondary, long seed) {
        ObjectNode n = a.addObject();
        n.put("benchmark", "httpbench.jmh.ConcurrentRequests.batch").put("mode", "avgt").put("jdkVersion", jdk)
                .put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", jdk).put("jmhVersion", "1.37")
                .put("forks", 3).put("warmupIterations", 2).put("warmupTime", "500 ms")
                .put("measurementIterations", 10).put("measurementTime", "500 ms");
        ObjectNode p = n.putObject("params").put("strategy", strategy).put("requests", "10").put("latencyMs", "0")
                .put("payloadBytes", "1024");
        params.forEach(p::put);
        ObjectNode pm = n.putObject("primaryMetric");
        ArrayNode raw = pm.putArray("rawData");
        SplittableRandom rnd = new SplittableRandom(seed);
        double sum = 0;
        int count = 0;
        for (int f = 0; f < 3; f++) {
            ArrayNode fork = raw.addArray();
            for (int i = 0; i < 10; i++) {
                double v = ms * (1 + 0.002 * (rnd.nextDouble() - 0.5)) * (1 + trend * i);
                fork.add(v);
                sum += v;
                count++;
            }
        }
        pm.put("score", sum / count).put("scoreError", ms * 0.01).put("scoreUnit", "ms/op");
        ObjectNode sec = n.putObject("secondaryMetrics");
        secondary.forEach((k, v) -> sec.putObject(k).put("score", v).put("scoreUnit", "#"));
    }

    static void write(Path dir, ArrayNode a) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), RunFile.JSON.writeValueAsString(a));
    }

    @Test
    void theSectionPairsEachRowsSchemesAndProtocolsPerJdkFromTheNewestStudy(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        // an older study, which must not be used
        ArrayNode old = RunFile.JSON.createArrayNode();
        row(old, "17.0.15", "serial", Map.of("scheme", "http"), 9, 0, Map.of(), 1);
        row(old, "17.0.15", "serial", Map.of("scheme", "https"), 99, 0, Map.of(), 2);
        write(results.resolve("2026-01-01-host-protocols/2026-01-01-17.0.15-host-tls"), old);

        Path study = results.resolve("2026-01-02-host-protocols");
        long seed = 10;
        for (String jdk : new String[] {"25.0.3", "17.0.15"}) {
            boolean j25 = jdk.startsWith("25");
            ArrayNode tls = RunFile.JSON.createArrayNode();
            row(tls, jdk, "serial", Map.of("scheme", "http"), 1.0, 0, Map.of(), seed++);
            row(tls, jdk, "serial", Map.of("scheme", "https"), j25 ? 1.2 : 1.5, 0, Map.of(), seed++);
            // the same time over both schemes: no difference
            row(tls, jdk, "asyncHttpClient", Map.of("scheme", "http"), 0.4, 0, Map.of(), seed++);
            row(tls, jdk, "asyncHttpClient", Map.of("scheme", "https"), 0.4, 0, Map.of(), seed++);
            // still falling 5 % per iteration: not steady
            row(tls, jdk, "jdkAsync", Map.of("scheme", "http"), 2.0, 0, Map.of(), seed++);
            row(tls, jdk, "jdkAsync", Map.of("scheme", "https"), 2.5, -0.05, Map.of(), seed++);
            write(study.resolve("2026-01-02-" + jdk + "-host-tls"), tls);

            ArrayNode rtt = RunFile.JSON.createArrayNode();
            Map<String, String> r50 = Map.of("scheme", "https", "rttMs", "50");
            row(rtt, jdk, "serial", r50, 520, 0, Map.of("tlsHandshakes", 0.0, "peakConnections", 1.0), seed++);
            row(rtt, jdk, "asyncHttpClient", r50, 53, 0, Map.of("tlsHandshakes", 0.0, "peakConnections", 10.0), seed++);
            row(rtt, jdk, "freshAsyncHttpClient", r50, 106, 0,
                    Map.of("tlsHandshakes", 10.0, "peakConnections", 10.0), seed++);
            write(study.resolve("2026-01-02-" + jdk + "-host-rtt"), rtt);

            ArrayNode h2 = RunFile.JSON.createArrayNode();
            for (String n : new String[] {"10", "100"}) {
                double k = Integer.parseInt(n) / 10.0;
                row(h2, jdk, "asyncHttpClient", Map.of("scheme", "https", "protocol", "http1", "requests", n),
                        2.0 * k, 0, Map.of("peakConnections", Double.parseDouble(n)), seed++);
                row(h2, jdk, "asyncHttpClient", Map.of("scheme", "https", "protocol", "h2", "requests", n),
                        1.0 * k, 0, Map.of("peakConnections", 1.0), seed++);
            }
            write(study.resolve("2026-01-02-" + jdk + "-host-h2"), h2);
        }
        Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n"
                + "<!-- protocols:begin -->\n<!-- protocols:end -->\n");
        // a results folder with no suite run of its own: the results section says so, the protocols one is built
        Files.createDirectories(results.resolve("2026-01-02-17.0.15-host"));
        ArrayNode suite = RunFile.JSON.createArrayNode();
        row(suite, "17.0.15", "serial", Map.of(), 1, 0, Map.of(), 99);
        write(results.resolve("2026-01-02-17.0.15-host"), suite);
        ReportTest.ok("readme", "--readme", readme.toString(), "--results", results.toString());
        String text = Files.readString(readme);
        String s = text.substring(text.indexOf("<!-- protocols:begin -->"), text.indexOf("<!-- protocols:end -->"));

        assertTrue(s.contains("From `results/2026-01-02-host-protocols/` (each part from the newest study"),
                "the newest study:\n" + s);
        assertFalse(s.contains("99.0"), "nothing from the older study:\n" + s);
        // TLS: (1.5 - 1.0) / 10 ms = 50 µs per request on 17, 20 µs on 25; JDK 17 first
        int i17 = s.indexOf("| serial | 17.0.15 |"), i25 = s.indexOf("| serial | 25.0.3 |");
        assertTrue(i17 > 0 && i25 > i17, "each JDK's line, oldest first:\n" + s);
        String serial17 = line(s, i17);
        assertTrue(serial17.contains("| 1.50× [") && serial17.contains("| +50 µs |")
                && serial17.endsWith("| https slower |"), serial17);
        assertTrue(line(s, i25).contains("| +20 µs |"), line(s, i25));
        String ahc = line(s, s.indexOf("| asyncHttpClient | 17.0.15 | 0.4"));
        assertTrue(ahc.endsWith("| +0 µs | equivalent |"), ahc);
        assertTrue(line(s, s.indexOf("| jdkAsync | 17.0.15 |")).contains("(not steady)"), s);
        // the JDK comparison of the https rows: serial 1.2 / 1.5 = 0.80, faster on 25
        String across = s.substring(s.indexOf("HTTPS on JDK 25.0.3 against JDK 17.0.15"));
        String serialAcross = line(across, across.indexOf("| serial |"));
        assertTrue(serialAcross.contains("| 0.80× [") && serialAcross.endsWith("| faster |"), serialAcross);
        // round trips: 520 ms / 50 = 10.4 round trips; the fresh row's handshakes per batch
        assertTrue(s.contains("R = 50 ms"), s);
        assertTrue(line(s, s.indexOf("| serial | 17.0.15 | 520")).contains("| 10.40 | 0.0 | 1 |"), s);
        assertTrue(line(s, s.indexOf("| freshAsyncHttpClient | 25.0.3 |")).contains("| 2.12 | 10.0 | 10 |"), s);
        // HTTP/1.1 vs HTTP/2: half the time, n connections -> 1, at both n
        String h10 = line(s, s.indexOf("| asyncHttpClient | 10 | 17.0.15 |"));
        assertTrue(h10.contains("| 0.50× [") && h10.endsWith("| HTTP/2 faster | 10 → 1 |"), h10);
        String h100 = line(s, s.indexOf("| asyncHttpClient | 100 | 25.0.3 |"));
        assertTrue(h100.endsWith("| 100 → 1 |"), h100);
        // the run folders are named for their full tables
        assertTrue(s.contains("`results/2026-01-02-host-protocols/2026-01-02-25.0.3-host-h2/tables.md`"), s);
    }

    @Test
    void eachPartComesFromTheNewestStudyThatHasIt(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        Path older = results.resolve("2026-01-02-host-protocols");
        Path newer = results.resolve("2026-01-03-host-protocols");
        for (String jdk : new String[] {"17.0.15", "25.0.3"}) {
            ArrayNode tlsOld = RunFile.JSON.createArrayNode();
            row(tlsOld, jdk, "serial", Map.of("scheme", "http"), 7, 0, Map.of(), 1);
            row(tlsOld, jdk, "serial", Map.of("scheme", "https"), 8, 0, Map.of(), 2);
            write(older.resolve("2026-01-02-" + jdk + "-host-tls"), tlsOld);
            ArrayNode h2 = RunFile.JSON.createArrayNode();
            row(h2, jdk, "jdkAsync", Map.of("scheme", "https", "protocol", "http1"), 3, 0, Map.of(), 3);
            row(h2, jdk, "jdkAsync", Map.of("scheme", "https", "protocol", "h2"), 3, 0, Map.of(), 4);
            write(older.resolve("2026-01-02-" + jdk + "-host-h2"), h2);
            ArrayNode tlsNew = RunFile.JSON.createArrayNode();
            row(tlsNew, jdk, "serial", Map.of("scheme", "http"), 1, 0, Map.of(), 5);
            row(tlsNew, jdk, "serial", Map.of("scheme", "https"), 2, 0, Map.of(), 6);
            write(newer.resolve("2026-01-03-" + jdk + "-host-tls"), tlsNew);
        }
        ArrayNode suite = RunFile.JSON.createArrayNode();
        row(suite, "17.0.15", "serial", Map.of(), 1, 0, Map.of(), 99);
        write(results.resolve("2026-01-02-17.0.15-host"), suite);
        String s = section(dir, results);
        assertTrue(s.contains("From `results/2026-01-03-host-protocols/` and `results/2026-01-02-host-protocols/`"), s);
        assertTrue(line(s, s.indexOf("| serial | 17.0.15 |")).contains("| 2.00× ["), "tls from the newer study:\n" + s);
        assertTrue(s.contains("| jdkAsync | 10 | 17.0.15 |"), "h2 from the older study:\n" + s);
        assertTrue(s.contains("`results/2026-01-02-host-protocols/2026-01-02-25.0.3-host-h2/tables.md`"), s);
        assertTrue(s.contains("`results/2026-01-03-host-protocols/2026-01-03-25.0.3-host-tls/tables.md`"), s);
    }

    @Test
    void withoutAStudyTheSectionSaysHowToMakeOne(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        ArrayNode suite = RunFile.JSON.createArrayNode();
        row(suite, "17.0.15", "serial", Map.of(), 1, 0, Map.of(), 99);
        write(results.resolve("2026-01-02-17.0.15-host"), suite);
        assertTrue(section(dir, results).contains("No committed study yet: `scripts/protocols.sh`."));
    }

    /** The protocols section of a README generated by {@code report.sh readme} from {@code results}. */
    static String section(Path dir, Path results) throws Exception {
        Path readme = Files.writeString(dir.resolve("README.md"), "<!-- results:begin -->\n<!-- results:end -->\n"
                + "<!-- protocols:begin -->\n<!-- protocols:end -->\n");
        ReportTest.ok("readme", "--readme", readme.toString(), "--results", results.toString());
        String text = Files.readString(readme);
        return text.substring(text.indexOf("<!-- protocols:begin -->"), text.indexOf("<!-- protocols:end -->"));
    }

    static String line(String s, int at) {
        assertTrue(at >= 0, "no such line in:\n" + s);
        int end = s.indexOf('\n', at);
        return s.substring(at, end < 0 ? s.length() : end);
    }
}
