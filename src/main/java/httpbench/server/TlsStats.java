package httpbench.server;

import io.netty.handler.ssl.SslHandler;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the server's TLS handshakes did: completed, resumed and failed handshakes, and the protocol, cipher suite and
 * ALPN choice each negotiated. Fed by {@link #watch} on every https connection; read through
 * {@link EmbeddedServer#tls()}.
 */
public final class TlsStats {
    /** What {@link #applicationProtocols()} calls a handshake whose client offered no ALPN. */
    public static final String NO_ALPN = "none";
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** "protocol cipher suite, ALPN x" -> handshakes that negotiated it, since start. */
    private final Map<String, LongAdder> negotiated = new ConcurrentHashMap<>();
    /** ALPN's choice ("h2", "http/1.1", or {@value #NO_ALPN}) -> handshakes, since start. */
    private final Map<String, LongAdder> alpn = new ConcurrentHashMap<>();

    /** Counts {@code h}'s handshake when it ends, as a success or a failure. */
    SslHandler watch(SslHandler h) {
        long accepted = System.currentTimeMillis();
        h.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                handshakes.incrementAndGet();
                javax.net.ssl.SSLSession s = h.engine().getSession();
                // JSSE keeps a resumed session's original creation time: older than this connection = resumed
                // (TLS 1.3 PSK from a session ticket; the client skipped the certificate check, not the round trip)
                if (s.getCreationTime() < accepted) resumed.incrementAndGet();
                String app = h.applicationProtocol() == null ? NO_ALPN : h.applicationProtocol();
                alpn.computeIfAbsent(app, k -> new LongAdder()).increment();
                negotiated.computeIfAbsent(s.getProtocol() + " " + s.getCipherSuite() + ", "
                        + (app.equals(NO_ALPN) ? "no ALPN" : "ALPN " + app), k -> new LongAdder()).increment();
            } else {
                failures.incrementAndGet();
                lastFailure.set(String.valueOf(f.cause()));
            }
        });
        return h;
    }

    /** TLS handshakes completed since start (or the server's last {@link EmbeddedServer#resetCounters()}). */
    public long handshakes() { return handshakes.get(); }

    /** TLS handshakes completed since start (never reset): for per-iteration deltas. */
    public long handshakesSinceStart() {
        long n = 0;
        for (LongAdder a : negotiated.values()) n += a.sum();
        return n;
    }

    /**
     * Handshakes since start that resumed an earlier session (a client whose SSLContext kept the server's session
     * ticket: e.g. fresh clients sharing one trust context): full key exchange, no certificate check. Approximate
     * to the millisecond (a session created in the same millisecond as its connection counts as new).
     */
    public long resumed() { return resumed.get(); }

    /** TLS handshakes that failed since start (e.g. a client that does not trust the certificate). */
    public long failures() { return failures.get(); }

    /** The last handshake failure as the server saw it, or null. */
    public String lastFailure() { return lastFailure.get(); }

    /**
     * The protocols, cipher suites and ALPN choices handshakes negotiated since start, e.g. {@code "TLSv1.3
     * TLS_AES_256_GCM_SHA384, ALPN h2"} or {@code "..., no ALPN"} (a client that offered none: HTTP/1.1); several,
     * separated by "; " and with their counts, if clients differed; empty for http or before a handshake.
     */
    public String negotiated() {
        Map<String, Long> m = sums(negotiated);
        if (m.size() <= 1) return m.isEmpty() ? "" : m.keySet().iterator().next();
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(" (").append(v).append(')'));
        return b.toString();
    }

    /**
     * Handshakes since start by the application protocol ALPN chose: {@code h2}, {@code http/1.1}, or
     * {@value #NO_ALPN} (the client offered no ALPN, so HTTP/1.1); sorted, empty for http.
     */
    public Map<String, Long> applicationProtocols() { return sums(alpn); }

    /** Completed handshakes count from 0 again (the per-protocol counts are since start). */
    void reset() { handshakes.set(0); }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
