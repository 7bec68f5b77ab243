package httpbench.strategy;

import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the JDK client's rows are faster over HTTPS than over plain HTTP at latency 0 (scripts/protocols.sh, part
 * tls): over a plain connection the client hands each exchange to its executor several times (each hand-off wakes
 * a pool thread), over TLS fewer times, as its TLS layer delivers decrypted data on the thread that decrypted
 * it. Counted here with the client the rows use ({@link JdkClients#build}) on an executor that counts its tasks:
 * serial requests on one kept-alive connection, after a warm-up (17.0.15 and 25.0.3: about 4 tasks per request over
 * http, 1 over https).
 */
@Tag("full") // ~14 s: the README's hand-off study, not a property the first command must check
class JdkClientHandOffTest {
    static final int WARM = 300;
    static final int MEASURED = 500;

    static double tasksPerRequest(httpbench.workload.Scheme scheme) throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 1024).withScheme(scheme)).start()) {
            AtomicLong tasks = new AtomicLong();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>()) {
                @Override
                public void execute(Runnable r) {
                    tasks.incrementAndGet();
                    super.execute(r);
                }
            };
            Workload w = Workload.of(server.uri(), 1, 1024);
            if (server.config().https()) w = w.withTrust(server.trust());
            JdkClients.Handle h = JdkClients.build(w, pool, true);
            try {
                URI u = server.uri().resolve("r/0");
                HttpRequest req = HttpRequest.newBuilder(u).GET().build();
                byte[] expected = null;
                for (int i = 0; i < WARM + MEASURED; i++) {
                    if (i == WARM) tasks.set(0);
                    HttpResponse<byte[]> r = h.client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, r.statusCode());
                    assertEquals(1024, r.body().length);
                    if (expected == null) expected = r.body();
                    else assertArrayEquals(expected, r.body());
                }
                assertEquals(1, server.connections().accepted(), "one kept-alive connection");
                return tasks.get() / (double) MEASURED;
            } finally {
                h.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void plainHttpCostsTheJdkClientMoreExecutorHandOffsPerRequestThanTls() throws Exception {
        double http = tasksPerRequest(httpbench.workload.Scheme.http);
        double https = tasksPerRequest(httpbench.workload.Scheme.https);
        System.out.printf(java.util.Locale.ROOT, "JDK %s client: executor tasks per request: http %.2f, https %.2f%n",
                Runtime.version(), http, https);
        // the counting itself works: plain http hands every exchange to the executor several times (about 4). Not
        // a lower bound on https: whether a TLS exchange completes on the executor or on the thread that decrypted
        // it is a race (1.0 per request on a quiet machine, 0.28 once during a full parallel build)
        assertTrue(http >= 2, "plain http: executor tasks per request " + http);
        assertTrue(http >= 2 * https, "http " + http + " vs https " + https);
    }
}
