package httpbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, run the way a user runs it (tiny iteration settings). */
class JarSmokeIT {

    @Test
    void jarCarriesTheBenchmarkList() throws Exception {
        try (ZipFile z = new ZipFile(JarProcess.JAR.toFile())) {
            assertNotNull(z.getEntry("META-INF/BenchmarkList"),
                    "no META-INF/BenchmarkList: JMH's annotation processor did not run (annotationProcessorPaths?)");
            String list = new String(z.getInputStream(z.getEntry("META-INF/BenchmarkList")).readAllBytes());
            assertTrue(list.contains("httpbench.jmh.ConcurrentRequests"), list);
            assertTrue(z.getEntry("module-info.class") == null, "module-info must be excluded from the fat jar");
        }
    }

    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(300)
    void smokeRunWritesOneRowPerAvailableStrategy(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("smoke.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "1", "-w", "200ms", "-i", "1", "-r", "200ms",
                "-p", "latencyMs=0", "-p", "warmup=off", "-prof", "gc", "-rf", "json", "-rff", json.toString());
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        List<String> got = new ArrayList<>();
        for (JsonNode row : rows) got.add(row.path("params").path("strategy").asText());
        assertEquals(httpbench.strategy.Registry.defaultSuite().stream().filter(httpbench.strategy.Registry::available)
                .map(Enum::name).toList(), got, "one row per available strategy of the default suite, in order");
        double jitMs = 0;
        for (JsonNode row : rows) {
            assertTrue(row.path("primaryMetric").path("score").asDouble() > 0, row.toString());
            JsonNode sec = row.path("secondaryMetrics");
            assertTrue(sec.path("jitMs").path("score").asDouble(-1) >= 0, "jitMs is always recorded: " + sec);
            jitMs += sec.path("jitMs").path("score").asDouble();
            double client = sec.path("clientBytes").path("score").asDouble(-1);
            double all = sec.path("gc.alloc.rate.norm").path("score").asDouble(-1);
            assertTrue(client > 0 && sec.path("clientCpuMs").path("score").asDouble(-1) > 0,
                    "client-only costs are always recorded: " + sec);
            // JFR pinning counts only for rows that block on virtual threads (JDK 21+); no other row starts JFR
            String name = row.path("params").path("strategy").asText();
            boolean pins = Runtime.version().feature() >= 21
                    && httpbench.strategy.Registry.of(name).blocksOnVirtualThreads();
            assertEquals(pins, sec.has("pinnedEvents"), name + ": pinnedEvents present exactly for virtual-thread "
                    + "rows on 21+: " + sec);
            if (pins) assertTrue(sec.path("pinnedEvents").path("score").asDouble(-1) >= 0, sec.toString());
            assertTrue(sec.path("peakConnections").path("score").asDouble(-1) >= 1, name + ": peakConnections " + sec);
            if (name.equals("floor") || name.equals("serial")) {
                assertEquals(1.0, sec.path("peakConnections").path("score").asDouble(), name + ": one connection");
            }
            if (row.path("params").path("strategy").asText().equals("floor")) {
                // the embedded server's allocations are in gc.alloc.rate.norm, not in clientBytes
                assertTrue(client < all, "floor: clientBytes " + client + " must be below gc.alloc.rate.norm " + all);
            }
        }
        // -p warmup=off and 200 ms iterations: every fork is still compiling while measured
        assertTrue(jitMs > 0, "no row recorded any JIT compilation time in cold forks");
        if (Runtime.version().feature() < 21) {
            assertTrue(r.out().contains("virtualThreads skipped: needs JDK 21+ (running "
                    + System.getProperty("java.version") + ")"), r.out());
        }
        boolean flagged = rows.get(0).path("jvmArgs").toString().contains("--sun-misc-unsafe-memory-access=allow");
        assertEquals(Runtime.version().feature() >= 23, flagged,
                "forks get --sun-misc-unsafe-memory-access=allow exactly on JDK 23+: " + rows.get(0).path("jvmArgs"));
    }

    /**
     * The clients outside the default suite, from the shaded jar (one Netty, Kotlin stdlib, Jetty's services):
     * each async row, and the serial row on each of their blocking clients.
     */
    @Test
    @Tag("full") // ~12 s: the fast build's budget is 2 minutes; CI runs it with -Pfull
    @Timeout(300)
    void extraClientsRunFromTheJarWhenNamed(@TempDir Path dir) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String[] args : List.of(new String[] {"-p", "strategy=okHttpAsync,jettyAsync,reactorNetty"},
                new String[] {"-p", "strategy=serial", "-p", "blockingClient=okhttp,jetty"})) {
            Path json = dir.resolve("extra" + rows.size() + ".json");
            List<String> all = new ArrayList<>(List.of("-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                    "-p", "latencyMs=0", "-p", "warmup=off", "-rf", "json", "-rff", json.toString()));
            all.addAll(List.of(args));
            JarProcess.Result r = JarProcess.run(280, all.toArray(new String[0]));
            assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
            for (JsonNode row : new ObjectMapper().readTree(json.toFile())) {
                assertTrue(row.path("primaryMetric").path("score").asDouble() > 0, row.toString());
                rows.add(row.path("params").path("strategy").asText() + "/"
                        + row.path("params").path("blockingClient").asText());
            }
        }
        assertEquals(java.util.Set.of("okHttpAsync/jdk", "jettyAsync/jdk", "reactorNetty/jdk", "serial/okhttp",
                "serial/jetty"), java.util.Set.copyOf(rows), "rows: " + rows);
        assertEquals(5, rows.size(), "rows: " + rows);
    }

    /**
     * {@code structuredConcurrency} from the same release-17 jar: on JDK 25 it runs (no --enable-preview needed) and
     * reports pinned events like the other virtual-thread rows; before 25 it is skipped with one line.
     */
    @Test
    @Timeout(300)
    @Tag("full")
    void structuredConcurrencyRunsOn25AndIsSkippedBefore(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("sc.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                "-p", "latencyMs=0", "-p", "warmup=off", "-rf", "json", "-rff", json.toString(),
                "-p", "strategy=structuredConcurrency");
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        if (Runtime.version().feature() < 25) {
            assertTrue(r.out().contains("structuredConcurrency skipped: needs JDK 25+ for StructuredTaskScope.open,"
                    + " a preview API (running " + System.getProperty("java.version") + ")"), r.out());
            assertTrue(r.out().contains("Nothing left to run on this JDK."), r.out());
            return;
        }
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, rows.size(), rows.toString());
        JsonNode row = rows.get(0);
        assertEquals("structuredConcurrency", row.path("params").path("strategy").asText());
        assertTrue(row.path("primaryMetric").path("score").asDouble() > 0, row.toString());
        assertTrue(row.path("secondaryMetrics").has("pinnedEvents"), row.path("secondaryMetrics").toString());
    }

    /**
     * {@code -p scheme=https} from the shaded jar (BouncyCastle inside, its signature files stripped): the fork prints
     * what TLS negotiated and a fresh row records its handshakes per batch (n: one per request).
     */
    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(300)
    void httpsRunsFromTheJarAndRecordsTheNegotiatedTls(@TempDir Path dir) throws Exception {
        JsonNode row = httpsRow(dir, "freshAsyncHttpClient");
        assertEquals(10.0, handshakes(row), 0.01, "a handshake per request: " + row.path("secondaryMetrics"));
        double resumed = row.path("secondaryMetrics").path("tlsResumed").path("score").asDouble(-1);
        assertTrue(resumed >= 0 && resumed <= 10, "resumed handshakes per batch: " + row.path("secondaryMetrics"));
    }

    /** A pooled row over https: its connections (and handshakes) were made in the warm-up, none in the measurement. */
    @Test
    @Timeout(300)
    @Tag("full") // ~7 s more: the fast build's budget is 2 minutes
    void aPooledRowOverHttpsMakesNoHandshakeOnceWarm(@TempDir Path dir) throws Exception {
        JsonNode row = httpsRow(dir, "jdkAsync");
        assertEquals(0.0, handshakes(row), 0.0, "pooled: connections opened in the warm-up: " + row);
    }

    private static JsonNode httpsRow(Path dir, String strategy) throws Exception {
        Path json = dir.resolve("https.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "300ms",
                "-p", "latencyMs=0", "-p", "warmup=1", "-p", "scheme=https", "-p", "strategy=" + strategy,
                "-rf", "json", "-rff", json.toString());
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        assertTrue(r.out().matches("(?s).*# TLS: TLSv1\\.3 TLS_\\w+, (no ALPN|ALPN http/1\\.1) \\(\\d+ handshakes so far.*"),
                r.out());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, rows.size(), rows.toString());
        JsonNode row = rows.get(0);
        assertEquals("https", row.path("params").path("scheme").asText(), row.toString());
        return row;
    }

    private static double handshakes(JsonNode row) {
        return row.path("secondaryMetrics").path("tlsHandshakes").path("score").asDouble(-1);
    }

    /** An https ServerMain from the jar, measured from the jar trusting the PEM it wrote (-p caCert). */
    @Test
    @Timeout(300)
    @Tag("full")
    void standaloneHttpsTargetIsMeasuredTrustingItsPem(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Path pem = dir.resolve("server.pem");
        Process server = JarProcess.server(log, "--port", "0", "--latency-ms", "20", "--scheme", "https",
                "--cert-out", pem.toString());
        try {
            String url = JarProcess.awaitUrl(log, server, 20_000);
            assertTrue(url.startsWith("https://127.0.0.1:"), url);
            Path json = dir.resolve("target.json");
            JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "300ms",
                    "-p", "strategy=jdkAsync", "-p", "target=" + url, "-p", "caCert=" + pem, "-p", "warmup=off",
                    "-rf", "json", "-rff", json.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            JsonNode row = new ObjectMapper().readTree(json.toFile()).get(0);
            assertEquals("https", row.path("params").path("scheme").asText());
            assertTrue(row.path("primaryMetric").path("score").asDouble() >= 20, row.toString());
            JarProcess.Result noCert = JarProcess.run(60, "-p", "target=" + url);
            assertEquals(2, noCert.exit(), noCert.out() + noCert.err());
            assertTrue(noCert.err().contains("is https: give its certificate with -p caCert=FILE"), noCert.err());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * A latency-bound row warms its code at latency 0, then its wait paths at 1 ms, then settles at its real latency,
     * and measures with background compilation (the fork's own -XX:-BackgroundCompilation applies to the warm-up).
     */
    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(300)
    void aDelayedRowWarmsItsWaitPathsAndMeasuresWithBackgroundCompilation(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("delayed.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "300ms",
                "-p", "strategy=threadPool", "-p", "latencyMs=5", "-p", "warmup=1", "-rf", "json", "-rff",
                json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String out = r.out();
        int code = out.indexOf("# code warm-up at latency 0:");
        int waits = out.indexOf("# wait-path warm-up at 1 ms:");
        int steady = out.indexOf("# steady warm-up:");
        int jit = out.indexOf("# JIT: background compilation for the measured iterations");
        assertTrue(code >= 0 && code < waits && waits < steady && steady < jit, "phases out of order or missing:\n" + out);
        double score = new ObjectMapper().readTree(json.toFile()).get(0).path("primaryMetric").path("score").asDouble();
        assertTrue(score >= 5, "threadPool at 5 ms measured " + score + " ms/op: the real latency was not restored");
    }

    /**
     * A row whose warm-up hits its cap (-p warmup=1: the steady rule compares three blocks of at least 1.5 s, so no
     * row can settle within 1 s) records it in the results, and the tables, from the same jar the way
     * scripts/report.sh runs them, mark the row and say what to do. The fast build's one fork of the packaged jar
     * (floor: no client to close; about 5 s), so it also checks the plan line and the profilers' metrics.
     */
    @Test
    @Timeout(300)
    void aRowWhoseWarmUpHitsItsCapIsMarkedInTheTables(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("capped.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms",
                "-p", "strategy=floor", "-p", "latencyMs=0", "-p", "warmup=1", "-prof", "gc", "-rf", "json", "-rff",
                json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("# Run plan: 1 row x 1 fork = 1 forks, estimated "), r.out());
        assertTrue(r.out().contains("(NOT settled: cap reached; raise -p warmup=SECONDS)"), r.out());
        JsonNode row0 = new ObjectMapper().readTree(json.toFile()).get(0);
        JsonNode sec = row0.path("secondaryMetrics");
        JsonNode capped = sec.path("warmupCapped");
        assertEquals("[[1.0]]", capped.path("rawData").toString(), "one fork, capped: " + capped);
        // the fast build's one run of the packaged jar: the profilers the launcher adds write their metrics too
        assertTrue(row0.path("primaryMetric").path("score").asDouble() > 0, row0.toString());
        assertTrue(sec.path("jitMs").path("score").asDouble(-1) >= 0, "jitMs is always recorded: " + sec);
        double client = sec.path("clientBytes").path("score").asDouble(-1);
        assertTrue(client > 0 && sec.path("clientCpuMs").path("score").asDouble(-1) > 0, "client-only costs: " + sec);
        // the embedded server's allocations are in gc.alloc.rate.norm, not in clientBytes
        assertTrue(client < sec.path("gc.alloc.rate.norm").path("score").asDouble(-1), sec.toString());
        assertEquals(1.0, sec.path("peakConnections").path("score").asDouble(), "floor: one connection " + sec);
        JarProcess.Result tables = JarProcess.exec(List.of(JarProcess.java(), "-cp", JarProcess.JAR.toString(),
                "httpbench.report.ReportMain", "tables", json.toString()), 60);
        assertEquals(0, tables.exit(), tables.out() + tables.err());
        // the time table's row carries the mark in its note column, before floor's own note (with -prof gc a cost
        // table follows, unmarked)
        List<String> rows = tables.out().lines().filter(l -> l.startsWith("| `floor` | ")).toList();
        assertTrue(rows.stream().anyMatch(l -> l.contains(" | warm-up capped (1 of 1 fork: #1); no interval (1 fork); "
                + "reference, not a strategy |")), tables.out());
        assertTrue(tables.out().contains("raise -p warmup=SECONDS"), tables.out());
    }

    /** The two-machine recipe, end to end on loopback: ServerMain from the jar, the suite with -p target=URL. */
    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(300)
    void standaloneTargetIsMeasuredWithItsOwnSettings(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process server = JarProcess.server(log, "--port", "0", "--latency-ms", "20", "--payload-bytes", "2048");
        try {
            String url = JarProcess.awaitUrl(log, server, 20_000);
            Path json = dir.resolve("target.json");
            JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "1", "-w", "300ms", "-i", "1", "-r", "300ms",
                    "-p", "strategy=serial,jdkAsync", "-p", "target=" + url, "-p", "warmup=off", "-rf", "json", "-rff",
                    json.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("latencyMs=20 payloadBytes=2048"), r.out());
            JsonNode rows = new ObjectMapper().readTree(json.toFile());
            assertEquals(2, rows.size());
            for (JsonNode row : rows) {
                assertEquals(url, row.path("params").path("target").asText());
                assertEquals("20", row.path("params").path("latencyMs").asText());
            }
            double serial = rows.get(0).path("primaryMetric").path("score").asDouble();
            double async = rows.get(1).path("primaryMetric").path("score").asDouble();
            assertTrue(serial >= 10 * 20, "serial against a 20 ms server must take >= 200 ms/op: " + serial);
            assertTrue(async < serial / 3, "jdkAsync " + async + " vs serial " + serial);
            JarProcess.Result bad = JarProcess.run(60, "-p", "target=" + url, "-p", "latencyMs=5");
            assertEquals(2, bad.exit(), bad.out() + bad.err());
            assertTrue(bad.err().contains("but the target serves latencyMs=20"), bad.err());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * -p protocol=http1,h2 end to end: the rows that cannot speak h2 dropped with one line before any fork, and the
     * peakConnections metric: n for the HTTP/1.1 rows, 1 for the same clients multiplexing over h2c.
     */
    @Test
    @Timeout(300)
    @Tag("full") // ~7 s; the fast build proves the gauge in-process (Http2Test) and the metric's presence above
    void h2RowsReportOnePeakConnectionAndTheirHttp1TwinsN(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("h2.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "1", "-w", "300ms", "-i", "1", "-r", "500ms",
                "-p", "latencyMs=100", "-p", "warmup=off", "-p", "protocol=http1,h2",
                "-p", "strategy=httpClient5Async,floor", "-rf", "json", "-rff", json.toString());
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        assertTrue(r.out().contains("floor skipped: cannot run -p protocol=h2: a hand-written HTTP/1.1 exchange"), r.out());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, rows.size(), rows.toString()); // floor cannot run every protocol asked: dropped
        for (JsonNode row : rows) {
            String what = row.path("params").path("strategy").asText() + "/" + row.path("params").path("protocol").asText();
            boolean h2 = row.path("params").path("protocol").asText().equals("h2");
            double peak = row.path("secondaryMetrics").path("peakConnections").path("score").asDouble(-1);
            assertEquals(h2 ? 1.0 : 10.0, peak, what + ": peak connections");
            assertConcurrent(row, what);
        }
    }

    /**
     * A batch at L = 100 ms takes at least L (physics), and one that sent its n = 10 requests one after another at
     * least n x L = 1000 ms: a concurrent row stays under half of that. No tighter bound: one 500 ms iteration on a
     * busy machine (seen once in CI, cause not found; the test alone passes) averaged 309 ms for a
     * row whose counters were right.
     */
    private static void assertConcurrent(JsonNode row, String what) {
        double ms = row.path("primaryMetric").path("score").asDouble();
        assertTrue(ms >= 100 && ms < 500, what + ": " + ms + " ms/op at L = 100 ms (serial: >= 1000)");
    }

    /**
     * The same over https: the h2 row's connections chose h2 by ALPN (the fork's # TLS: line says so), its peak is
     * one connection, its HTTP/1.1 twin's n, neither makes a TLS handshake in the measured batches (the warm-up
     * iteration's connections are reused, as the server counts), and both send their requests together.
     */
    @Test
    @Timeout(300)
    @Tag("full") // ~7 s, like the h2c run above
    void h2OverHttpsNegotiatesH2ByAlpnFromTheJar(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("h2s.json");
        JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "1", "-w", "300ms", "-i", "1", "-r", "500ms",
                "-p", "latencyMs=100", "-p", "warmup=off", "-p", "protocol=http1,h2", "-p", "scheme=https",
                "-p", "strategy=httpClient5Async", "-rf", "json", "-rff", json.toString());
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        assertTrue(r.out().matches("(?s).*# TLS: TLSv1\\.3 TLS_\\w+, ALPN h2 \\(\\d+ handshakes so far.*"), r.out());
        assertTrue(r.out().matches("(?s).*# TLS: TLSv1\\.3 TLS_\\w+, (no ALPN|ALPN http/1\\.1) \\(\\d+ handshakes.*"),
                r.out());
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode row : rows) {
            String what = row.path("params").path("protocol").asText() + " over https";
            boolean h2 = row.path("params").path("protocol").asText().equals("h2");
            double peak = row.path("secondaryMetrics").path("peakConnections").path("score").asDouble(-1);
            assertEquals(h2 ? 1.0 : 10.0, peak, what + ": peak connections");
            double handshakes = row.path("secondaryMetrics").path("tlsHandshakes").path("score").asDouble(-1);
            assertEquals(0.0, handshakes, what + ": TLS handshakes per measured batch");
            assertConcurrent(row, what);
        }
    }

    /** ServerMain serves h2c on its one port: curl with prior knowledge and the JDK client (upgrade) get the payload. */
    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(120)
    void serverMainAnswersHttp2OnTheSamePort(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process server = JarProcess.server(log, "--port", "0", "--payload-bytes", "1024");
        try {
            String url = JarProcess.awaitUrl(log, server, 20_000);
            String r0 = url + (url.endsWith("/") ? "" : "/") + "r/0";
            boolean curl;
            try {
                Process v = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
                curl = new String(v.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains("HTTP2") && v.waitFor() == 0;
            } catch (java.io.IOException e) {
                curl = false;
            }
            if (curl) {
                Path body = dir.resolve("body");
                JarProcess.Result c = JarProcess.exec(List.of("curl", "-s", "--max-time", "10",
                        "--http2-prior-knowledge", "-o", body.toString(), "-w", "%{http_version} %{http_code}", r0), 30);
                assertEquals("2 200", c.out().trim(), c.out() + c.err());
                assertEquals(java.util.Arrays.toString(httpbench.workload.Payload.bytes(1024)),
                        java.util.Arrays.toString(java.nio.file.Files.readAllBytes(body)));
            }
            java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_2).build();
            var res = jdk.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(r0 + "?protocol=h2")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, res.statusCode());
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, res.version(), "upgraded to h2c");
            assertEquals(1024, res.body().length);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    @Tag("full") // the fast build runs the jar once (the capped row below); -Pfull runs the rest
    @Test
    @Timeout(300)
    void failingRowsGiveNoScoreAndANonZeroExitNamingThem(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process server = JarProcess.server(log, "--port", "0", "--fault", "status500", "--fault-every", "7");
        try {
            String url = JarProcess.awaitUrl(log, server, 20_000);
            Path json = dir.resolve("fail.json");
            JarProcess.Result r = JarProcess.run(280, "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms",
                    "-p", "strategy=serial,jdkAsync", "-p", "target=" + url, "-p", "warmup=off", "-rf", "json", "-rff",
                    json.toString());
            assertEquals(1, r.exit(), "a failing benchmark must exit non-zero\n" + r.out() + r.err());
            assertTrue(r.err().contains("2 benchmark row(s) FAILED"), r.err());
            assertTrue(r.err().contains("strategy=serial") && r.err().contains("strategy=jdkAsync"), r.err());
            assertTrue(r.out().contains("status 500, expected 200"), "the cause is shown: " + r.out());
            String written = Files.exists(json) ? Files.readString(json) : "[]";
            JsonNode rows = new ObjectMapper().readTree(written.isBlank() ? "[]" : written);
            assertEquals(0, rows.size(), "a failed row has no score: " + written);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** -prof async with no libPath and nothing installed: the bundled async-profiler writes a flame graph. */
    @Tag("full")
    @Test
    @Timeout(200)
    void asyncProfilerRunsFromTheJarAlone(@TempDir Path dir) throws Exception {
        Path flames = dir.resolve("flames");
        JarProcess.Result r = JarProcess.run(180, "-f", "1", "-wi", "0", "-i", "2", "-r", "500ms",
                "-p", "strategy=serial", "-p", "latencyMs=0", "-p", "warmup=off",
                "-prof", "async:event=wall;output=flamegraph;dir=" + flames);
        assertEquals(0, r.exit(), "exit status\n" + r.out() + r.err());
        List<Path> html;
        try (var s = Files.walk(flames)) {
            html = s.filter(p -> p.getFileName().toString().matches("flame-.*-forward\\.html")).toList();
        }
        assertEquals(1, html.size(), "one forward flame graph for the one row: " + html + "\n" + r.out());
        String page = Files.readString(html.get(0));
        assertTrue(page.contains("ConcurrentRequests") || page.contains("httpbench"), "the benchmark's frames are in it");
    }
}
