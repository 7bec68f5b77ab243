package httpbench.server;

import httpbench.workload.Workload;

import httpbench.workload.Payload;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/1.1 and HTTP/2 on the same port: cleartext by prior knowledge (curl), the HTTP/1.1 Upgrade (curl, the JDK
 * client), over TLS by ALPN (curl, the JDK client), plain HTTP/1.1 unchanged; connections counted per TCP
 * connection, streams apart; the protocol check.
 */
class Http2ServerTest {
    static final int PAYLOAD = 1024;

    /**
     * The latency of the tests that count ten streams in flight at once: every request must reach the server before
     * the first is answered. Once (at 100 ms) only 6 of the JDK client's ten sendAsync calls had arrived within the
     * delay; 500 ms leaves room for a slow or busy machine.
     */
    private static final long BATCH_L = 500;

    /** curl's HTTP version and status for {@code url}, the body written to {@code body}. */
    private static String curl(Path body, String flag, String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "--max-time", "10", flag, "-o", body.toString(),
                "-w", "%{http_version} %{http_code}", url).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private static boolean curlSpeaksHttp2() {
        try {
            Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && v.contains("HTTP2");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @Timeout(60)
    void curlGetsThePayloadOverPriorKnowledgeUpgradeAndHttp11(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(curlSpeaksHttp2(), "curl with HTTP/2 support not installed");
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)).start()) {
            String url = server.uri() + "r/0";
            Path body = dir.resolve("body");
            assertEquals("2 200", curl(body, "--http2-prior-knowledge", url), "h2c with prior knowledge");
            assertArrayEquals(Payload.bytes(PAYLOAD), Files.readAllBytes(body));
            assertEquals("2 200", curl(body, "--http2", url), "HTTP/1.1 Upgrade to h2c");
            assertArrayEquals(Payload.bytes(PAYLOAD), Files.readAllBytes(body));
            assertEquals("1.1 200", curl(body, "--http1.1", url), "plain HTTP/1.1 on the same port");
            assertArrayEquals(Payload.bytes(PAYLOAD), Files.readAllBytes(body));
            assertEquals("2 200", curl(body, "--http2-prior-knowledge", url + "?protocol=h2"));
            assertEquals("1.1 505", curl(body, "--http1.1", url + "?protocol=h2"), "h2 asked, HTTP/1.1 came");
            assertEquals(5, server.connections().accepted(), "five curl runs, five connections");
            assertEquals(3, server.connections().streams(), "three HTTP/2 requests, one stream each");
        }
    }

    /**
     * Over https on the same port: curl --http2 offers h2 by ALPN and gets HTTP/2, --http1.1 offers only http/1.1
     * and gets HTTP/1.1 (and a 505 when it asks for h2); the server records each handshake's ALPN choice.
     */
    @Test
    @Timeout(60)
    void curlNegotiatesHttp2OverTlsByAlpnAndHttp11WhenItOffersOnlyThat(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(curlSpeaksHttp2(), "curl with HTTP/2 support not installed");
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            Path pem = dir.resolve("cert.pem");
            server.trust().writePem(pem);
            String url = server.uri() + "r/0";
            Path body = dir.resolve("body");
            assertEquals("2 200", curl(body, pem, "--http2", url), "ALPN chose h2");
            assertArrayEquals(Payload.bytes(PAYLOAD), Files.readAllBytes(body));
            assertEquals("2 200", curl(body, pem, "--http2", url + "?protocol=h2"), "and the server saw HTTP/2");
            assertEquals("1.1 200", curl(body, pem, "--http1.1", url), "ALPN http/1.1 only: HTTP/1.1");
            assertArrayEquals(Payload.bytes(PAYLOAD), Files.readAllBytes(body));
            assertEquals("1.1 505", curl(body, pem, "--http1.1", url + "?protocol=h2"), "h2 asked, HTTP/1.1 came");
            assertEquals(java.util.Map.of("h2", 2L, "http/1.1", 2L), server.tls().applicationProtocols());
            assertEquals(2, server.connections().streams(), "two HTTP/2 requests, one stream each");
            assertTrue(server.tls().negotiated().matches("TLSv1\\.3 TLS_\\S+, ALPN h2 \\(2\\); TLSv1\\.3 TLS_\\S+, "
                    + "ALPN http/1\\.1 \\(2\\)"), server.tls().negotiated());
        }
    }

    private static String curl(Path body, Path cacert, String flag, String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "--max-time", "10", "--cacert", cacert.toString(), flag, "-o",
                body.toString(), "-w", "%{http_version} %{http_code}", url).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /**
     * The JDK client over https: Version.HTTP_2 offers h2 by ALPN and multiplexes ten requests on its one connection,
     * no upgrade; Version.HTTP_1_1 offers no ALPN and gets HTTP/1.1, so its h2-asking request is refused (505).
     */
    @Test
    @Timeout(60)
    void jdkClientNegotiatesH2ByAlpnOverTlsAndHttp11ClientsStayOnHttp11() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(BATCH_L, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            ExecutorService ex = Executors.newCachedThreadPool();
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).executor(ex)
                    .sslContext(server.trust().sslContext()).build();
            HttpClient old = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(ex)
                    .sslContext(server.trust().sslContext()).build();
            try {
                HttpResponse<byte[]> first = c.send(HttpRequest.newBuilder(URI.create(server.uri() + "r/0?protocol=h2"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, first.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, first.version());
                assertArrayEquals(Payload.bytes(PAYLOAD), first.body());
                assertEquals(java.util.Map.of("h2", 1L), server.tls().applicationProtocols());
                assertEquals(1, server.connections().streams(), "h2 from the first request: no upgrade");
                server.resetCounters();
                List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> fs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    fs.add(c.sendAsync(HttpRequest.newBuilder(URI.create(server.uri() + "r/" + i + "?protocol=h2"))
                            .build(), HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (var f : fs) {
                    HttpResponse<byte[]> r = f.get(10, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode());
                    assertEquals(HttpClient.Version.HTTP_2, r.version());
                }
                assertEquals(10, server.maxInFlight(), "ten streams in flight at once");
                assertEquals(10, server.connections().streams());
                assertEquals(1, server.connections().peak(), "on one TLS connection");
                assertEquals(0, server.connections().accepted());

                HttpResponse<String> h1 = old.send(HttpRequest.newBuilder(URI.create(server.uri() + "r/0")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, h1.statusCode());
                assertEquals(HttpClient.Version.HTTP_1_1, h1.version());
                HttpResponse<String> wrong = old.send(HttpRequest.newBuilder(URI.create(server.uri() + "r/0?protocol=h2"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(505, wrong.statusCode());
                assertEquals("asked for h2, came over http1", wrong.body());
                assertEquals(java.util.Map.of("h2", 1L, TlsStats.NO_ALPN, 1L), server.tls().applicationProtocols(),
                        "the HTTP/1.1 client offered no ALPN");
                assertTrue(server.tls().negotiated().contains(", ALPN h2 (1)") && server.tls().negotiated().contains(", no ALPN (1)"),
                        server.tls().negotiated());
            } finally {
                for (HttpClient k : List.of(c, old)) {
                    try {
                        HttpClient.class.getMethod("shutdownNow").invoke(k);
                    } catch (NoSuchMethodException e) {
                        // JDK 17: the client has no close
                    }
                }
                ex.shutdownNow();
            }
        }
    }

    @Test
    @Timeout(60)
    void jdkClientUpgradesAndMultiplexesOnOneConnection() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(BATCH_L, PAYLOAD)).start()) {
            ExecutorService ex = Executors.newCachedThreadPool();
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).executor(ex).build();
            try {
                URI u = URI.create(server.uri() + "r/0?protocol=h2");
                HttpResponse<byte[]> first = c.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, first.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, first.version(), "the upgraded request is answered over h2");
                assertArrayEquals(Payload.bytes(PAYLOAD), first.body());
                server.resetCounters();
                List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> fs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    fs.add(c.sendAsync(HttpRequest.newBuilder(URI.create(server.uri() + "r/" + i)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (var f : fs) {
                    HttpResponse<byte[]> r = f.get(10, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode());
                    assertEquals(HttpClient.Version.HTTP_2, r.version());
                }
                assertEquals(10, server.maxInFlight(), "ten streams in flight at once");
                assertEquals(10, server.connections().streams());
                assertEquals(1, server.connections().open(), "one TCP connection, however many streams");
                assertEquals(1, server.connections().peak());
                assertEquals(0, server.connections().accepted());
            } finally {
                try {
                    HttpClient.class.getMethod("shutdownNow").invoke(c);
                } catch (NoSuchMethodException e) {
                    // JDK 17: the client has no close
                }
                ex.shutdownNow();
            }
        }
    }

    @Test
    @Timeout(60)
    void http11KeepsCountingAConnectionPerConnectionAndThePeakResets() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(100, PAYLOAD)).start()) {
            ExecutorService ex = Executors.newCachedThreadPool();
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(ex).build();
            try {
                List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> fs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    fs.add(c.sendAsync(HttpRequest.newBuilder(URI.create(server.uri() + "r/" + i)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (var f : fs) {
                    HttpResponse<byte[]> r = f.get(10, TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode());
                    assertEquals(HttpClient.Version.HTTP_1_1, r.version());
                }
                assertEquals(5, server.connections().accepted());
                assertEquals(5, server.connections().peak());
                assertEquals(0, server.connections().streams());
                HttpResponse<String> wrong = c.send(HttpRequest.newBuilder(URI.create(server.uri() + "r/0?protocol=h2"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(505, wrong.statusCode());
                assertEquals("asked for h2, came over http1", wrong.body());
                assertEquals(5, server.requestsServed(), "a refused request is not counted as served");
                server.connections().resetPeak();
                assertEquals(server.connections().open(), server.connections().peak(), "the peak restarts from the open ones");
            } finally {
                try {
                    HttpClient.class.getMethod("shutdownNow").invoke(c);
                } catch (NoSuchMethodException e) {
                    // JDK 17: the client has no close
                }
                ex.shutdownNow();
            }
        }
    }
}
