package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.server.TlsStats;
import httpbench.workload.BatchFailure;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -p protocol=h2} on every row that declares it, over cleartext (h2c) and over https (ALPN), against the real
 * server: all responses validated, every request an HTTP/2 stream (the server counts them), concurrency and
 * multiplexing proven by the server's counters, and the same rows over HTTP/1.1 for comparison.
 *
 * <p>Times: a serial batch takes at least n x L and a concurrent one at least L (physics); no upper bound, since
 * maxInFlight == n on one connection already proves the n streams waited together (a serial implementation has
 * 1). L outlasts the client's own work of sending the batch: chosen from warm batches at latency 0 measured in the
 * same test ({@link Latencies}); at a fixed L = 100 ms a 4x slower machine took 205-227 ms for batches whose
 * counters were right, so the old bound "under 2 x L" failed on the machine, not the code.
 */
class Http2Test {
    static final int N = 10;
    static final int PAYLOAD = 1024;
    static final long L = 100;

    /**
     * Per row that declares h2: (1) over h2c, n requests as n streams on one connection, concurrently, all
     * validated; (2) its HTTP/1.1 twin pinned to HTTP/1.1 (no stream at all) with a connection per request in
     * flight; (3) the fallback detector: that HTTP/1.1 client sent the URIs of an h2 batch fails with a message
     * naming the fallback (the server answers 505). One method, so each client is built and closed once.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#h2Fast")
    @Timeout(90)
    void h2BatchRunsAsStreamsOnOneConnectionAndItsHttp1TwinDoesNot(String name, BlockingClient.Kind kind)
            throws Exception {
        check(name, kind);
    }

    /** The same for the other blocking rows (serial, and each row on the JDK client): -Pfull. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#h2Full")
    @Timeout(90)
    @org.junit.jupiter.api.Tag("full")
    void h2BlockingRowsLikewise(String name, BlockingClient.Kind kind) throws Exception {
        check(name, kind);
    }

    /**
     * The same over https: ALPN chose h2 for every connection of the h2 client (the server records it per handshake)
     * and never for its HTTP/1.1 twin, whose h2 batch fails as over h2c: a client that negotiates http/1.1 over TLS
     * cannot pass for an HTTP/2 row. The fast build runs the async rows (each client library's TLS + HTTP/2
     * wiring; the JDK client's on JDK 21+, see {@link StrategyCases#h2Fast}); -Pfull the rest.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#h2HttpsFast")
    @Timeout(90)
    void overHttpsAlpnChoosesH2AndTheHttp1TwinStaysOnHttp11(String name, BlockingClient.Kind kind) throws Exception {
        check(name, kind, true);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#h2HttpsFull")
    @Timeout(90)
    @org.junit.jupiter.api.Tag("full")
    void overHttpsTheOtherRowsLikewise(String name, BlockingClient.Kind kind) throws Exception {
        check(name, kind, true);
    }

    static void check(String name, BlockingClient.Kind kind) throws Exception {
        check(name, kind, false);
    }

    static void check(String name, BlockingClient.Kind kind, boolean https) throws Exception {
        Registry row = Registry.of(name);
        ServerConfig config = ServerConfig.loopback(Latencies.CONFIGURED_MS, PAYLOAD);
        if (https) config = config.withScheme(httpbench.workload.Scheme.https);
        try (EmbeddedServer server = Latencies.server(config)) { // delay off until the timed batches
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withProtocol(httpbench.workload.Protocol.h2).withTrust(server.trust());
            Set<Thread> before = Leaks.snapshot();
            Strategy s = row.create(kind);
            s.open(w);
            try {
                // cold: AsyncHttpClient races n connections before the first one's SETTINGS arrive and closes the
                // extras once it knows the server multiplexes; the JDK and OkHttp clients made one HTTP/2 connection
                // in open() (JDK h2c: by the upgrade; https: by ALPN, see jdkClientsColdConcurrentBatchOverTls;
                // OkHttp's race could leave 2-3 pooled, "expected <1> but was <2>" in CI), then warm batches to
                // choose L from; the cold batch at 100 ms, as a user's first batch would meet a server
                if (!row.serial()) Latencies.timed(server, s, w, Latencies.MIN_MS, new BatchResult[1]);
                String client = row.library(kind).name();
                if (client.startsWith("JDK") || client.startsWith("OkHttp")) {
                    assertEquals(1, server.connections().accepted(), name + "/" + kind + ": its one HTTP/2 connection "
                            + "made in open(), the cold batch opening none");
                }
                double[] warm = Latencies.warmAtZero(server, s, w, row.serial() ? 2 : 6);
                assertEquals(1, server.connections().awaitOpenAtMost(1, 5_000), name + ": one connection once warm");
                if (https) {
                    assertEquals(java.util.Set.of("h2"), server.tls().applicationProtocols().keySet(),
                            name + ": ALPN must choose h2 for every connection: " + server.tls().negotiated());
                    assertTrue(server.tls().negotiated().matches("TLSv1\\.[23] TLS_\\S+, ALPN h2"), server.tls().negotiated());
                    System.out.println(name + "/" + kind + " over https, h2: " + server.tls().negotiated() + " ("
                            + server.tls().handshakes() + " handshakes for the cold and warm batches)");
                }
                BatchResult r;
                long ms;
                long l;
                if (row.serial()) {
                    server.resetCounters();
                    BatchResult[] timed = new BatchResult[1];
                    l = StrategyTest.SERIAL_L;
                    ms = Latencies.timed(server, s, w, l, timed);
                    r = timed[0];
                } else {
                    // L outlasts sending the batch (Latencies); a stall is retried at 4 x L, never hidden
                    Latencies.Concurrent c = Latencies.concurrent(server, s, w, warm, N);
                    r = c.result();
                    ms = c.ms();
                    l = c.latencyMs();
                    assertEquals(0, c.accepted(), name + ": the warm batch reuses its connection (every attempt)");
                }
                System.out.println(name + "/" + kind + (https ? " over https" : " over h2c") + ": timed batch " + ms
                        + " ms at L = " + l + " ms");
                assertEquals(N, r.responses());
                assertEquals((long) N * PAYLOAD, r.bodyBytes());
                assertEquals(N, server.requestsServed());
                assertEquals(N, server.connections().streams(), name + ": every request must be an HTTP/2 stream");
                assertEquals(0, server.connections().accepted(), name + ": the warm batch reuses its connection");
                if (https) assertEquals(0, server.tls().handshakes(), name + ": no handshake in the warm batch");
                assertEquals(1, server.connections().peak(), name + ": n streams on one connection");
                if (row.serial()) {
                    assertEquals(1, server.maxInFlight(), name + ": one request at a time");
                    assertTrue(ms >= N * l, name + " took " + ms + " ms, physically impossible < " + N * l);
                } else {
                    assertEquals(N, server.maxInFlight(), name + ": all n streams in flight at once (L = " + l + " ms)");
                    assertTrue(ms >= l, name + " took " + ms + " ms, less than one latency " + l + " ms");
                }
            } finally {
                s.close();
            }
            assertEquals(0, server.connections().awaitOpenAtMost(0, 10_000), name + " left connections open");

            Workload http1 = w.withProtocol(httpbench.workload.Protocol.http1);
            long h2Handshakes = server.tls().applicationProtocols().getOrDefault("h2", 0L);
            Strategy twin = row.create(kind);
            twin.open(http1);
            try {
                // the first batches at latency 0 (serial rows: all, one connection either way); a concurrent row's
                // timed one at an L chosen from them, with its n requests in flight on n connections
                double[] twinWarm = Latencies.warmAtZero(server, twin, http1, row.serial() ? 1 : 4);
                server.resetCounters();
                if (row.serial()) twin.run(http1);
                else Latencies.concurrent(server, twin, http1, twinWarm, N);
                assertEquals(0, server.connections().streams(), name + " must stay on HTTP/1.1 under -p protocol=http1");
                assertEquals(row.serial() ? 1 : N, server.connections().peak(), name + " over HTTP/1.1: peak connections");
                if (https) {
                    assertEquals(h2Handshakes, server.tls().applicationProtocols().getOrDefault("h2", 0L),
                            name + " under http1 must not let ALPN choose h2: " + server.tls().applicationProtocols());
                    System.out.println(name + "/" + kind + " over https, http1: " + server.tls().applicationProtocols());
                }
                BatchFailure e = assertThrows(BatchFailure.class, () -> twin.run(w), name + ": an HTTP/1.1 "
                        + "response to an h2 batch must fail");
                assertTrue(e.getMessage().contains("status 505: the server received this request over HTTP/1.1, but "
                        + "the row runs -p protocol=h2 (the client fell back from HTTP/2)"), e.getMessage());
            } finally {
                twin.close();
            }
            List<String> left = Leaks.leftover(before, 10_000);
            assertTrue(left.isEmpty(), name + " left threads alive after close(): " + left);
        }
    }

    /**
     * Why the JDK rows upgrade one connection in open(): over cleartext the JDK client has no prior knowledge, and a
     * cold concurrent batch sends all n requests before the first 101 Switching Protocols comes back, so each one
     * opens its own HTTP/1.1 connection with {@code Upgrade: h2c}: n connections, each upgraded (its request is
     * its stream 1). Later batches multiplex on one of them, while the other n - 1 stay open.
     */
    @Test
    @Timeout(60)
    void jdkClientsColdConcurrentBatchUpgradesEveryConnection() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(L, PAYLOAD)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withProtocol(httpbench.workload.Protocol.h2);
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newCachedThreadPool();
            java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().executor(ex)
                    .version(java.net.http.HttpClient.Version.HTTP_2).build();
            try {
                List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<byte[]>>> cold = new java.util.ArrayList<>();
                for (int i = 0; i < N; i++) {
                    cold.add(c.sendAsync(java.net.http.HttpRequest.newBuilder(w.uri(i)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (var f : cold) {
                    var r = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    assertEquals(200, r.statusCode());
                    assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
                }
                assertTrue(server.connections().accepted() > 1, "the cold batch upgraded "
                        + server.connections().accepted() + " connection(s), expected one per request");
                // every request is a stream: each connection's upgraded request, plus (rarely, on a quiet machine) one
                // sent late enough to find a connection already upgraded: 9 connections for 10 requests was seen
                assertEquals(N, server.connections().streams(), "every request of the cold batch is a stream");
                assertTrue(server.connections().accepted() <= N, "at most a connection per request");
                long upgraded = server.connections().accepted();
                server.resetCounters();
                for (int i = 0; i < N; i++) {
                    var r = c.send(java.net.http.HttpRequest.newBuilder(w.uri(i)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
                }
                assertEquals(0, server.connections().accepted(), "later requests are streams on an upgraded connection");
                assertEquals(upgraded, server.connections().open(), "the upgraded connections all stay open");
            } finally {
                try {
                    java.net.http.HttpClient.class.getMethod("shutdownNow").invoke(c);
                } catch (NoSuchMethodException e) {
                    // JDK 17: no close; the server's shutdown closes the other ends
                }
                ex.shutdownNow();
            }
        }
    }

    /**
     * Why the JDK rows make one connection in open() over https too: the JDK client needs no upgrade there (ALPN
     * offers h2 on every new connection), but a cold concurrent batch still finds no connection to share: each
     * request opens its own TLS connection, negotiates h2 and sends its one stream, and the client keeps all n
     * open (JDK 17 and 25): later batches open nothing more, and the n connections stay.
     */
    @Test
    @Timeout(60)
    void jdkClientsColdConcurrentBatchOverTls() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(L, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withProtocol(httpbench.workload.Protocol.h2).withTrust(server.trust());
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newCachedThreadPool();
            java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder().executor(ex)
                    .sslContext(server.trust().sslContext()).version(java.net.http.HttpClient.Version.HTTP_2).build();
            try {
                sendAll(c, w);
                long cold = server.connections().accepted();
                System.out.println("JDK client, cold concurrent batch of " + N + " over TLS: " + cold
                        + " connections, " + server.connections().streams() + " streams, ALPN " + server.tls().applicationProtocols());
                assertTrue(cold > 1, "the cold batch opened " + cold + " connection(s), expected one per request");
                assertEquals(java.util.Map.of("h2", cold), server.tls().applicationProtocols(), "every connection h2");
                assertEquals(N, server.connections().streams(), "every request a stream");
                server.resetCounters();
                sendAll(c, w);
                assertEquals(0, server.connections().accepted(), "a warm batch opens nothing");
                assertEquals(N, server.maxInFlight(), "all in flight at once");
                assertEquals(cold, server.connections().open(), "the cold batch's connections all stay open");
            } finally {
                try {
                    java.net.http.HttpClient.class.getMethod("shutdownNow").invoke(c);
                } catch (NoSuchMethodException e) {
                    // JDK 17: no close; the server's shutdown closes the other ends
                }
                ex.shutdownNow();
            }
        }
    }

    private static void sendAll(java.net.http.HttpClient c, Workload w) throws Exception {
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<byte[]>>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            fs.add(c.sendAsync(java.net.http.HttpRequest.newBuilder(w.uri(i)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var f : fs) {
            var r = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
        }
    }

    /**
     * The trap ALPN sets for a Netty client: AsyncHttpClient with HTTP/2 enabled, given a TLS context that offers no
     * ALPN, silently speaks HTTP/1.1 over TLS. The h2 batch must fail (505, named as a fallback), never pass as h2:
     * why the row gets Trust's context offering h2.
     */
    @Test
    @Timeout(60)
    void aClientThatNegotiatesHttp11OverTlsFailsAnH2Batch() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withProtocol(httpbench.workload.Protocol.h2).withTrust(server.trust());
            try (org.asynchttpclient.AsyncHttpClient c = org.asynchttpclient.Dsl.asyncHttpClient(
                    AsyncHttpClientStrategy.config(w, N).setSslContext(server.trust().nettyClientContext()).build())) {
                BatchFailure e = assertThrows(BatchFailure.class,
                        () -> AsyncHttpClientStrategy.runWith(c, "asyncHttpClient", w));
                assertTrue(e.getMessage().contains("status 505: the server received this request over HTTP/1.1, but "
                        + "the row runs -p protocol=h2 (the client fell back from HTTP/2)"), e.getMessage());
            }
            assertEquals(java.util.Set.of(TlsStats.NO_ALPN), server.tls().applicationProtocols().keySet(),
                    "the client offered no ALPN: " + server.tls().applicationProtocols());
            assertEquals(0, server.connections().streams());
        }
    }

    @Test
    void h2UrisNameTheirProtocolAndHttp1UrisStayAsTheyWere() {
        Workload w = Workload.of(java.net.URI.create("http://127.0.0.1:1/"), 2, 16);
        assertEquals("http://127.0.0.1:1/r/1", w.uri(1).toString());
        assertEquals("http://127.0.0.1:1/r/1?protocol=h2", w.withProtocol(httpbench.workload.Protocol.h2).uri(1).toString());
        assertEquals(httpbench.workload.Protocol.h2, w.withProtocol(httpbench.workload.Protocol.h2).withCallers(2).protocol(), "kept by every with*");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> httpbench.workload.Wire.parse(httpbench.workload.Protocol.class, "protocol", "h3"));
        assertEquals("protocol must be http1 or h2, got 'h3'", e.getMessage());
    }
}
