package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.tls.SelfSigned;
import httpbench.workload.BatchFailure;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -p scheme=https} on the same Strategy objects the benchmark uses: every row reaches the TLS server trusting
 * exactly its certificate, validates every response, is as concurrent as over http (the server counts it: concurrent
 * rows have all n requests in flight at once, serial rows one), and leaves nothing behind; a
 * row that trusts another certificate, or whose URL's host is not in the certificate, fails with a message naming
 * the handshake and never produces a result.
 */
class HttpsTest {
    static final int N = 10;
    static final int PAYLOAD = 1024;
    static final int WARM_BATCHES = 20;

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#https")
    @Timeout(60)
    void everyRowOverHttpsIsValidConcurrentAndClean(String name, BlockingClient.Kind kind) throws Exception {
        batchesOverHttps(name, kind);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#httpsRest")
    @Timeout(60)
    @Tag("full")
    void theOtherBlockingClientsOverHttps(String name, BlockingClient.Kind kind) throws Exception {
        batchesOverHttps(name, kind);
    }

    static void batchesOverHttps(String name, BlockingClient.Kind kind) throws Exception {
        Registry row = Registry.of(name);
        try (EmbeddedServer server = Latencies.server(ServerConfig.loopback(Latencies.CONFIGURED_MS, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https))) {
            assertTrue(server.uri().toString().startsWith("https://127.0.0.1:"), server.uri().toString());
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withTrust(server.trust());
            Set<Thread> before = Leaks.snapshot();
            Strategy s = row.create(kind);
            s.open(w);
            try {
                // connections and handshakes, then a few more batches so the TLS code is not run cold by the timed
                // batch (a fresh row's ten handshakes on one I/O thread took 214 ms cold on JDK 17, ~20 ms warm);
                // all at latency 0, so the serial rows do not wait n x L
                BatchResult first = s.run(w); // at latency 0 (Latencies.server)
                double[] warm = Latencies.warmAtZero(server, s, w, WARM_BATCHES);
                assertEquals(N, first.responses());
                assertEquals((long) N * PAYLOAD, first.bodyBytes());
                assertEquals(0, server.tls().failures(), "handshake failures: " + server.tls().lastFailure());
                System.out.println(name + "/" + kind + ": " + server.tls().negotiated() + ", " + server.tls().handshakes()
                        + " handshakes, " + server.tls().resumed() + " resumed");
                assertTrue(server.tls().handshakes() >= 1, "a TLS handshake per new connection");
                assertEquals(server.connections().accepted(), server.tls().handshakes(), "every connection is TLS");
                // http1: the server offers h2 by ALPN now, and no row may take it (each offers http/1.1 or nothing)
                assertTrue(server.tls().negotiated().matches("TLSv1\\.[23] TLS_\\S+, (ALPN http/1\\.1|no ALPN)"),
                        server.tls().negotiated());
                assertTrue(!server.tls().applicationProtocols().containsKey("h2"), name + " under -p protocol=http1 "
                        + "negotiated h2: " + server.tls().applicationProtocols());
                long warmHandshakes = server.tls().handshakes();
                server.resetCounters();
                long timedHandshakes = 0; // a serial row's timed batch: read from the server below
                // serial rows: n x L says nothing about TLS (StrategyTest proves it over http), so their second
                // batch runs at latency 0 too: one second less per serial case in the fast build.
                // Concurrent rows: all n requests are only in flight together if L outlasts the client's work of
                // sending them; for a fresh row that is n handshakes on one I/O thread (~20 ms warm here, 4x that
                // and more on a slow or busy machine: at a fixed 100 ms only 7 of 10 were in flight). So L is
                // chosen from this row's own warm batches at latency 0 (Latencies: max(100 ms, 4 x the median of
                // the last five), again at 4 x L after a stall), and the counter, not the clock, proves concurrency
                if (row.serial()) {
                    long t0 = System.nanoTime();
                    BatchResult r = s.run(w);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println(name + "/" + kind + ": timed batch " + ms + " ms (latency 0)");
                    assertEquals(N, r.responses());
                    assertEquals(N, server.requestsServed(), "requests the server saw");
                    assertEquals(1, server.maxInFlight(), name + " must have exactly one request in flight");
                } else {
                    // no upper bound on time: n in flight at once already says the requests waited together, and
                    // a serial implementation has 1 at any L; the lower bound is physics
                    Latencies.Concurrent c = Latencies.concurrent(server, s, w, warm, N);
                    System.out.println(name + "/" + kind + ": timed batch " + c + " (warm reference "
                            + Latencies.reference(warm) + " ms)");
                    assertEquals(N, c.result().responses());
                    assertEquals(N, server.requestsServed(), "requests the server saw");
                    assertEquals(N, server.maxInFlight(), name + " must have all n requests in flight at once (" + c + ")");
                    assertTrue(c.ms() >= c.latencyMs(), name + " took " + c + ", less than one latency");
                    timedHandshakes = c.handshakes();
                }
                if (row.serial()) timedHandshakes = server.tls().handshakes();
                if (name.startsWith("fresh")) {
                    // the last attempt's count: a fresh row shakes hands n times per batch, whatever the attempt
                    assertEquals(N, server.tls().handshakes(), name + ": a new connection, so a handshake, per request");
                } else {
                    // pooled: at most n connections (so handshakes) over all batches. Not 0 in the timed batch: at
                    // latency 0 the warm batches may have needed fewer than n connections (seen: Apache's pool
                    // opened 9), and the timed batch at L opens the missing ones to have n requests in flight
                    assertTrue(warmHandshakes + timedHandshakes <= N, name + " must reuse its TLS "
                            + "connections across batches: " + warmHandshakes + " handshakes warming up, then "
                            + timedHandshakes + " in the timed batch, more than " + N + " connections");
                }
            } finally {
                s.close();
            }
            List<String> left = Leaks.leftover(before, 10_000);
            assertTrue(left.isEmpty(), name + " left threads alive after close(): " + left);
            assertEquals(0, server.connections().awaitOpenAtMost(0, 10_000), name + " left connections open");
        }
    }

    /** The client trusts a second, unrelated certificate: the handshake fails, the batch names it, no result. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#httpsFailures")
    @Timeout(60)
    void aClientTrustingAnotherCertificateFailsTheHandshake(String name, BlockingClient.Kind kind) throws Exception {
        wrongCertificate(name, kind);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#httpsFailuresRest")
    @Timeout(60)
    @Tag("full")
    void theOtherRowsTrustingAnotherCertificateFailTheHandshake(String name, BlockingClient.Kind kind) throws Exception {
        wrongCertificate(name, kind);
    }

    static void wrongCertificate(String name, BlockingClient.Kind kind) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withTrust(SelfSigned.generate().trust());
            String msg = failure(name, kind, w);
            assertTrue(msg.contains("TLS handshake failed: "), msg);
            assertEquals(0, server.requestsServed(), "no request may reach HTTP over an untrusted connection");
        }
    }

    /**
     * The client trusts the server's very certificate, but the URL's host (127.0.0.1) is not among its names: every
     * row must check the host name, so the handshake fails here too.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#httpsFailures")
    @Timeout(60)
    void aHostNameNotInTheCertificateFailsTheHandshake(String name, BlockingClient.Kind kind) throws Exception {
        wrongHost(name, kind);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#httpsFailuresRest")
    @Timeout(60)
    @Tag("full")
    void theOtherRowsFailTheHandshakeOnAHostNameNotInTheCertificate(String name, BlockingClient.Kind kind)
            throws Exception {
        wrongHost(name, kind);
    }

    static void wrongHost(String name, BlockingClient.Kind kind) throws Exception {
        SelfSigned other = SelfSigned.generate(List.of("bench.invalid"), List.of("192.0.2.1"));
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)
                .withScheme(httpbench.workload.Scheme.https), other).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withTrust(server.trust());
            String msg = failure(name, kind, w);
            assertTrue(msg.contains("TLS handshake failed: "), msg);
            assertEquals(0, server.requestsServed(), "no request may reach HTTP over an unverified connection");
        }
    }

    /** Opens and runs a batch that must fail; returns its message after the usual checks (named, bounded, clean). */
    static String failure(String name, BlockingClient.Kind kind, Workload w) throws Exception {
        Workload quick = w.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
        Set<Thread> before = Leaks.snapshot();
        Strategy s = Registry.of(name).create(kind);
        long t0 = System.nanoTime();
        BatchFailure e;
        try {
            e = assertThrows(BatchFailure.class, () -> {
                s.open(quick); // the floor shakes hands when it opens its socket
                s.run(quick);
            }, name + " must not produce a result");
        } finally {
            s.close();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String msg = e.getMessage();
        assertTrue(msg.startsWith(name + ": request "), msg);
        assertEquals(1, msg.lines().count(), "one line: " + msg);
        // within the batch's own timeouts (connect, then the request), plus 2 s to open and close the client
        long bound = quick.connectTimeout().plus(quick.requestTimeout()).toMillis() + 2_000;
        assertTrue(ms < bound, name + " took " + ms + " ms to fail (bound " + bound + " ms)");
        List<String> left = Leaks.leftover(before, 10_000);
        assertTrue(left.isEmpty(), name + " left threads alive after a failed handshake: " + left);
        System.out.println(name + "/" + kind + ": " + msg.substring(msg.indexOf("failed: ") + 8));
        return msg;
    }

    @Test
    void anHttpsWorkloadWithoutTrustIsRefusedNotTrustedBlindly() {
        Workload w = Workload.of(java.net.URI.create("https://127.0.0.1:1/"), 1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, w::trust);
        assertTrue(e.getMessage().contains("no certificate to trust"), e.getMessage());
    }
}
