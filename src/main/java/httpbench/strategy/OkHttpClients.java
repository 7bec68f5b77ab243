package httpbench.strategy;

import httpbench.workload.Workload;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Builds and closes OkHttp clients the same way for the async row and the blocking client. OkHttp's defaults
 * would bend the comparison: its Dispatcher runs at most 5 calls per host (n = 10 would queue half), its pool keeps
 * 5 idle connections (half the batch would reconnect), and {@code retryOnConnectionFailure} silently retries.
 */
final class OkHttpClients {
    /** Idle pooled connections live this long: longer than any trial, like the other clients' keep-alive. */
    static final long KEEP_ALIVE_MINUTES = 30;

    private OkHttpClients() {}

    /** A client for batches of n; {@code executor} runs the Dispatcher's calls (enqueue), and is ours to shut down. */
    static OkHttpClient build(Workload w, ExecutorService executor) {
        int n = w.capacity();
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(n);
        dispatcher.setMaxRequestsPerHost(n);
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        // https: the socket factory and trust manager of the one SSLContext trusting exactly the server's
        // certificate; host names checked by OkHttp's own verifier (RFC 2818, as JSSE's HTTPS check)
        if (w.https()) b.sslSocketFactory(w.trust().sslContext().getSocketFactory(), w.trust().trustManager());
        OkHttpClient client = b
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(n, KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
                .protocols(protocols(w))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(w.connectTimeout())
                .readTimeout(w.requestTimeout())
                .writeTimeout(w.requestTimeout())
                .callTimeout(w.requestTimeout())
                .build();
        if (w.h2()) {
            try {
                connectOnce(client, w);
            } catch (RuntimeException e) {
                close(client);
                throw e;
            }
        }
        return client;
    }

    /**
     * A cold concurrent batch makes OkHttp race n connections to a host it has none to: every call connects before
     * any knows the server multiplexes, and each one that finds a pooled HTTP/2 connection afterwards closes its own.
     * Two that finish together both go into the pool, and the second stays there, idle (Http2Test and CallersTest
     * saw 2 or 3 open once warm). So that the row measures OkHttp's HTTP/2 rather than that start-up race, an h2
     * client makes its one connection here with a GET of the server's {@code /info} (not a counted request), as
     * the JDK rows do ({@link JdkClients}).
     */
    private static void connectOnce(OkHttpClient client, Workload w) {
        String info = w.infoUri().toString();
        try (okhttp3.Response r = client.newCall(new okhttp3.Request.Builder().url(info).build()).execute()) {
            r.body().bytes();
            if (r.protocol() != Protocol.HTTP_2 && r.protocol() != Protocol.H2_PRIOR_KNOWLEDGE) {
                throw new IllegalStateException(info + " answered " + r.code() + " over " + r.protocol()
                        + ", so -p protocol=h2 cannot run on it");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("HTTP/2 request to " + info + " failed: " + e, e);
        }
    }

    /**
     * What OkHttp may speak. http1: HTTP/1.1 only (over TLS its ALPN offers just http/1.1: OkHttp's default list
     * starts with HTTP_2, which our server now accepts). h2 over cleartext: prior knowledge, which OkHttp requires
     * to be its only protocol (it has no h2c upgrade); h2 over TLS: HTTP_2 and HTTP_1_1 (OkHttp requires the
     * latter in the list), ALPN picks h2.
     */
    static List<Protocol> protocols(Workload w) {
        if (!w.h2()) return List.of(Protocol.HTTP_1_1);
        return w.https() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.H2_PRIOR_KNOWLEDGE);
    }

    /** Cancels what still runs, ends the Dispatcher's threads (bounded) and closes the pooled connections. */
    static void close(OkHttpClient client) {
        client.dispatcher().cancelAll();
        ExecutorService ex = client.dispatcher().executorService();
        ex.shutdown();
        try {
            if (!ex.awaitTermination(5, TimeUnit.SECONDS)) {
                ex.shutdownNow();
                ex.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            ex.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.connectionPool().evictAll();
    }

    static String describe() {
        ExecutorService unused = java.util.concurrent.Executors.newSingleThreadExecutor(); // no thread until a call
        try {
            return describe(build(Settings.SAMPLE, unused));
        } finally {
            unused.shutdownNow();
        }
    }

    /** The Dispatcher's limits and the retry and redirect switches as {@code c} holds them (the object {@link #build} builds). */
    static String describe(OkHttpClient c) {
        return "OkHttp, " + (c.protocols().equals(List.of(Protocol.HTTP_1_1)) ? "HTTP/1.1 forced" : "protocols " + c.protocols())
                + " (-p protocol=h2: H2_PRIOR_KNOWLEDGE only over cleartext; HTTP_2 + HTTP_1_1 over https, ALPN picks h2), "
                + "Dispatcher " + Settings.both("maxRequests", c.dispatcher().getMaxRequests(), "maxRequestsPerHost",
                        c.dispatcher().getMaxRequestsPerHost())
                + ", ConnectionPool of n idle connections kept " + KEEP_ALIVE_MINUTES + " min, retryOnConnectionFailure "
                + Settings.onOff(c.retryOnConnectionFailure()) + ", redirects "
                + Settings.onOff(c.followRedirects() || c.followSslRedirects())
                + ", connect timeout and read/write/call timeouts from the workload; https: sslSocketFactory + "
                + "trustManager trusting exactly the server's certificate, OkHostnameVerifier; -p protocol=h2: one "
                + "HTTP/2 connection made at build time with GET /info (a cold batch would race n)";
    }
}
