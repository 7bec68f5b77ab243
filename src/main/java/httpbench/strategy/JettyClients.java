package httpbench.strategy;

import httpbench.workload.Workload;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.io.EOFException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and stops Jetty {@link HttpClient}s the same way for the async row and the blocking client: HTTP/1.1
 * transport, one selector, max connections per destination n, redirects off, the workload's timeouts. Jetty's
 * HttpClient has no automatic retry. Its own thread pool and scheduler (named, daemon) end with {@code stop()}.
 */
final class JettyClients {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final int SELECTORS = 1;

    private JettyClients() {}

    static HttpClient start(Workload w, String prefix) {
        HttpClient client = configured(w, prefix + "-" + SEQ.incrementAndGet());
        try {
            client.start();
        } catch (Exception e) {
            stop(client);
            throw new IllegalStateException("Jetty HttpClient did not start: " + e, e);
        }
        return client;
    }

    /** The client with every setting made, not yet started (no thread runs until then). */
    static HttpClient configured(Workload w, String name) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName(name);
        pool.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(SELECTORS);
        if (w.https()) {
            // the one SSLContext trusting exactly the server's certificate; Jetty's client factory checks host
            // names with JSSE's HTTPS endpoint identification by default (set again here so it cannot drift)
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setSslContext(w.trust().sslContext());
            tls.setEndpointIdentificationAlgorithm(httpbench.tls.Trust.ENDPOINT_IDENTIFICATION);
            connector.setSslContextFactory(tls);
        }
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(pool);
        client.setScheduler(new ScheduledExecutorScheduler(name + "-scheduler", true));
        client.setMaxConnectionsPerDestination(w.capacity());
        client.setFollowRedirects(false);
        client.setConnectTimeout(w.connectTimeout().toMillis());
        // idle pooled connections are never evicted within a trial (0 = no idle timeout); a request's own idle
        // timeout (below) bounds a stalled response
        client.setIdleTimeout(0);
        return client;
    }

    /** A GET with the workload's total and idle timeouts. */
    static Request get(HttpClient client, Workload w, URI uri) {
        long ms = w.requestTimeout().toMillis();
        return client.newRequest(uri)
                .timeout(ms, TimeUnit.MILLISECONDS)
                .idleTimeout(ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Jetty's async send with a listener that buffers the whole body; the buffer holds twice the expected payload
     * so a longer body still reaches {@code ResponseCheck} (which names the length) instead of Jetty's own error.
     */
    static CompletableFuture<ContentResponse> send(HttpClient client, Workload w, URI uri) {
        int max = (int) Math.min(Integer.MAX_VALUE - 8, 2L * w.payloadBytes() + 64 * 1024);
        CompletableFuture<ContentResponse> sent = new CompletableResponseListener(get(client, w, uri), max).send();
        CompletableFuture<ContentResponse> out = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                sent.cancel(mayInterrupt); // aborts the request
                return super.cancel(mayInterrupt);
            }
        };
        sent.whenComplete((r, e) -> {
            if (e == null) out.complete(r);
            else out.completeExceptionally(readable(e));
        });
        return out;
    }

    private static final Pattern BODY_PROGRESS = Pattern.compile("HttpParser\\{s=\\w+,(\\d+) of (-?\\d+)}");

    /**
     * Jetty's EOFException for a connection closed mid-response carries only a dump of the connection's state
     * (thousands of characters); this says the same in one short line, the body progress taken from the dump.
     */
    static Throwable readable(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = c.getMessage();
        if (!(c instanceof EOFException) || m == null || !m.contains("HttpConnectionOverHTTP")) return c;
        Matcher p = BODY_PROGRESS.matcher(m);
        EOFException x = new EOFException("connection closed by the server before the response ended"
                + (p.find() ? " (body: " + p.group(1) + " of " + p.group(2) + " bytes)" : ""));
        x.initCause(c);
        return x;
    }

    static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping after a failed batch: the tests catch anything left behind
        }
    }

    static String describe() {
        return describe(configured(Settings.SAMPLE, "describe"));
    }

    /** The selectors, pool limit, idle eviction and redirects as {@code c} holds them (the object {@link #configured} makes). */
    static String describe(HttpClient c) {
        int selectors = ((HttpClientTransportOverHTTP) c.getTransport()).getClientConnector().getSelectors();
        return "Jetty HttpClient, HTTP/1.1 transport, " + selectors + " selector, QueuedThreadPool (Jetty's "
                + "default sizes), maxConnectionsPerDestination = " + Settings.n(c.getMaxConnectionsPerDestination())
                + ", keep-alive (" + (c.getIdleTimeout() == 0 ? "no idle eviction" : "idle eviction after "
                        + c.getIdleTimeout() + " ms") + "), redirects " + Settings.onOff(c.isFollowRedirects()) + ", "
                + "no retries, connect timeout and per-request total and idle timeouts from the workload; https: "
                + "SslContextFactory.Client on an SSLContext trusting exactly the server's certificate, HTTPS "
                + "host-name check";
    }
}
