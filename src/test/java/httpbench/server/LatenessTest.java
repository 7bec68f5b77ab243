package httpbench.server;

import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;
import httpbench.strategy.Strategy;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's own clock error: recorded per delayed response, summarised exactly, small with native epoll. */
class LatenessTest {

    @Test
    void quantilesAndMeanOfKnownValues() {
        Lateness l = new Lateness();
        assertTrue(Double.isNaN(l.quantileMs(0.5)), "empty: no value");
        for (int i = 1; i <= 100; i++) l.record(i * 10_000L); // 0.01 .. 1.00 ms
        assertEquals(100, l.count());
        assertEquals(0.505, l.meanMs(), 1e-9);
        assertEquals(0.501, l.quantileMs(0.5), 1e-9, "upper edge of the 1 µs bucket holding the 50th value");
        assertEquals(0.991, l.quantileMs(0.99), 1e-9);
        assertEquals(1.0, l.maxMs(), 1e-9);
        l.record(-5); // a timer that fired early counts as on time
        l.record(120_000_000L); // beyond the histogram: the maximum is still exact
        assertEquals(120.0, l.maxMs(), 1e-9);
        assertEquals(120.0, l.quantileMs(1.0), 1e-9);
        l.reset();
        assertEquals(0, l.count());
        assertTrue(Double.isNaN(l.meanMs()));
    }

    @Test
    @Timeout(60)
    void nativeEpollIsUsedOnLinuxAndItsDelayedResponsesAreLateByLessThanAMillisecond() throws Exception {
        ServerConfig cfg = ServerConfig.loopback(20, 256);
        boolean linuxX64 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        try (EmbeddedServer server = new EmbeddedServer(cfg).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            if (linuxX64) assertEquals(ServerConfig.Transport.epoll, server.transport(), "auto picks native epoll here");
            Workload w = Workload.of(server.uri(), 10, 256);
            s.open(w);
            s.run(w);
            server.lateness().reset();
            for (int i = 0; i < 5; i++) s.run(w);
            assertEquals(50, server.lateness().count(), "every delayed response is recorded");
            // generous: the committed runs show ~0.05 ms; this only catches millisecond-granularity timers
            assertTrue(server.lateness().quantileMs(0.5) < 1.0, "median lateness " + server.lateness().quantileMs(0.5)
                    + " ms with " + server.transport());
        }
    }

    /** The wait-path warm-up: delayShort(ms) answers after ms instead of L (and times that), delayOn restores L. */
    @Test
    @Timeout(60)
    void aShortDelayStandsInForTheConfiguredLatencyUntilSwitchedBack() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(300, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 4, 64);
            s.open(w);
            server.delayShort(20);
            long t0 = System.nanoTime();
            s.run(w);
            double shortMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(shortMs >= 4 * 20, "4 requests at 20 ms took only " + shortMs + " ms");
            assertTrue(shortMs < 4 * 300, "4 requests with the short delay took " + shortMs + " ms: still 300 ms each?");
            assertEquals(4, server.lateness().count(), "short-delayed responses are timed against the short delay");
            assertTrue(server.lateness().quantileMs(0.5) < 20, "lateness against 20 ms, not 300: "
                    + server.lateness().quantileMs(0.5));
            server.delayOn();
            t0 = System.nanoTime();
            s.run(w);
            double onMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(onMs >= 4 * 300, "4 requests at 300 ms took only " + onMs + " ms");
            assertThrows(IllegalArgumentException.class, () -> server.delayShort(0));
        }
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 4, 64);
            s.open(w);
            server.delayShort(200); // no latency configured: nothing to shorten, nothing added
            long t0 = System.nanoTime();
            s.run(w);
            double ms = (System.nanoTime() - t0) / 1e6;
            assertTrue(ms < 4 * 200, "latency 0 must stay 0 under delayShort: " + ms + " ms");
        }
    }

    /** The benchmark's code warm-up at latency 0: delayOff answers at once (and records no lateness), delayOn restores L. */
    @Test
    @Timeout(60)
    void delayCanBeSwitchedOffForTheCodeWarmUpAndBackOn() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(200, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 5, 64);
            s.open(w);
            server.delayOff();
            long t0 = System.nanoTime();
            s.run(w);
            double offMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(offMs < 500, "5 requests without the 200 ms delay took " + offMs + " ms");
            assertEquals(0, server.lateness().count(), "undelayed responses are not timed");
            server.delayOn();
            t0 = System.nanoTime();
            s.run(w);
            double onMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(onMs >= 5 * 200, "5 requests at 200 ms took only " + onMs + " ms");
            assertEquals(5, server.lateness().count());
        }
    }

    @Test
    @Timeout(60)
    void nioCanBeChosenAndEpollRefusedClearlyWhereMissing() {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 16)
                .withTransport(ServerConfig.Transport.nio)).start()) {
            assertEquals(ServerConfig.Transport.nio, server.transport());
        }
        assertEquals(ServerConfig.Transport.nio, EmbeddedServer.resolve(ServerConfig.Transport.nio));
    }
}
