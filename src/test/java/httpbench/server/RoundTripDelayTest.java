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

/** -p rttMs: each request on a kept-alive connection pays one round trip (half in, half out), in order. */
class RoundTripDelayTest {

    static double batchMs(Strategy s, Workload w) throws Exception {
        long t0 = System.nanoTime();
        s.run(w);
        return (System.nanoTime() - t0) / 1e6;
    }

    @Test
    @Timeout(60)
    void everyRequestPaysOneRoundTripAndTheDelayCanBeSwitchedOff() throws Exception {
        int n = 5;
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 512).withRtt(80)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), n, 512);
            s.open(w);
            s.run(w);
            double ms = batchMs(s, w);
            // serial: n round trips of 80 ms at least (physics)
            assertTrue(ms >= n * 80, n + " requests with an 80 ms round trip took only " + ms + " ms");
            server.delayOff();
            double off = batchMs(s, w);
            server.delayOn();
            // relative to the same batch with the delay off, on this machine: one round trip per request, not two
            // (a half paid twice each way would add another n x 80 ms); the margin of n x 40 ms is for the two
            // batches' own costs differing, and also proves that delayOff removed the delay
            assertTrue(ms < off + n * 80 * 1.5, n + " requests with an 80 ms round trip took " + ms + " ms, "
                    + off + " ms with the delay off: more than one round trip each?");
            assertTrue(off < ms - n * 40, "with the delay off: " + off + " ms, with it " + ms + " ms");
            assertTrue(batchMs(s, w) >= n * 80, "round trip restored");
            assertEquals(4 * n, server.requestsServed(), "every request answered, none lost or reordered");
        }
    }

    @Test
    @Timeout(60)
    void concurrentRequestsOverlapTheirRoundTrips() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 512).withRtt(100)).start();
             Strategy s = Registry.asyncHttpClient.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 10, 512);
            s.open(w);
            s.run(w); // connections opened (the TCP handshake itself is not delayed on loopback)
            double ms = batchMs(s, w);
            assertTrue(ms >= 100, "a round trip is at least 100 ms: " + ms);
            // the server cannot count this overlap (at latency 0 each request is in its handler for microseconds,
            // the round trip is in the pipeline), so time it, relative to the same batch with the delay off on this
            // machine: overlapped, the batch is that plus one round trip; in turn, it would be that plus ten
            server.delayOff();
            double off = batchMs(s, w);
            server.delayOn();
            assertTrue(ms < off + 10 * 100 / 2.0, "10 concurrent requests must overlap their round trips: " + ms
                    + " ms, " + off + " ms with the delay off");
        }
    }

    @Test
    void negativeRoundTripIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.loopback(0, 16).withRtt(-1));
        assertTrue(e.getMessage().contains("round trip must be >= 0 ms"), e.getMessage());
    }
}
