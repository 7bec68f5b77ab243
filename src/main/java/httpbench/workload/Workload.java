package httpbench.workload;

import httpbench.tls.Trust;

import java.net.URI;
import java.time.Duration;

/**
 * One batch: n GETs to {@code base + "r/" + i}, each expected to answer 200 with the deterministic payload of
 * {@code payloadBytes}. The timeouts are the same for every client. An {@code https} base comes with the
 * {@link Trust} every client uses (exactly the server's certificate).
 */
public final class Workload {
    private final URI base;
    private final int requests;
    private final int payloadBytes;
    private final long expectedCrc;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int callers;
    private final int threadPoolLimit;
    private final Protocol protocol;
    private final Transport transport;
    private final URI[] uris;
    private final Trust trust;

    public Workload(URI base, int requests, int payloadBytes, Duration requestTimeout, Duration connectTimeout) {
        this(base, requests, payloadBytes, requestTimeout, connectTimeout, 1, 0, null, Protocol.http1, Transport.nio);
    }

    private Workload(URI base, int requests, int payloadBytes, Duration requestTimeout, Duration connectTimeout,
                     int callers, int threadPoolLimit, Trust trust, Protocol protocol, Transport transport) {
        try {
            Wire.parse(Scheme.class, "scheme", base.getScheme());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URI must be " + Wire.names(Scheme.class) + ", got " + base);
        }
        this.trust = trust;
        this.protocol = java.util.Objects.requireNonNull(protocol, "protocol");
        this.transport = java.util.Objects.requireNonNull(transport, "transport");
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1, got " + requests);
        if (callers < 1) throw new IllegalArgumentException("callers must be >= 1, got " + callers);
        this.callers = callers;
        if (threadPoolLimit < 0) throw new IllegalArgumentException("threadPoolLimit must be >= 0");
        this.threadPoolLimit = threadPoolLimit;
        this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
        this.requests = requests;
        this.payloadBytes = payloadBytes;
        this.expectedCrc = Payload.crc32(Payload.bytes(payloadBytes));
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
        this.uris = new URI[requests];
        // an HTTP/2 request names its protocol: the server answers 505 to one that came over HTTP/1.1, so a client
        // that falls back cannot pass for an HTTP/2 row (HTTP/1.1 URIs stay as they always were)
        String query = protocol == Protocol.h2 ? "?protocol=" + Protocol.h2 : "";
        for (int i = 0; i < requests; i++) uris[i] = this.base.resolve("r/" + i + query);
    }

    /** Default timeouts: 10 s per request, 5 s to connect. */
    public static Workload of(URI base, int requests, int payloadBytes) {
        return new Workload(base, requests, payloadBytes, Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    public Workload withTimeouts(Duration request, Duration connect) {
        return new Workload(base, requests, payloadBytes, request, connect, callers, threadPoolLimit, trust, protocol, transport);
    }

    /**
     * The same batches, sent by {@code c} callers at once (JMH's {@code -t}): one strategy, built once per trial,
     * serves them all, so its pools and threads are sized for {@link #capacity()}.
     */
    public Workload withCallers(int c) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, c, threadPoolLimit, trust, protocol, transport);
    }

    /** At most {@code t} threads in the {@code threadPool} row's fixed pool (0: no bound, see {@link #threadPoolSize()}). */
    public Workload withThreadPoolLimit(int t) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, t, trust, protocol, transport);
    }

    /** The same batches, with clients trusting exactly what {@code t} holds (for an https base). */
    public Workload withTrust(Trust t) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, threadPoolLimit, t, protocol, transport);
    }

    /** True when the base URI is https: clients must set up TLS from {@link #trust()}. */
    public boolean https() { return scheme() == Scheme.https; }

    /** The base URI's scheme. */
    public Scheme scheme() { return Scheme.valueOf(base.getScheme()); }

    /**
     * What clients trust for an https base: exactly the server's certificate. {@link IllegalStateException} when the
     * base is https and no trust was given (never a silent fallback to the JDK's CA bundle or to trusting anything).
     */
    public Trust trust() {
        if (trust == null) {
            throw new IllegalStateException("https base " + base + " but no certificate to trust (Workload.withTrust)");
        }
        return trust;
    }

    /** The same batches over {@code p}: {@code http1} (every client pinned to HTTP/1.1) or {@code h2}. */
    public Workload withProtocol(Protocol p) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, threadPoolLimit, trust, p, transport);
    }

    /**
     * The same batches, with the Netty-based clients on transport {@code t}: {@code nio} (what a user of those
     * libraries gets without native jars) or {@code epoll}; clients that are not Netty-based ignore it.
     */
    public Workload withTransport(Transport t) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, threadPoolLimit, trust, protocol, t);
    }

    /** {@code -p transport}. */
    public Transport transport() { return transport; }

    /** {@code -p protocol}. */
    public Protocol protocol() { return protocol; }

    /** HTTP/2 (h2c over http, ALPN over https): each client uses its own HTTP/2 support. */
    public boolean h2() { return protocol == Protocol.h2; }

    /** Threads of a pool that runs one blocking request each: {@link #capacity()}, or less when bounded. */
    public int threadPoolSize() {
        return threadPoolLimit > 0 ? Math.min(threadPoolLimit, capacity()) : capacity();
    }

    /** Callers sending batches at the same time (1 unless {@link #withCallers}). */
    public int callers() { return callers; }

    /**
     * Requests that can be in flight at once, n x callers: what every connection pool and thread pool is sized
     * for, so no caller waits for another's connection or thread unless a row bounds it on purpose.
     */
    public int capacity() { return Math.multiplyExact(requests, callers); }

    public URI base() { return base; }
    public int requests() { return requests; }
    public int payloadBytes() { return payloadBytes; }
    public long expectedCrc() { return expectedCrc; }
    public Duration requestTimeout() { return requestTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public URI uri(int i) { return uris[i]; }

    /** Where a bench server reports itself, relative to the base ({@code httpbench.server.ServerInfo}). */
    public static final String INFO = "info";

    /** {@code base + "info"}: the target probe's request, and the one a client that connects once at build makes. */
    public URI infoUri() { return base.resolve(INFO); }

    /** Bound for waiting on a whole batch: every request may take its timeout, plus a margin. */
    public long batchDeadlineMs() {
        return requestTimeout.toMillis() + connectTimeout.toMillis() + 2_000;
    }
}
