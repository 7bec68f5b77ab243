package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.Fault;
import httpbench.server.ServerConfig;
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

/** Every strategy on the same Strategy objects the benchmark uses: valid batches, caught errors, real concurrency. */
class StrategyTest {
    static final int N = 10;
    static final int PAYLOAD = 1024;

    /** A serial row's timed batch: one request in flight at a time says serial at any L; 20 ms keeps it cheap. */
    static final long SERIAL_L = 20;

    /**
     * Per row, on one server and one client (each client is built and closed once: on JDK 17 a JDK client's close
     * costs ~3 s): (1) valid batches that reuse their connections, at latency 0; (2) a timed batch at a latency L
     * where the server's counters prove the row's concurrency: a concurrent row has all n requests in flight at
     * once, a serial row exactly one; (3) nothing left behind after close().
     *
     * <p>Bounds: a serial batch takes at least n x L (physics, any machine); a concurrent batch at least L. No
     * upper bound on time: maxInFlight == n already says every request waited at the same time, and a serial
     * implementation of a concurrent row fails it (1 in flight). L for a concurrent row outlasts the client's own
     * work of issuing the batch, measured here first ({@link Latencies}: max(100 ms, 4 x the slowest recent warm
     * batch at latency 0)), so a slow machine cannot make the last request arrive after the first answer left.
     */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#allFast")
    @Timeout(60)
    void batchesAreValidConcurrentAsDeclaredAndLeaveNothingBehind(String name, BlockingClient.Kind kind)
            throws Exception {
        validConcurrentAndClean(name, kind);
    }

    /** The same for the serial row on the other blocking clients (StrategyCases#allFull): -Pfull. */
    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#allFull")
    @Timeout(60)
    @org.junit.jupiter.api.Tag("full")
    void theSerialRowOnTheOtherClientsLikewise(String name, BlockingClient.Kind kind) throws Exception {
        validConcurrentAndClean(name, kind);
    }

    static void validConcurrentAndClean(String name, BlockingClient.Kind kind) throws Exception {
        Registry row = Registry.of(name);
        try (EmbeddedServer server = Latencies.server(ServerConfig.loopback(Latencies.CONFIGURED_MS, PAYLOAD))) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD);
            Set<Thread> before = Leaks.snapshot();
            Strategy s = row.create(kind);
            s.open(w);
            try {
                for (int b = 0; b < 3; b++) { // at latency 0 (Latencies.server)
                    BatchResult r = s.run(w);
                    assertEquals(N, r.responses(), "responses in a batch");
                    assertEquals((long) N * PAYLOAD, r.bodyBytes(), "body bytes in a batch");
                }
                assertEquals(3L * N, server.requestsServed(), "requests the server saw");
                if (name.startsWith("fresh")) {
                    assertEquals(3L * N, server.connections().accepted(), name + ": a new connection per request");
                } else {
                    assertTrue(server.connections().accepted() <= N, name + " must reuse connections across batches: "
                            + server.connections().accepted() + " accepted for 3 batches of " + N);
                    assertTrue(server.connections().open() >= 1, "keep-alive connections stay open between batches");
                }
                long warmAccepted = server.connections().accepted();
                if (row.serial()) {
                    server.resetCounters();
                    BatchResult[] r = new BatchResult[1];
                    long ms = Latencies.timed(server, s, w, SERIAL_L, r);
                    System.out.println(name + "/" + kind + ": timed batch " + ms + " ms at L = " + SERIAL_L + " ms");
                    assertEquals(N, r[0].responses());
                    assertEquals(N, server.requestsServed());
                    assertEquals(1, server.maxInFlight(), name + " must have exactly one request in flight");
                    assertTrue(ms >= N * SERIAL_L, name + " at " + N + " x " + SERIAL_L + " ms took " + ms
                            + " ms, physically impossible < " + N * SERIAL_L);
                } else {
                    double[] warm = Latencies.warmAtZero(server, s, w, 8);
                    warmAccepted = server.connections().accepted();
                    Latencies.Concurrent c = Latencies.concurrent(server, s, w, warm, N);
                    System.out.println(name + "/" + kind + ": timed batch " + c + ", max in flight " + server.maxInFlight());
                    assertEquals(N, c.result().responses());
                    assertEquals(N, server.requestsServed());
                    assertEquals(N, server.maxInFlight(), name + " must have all n requests in flight at once (" + c + ")");
                    assertTrue(c.ms() >= c.latencyMs(), name + " took " + c + ", less than one latency");
                    if (!name.startsWith("fresh")) {
                        // at latency 0 the warm batches may have needed fewer than n connections; the timed batch
                        // opens the missing ones, and never more than n in all
                        assertTrue(warmAccepted + c.accepted() <= N, name + " must reuse connections: "
                                + warmAccepted + " accepted warming up, then " + c.accepted());
                    }
                }
            } finally {
                s.close();
            }
            List<String> left = Leaks.leftover(before, 10_000);
            assertTrue(left.isEmpty(), name + " left threads alive after close(): " + left);
            assertEquals(0, server.connections().awaitOpenAtMost(0, 10_000),
                    name + " left connections open after close()");
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#all")
    @Timeout(60)
    @org.junit.jupiter.api.Tag("full")
    void wrongBodyIsCaught(String name, BlockingClient.Kind kind) throws Exception {
        assertFailure(name, kind, Fault.wrongBody, "checksum");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#all")
    @Timeout(60)
    @org.junit.jupiter.api.Tag("full")
    void wrongStatusIsCaught(String name, BlockingClient.Kind kind) throws Exception {
        assertFailure(name, kind, Fault.status500, "status 500");
    }

    static void assertFailure(String name, BlockingClient.Kind kind, Fault fault, String expected) throws Exception {
        ServerConfig cfg = ServerConfig.loopback(0, PAYLOAD).withFault(fault, 3, 0);
        try (EmbeddedServer server = new EmbeddedServer(cfg).start(); Strategy s = Registry.of(name).create(kind)) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD);
            s.open(w);
            BatchFailure e = assertThrows(BatchFailure.class, () -> s.run(w));
            assertTrue(e.getMessage().startsWith(name + ": request "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    /** -p poolThreads=5: the fixed pool queues the other five requests, so a batch at 100 ms takes two waves. */
    @Test
    @Timeout(30)
    void aBoundedThreadPoolQueuesWhatItCannotRun() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(100, 1024)).start()) {
            Workload w = Workload.of(server.uri(), 10, 1024).withThreadPoolLimit(5);
            assertEquals(5, w.threadPoolSize());
            assertEquals(10, w.withThreadPoolLimit(0).threadPoolSize(), "no bound: a thread per request");
            assertEquals(40, w.withCallers(8).withThreadPoolLimit(40).threadPoolSize());
            // OkHttp: the pool's bound is the strategy's, whatever the client (on JDK 17 a JDK client costs ~3 s to close)
            Strategy s = Registry.threadPool.create(BlockingClient.Kind.okhttp);
            s.open(w);
            try {
                s.run(w);
                server.resetCounters();
                long t0 = System.nanoTime();
                BatchResult r = s.run(w);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(10, r.responses());
                // the counter proves the bound (five, not ten, not one); the time's lower bound is physics: ten
                // requests on five threads are two waves of L. No upper bound: it would measure the machine
                assertEquals(5, server.maxInFlight(), "five threads, five requests in flight");
                assertEquals(10, server.requestsServed());
                assertTrue(ms >= 200, "two waves of 100 ms, took only " + ms + " ms");
            } finally {
                s.close();
            }
        }
    }

    @Test
    void unknownStrategyIsOneClearLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.of("nope"));
        assertTrue(e.getMessage().contains("unknown strategy 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("jdkAsync"), e.getMessage());
    }

    @Test
    void virtualThreadsAvailabilityMatchesTheRunningJdk() {
        boolean has = Runtime.version().feature() >= 21;
        assertEquals(has, Registry.virtualThreads.available());
        if (!has) {
            assertTrue(Registry.virtualThreads.unavailableReason().orElseThrow()
                    .startsWith("needs JDK 21+ (running " + System.getProperty("java.version")));
        }
    }
}
