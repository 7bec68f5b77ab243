package httpbench.jmh;

import httpbench.strategy.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.runner.options.Options;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher between the command line and JMH's runner: bad input is one clear line and exit 2 with the runner
 * never called; good input reaches the runner with the parameters the registry and this JDK allow.
 */
class LauncherTest {

    /** What the launcher would have run: the runner is replaced, no fork starts. */
    static final class Capture {
        final List<Options> runs = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;

        Capture(String args) throws Exception {
            code = Launcher.run(args.trim().split("\\s+"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), (o, f) -> {
                        runs.add(o);
                        return List.of();
                    });
        }

        String err() { return err.toString(StandardCharsets.UTF_8); }

        String out() { return out.toString(StandardCharsets.UTF_8); }

        List<String> param(String name) {
            return new ArrayList<>(runs.get(0).getParameter(name).get());
        }
    }

    @Test
    void anArgumentThatMatchesNoBenchmarkIsOneLineBeforeAnyFork() throws Exception {
        // "-prof gc" split apart leaves "gc": JMH took it for an include pattern and failed with "null"
        Capture c = new Capture("-f 1 -p latencyMs=0 gc");
        assertEquals(2, c.code);
        assertTrue(c.runs.isEmpty(), "nothing may run");
        assertEquals("error: no benchmark matches gc (an argument that is not an option is a pattern of the "
                + "benchmarks to run; see -l)\n", c.err());
        Capture ok = new Capture("-f 1 -p latencyMs=0 -p strategy=floor ConcurrentRequests");
        assertEquals(1, ok.runs.size(), ok.err());
    }

    @Test
    void typedParametersReachJmhAsItReadsThem() throws Exception {
        // requests, latencyMs, rttMs and payloadBytes are int/long @Params and blockingClient an enum one: a value
        // the launcher accepts must be one JMH can set in the fork (Integer.parseInt, Enum.valueOf)
        Capture c = new Capture("-f 1 -p strategy=serial -p blockingClient=JDK -p requests=010 -p latencyMs=+5");
        assertEquals(1, c.runs.size(), c.err());
        assertEquals(List.of("jdk"), c.param("blockingClient"));
        assertEquals(List.of("10"), c.param("requests"));
        assertEquals(List.of("5"), c.param("latencyMs"));
        assertEquals(int.class, ConcurrentRequests.class.getField("requests").getType());
        assertEquals(long.class, ConcurrentRequests.class.getField("latencyMs").getType());
    }

    @Test
    void defaultsArePrintedFromTheAnnotationsJmhReads() throws Exception {
        // run.sh reads its fork minimum from here, not from the Java source
        Capture c = new Capture("--defaults");
        assertEquals(0, c.code, c.err());
        assertTrue(c.runs.isEmpty(), "nothing may run");
        var fork = ConcurrentRequests.class.getAnnotation(org.openjdk.jmh.annotations.Fork.class);
        var m = ConcurrentRequests.class.getAnnotation(org.openjdk.jmh.annotations.Measurement.class);
        var w = ConcurrentRequests.class.getAnnotation(org.openjdk.jmh.annotations.Warmup.class);
        assertEquals("forks=" + fork.value() + "\nwarmupIterations=" + w.iterations() + "\nwarmupMs="
                + w.timeUnit().toMillis(w.time()) + "\nmeasurementIterations=" + m.iterations() + "\nmeasurementMs="
                + m.timeUnit().toMillis(m.time()) + "\n", c.out());
        assertTrue(c.out().startsWith("forks=3\nwarmupIterations=2\nwarmupMs=500\n"), c.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-p requests=0                          | -p requests=0: must be between 1 and",
            "-p requests=-3                         | -p requests=-3: must be between 1 and",
            "-p requests=ten                        | -p requests=ten: not a whole number",
            "-p latencyMs=-1                        | -p latencyMs=-1: must be between 0",
            "-p rttMs=-1                            | -p rttMs=-1: must be between 0 and 10000",
            "-p poolThreads=0                       | -p poolThreads=0: auto or between 1 and 100000",
            "-p poolThreads=many                    | -p poolThreads=many: auto or a whole number of threads",
            "-p payloadBytes=lots                   | -p payloadBytes=lots: not a whole number",
            "-p strategy=serial,warpDrive           | -p strategy=warpDrive: unknown strategy; known: serial,",
            "-p protocol=h3                         | -p protocol=h3: must be http1 or h2",
            "-p protocol=http1,HTTP2                | -p protocol=HTTP2: must be http1 or h2",
            "-p blockingClient=curl                 | -p blockingClient=curl: unknown blockingClient 'curl'; known: jdk, apache, okhttp, jetty",
            "-p target=not-a-url                    | target 'not-a-url' is not an http URL",
            "-p target=http://127.0.0.1:1/          | target http://127.0.0.1:1/ is unreachable: connection refused",
            "-wi banana                             | error:",
            "-t 0                                   | error:",
            "-t 100000 -p strategy=jdkAsync         | -t 100000: 1000000 requests in flight (n x callers) need about 2000512 file descriptors",
            "-p scheme=ftp                          | -p scheme=ftp: must be http or https",
            "-p scheme=http,HTTPS                   | -p scheme=HTTPS: must be http or https",
            "-p target=https://127.0.0.1:1/         | target https://127.0.0.1:1/ is https: give its certificate with -p caCert=FILE",
            "-p caCert=/no/such.pem                 | -p caCert=/no/such.pem: certificate file /no/such.pem does not exist",
            "-p caCert=pom.xml                      | -p caCert=pom.xml: certificate file pom.xml holds no PEM certificate",
    })
    @Timeout(30)
    void badInputIsOneLineAndExit2AndNothingRuns(String args, String expected) throws Exception {
        Capture c = new Capture(args);
        String e = c.err();
        assertEquals(2, c.code, "exit status; stderr: " + e);
        assertEquals(1, e.strip().lines().count(), "exactly one line on stderr, got: " + e);
        assertTrue(e.startsWith("error: "), e);
        assertTrue(e.contains(expected.trim()), "expected '" + expected.trim() + "' in: " + e);
        assertEquals(0, c.runs.size(), "the runner must not be called on bad input");
    }

    @Test
    @Timeout(30)
    void goodInputReachesTheRunnerWithTheRegistrysRowsThisJdkCanRun() throws Exception {
        Capture c = new Capture("-f 1 -p latencyMs=0");
        assertEquals(1, c.runs.size(), "the runner is called once; stderr: " + c.err());
        List<String> want = Registry.defaultSuite().stream().filter(Registry::available).map(Enum::name).toList();
        assertEquals(want, c.param("strategy"), "no -p strategy: every available row of the default suite");
        for (Registry r : Registry.all()) {
            assertEquals(!r.available() && !r.extra(), c.out().contains(r + " skipped: needs JDK " + r.minJdk() + "+"),
                    c.out());
        }
        assertEquals(List.of("0"), c.param("latencyMs"));
        assertEquals(1, c.runs.get(0).getForkCount().get());
        // no results from the (fake) runner: the launcher says so and fails rather than exiting 0
        assertEquals(Launcher.EXIT_FAILED, c.code);
        assertTrue(c.err().contains("no benchmark ran"), c.err());
    }

    @Test
    @Timeout(30)
    void severalCallersShareTheRowsAndFloorIsDroppedWithOneLine() throws Exception {
        Capture c = new Capture("-f 1 -t 4 -p latencyMs=0 -p strategy=threadPool,jdkAsync,floor");
        assertEquals(1, c.runs.size(), "stderr: " + c.err());
        assertEquals(4, c.runs.get(0).getThreads().get());
        assertEquals(List.of("threadPool", "jdkAsync"), c.param("strategy"));
        assertTrue(c.out().contains("floor skipped: one connection driven by one caller, so it has no meaning with"
                + " -t 4 (run it with -t 1)"), c.out());
        Capture one = new Capture("-f 1 -t 1 -p latencyMs=0 -p strategy=floor");
        assertEquals(List.of("floor"), one.param("strategy"), "floor runs with one caller");
    }

    /** -p protocol=h2 drops, with one line each and before any fork, the rows that cannot speak it. */
    @Test
    @Timeout(30)
    void rowsThatCannotDoH2AreDroppedWithOneLine() throws Exception {
        Capture c = new Capture("-f 1 -p protocol=h2 -p strategy=jdkAsync,floor,freshAsyncHttpClient,jettyAsync,asyncHttpClient");
        assertEquals(List.of("jdkAsync", "asyncHttpClient"), c.param("strategy"));
        assertEquals(List.of("h2"), c.param("protocol"));
        assertTrue(c.out().contains("floor skipped: cannot run -p protocol=h2: a hand-written HTTP/1.1 exchange on "
                + "one socket"), c.out());
        assertTrue(c.out().contains("jettyAsync skipped: cannot run -p protocol=h2: Jetty's HTTP/2 needs "
                + "jetty-http2-client-transport"), c.out());
        assertEquals(3, c.out().lines().filter(l -> l.contains(" skipped: cannot run -p protocol=h2")).count(),
                "one line per dropped row: " + c.out());
        // blocking rows: the row and its blocking client must both speak it
        Capture apache = new Capture("-f 1 -p protocol=h2 -p blockingClient=apache -p strategy=serial,jdkAsync");
        assertEquals(List.of("jdkAsync"), apache.param("strategy"));
        assertTrue(apache.out().contains("serial skipped: cannot run -p protocol=h2 on -p blockingClient=apache: "
                + "Apache HttpClient5 classic speaks HTTP/1.1 only"), apache.out());
        Capture okhttp = new Capture("-f 1 -p protocol=http1,h2 -p blockingClient=okhttp -p strategy=serial,threadPool");
        assertEquals(List.of("serial", "threadPool"), okhttp.param("strategy"));
        // nothing left: the launcher says so and starts nothing
        Capture none = new Capture("-f 1 -p protocol=h2 -p strategy=floor");
        assertEquals(0, none.runs.size());
        assertTrue(none.out().contains("Nothing left to run"), none.out());
        // http1 (the default) keeps every row
        Capture http1 = new Capture("-f 1 -p strategy=floor,jettyAsync");
        assertEquals(List.of("floor", "jettyAsync"), http1.param("strategy"));
    }

    /** h2 over https (ALPN) is no longer refused: it runs the rows that speak h2 and drops the same ones as h2c. */
    @Test
    @Timeout(30)
    void h2OverHttpsRunsTheH2RowsAndDropsTheOthersWithOneLine() throws Exception {
        Capture c = new Capture("-f 1 -p protocol=h2 -p scheme=https -p strategy=jdkAsync,floor,asyncHttpClient,"
                + "httpClient5Async,freshAsyncHttpClient");
        assertTrue(!c.err().contains("-p protocol=h2") && !c.err().contains("-p scheme"), "nothing refused: " + c.err());
        assertEquals(1, c.runs.size());
        assertEquals(List.of("jdkAsync", "asyncHttpClient", "httpClient5Async"), c.param("strategy"));
        assertEquals(List.of("h2"), c.param("protocol"));
        assertEquals(List.of("https"), c.param("scheme"));
        assertTrue(c.out().contains("floor skipped: cannot run -p protocol=h2: a hand-written HTTP/1.1 exchange"), c.out());
        assertEquals(2, c.out().lines().filter(l -> l.contains(" skipped: cannot run -p protocol=h2")).count(),
                "one line per dropped row: " + c.out());
        Capture both = new Capture("-f 1 -p protocol=http1,h2 -p scheme=http,https -p strategy=httpClient5Async");
        assertEquals(1, both.runs.size(), both.err());
        assertEquals(List.of("http", "https"), both.param("scheme"));
        assertEquals(List.of("http1", "h2"), both.param("protocol"));
    }

    @Test
    void limitsNameTheResourceAndWhatToDo() {
        // 1024 callers x 10 with the embedded server: both ends of 10,240 connections in one process
        String fds = Limits.check(10_240, 1024, true, false, 20_000, 96_000).orElseThrow();
        assertTrue(fds.contains("need about 20992 file descriptors") && fds.contains("the limit is 20000 (ulimit -n)")
                && fds.contains("run the server standalone"), fds);
        assertTrue(Limits.check(10_240, 1024, false, false, 20_000, 96_000).isEmpty(),
                "a standalone server holds the other ends: 10,752 descriptors fit");
        String threads = Limits.check(10_240, 1024, false, true, 1_000_000, 8_000).orElseThrow();
        assertTrue(threads.contains("11520 platform threads (threadPool: one per request)")
                && threads.contains("allows 8000"), threads);
        assertTrue(Limits.check(10_240, 1024, false, false, 1_000_000, 8_000).isEmpty(),
                "async rows need no thread per request");
        assertTrue(Limits.check(640, 64, true, true, -1, -1).isEmpty(), "unknown limits are not enforced");
        long t = Limits.maxThreads();
        assertTrue(t == -1 || t > 1000, "this machine allows thousands of threads, read " + t);
    }

    @Test
    @Timeout(30)
    void extraRowsRunOnlyWhenNamed() throws Exception {
        List<Registry> extra = Registry.all().stream().filter(Registry::extra).toList();
        assertEquals(List.of(Registry.structuredConcurrency, Registry.okHttpAsync, Registry.jettyAsync,
                Registry.reactorNetty, Registry.freshAsyncHttpClient, Registry.freshJdkAsync), extra,
                "the clients and the fresh-client variants kept out of the default suite");
        Capture all = new Capture("-f 1");
        for (Registry r : extra) {
            assertTrue(!all.param("strategy").contains(r.name()), r + " must not run by default: "
                    + all.param("strategy"));
        }
        String names = String.join(",", extra.stream().map(Enum::name).toList());
        Capture named = new Capture("-f 1 -p strategy=serial," + names);
        List<String> want = new ArrayList<>(List.of("serial"));
        for (Registry r : extra) if (r.available()) want.add(r.name());
        assertEquals(want, named.param("strategy"), "named extra rows run");
    }

    @Test
    @Timeout(30)
    void onlyUnavailableRowsRunNothingAndSayWhy() throws Exception {
        List<Registry> unavailable = Registry.all().stream().filter(r -> !r.available()).toList();
        String ask = unavailable.isEmpty() ? "serial" : unavailable.get(0).name();
        Capture c = new Capture("-p strategy=" + ask);
        if (unavailable.isEmpty()) {
            assertEquals(List.of("serial"), c.param("strategy"), "on this JDK every row is available");
        } else {
            assertEquals(0, c.runs.size(), c.out());
            assertEquals(0, c.code);
            assertTrue(c.out().contains(ask + " skipped: needs JDK 21+"), c.out());
            assertTrue(c.out().contains("Nothing left to run on this JDK."), c.out());
        }
    }

    @Test
    @Timeout(30)
    void schemeReachesTheRunnerAndEveryRowSpeaksHttps() throws Exception {
        Capture c = new Capture("-f 1 -p latencyMs=0 -p scheme=http,https");
        assertEquals(1, c.runs.size(), "stderr: " + c.err());
        assertEquals(List.of("http", "https"), c.param("scheme"));
        List<String> want = Registry.defaultSuite().stream().filter(Registry::available).map(Enum::name).toList();
        assertEquals(want, c.param("strategy"), "every row speaks https: " + c.out());
        assertEquals(List.of("http"), Params.defaults("scheme"), "http unless asked");
    }

    @Test
    @Timeout(30)
    void caCertIsOnlyForAnHttpsTarget(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pem = dir.resolve("c.pem");
        httpbench.tls.SelfSigned.generate().trust().writePem(pem);
        Capture c = new Capture("-f 1 -p caCert=" + pem);
        assertEquals(2, c.code, c.err());
        assertTrue(c.err().startsWith("error: -p caCert=" + pem + ": only for an https -p target"), c.err());
        assertEquals(0, c.runs.size());
    }

    /** A standalone https server: its scheme is taken over, a wrong certificate is one line naming the handshake. */
    @Test
    @Timeout(30)
    void anHttpsTargetIsProbedTrustingTheGivenCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (httpbench.server.EmbeddedServer s = new httpbench.server.EmbeddedServer(
                httpbench.server.ServerConfig.loopback(0, 64).withScheme(httpbench.workload.Scheme.https)).start()) {
            java.nio.file.Path pem = dir.resolve("server.pem");
            s.trust().writePem(pem);
            Capture ok = new Capture("-f 1 -p strategy=jdkAsync -p target=" + s.uri() + " -p caCert=" + pem);
            assertEquals(1, ok.runs.size(), "stderr: " + ok.err());
            assertEquals(List.of("https"), ok.param("scheme"), "the target's scheme");
            assertEquals(List.of("64"), ok.param("payloadBytes"));

            Capture http = new Capture("-f 1 -p strategy=jdkAsync -p scheme=http -p target=" + s.uri() + " -p caCert="
                    + pem);
            assertEquals(2, http.code, http.err());
            assertTrue(http.err().contains("-p scheme=http but the target serves scheme=https"), http.err());

            java.nio.file.Path other = dir.resolve("other.pem");
            httpbench.tls.SelfSigned.generate().trust().writePem(other);
            Capture wrong = new Capture("-f 1 -p strategy=jdkAsync -p target=" + s.uri() + " -p caCert=" + other);
            assertEquals(2, wrong.code, wrong.err());
            assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
            // JDK 25 puts the TLS alert first: "TLS handshake failed: (certificate_unknown) PKIX path building failed"
            assertTrue(wrong.err().contains(": TLS handshake failed: ") && wrong.err().contains("PKIX path building failed"),
                    wrong.err());
            assertEquals(0, wrong.runs.size());
        }
    }

    /** The plan line before the first fork: rows x forks as JMH will cross them, and bounds from the settings. */
    @Test
    @Timeout(30)
    void thePlanBeforeTheFirstForkCountsRowsAndForksAndBoundsTheTime() throws Exception {
        Capture c = new Capture("-f 2 -wi 1 -w 1s -i 3 -r 2s -p strategy=floor,jdkAsync -p latencyMs=0,100 "
                + "-p warmup=10");
        assertEquals(1, c.runs.size(), c.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "# Run plan: (\\d+) rows x (\\d+) forks = (\\d+) forks, estimated ([0-9.]+) to ([0-9.]+) (s|min) ")
                .matcher(c.out());
        assertTrue(m.find(), c.out());
        assertEquals(4, Integer.parseInt(m.group(1)), "2 strategies x 2 latencies");
        assertEquals(2, Integer.parseInt(m.group(2)));
        assertEquals(8, Integer.parseInt(m.group(3)));
        double unit = m.group(6).equals("min") ? 60 : 1;
        double lower = Double.parseDouble(m.group(4)) * unit;
        double upper = Double.parseDouble(m.group(5)) * unit;
        // every fork runs its 1 + 3 iterations of 1 + 2 x 3 = 7 s, and floor at 100 ms is serial: a batch of 10 x
        // 100 ms makes each iteration at least 1 s and each warm-up window at least one batch
        assertTrue(lower >= 8 * 7, "lower bound below the iterations alone: " + c.out());
        // upper: each warm-up phase at its 10 s cap (three at latency 100, one at 0), iterations plus a batch each
        double caps = 2 * (10 + 10 + 30 + 30);
        assertTrue(upper >= 8 * 7 + caps && upper < 8 * 7 + caps + 8 * 10, c.out());
        assertTrue(lower < upper, c.out());

        Capture off = new Capture("-f 1 -wi 0 -i 1 -r 1s -p strategy=jdkAsync -p latencyMs=0 -p warmup=off");
        assertTrue(off.out().contains("# Run plan: 1 row x 1 fork = 1 forks, estimated 1 to 4 s"), off.out());
    }
}
