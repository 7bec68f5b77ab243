package httpbench;

import httpbench.workload.Workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import httpbench.server.EmbeddedServer;
import httpbench.server.Fault;
import httpbench.server.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Python seed programs (scripts/seed-python) against the project's server: every bad response ends a program
 * with one line and a non-zero exit, and the connection counts match what each program claims about reuse.
 * Skipped when /usr/bin/python3 lacks Debian's python3-requests / python3-aiohttp (.ci/run installs them).
 */
@org.junit.jupiter.api.Tag("full")
class SeedPythonIT {
    static final String PYTHON = "/usr/bin/python3";
    static final Path DIR = Path.of("scripts", "seed-python");
    static final int N = 4;

    /** script + extra args, the strategy name it reports, and the program name in its error line. */
    record Program(String strategy, List<String> command) {
        String script() { return command.get(0); }
    }

    static final List<Program> PROGRAMS = List.of(
            new Program("python-requests", List.of("serial_requests.py")),
            new Program("python-aiohttp-fresh", List.of("async_aiohttp.py")),
            new Program("python-aiohttp-shared", List.of("async_aiohttp.py", "--shared-session")));

    @BeforeAll
    static void needsPythonWithRequestsAndAiohttp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " not installed");
        JarProcess.Result r = JarProcess.exec(List.of(PYTHON, "-c", "import requests, aiohttp"), 20);
        assumeTrue(r.exit() == 0, PYTHON + " lacks requests/aiohttp (apt-get install python3-requests "
                + "python3-aiohttp): " + r.err().strip());
        assertTrue(Files.isDirectory(DIR), "run from the project root: " + DIR.toAbsolutePath());
    }

    static JarProcess.Result run(Program p, EmbeddedServer server, int warmup, int batches) throws Exception {
        return run(p, server, warmup, batches, List.of());
    }

    static JarProcess.Result run(Program p, EmbeddedServer server, int warmup, int batches, List<String> extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, DIR.resolve(p.script()).toString()));
        cmd.addAll(extra);
        cmd.addAll(p.command().subList(1, p.command().size()));
        cmd.addAll(List.of("--url", server.uri().toString(), "--requests", String.valueOf(N),
                "--payload-bytes", String.valueOf(server.config().payloadBytes()),
                "--warmup", String.valueOf(warmup), "--batches", String.valueOf(batches), "--timeout-s", "5"));
        return JarProcess.exec(cmd, 30);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"wrongBody", "status500", "truncated"})
    @Timeout(60)
    void aBadResponseEndsEveryProgramWithOneLine(Fault fault) throws Exception {
        String expected = switch (fault) {
            case wrongBody -> "CRC32";
            case status500 -> "status 500, expected 200";
            default -> "request ";
        };
        try (EmbeddedServer server = new EmbeddedServer(
                ServerConfig.loopback(0, 1024).withFault(fault, 1, 0)).start()) {
            for (Program p : PROGRAMS) {
                JarProcess.Result r = run(p, server, 0, 1);
                String what = p.strategy() + " against fault " + fault + ": " + r.err();
                assertEquals(1, r.exit(), "exit status of " + what);
                assertEquals("", r.out(), "nothing on stdout when a batch fails: " + what);
                assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + what);
                assertTrue(r.err().startsWith(p.script() + ": FAILED: request "), what);
                assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + what);
            }
        }
    }

    /** Serial and fresh-session programs open one connection per request; the shared session at most n in all. */
    @Test
    @Timeout(60)
    void validRunsReportEveryBatchAndReuseConnectionsOnlyWhenShared() throws Exception {
        int warmup = 1;
        int batches = 2;
        ObjectMapper json = new ObjectMapper();
        for (Program p : PROGRAMS) {
            try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 1024)).start()) {
                JarProcess.Result r = run(p, server, warmup, batches);
                assertEquals(0, r.exit(), p.strategy() + ": " + r.err());
                JsonNode out = json.readTree(r.out());
                assertEquals(p.strategy(), out.path("strategy").asText(), r.out());
                assertEquals(batches, out.path("batchesMs").size(), r.out());
                for (JsonNode ms : out.path("batchesMs")) assertTrue(ms.asDouble() > 0, r.out());
                assertEquals((long) N * (warmup + batches), server.requestsServed(), p.strategy());
                long conns = server.connections().accepted();
                if (p.strategy().equals("python-aiohttp-shared")) {
                    assertTrue(conns >= 1 && conns <= N, "shared session: at most n connections, got " + conns);
                } else {
                    assertEquals((long) N * (warmup + batches), conns, p.strategy() + ": a connection per request");
                }
            }
        }
    }

    /**
     * Over https each program trusts exactly the PEM given with --ca-file: every batch is valid, fresh programs pay a
     * new connection (and handshake) per request; a PEM of another certificate fails with one line, no results.
     */
    @Test
    @Timeout(90)
    void overHttpsEveryProgramTrustsExactlyTheGivenPem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pem = dir.resolve("server.pem");
        Path other = dir.resolve("other.pem");
        httpbench.tls.SelfSigned.generate().trust().writePem(other);
        for (Program p : PROGRAMS) {
            try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 1024)
                    .withScheme(httpbench.workload.Scheme.https)).start()) {
                server.trust().writePem(pem);
                JarProcess.Result r = run(p, server, 1, 2, List.of("--ca-file", pem.toString()));
                assertEquals(0, r.exit(), p.strategy() + ": " + r.err());
                assertEquals(3L * N, server.requestsServed(), p.strategy());
                assertEquals(server.connections().accepted(), server.tls().handshakes(), "every connection is TLS");
                if (!p.strategy().equals("python-aiohttp-shared")) {
                    assertEquals(3L * N, server.tls().handshakes(), p.strategy() + ": a handshake per request");
                    assertEquals(0, server.tls().resumed(), p.strategy() + ": Python resumes no session by itself");
                }
                JarProcess.Result wrong = run(p, server, 0, 1, List.of("--ca-file", other.toString()));
                assertEquals(1, wrong.exit(), p.strategy() + ": " + wrong.err());
                assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
                assertTrue(wrong.err().contains("CERTIFICATE_VERIFY_FAILED"), wrong.err());
                JarProcess.Result none = run(p, server, 0, 1);
                assertEquals(2, none.exit(), "an https --url without --ca-file is a usage error: " + none.err());
                assertTrue(none.err().contains("an https --url needs --ca-file FILE"), none.err());
            }
        }
    }

    /**
     * run.sh end to end: the Python side writes raw batch times only, and every statistic in results.json is the Java
     * report's (merge: the mean and JMH's 99.9 % Student-t half-width over the raw batches), as for JMH's forks;
     * environment.json gets the interpreter from Python and the machine and the code from {@code report env}.
     */
    @Test
    @Timeout(180)
    void runShWritesRawBatchesAndTheJavaReportComputesTheStatistics(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("py.json");
        JarProcess.Result r = ScriptsIT.bash(Path.of("").toAbsolutePath(), 170,
                "scripts/seed-python/run.sh --latency-ms 0 --requests 4 --runs 3 --warmup 1 --out " + out);
        assertEquals(0, r.exit(), r.err());
        assertEquals(out.toString(), r.out().strip());
        JsonNode rows = new ObjectMapper().readTree(out.toFile());
        assertEquals(PROGRAMS.size(), rows.size());
        double t = new org.apache.commons.math3.distribution.TDistribution(2).inverseCumulativeProbability(0.9995);
        for (JsonNode row : rows) {
            JsonNode pm = row.path("primaryMetric");
            assertEquals(1, pm.path("rawData").size(), "one run, one fork: " + row);
            double[] v = new double[3];
            for (int i = 0; i < 3; i++) v[i] = pm.path("rawData").path(0).path(i).asDouble();
            double mean = (v[0] + v[1] + v[2]) / 3;
            double sd = Math.sqrt(((v[0] - mean) * (v[0] - mean) + (v[1] - mean) * (v[1] - mean)
                    + (v[2] - mean) * (v[2] - mean)) / 2);
            assertEquals(mean, pm.path("score").asDouble(), 1e-9 * mean, row.toString());
            assertEquals(t * sd / Math.sqrt(3), pm.path("scoreError").asDouble(), 1e-9 * mean, row.toString());
            assertEquals("python: wall-clock of whole batches, mean of batches (each run a fork), not JMH",
                    row.path("harness").asText());
        }
        JsonNode env = new ObjectMapper().readTree(dir.resolve("environment.json").toFile());
        assertTrue(env.path("pythonVersion").asText().startsWith("3."), env.toString());
        for (String f : List.of("host", "cpuModel", "cores", "memory", "gitCommit", "jarCommit")) {
            assertTrue(env.has(f), f + " in " + env);
        }
        assertTrue(!env.has("jmhVersion") && !env.has("javaHome"), "no JDK or JMH fields: " + env);
    }
}
