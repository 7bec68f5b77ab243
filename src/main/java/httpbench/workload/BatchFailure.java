package httpbench.workload;

import java.net.URI;

/** A request of a batch failed: names the strategy, the request index and what went wrong. */
public final class BatchFailure extends RuntimeException {
    private final String strategy;
    private final int index;

    public BatchFailure(String strategy, int index, URI uri, String what) {
        this(strategy, index, uri, what, null);
    }

    public BatchFailure(String strategy, int index, URI uri, String what, Throwable cause) {
        super(strategy + ": request " + index + " (" + uri + ") failed: " + what, cause);
        this.strategy = strategy;
        this.index = index;
    }

    public String strategy() { return strategy; }

    public int index() { return index; }

    /**
     * "TLS handshake failed: ..." when {@code t} or one of its causes is a handshake failure (a certificate the client
     * does not trust, a host name not in it, no common protocol, a handshake timeout), else null. Every client wraps
     * it differently (Netty's {@code DecoderException}, Apache's and OkHttp's own exceptions, a completion exception
     * around JSSE's {@link javax.net.ssl.SSLHandshakeException}; OkHttp checks host names after the handshake and
     * raises {@link javax.net.ssl.SSLPeerUnverifiedException}): the message is the first line of the outermost
     * handshake exception, JSSE's own words ("PKIX path building failed: ..."), so a run never blames the server's HTTP.
     */
    public static String tlsFailure(Throwable t) {
        Throwable handshake = null;
        for (Throwable c = t; c != null && handshake == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLHandshakeException
                    || c instanceof javax.net.ssl.SSLPeerUnverifiedException
                    || c instanceof java.security.cert.CertificateException
                    || c.getClass().getName().equals("io.netty.handler.ssl.SslHandshakeTimeoutException")) {
                handshake = c;
            }
        }
        if (handshake == null) return null;
        String m = handshake.getMessage() == null ? handshake.getClass().getSimpleName() : handshake.getMessage();
        return "TLS handshake failed: " + m.lines().findFirst().orElse(m).strip();
    }

    /** Wraps any failure of request {@code index} so the message names strategy, request and cause. */
    public static BatchFailure of(String strategy, Workload w, int index, Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.util.concurrent.CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof BatchFailure bf) return bf;
        String tls = tlsFailure(c);
        if (tls != null) return new BatchFailure(strategy, index, w.uri(index), tls, c);
        String msg = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        return new BatchFailure(strategy, index, w.uri(index), msg, c);
    }
}
