package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.workload.BatchFailure;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code structuredConcurrency}: skipped with one line before JDK 25; on 25 the first failing request cancels the
 * scope (the other requests' virtual threads are interrupted and have ended when the batch fails), and a healthy
 * batch validates every response.
 */
class StructuredConcurrencyTest {
    /** How long each scripted request would run if nothing cancelled it. */
    static final long SLEEP_MS = 20_000;

    @Test
    void availabilityMatchesTheRunningJdk() {
        boolean has = Runtime.version().feature() >= 25;
        assertEquals(has, Registry.structuredConcurrency.available(),
                String.valueOf(Registry.structuredConcurrency.unavailableReason()));
        if (!has) {
            assertTrue(Registry.structuredConcurrency.unavailableReason().orElseThrow()
                    .startsWith("needs JDK 25+ for StructuredTaskScope.open, a preview API (running "
                            + System.getProperty("java.version")), Registry.structuredConcurrency.unavailableReason().get());
            Strategy s = Registry.structuredConcurrency.create(BlockingClient.Kind.jdk);
            Workload w = Workload.of(URI.create("http://127.0.0.1:9/"), 2, 16);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> s.open(w));
            assertTrue(e.getMessage().startsWith("structuredConcurrency needs JDK 25+"), e.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void theFirstFailureCancelsTheOtherRequests() throws Exception {
        assumeTrue(Registry.structuredConcurrency.available(), "needs JDK 25");
        int n = 10, failing = 3;
        AtomicInteger running = new AtomicInteger(), interrupted = new AtomicInteger(), finished = new AtomicInteger();
        BlockingClient scripted = new BlockingClient() {
            @Override
            public Response get(URI uri) throws Exception {
                running.incrementAndGet();
                try {
                    if (uri.getPath().endsWith("/" + failing)) {
                        Thread.sleep(50); // the others are all in flight by now
                        throw new IOException("scripted failure");
                    }
                    try {
                        Thread.sleep(SLEEP_MS);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                        throw e;
                    }
                    finished.incrementAndGet();
                    return new Response(200, new byte[0]);
                } finally {
                    running.decrementAndGet();
                }
            }

            @Override public void close() { }
        };
        Workload w = Workload.of(URI.create("http://127.0.0.1:9/"), n, 16)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1));
        Strategy s = new StructuredConcurrencyStrategy(x -> scripted, "scripted");
        s.open(w);
        try {
            long t0 = System.nanoTime();
            BatchFailure e = assertThrows(BatchFailure.class, () -> s.run(w));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(failing, e.index(), e.getMessage());
            assertTrue(e.getMessage().startsWith("structuredConcurrency: request " + failing), e.getMessage());
            assertTrue(e.getMessage().contains("scripted failure"), e.getMessage());
            // the physical bound: had the scope not cancelled them, the others would have slept SLEEP_MS
            assertTrue(ms < SLEEP_MS / 2, "the failure must cancel the " + SLEEP_MS + " ms requests, took " + ms + " ms");
            assertEquals(n - 1, interrupted.get(), "every other request is interrupted by the scope's cancellation");
            assertEquals(0, running.get(), "the scope waits for its threads: none may still run after the batch");
            assertEquals(0, finished.get());
        } finally {
            s.close();
        }
    }

    @Test
    @Timeout(60)
    void aHealthyBatchValidatesEveryResponseAndLeavesNothingBehind() throws Exception {
        assumeTrue(Registry.structuredConcurrency.available(), "needs JDK 25");
        Set<Thread> before = Leaks.snapshot();
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(100, 1024)).start()) {
            Workload w = Workload.of(server.uri(), 10, 1024);
            Strategy s = Registry.structuredConcurrency.create(BlockingClient.Kind.jdk);
            s.open(w);
            try {
                s.run(w); // connections
                long t0 = System.nanoTime();
                BatchResult r = s.run(w);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(10, r.responses());
                assertEquals(10L * 1024, r.bodyBytes());
                // the server's counter proves the concurrency; the time only has its physical lower bound
                assertEquals(10, server.maxInFlight(), "all n requests in flight at once");
                assertTrue(ms >= 100, "10 x 100 ms concurrently took only " + ms + " ms");
            } finally {
                s.close();
            }
            assertFalse(s.describe().isBlank());
        }
        assertEquals(java.util.List.of(), Leaks.leftover(before, 10_000), "threads left after close()");
    }
}
