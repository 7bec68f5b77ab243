package httpbench.strategy;

import httpbench.server.EmbeddedServer;
import httpbench.workload.Workload;

import java.util.Arrays;

/**
 * Latencies chosen relative to the machine the test runs on, so that a concurrency test proves the code's
 * concurrency and not the machine's speed (DESIGN.md, rules of the house).
 *
 * <p>The server counts how many requests are in flight at once. All n are only in flight together if the last
 * request arrives before the first response leaves, i.e. if the latency L outlasts the client's own work of
 * issuing the batch (for a fresh-client row: n new connections and TLS handshakes, which on a slow or busy
 * machine can take longer than 100 ms). So the test measures that work on the same machine, in the same test,
 * first: warm batches at latency 0 take exactly the client's work plus the server's; L is then 4 x the median of
 * the last few warm batches (and never below 100 ms, well above timer and scheduling noise), and a stall during
 * the timed batch is answered by a retry at a longer L ({@link #concurrent}), never by a looser assertion.
 *
 * <p>The server is started with a long configured latency ({@link #CONFIGURED_MS}) and answers after the chosen L
 * through {@link EmbeddedServer#delayShort(long)}; warm batches run under {@link EmbeddedServer#delayOff()}.
 */
final class Latencies {
    private Latencies() {}

    /**
     * The latency the server is configured with: the upper end of what {@link #chosen} may pick. Only a batch that
     * needs it waits this long: freshAsyncHttpClient's warm batches over https took ~790 ms each on one core shared
     * with a busy loop, so 4 x that is 3.2 s.
     */
    static final long CONFIGURED_MS = 5_000;
    /** The least L: far above the server's timer lateness (~0.05 ms) and a busy core's scheduling delays. */
    static final long MIN_MS = 100;
    /** L over the reference: a timed batch would have to be 4x slower than the recent warm ones to need a retry. */
    static final int FACTOR = 4;
    /** How many of the last warm batches the reference is the median of (the first ones are cold). */
    static final int LAST = 5;

    /**
     * Runs {@code batches} batches at latency 0 and returns their times in ms. The delay stays off: the tests that
     * use a server configured at {@link #CONFIGURED_MS} keep it off except for their timed batch (delayShort(L)),
     * so that nothing else, not even a request a client sends in open(), waits 2 s.
     */
    static double[] warmAtZero(EmbeddedServer server, Strategy s, Workload w, int batches) throws Exception {
        return warmAtZero(server, () -> s.run(w), batches);
    }

    /** A timed unit of work: one batch, or (CallersTest) one batch per caller at once. */
    interface Batch {
        BatchResult run() throws Exception;
    }

    static double[] warmAtZero(EmbeddedServer server, Batch batch, int batches) throws Exception {
        double[] ms = new double[batches];
        server.delayOff();
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            batch.run();
            ms[b] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** A server configured at {@link #CONFIGURED_MS}, its delay switched off until a test's timed batch. */
    static EmbeddedServer server(httpbench.server.ServerConfig config) {
        EmbeddedServer server = new EmbeddedServer(config).start();
        server.delayOff();
        return server;
    }

    /** The median of the last {@link #LAST} warm batches (or of all, if fewer): the first ones are cold. */
    static double reference(double[] warmMs) {
        double[] last = Arrays.copyOfRange(warmMs, Math.max(0, warmMs.length - LAST), warmMs.length);
        Arrays.sort(last);
        return last[last.length / 2];
    }

    /** max(100 ms, 4 x the reference), at most the configured latency. */
    static long chosen(double[] warmMs) {
        return Math.min(CONFIGURED_MS, Math.max(MIN_MS, (long) Math.ceil(FACTOR * reference(warmMs))));
    }

    /** One batch at latency {@code l} (the delay off again after), timed in ms. */
    static long timed(EmbeddedServer server, Strategy s, Workload w, long l, BatchResult[] out) throws Exception {
        return timed(server, () -> s.run(w), l, out);
    }

    static long timed(EmbeddedServer server, Batch batch, long l, BatchResult[] out) throws Exception {
        server.delayShort(l);
        long t0 = System.nanoTime();
        try {
            out[0] = batch.run();
        } finally {
            server.delayOff();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * A concurrent row's timed batch: at latency {@code latencyMs} it took {@code ms}, after {@code attempts} tries;
     * connections accepted and TLS handshakes summed over all attempts.
     */
    record Concurrent(long latencyMs, long ms, BatchResult result, int attempts, long accepted, long handshakes) {
        @Override public String toString() {
            return ms + " ms at L = " + latencyMs + " ms" + (attempts > 1 ? " (attempt " + attempts + ")" : "");
        }
    }

    /**
     * The timed batch of a concurrent row, counters reset before it: at L = {@link #chosen}(warm); if the server saw
     * fewer than {@code n} requests in flight at once, again at 4 x L (at most twice more, up to the configured
     * latency), since a stall of the machine during the batch can outlast any L chosen in advance. The retries
     * cannot hide broken code: a serial implementation has 1 request in flight at every L, a pool of k < n has k.
     * The server's counters afterwards are the last attempt's (connections and handshakes of all attempts are in
     * the result); the caller asserts maxInFlight == n.
     */
    static Concurrent concurrent(EmbeddedServer server, Strategy s, Workload w, double[] warmMs, int n)
            throws Exception {
        return concurrent(server, () -> s.run(w), warmMs, n);
    }

    static Concurrent concurrent(EmbeddedServer server, Batch batch, double[] warmMs, int n) throws Exception {
        long l = chosen(warmMs);
        BatchResult[] r = new BatchResult[1];
        long accepted = 0;
        long handshakes = 0;
        for (int attempt = 1; ; attempt++) {
            server.resetCounters();
            long ms = timed(server, batch, l, r);
            accepted += server.connections().accepted();
            handshakes += server.tls().handshakes();
            if (server.maxInFlight() >= n || attempt == 3 || l >= CONFIGURED_MS) {
                return new Concurrent(l, ms, r[0], attempt, accepted, handshakes);
            }
            System.out.println("only " + server.maxInFlight() + " of " + n + " in flight at L = " + l + " ms (batch "
                    + ms + " ms, warm reference " + reference(warmMs) + " ms): again at " + Math.min(CONFIGURED_MS, 4 * l));
            l = Math.min(CONFIGURED_MS, 4 * l);
        }
    }
}
