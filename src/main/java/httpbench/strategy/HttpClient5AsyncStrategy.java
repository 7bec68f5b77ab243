package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;


/**
 * Apache {@code CloseableHttpAsyncClient}. Its connection manager defaults to 5 connections per route, so with
 * 10 requests half would queue: max per route and total are set to n, HTTP/1.1 forced, retries off, one I/O
 * reactor thread set explicitly.
 */
public final class HttpClient5AsyncStrategy implements Strategy {
    /** One I/O reactor thread, set explicitly (the default is one per core). */
    static final IOReactorConfig IO_REACTOR = IOReactorConfig.custom().setIoThreadCount(1).build();
    private CloseableHttpAsyncClient client;


    @Override
    public void open(Workload w) {
        client = w.h2() ? h2Client(w) : http1Client(w);
        client.start();
    }

    /**
     * HTTP/2: Apache's H2 async client (HttpAsyncClients.customHttp2()): prior knowledge over cleartext, one
     * connection per route, every request a stream on it. The pooling client below with FORCE_HTTP_2 (and message
     * multiplexing) also speaks h2c, but a cold concurrent batch opens a connection per request and keeps all n
     * open: peakConnections n, no multiplexing to show. Over https: the same TLS strategy as the HTTP/1.1 client
     * (the one SSLContext, JSSE's host-name check); the H2 client offers ALPN h2. The two builders share no
     * supertype: each is given the I/O reactor and the transport first, then the same policy (no retries, no
     * redirects, the request timeouts).
     */
    private static CloseableHttpAsyncClient h2Client(Workload w) {
        return HttpAsyncClients.customHttp2()
                .setIOReactorConfig(IO_REACTOR)
                .setDefaultConnectionConfig(ApacheSettings.connection(w))
                .setTlsStrategy(w.https() ? ApacheSettings.tls(w).buildAsync() : null) // null: the builder's default
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setDefaultRequestConfig(ApacheSettings.request(w))
                .build();
    }

    private static CloseableHttpAsyncClient http1Client(Workload w) {
        return HttpAsyncClients.custom()
                .setIOReactorConfig(IO_REACTOR)
                .setConnectionManager(connectionManager(w))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setDefaultRequestConfig(ApacheSettings.request(w))
                .build();
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        return Await.<SimpleHttpResponse>sent(name(), w,
                i -> client.execute(SimpleRequestProducer.create(SimpleRequestBuilder.get(w.uri(i)).build()),
                        SimpleResponseConsumer.create(), null),
                (i, r) -> ResponseCheck.check(name(), w, i, r.getCode(), r.getBodyBytes()));
    }

    /** The HTTP/1.1 client's pool: n connections per route and in total, HTTP/1.1 forced over TLS too. */
    static PoolingAsyncClientConnectionManager connectionManager(Workload w) {
        PoolingAsyncClientConnectionManagerBuilder cmb = PoolingAsyncClientConnectionManagerBuilder.create();
        if (w.https()) cmb.setTlsStrategy(ApacheSettings.tls(w).buildAsync());
        return cmb
                .setMaxConnTotal(w.capacity())
                .setMaxConnPerRoute(w.capacity())
                .setDefaultConnectionConfig(ApacheSettings.connection(w))
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
    }

    @Override
    public String describe() {
        try (PoolingAsyncClientConnectionManager cm = connectionManager(Settings.SAMPLE)) {
            return describe(cm);
        }
    }

    /** The pool sizes as {@code cm} holds them (the object {@link #connectionManager} builds). */
    static String describe(PoolingAsyncClientConnectionManager cm) {
        String pool = cm.getMaxTotal() == cm.getDefaultMaxPerRoute()
                ? "max connections per route and total = " + Settings.n(cm.getMaxTotal())
                : "max connections per route = " + Settings.n(cm.getDefaultMaxPerRoute()) + ", total = "
                        + Settings.n(cm.getMaxTotal());
        return "Apache HttpClient5 async, " + IO_REACTOR.getIoThreadCount() + " I/O reactor thread, " + pool + ", HTTP/1.1 forced (-p protocol=h2: the H2 async client, HttpAsyncClients.customHttp2(): "
                + "prior knowledge over cleartext, ALPN h2 over https, one connection per route, requests as streams), keep-alive, no automatic retries, "
                + "connect/socket/response timeouts from the workload; https: " + ApacheSettings.TLS;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
            try {
                client.awaitShutdown(TimeValue.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client = null;
        }
    }
}
