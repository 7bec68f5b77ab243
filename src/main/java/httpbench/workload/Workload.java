package httpbench.workload;

import httpbench.tls.Trust;

import java.util.List;
import java.net.URI;
import java.time.Duration;

/**
 * One batch: n GETs to {@code base + "r/" + i}, each expected to answer 200 with the deterministic payload of
 * {@code payloadBytes}. The timeouts are the same for every client. An {@code https} base comes with the
 * {@link Trust} every client uses (exactly the server's certificate).
 */
public final class Workload {
    // The one place of the wire's names (-p scheme, -p protocol, -p transport; the server's and the registry's too)
    /** The schemes a target can speak ({@code -p scheme}), in the order it lists them. */
    public static final String HTTP = "http";
    public static final String HTTPS = "https";
    public static final List<String> SCHEMES = List.of(HTTP, HTTPS);
    /** The protocols a batch can run over ({@code -p protocol}; h2 is h2c over http, ALPN over https). */
    public static final String HTTP1 = "http1";
    public static final String H2 = "h2";
    /** The transports a Netty-based client can run on ({@code -p transport}): Netty's NIO (the default), or native epoll. */
    public static final String NIO = "nio";
    public static final String EPOLL = "epoll";
    public static final List<String> TRANSPORTS = List.of(NIO, EPOLL);
    private final URI base;
    private final int requests;
    private final int payloadBytes;
    private final long expectedCrc;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final int callers;
    private final int threadPoolLimit;
    private final String protocol;
    private final String transport;
    private final URI[] uris;
    private final Trust trust;

    public Workload(URI base, int requests, int payloadBytes, Duration requestTimeout, Duration connectTimeout) {
        this(base, requests, payloadBytes, requestTimeout, connectTimeout, 1, 0, null, HTTP1, NIO);
    }

    private Workload(URI base, int requests, int payloadBytes, Duration requestTimeout, Duration connectTimeout,
                     int callers, int threadPoolLimit, Trust trust, String protocol, String transport) {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("base URI must be http or https, got " + base);
        }
        this.trust = trust;
        if (!HTTP1.equals(protocol) && !H2.equals(protocol)) {
            throw new IllegalArgumentException("protocol must be " + HTTP1 + " or " + H2 + ", got " + protocol);
        }
        this.protocol = protocol;
        if (!NIO.equals(transport) && !EPOLL.equals(transport)) {
            throw new IllegalArgumentException("transport must be " + NIO + " or " + EPOLL + ", got " + transport);
        }
        this.transport = transport;
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
        String query = H2.equals(protocol) ? "?protocol=" + H2 : "";
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
    public boolean https() { return "https".equals(base.getScheme()); }

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

    /** The same batches over {@code p}: {@link #HTTP1} (every client pinned to HTTP/1.1) or {@link #H2}. */
    public Workload withProtocol(String p) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, threadPoolLimit, trust, p, transport);
    }

    /**
     * The same batches, with the Netty-based clients on transport {@code t}: {@link #NIO} (what a user of those
     * libraries gets without native jars) or {@link #EPOLL}; clients that are not Netty-based ignore it.
     */
    public Workload withTransport(String t) {
        return new Workload(base, requests, payloadBytes, requestTimeout, connectTimeout, callers, threadPoolLimit, trust, protocol, t);
    }

    /** {@code -p transport}: {@link #NIO} or {@link #EPOLL}. */
    public String transport() { return transport; }

    /** {@code -p protocol}: {@link #HTTP1} or {@link #H2}. */
    public String protocol() { return protocol; }

    /** HTTP/2 (h2c over http, ALPN over https): each client uses its own HTTP/2 support. */
    public boolean h2() { return H2.equals(protocol); }

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

    /** Bound for waiting on a whole batch: every request may take its timeout, plus a margin. */
    public long batchDeadlineMs() {
        return requestTimeout.toMillis() + connectTimeout.toMillis() + 2_000;
    }
}
