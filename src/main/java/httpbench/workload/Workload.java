package httpbench.workload;

import java.net.URI;
import java.time.Duration;

/**
 * One batch: n GETs to {@code base + "r/" + i}, each expected to answer 200 with the deterministic payload of
 * {@code payloadBytes}. The timeouts are the same for every client.
 */
public final class Workload {
    private final URI base;
    private final int requests;
    private final int payloadBytes;
    private final long expectedCrc;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final URI[] uris;

    public Workload(URI base, int requests, int payloadBytes, Duration requestTimeout, Duration connectTimeout) {
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1, got " + requests);
        this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
        this.requests = requests;
        this.payloadBytes = payloadBytes;
        this.expectedCrc = Payload.crc32(Payload.bytes(payloadBytes));
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
        this.uris = new URI[requests];
        for (int i = 0; i < requests; i++) uris[i] = this.base.resolve("r/" + i);
    }

    /** Default timeouts: 10 s per request, 5 s to connect. */
    public static Workload of(URI base, int requests, int payloadBytes) {
        return new Workload(base, requests, payloadBytes, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public Workload withTimeouts(Duration request, Duration connect) {
        return new Workload(base, requests, payloadBytes, request, connect);
    }

    public URI base() { return base; }
    public int requests() { return requests; }
    public int payloadBytes() { return payloadBytes; }
    public long expectedCrc() { return expectedCrc; }
    public Duration requestTimeout() { return requestTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public URI uri(int i) { return uris[i]; }

    /** Bound for waiting on a whole batch: every request may take its timeout, plus a margin. */
    public long batchDeadlineMs() {
        return requestTimeout.toMillis() + connectTimeout.toMillis() + 2_000;
    }
}
