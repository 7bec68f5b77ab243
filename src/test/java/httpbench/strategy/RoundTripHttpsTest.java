package httpbench.strategy;

import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's "done when" for {@code -p rttMs=50 -p scheme=https}, on the Strategy objects the benchmark uses: the
 * serial row pays at least n round trips per batch, a fresh row pays its TLS handshakes (at least one round trip
 * more than its pooled twin), and the pooled concurrent row overlaps its requests' round trips (about one R, no
 * handshake in a warm batch). Bounds are physics below and, above, relative to the same row's batches with the
 * delay off measured in the same test (so a slower machine moves both sides): half the round trips it would pay
 * more if it did not overlap them, or paid each twice.
 */
@Tag("full") // ~8 s: RoundTripDelayTest proves the emulated round trip in the fast build
class RoundTripHttpsTest {
    static final int N = 10;
    static final int PAYLOAD = 512;
    static final long R = 50;

    /**
     * The median of a few batches, after a warm-up with the delay off (so the TLS code is not run cold); and the
     * median of the last five warm-up batches, the same row's cost on this machine without the round trips.
     */
    static double[] medianBatchMs(EmbeddedServer server, Strategy s, Workload w) throws Exception {
        double[] warm = new double[20];
        server.delayOff();
        try {
            for (int i = 0; i < warm.length; i++) {
                long t0 = System.nanoTime();
                s.run(w);
                warm[i] = (System.nanoTime() - t0) / 1e6;
            }
        } finally {
            server.delayOn();
        }
        s.run(w); // a pooled row's connections already exist; a fresh row makes new ones every batch anyway
        double[] ms = new double[3];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            BatchResult r = s.run(w);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            assertEquals(N, r.responses());
            assertEquals((long) N * PAYLOAD, r.bodyBytes());
        }
        Arrays.sort(ms);
        return new double[] {ms[1], Latencies.reference(warm)};
    }

    static double[] timed(EmbeddedServer server, Workload w, Registry row) throws Exception {
        try (Strategy s = row.create(BlockingClient.Kind.jdk)) {
            s.open(w);
            long handshakes0 = server.tls().handshakes();
            double[] ms = medianBatchMs(server, s, w);
            return new double[] {ms[0], server.tls().handshakes() - handshakes0, ms[1]};
        }
    }

    @Test
    @Timeout(90)
    void overHttpsWithRoundTripsFreshPaysItsHandshakesAndSerialPaysOneRoundTripPerRequest() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD).withRtt(R)
                .withScheme(httpbench.workload.Scheme.https)).start()) {
            Workload w = Workload.of(server.uri(), N, PAYLOAD).withTrust(server.trust());
            double[] serial = timed(server, w, Registry.serial);
            double[] pooled = timed(server, w, Registry.asyncHttpClient);
            double[] fresh = timed(server, w, Registry.freshAsyncHttpClient);
            String all = String.format("serial %.1f ms, asyncHttpClient %.1f ms, freshAsyncHttpClient %.1f ms (R = %d ms;"
                    + " with the delay off %.1f, %.1f, %.1f ms)", serial[0], pooled[0], fresh[0], R, serial[2], pooled[2],
                    fresh[2]);
            System.out.println(all);
            assertEquals(0, server.tls().failures(), "handshake failures: " + server.tls().lastFailure());
            // serial: n requests one after another on one kept-alive connection, a round trip each
            assertTrue(serial[0] >= N * R, "serial must pay n round trips: " + all);
            assertTrue(serial[0] < serial[2] + 1.5 * N * R, "serial pays more than one round trip per request: " + all);
            // pooled, concurrent: all n round trips overlap, no handshake once the pool is warm
            assertTrue(pooled[0] >= R, "a request is at least one round trip: " + all);
            // overlapped: its cost without the delay plus one R; in turn it would be plus n x R (no handshake in a
            // warm batch: the server counts them, below)
            assertTrue(pooled[0] < pooled[2] + N * R / 2.0, "pooled concurrent requests overlap: " + all);
            // fresh: a TLS 1.3 handshake (one round trip) before each connection's request
            assertTrue(fresh[0] >= pooled[0] + R, "a fresh row pays its TLS handshakes, one round trip more: " + all);
            assertTrue(pooled[1] <= N, "a pooled row keeps its n connections: " + pooled[1] + " handshakes");
            assertTrue(fresh[1] >= 3L * N, "a fresh row handshakes every batch (4 batches of n): " + fresh[1]);
        }
    }
}
