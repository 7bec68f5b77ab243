package httpbench.jmh;

import httpbench.workload.Protocol;
import httpbench.workload.Scheme;
import httpbench.workload.Transport;
import httpbench.workload.Wire;

import httpbench.server.ServerConfig;
import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;

/**
 * Validation of the benchmark's {@code @Param} values, shared by the launcher (before any fork starts) and by
 * the benchmark's setup (when run through stock JMH). Each check throws {@link IllegalArgumentException} with
 * one line naming the parameter, the value and what is allowed.
 */
public final class BenchParams {
    /** Largest n: the embedded server's listen backlog must hold n simultaneous connects. */
    public static final int MAX_REQUESTS = ServerConfig.BACKLOG;

    private BenchParams() {}

    public static int requests(String v) {
        return requests(integer("requests", v), v);
    }

    /** {@code n} if it is a request count the server can take at once; {@code as}: how the user wrote it. */
    public static int requests(int n, String as) {
        return (int) within("requests", n, as, 1, MAX_REQUESTS);
    }

    public static long latencyMs(String v) {
        return latencyMs(integer("latencyMs", v), v);
    }

    public static long latencyMs(long l, String as) {
        return within("latencyMs", l, as, 0, 60_000);
    }

    /** Emulated network round trip of the server (ms, 0 = none). */
    public static long rttMs(String v) {
        return rttMs(integer("rttMs", v), v);
    }

    public static long rttMs(long l, String as) {
        return within("rttMs", l, as, 0, 10_000);
    }

    /**
     * {@code -p poolThreads}: {@code auto} (0: the fixed pool gets a thread per request in flight, n x callers) or a
     * bound 1..100000 on the {@code threadPool} row's platform threads (e.g. 200, a common server default), to show
     * what queueing for a thread does under load.
     */
    public static int poolThreads(String v) {
        if (v != null && v.trim().equals("auto")) return 0;
        int t;
        try {
            t = integer("poolThreads", v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p poolThreads=" + v + ": auto or a whole number of threads");
        }
        if (t < 1 || t > 100_000) {
            throw new IllegalArgumentException("-p poolThreads=" + v + ": auto or between 1 and 100000");
        }
        return t;
    }

    public static int payloadBytes(String v) {
        return payloadBytes(integer("payloadBytes", v), v);
    }

    public static int payloadBytes(int b, String as) {
        return (int) within("payloadBytes", b, as, 0, 64 * 1024 * 1024);
    }

    /** {@code v} if it lies in [lo, hi], else one line naming the parameter, the value as written and the range. */
    private static long within(String name, long v, String as, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("-p " + name + "=" + as + ": must be between " + lo + " and " + hi);
        }
        return v;
    }

    /**
     * {@code -p protocol}: {@code http1} (every client pinned to HTTP/1.1) or {@code h2} (cleartext h2c over http,
     * ALPN over https).
     */
    public static Protocol protocol(String v) {
        return wire(Protocol.class, "protocol", v);
    }

    /**
     * {@code -p transport}: {@code nio} (Netty's NIO, what a user of the Netty-based clients gets without native jars)
     * or {@code epoll} (Netty's native epoll); the rows that are not Netty-based run only under {@code nio}.
     */
    public static Transport transport(String v) {
        return wire(Transport.class, "transport", v);
    }

    /** The wire name {@code v} of {@code -p name}; else one line naming the parameter, the value and what is allowed. */
    private static <E extends Enum<E>> E wire(Class<E> type, String name, String v) {
        try {
            return Wire.parse(type, name, v == null ? "" : v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p " + name + "=" + v + ": must be " + Wire.names(type));
        }
    }

    public static BlockingClient.Kind blockingClient(String v) {
        try {
            return BlockingClient.Kind.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p blockingClient=" + v + ": " + e.getMessage());
        }
    }

    /** {@code -p scheme}: http, or https (the server's generated certificate, trusted exactly by every client). */
    public static Scheme scheme(String v) {
        return wire(Scheme.class, "scheme", v);
    }

    /**
     * {@code -p caCert}: {@code none}, or the PEM file of the certificate to trust for an https {@code target}
     * (the file {@code ServerMain --scheme https} wrote); checked to hold exactly one certificate.
     */
    public static httpbench.tls.Trust caCert(String v) {
        String t = v == null ? "" : v.trim();
        if (t.isEmpty() || t.equals(NO_CA_CERT)) return null;
        try {
            return httpbench.tls.Trust.fromPem(java.nio.file.Path.of(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p caCert=" + v + ": " + e.getMessage());
        }
    }

    /** {@code -p caCert}'s default: no file (the embedded server's certificate is trusted in memory). */
    public static final String NO_CA_CERT = "none";

    public static Registry strategy(String v) {
        return Registry.find(v.trim()).orElseThrow(() -> new IllegalArgumentException("-p strategy=" + v
                + ": unknown strategy; known: " + String.join(", ", Registry.names())));
    }

    /** Cap of the {@code auto} steady-state warm-up, seconds. */
    public static final long AUTO_WARMUP_CAP_S = 40;

    /** {@code -p warmup}: auto (cap {@value #AUTO_WARMUP_CAP_S} s), off (0), or a cap in whole seconds (1..600). */
    public static long warmupCapSeconds(String v) {
        String t = v.trim();
        if (t.equals("auto")) return AUTO_WARMUP_CAP_S;
        if (t.equals("off")) return 0;
        long s;
        try {
            s = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-p warmup=" + v + ": must be auto, off, or seconds (0..600)");
        }
        if (s < 0 || s > 600) throw new IllegalArgumentException("-p warmup=" + v + ": must be auto, off, or seconds (0..600)");
        return s;
    }

    public static boolean isEmbedded(String target) {
        return "embedded".equals(target);
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-p " + name + "=" + v + ": not a whole number");
        }
    }
}
