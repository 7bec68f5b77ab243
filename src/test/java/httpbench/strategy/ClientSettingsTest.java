package httpbench.strategy;

import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The methodology's client settings are read from the configuration objects the rows build ({@link Settings}):
 * each client's object, as its row builds it, holds the settings the suite promises (pools of n, retries off,
 * redirects off), its description says so, and the same object with a setting changed describes the change. So
 * the generated methodology cannot say "retries off" while the client retries.
 */
class ClientSettingsTest {
    static final Workload W = Workload.of(URI.create("http://127.0.0.1:1/"), 10, 1024);

    @Test
    void asyncHttpClient() {
        var c = AsyncHttpClientStrategy.config(W, W.capacity()).build();
        assertEquals(0, c.getMaxRequestRetry());
        assertEquals(W.capacity(), c.getMaxConnectionsPerHost());
        assertContains(AsyncHttpClientStrategy.describe(c),
                "maxConnections = maxConnectionsPerHost = n, keep-alive (idle eviction off), maxRequestRetry 0",
                "HTTP/2 off (");
        var changed = AsyncHttpClientStrategy.config(W, W.capacity()).setMaxRequestRetry(5).setMaxConnections(20)
                .setHttp2Enabled(true).build();
        assertContains(AsyncHttpClientStrategy.describe(changed), "maxConnections = 20, maxConnectionsPerHost = n",
                "maxRequestRetry 5", "HTTP/2 on (");
    }

    @Test
    void apacheHttpClient5() {
        try (var cm = HttpClient5AsyncStrategy.connectionManager(W)) {
            assertEquals(W.capacity(), cm.getMaxTotal());
            assertEquals(W.capacity(), cm.getDefaultMaxPerRoute());
            assertContains(HttpClient5AsyncStrategy.describe(cm), "max connections per route and total = n,");
            cm.setMaxTotal(30);
            assertContains(HttpClient5AsyncStrategy.describe(cm), "max connections per route = n, total = 30,");
        }
    }

    @Test
    void okHttp() {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            var c = OkHttpClients.build(W, ex);
            assertFalse(c.retryOnConnectionFailure());
            assertEquals(W.capacity(), c.dispatcher().getMaxRequestsPerHost());
            assertContains(OkHttpClients.describe(c), "OkHttp, HTTP/1.1 forced",
                    "Dispatcher maxRequests = maxRequestsPerHost = n,", "retryOnConnectionFailure off, redirects off");
            c.dispatcher().setMaxRequests(64);
            var changed = c.newBuilder().retryOnConnectionFailure(true).followRedirects(true).build();
            assertContains(OkHttpClients.describe(changed), "Dispatcher maxRequests = 64, maxRequestsPerHost = n,",
                    "retryOnConnectionFailure on, redirects on");
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void jetty() {
        var c = JettyClients.configured(W, "settings-test");
        assertEquals(W.capacity(), c.getMaxConnectionsPerDestination());
        assertContains(JettyClients.describe(c), "1 selector,", "maxConnectionsPerDestination = n, keep-alive "
                + "(no idle eviction), redirects off,");
        c.setMaxConnectionsPerDestination(64);
        c.setFollowRedirects(true);
        c.setIdleTimeout(30_000);
        assertContains(JettyClients.describe(c), "maxConnectionsPerDestination = 64, keep-alive (idle eviction "
                + "after 30000 ms), redirects on,");
    }

    @Test
    void reactorNetty() {
        var p = ReactorNettyStrategy.pool(W, "settings-test", W.capacity(), null);
        try {
            var c = ReactorNettyStrategy.configured(W, p);
            assertEquals(W.capacity(), p.maxConnections());
            assertTrue(c.configuration().isRetryDisabled());
            assertContains(ReactorNettyStrategy.describe(p, c.configuration()), "maxConnections = n, HTTP/1.1 (",
                    "disableRetry, redirects off,");
            assertContains(ReactorNettyStrategy.describe(p, c.disableRetry(false).followRedirect(true).configuration()),
                    "retry once, redirects on,");
        } finally {
            p.dispose();
        }
    }

    @Test
    void aPoolOfAnotherSizeThanTheWorkloadsPrintsItsNumber() {
        assertEquals("n", Settings.n(Settings.SAMPLE.capacity()));
        assertEquals("11", Settings.n(Settings.SAMPLE.capacity() + 1));
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts) assertTrue(text.contains(p), "missing \"" + p + "\" in: " + text);
    }
}
