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

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#all")
    @Timeout(60)
    void batchReturnsNValidResponsesAndLeavesNothingBehind(String name, BlockingClient.Kind kind) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD);
            Set<Thread> before = Leaks.snapshot();
            Strategy s = Registry.of(name).create(kind);
            s.open(w);
            try {
                for (int b = 0; b < 3; b++) {
                    BatchResult r = s.run(w);
                    assertEquals(N, r.responses(), "responses in a batch");
                    assertEquals((long) N * PAYLOAD, r.bodyBytes(), "body bytes in a batch");
                }
                assertEquals(3L * N, server.requestsServed(), "requests the server saw");
                if (name.startsWith("fresh")) {
                    assertEquals(3L * N, server.connectionsAccepted(), name + ": a new connection per request");
                } else {
                    assertTrue(server.connectionsAccepted() <= N, name + " must reuse connections across batches: "
                            + server.connectionsAccepted() + " accepted for 3 batches of " + N);
                    assertTrue(server.openConnections() >= 1, "keep-alive connections stay open between batches");
                }
            } finally {
                s.close();
            }
            List<String> left = Leaks.leftover(before, 10_000);
            assertTrue(left.isEmpty(), name + " left threads alive after close(): " + left);
            assertEquals(0, server.awaitOpenConnectionsAtMost(0, 10_000),
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

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#all")
    @Timeout(60)
    void concurrencyIsProvenByTheServer(String name, BlockingClient.Kind kind) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(100, PAYLOAD)).start();
             Strategy s = Registry.of(name).create(kind)) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD);
            s.open(w);
            s.run(w); // connections established
            server.resetCounters();
            long t0 = System.nanoTime();
            s.run(w);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (Registry.of(name).serial()) {
                assertEquals(1, server.maxInFlight(), name + " must have exactly one request in flight");
                assertTrue(ms >= 1_000, name + " at 10 x 100 ms took " + ms + " ms, physically impossible < 1000");
            } else {
                assertEquals(N, server.maxInFlight(), name + " must have all n requests in flight at once");
                assertTrue(ms < 600, name + " at 10 x 100 ms took " + ms + " ms, expected < 600 (concurrent)");
            }
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
            Strategy s = Registry.threadPool.create(BlockingClient.Kind.jdk);
            s.open(w);
            try {
                s.run(w);
                server.resetCounters();
                long t0 = System.nanoTime();
                BatchResult r = s.run(w);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(10, r.responses());
                assertEquals(5, server.maxInFlight(), "five threads, five requests in flight");
                assertTrue(ms >= 200 && ms < 1_000, "two waves of 100 ms, took " + ms + " ms");
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
