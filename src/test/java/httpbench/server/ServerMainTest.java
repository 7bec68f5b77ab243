package httpbench.server;

import httpbench.workload.Workload;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import httpbench.tls.Trust;
import httpbench.workload.Payload;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input to the standalone server: one line, exit 2, never a stack trace, never a hang. */
class ServerMainTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ServerMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static void assertOneLineError(String[] r, String expected) {
        assertEquals("2", r[0], "exit status; stderr: " + r[2]);
        assertEquals(1, r[2].strip().lines().count(), "one line: " + r[2]);
        assertTrue(r[2].startsWith("error: "), r[2]);
        assertTrue(r[2].contains(expected), "expected '" + expected + "' in " + r[2]);
    }

    @Test
    @Timeout(20)
    void portInUse() {
        try (EmbeddedServer taken = new EmbeddedServer(ServerConfig.loopback(0, 16)).start()) {
            assertOneLineError(run("--port", String.valueOf(taken.port())), "port in use?");
        }
    }

    @Test
    @Timeout(20)
    void portOutOfRange() {
        assertOneLineError(run("--port", "70000"), "port must be 0..65535, got 70000");
        assertOneLineError(run("--port", "-1"), "port must be 0..65535, got -1");
    }

    @Test
    @Timeout(20)
    void unknownFaultMode() {
        assertOneLineError(run("--fault", "explode"), "unknown fault mode 'explode'; known: none, status500");
    }

    @Test
    @Timeout(20)
    void negativeLatencyAndNonNumbers() {
        assertOneLineError(run("--latency-ms", "-5"), "latency must be >= 0 ms, got -5");
        assertOneLineError(run("--rtt-ms", "-2"), "round trip must be >= 0 ms, got -2");
        assertOneLineError(run("--payload-bytes", "big"), "'big' is not an int");
    }

    @Test
    @Timeout(20)
    void unknownScheme() {
        assertOneLineError(run("--scheme", "ftp"), "scheme must be http or https, got 'ftp'");
    }

    @Test
    @Timeout(20)
    void certificateFileThatCannotBeWritten(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir").resolve("cert.pem");
        assertOneLineError(run("--port", "0", "--scheme", "https", "--cert-out", missing.toString()),
                "cannot write the certificate to " + missing + ": no such directory " + missing.getParent());
    }

    @Test
    @Timeout(20)
    void aNameForTheCertificateThatIsNoAddress() {
        assertOneLineError(run("--port", "0", "--scheme", "https", "--san", "1.2.3"),
                "a name for the certificate is neither a host name nor an IP address");
    }

    /**
     * --scheme https writes the certificate as PEM where it says; a JDK client trusting only that file gets 200 and
     * the payload, and so does curl --cacert (when curl is installed); no private key is ever written.
     */
    @Test
    @Timeout(40)
    void httpsServerWritesItsCertificateAndClientsTrustingItGetThePayload(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("server.pem");
        StringBuffer out = new StringBuffer();
        StringWriter err = new StringWriter();
        ServerMain cmd = new ServerMain();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServerMain.execute(cmd,
                new String[] {"--port", "0", "--scheme", "https", "--payload-bytes", "777", "--cert-out", pem.toString()},
                new PrintWriter(new java.io.Writer() {
                    @Override public void write(char[] c, int off, int len) { out.append(c, off, len); }
                    @Override public void flush() { }
                    @Override public void close() { }
                }, true), new PrintWriter(err, true)));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            Matcher m = Pattern.compile("serving (https://127\\.0\\.0\\.1:\\d+/)").matcher("");
            // the lines come one after another: wait for the last one (the -p caCert hint), not the first (seen: the
            // check below ran between them on a busy core)
            while (!(m = m.reset(out)).find() || !out.toString().contains("-p caCert=")) {
                assertTrue(System.nanoTime() < deadline, "no URL printed within 15 s: " + out + err);
                assertTrue(!exit.isDone(), "ServerMain ended: " + out + err);
                Thread.sleep(20);
            }
            URI base = URI.create(m.group(1));
            assertTrue(out.toString().contains("certificate (PEM, trust exactly this): " + pem.toAbsolutePath()),
                    out.toString());
            assertTrue(out.toString().contains("-p caCert=" + pem.toAbsolutePath()), out.toString());
            String text = Files.readString(pem);
            assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----\n") && text.endsWith("-----END CERTIFICATE-----\n"),
                    text);
            assertTrue(!text.contains("PRIVATE KEY"), "no key in the file");
            try (var files = Files.list(dir)) {
                assertEquals(List.of(pem), files.toList(), "only the certificate is written");
            }

            HttpClient jdk = HttpClient.newBuilder().sslContext(Trust.fromPem(pem).sslContext())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<byte[]> r = jdk.send(HttpRequest.newBuilder(base.resolve("r/0"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(Payload.bytes(777), r.body());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "the JDK client's default, HTTP_2: ALPN chose h2");
            assertTrue(out.toString().contains("e.g. curl --http2 --cacert " + pem.toAbsolutePath()), out.toString());
            HttpResponse<String> info = jdk.send(HttpRequest.newBuilder(base.resolve("info"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(info.body().contains("\"scheme\":\"https\""), info.body());
            // the JDK's default trust (its CA bundle) does not know this certificate: nothing is trusted by accident
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> plain.send(
                    HttpRequest.newBuilder(base.resolve("r/0")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            assertTrue(httpbench.workload.BatchFailure.tlsFailure(e) != null, String.valueOf(e));

            Path curl = Path.of("/usr/bin/curl");
            if (Files.isExecutable(curl)) {
                Process p = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "10", "--cacert", pem.toString(),
                        "-o", dir.resolve("body").toString(), "-w", "%{http_code}", base.resolve("r/0").toString())
                        .redirectErrorStream(true).start();
                assertTrue(p.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
                String said = new String(p.getInputStream().readAllBytes()).strip();
                assertEquals(0, p.exitValue(), "curl: " + said);
                assertEquals("200", said);
                assertArrayEquals(Payload.bytes(777), Files.readAllBytes(dir.resolve("body")));
                Files.delete(dir.resolve("body"));
                // the check: curl --http2 --cacert CERT negotiates HTTP/2 (when this curl has HTTP/2)
                Process v = new ProcessBuilder(curl.toString(), "-V").redirectErrorStream(true).start();
                boolean h2 = new String(v.getInputStream().readAllBytes()).contains("HTTP2");
                assertTrue(v.waitFor(15, TimeUnit.SECONDS), "curl -V did not finish");
                if (h2) {
                    Process h = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "10", "--http2", "--cacert",
                            pem.toString(), "-o", dir.resolve("body").toString(), "-w", "%{http_version} %{http_code}",
                            base.resolve("r/0?protocol=h2").toString()).redirectErrorStream(true).start();
                    assertTrue(h.waitFor(15, TimeUnit.SECONDS), "curl --http2 did not finish");
                    assertEquals("2 200", new String(h.getInputStream().readAllBytes()).strip(), "curl --http2");
                    assertArrayEquals(Payload.bytes(777), Files.readAllBytes(dir.resolve("body")));
                    Files.delete(dir.resolve("body"));
                } else {
                    System.out.println("curl without HTTP/2: its --http2 check is skipped");
                }
            } else {
                System.out.println("curl not installed: its check is skipped");
            }
        } finally {
            cmd.stop.countDown();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS), "exit status; stderr: " + err);
        }
    }

    @Tag("full") // ~3.5 s; the JDK client trusting the PEM runs in the fast build
    @Test
    @Timeout(30)
    void curlTrustsThePemAndNothingElse(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
        // without --cacert, curl's own CA bundle does not know the certificate: exit 60 (peer certificate)
        try (EmbeddedServer s = new EmbeddedServer(ServerConfig.loopback(0, 16).withScheme(httpbench.workload.Scheme.https)).start()) {
            Process p = new ProcessBuilder("/usr/bin/curl", "-sS", "--max-time", "10", "-o", "/dev/null",
                    s.uri().resolve("r/0").toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
            assertEquals(60, p.exitValue(), new String(p.getInputStream().readAllBytes()));
            Path pem = dir.resolve("c.pem");
            s.trust().writePem(pem);
            Process ok = new ProcessBuilder("/usr/bin/curl", "-sS", "--max-time", "10", "--cacert", pem.toString(),
                    "-o", "/dev/null", "-w", "%{http_code}", "https://localhost:" + s.port() + "/r/0")
                    .redirectErrorStream(true).start();
            assertTrue(ok.waitFor(15, TimeUnit.SECONDS), "curl did not finish");
            assertEquals("200", new String(ok.getInputStream().readAllBytes()).strip(), "by the name localhost too");
        }
    }
}
