package httpbench.strategy;

import httpbench.workload.Workload;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds and closes {@link HttpClient}s the same way for every strategy that uses one: HTTP/1.1 forced (the
 * default would send an h2c upgrade on every plain-http request), our own executor (so its threads can be shut
 * down), the workload's connect timeout. The JDK client's pool is unbounded per host, so it holds n connections.
 *
 * <p>Closing: JDK 21+ has {@code shutdownNow()/awaitTermination}; on 17 the client's selector thread (and its
 * pooled connections) only go away once the client is unreachable, so close() drops the reference and waits,
 * bounded, for that thread to end after a GC.
 */
final class JdkClients {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final boolean CAN_SHUTDOWN = hasShutdownNow();

    private static boolean hasShutdownNow() {
        try {
            HttpClient.class.getMethod("shutdownNow");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private JdkClients() {}

    /** A client plus what is needed to close it completely. */
    static final class Handle {
        HttpClient client;
        final ExecutorService executor;
        final List<Thread> ownThreads;
        final boolean ownExecutor;
        private HttpClient closing;

        Handle(HttpClient client, ExecutorService executor, List<Thread> ownThreads, boolean ownExecutor) {
            this.client = client;
            this.executor = executor;
            this.ownThreads = ownThreads;
            this.ownExecutor = ownExecutor;
        }

        HttpClient client() { return client; }

        /**
         * JDK 21+: {@code shutdownNow()} without waiting: the client closes its connections and its selector thread
         * ends in the background, as an AsyncHttpClient's close() leaves its channels to close on the event loop.
         * {@link #awaitClosed} waits for it later.
         */
        void requestClose() {
            HttpClient c = client;
            client = null;
            if (c == null) return;
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(c);
                closing = c;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("HttpClient.shutdownNow() failed: " + e, e);
            }
        }

        /** True once a client whose close was requested has terminated (its selector thread ended). */
        boolean closed() {
            if (closing == null) return client == null;
            try {
                return (boolean) HttpClient.class.getMethod("isTerminated").invoke(closing);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }

        /** Waits (bounded) for a client whose close was requested to terminate. */
        void awaitClosed(Duration max) {
            if (closing == null) return;
            try {
                HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(closing, max);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // bounded wait failed: nothing more to do here; leaks are caught by the tests
            }
            closing = null;
        }

        void close() {
            HttpClient c = client;
            client = null;
            if (c != null) {
                if (CAN_SHUTDOWN) {
                    try {
                        HttpClient.class.getMethod("shutdownNow").invoke(c);
                        HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(c, Duration.ofSeconds(5));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // fall through to the bounded wait below
                    }
                }
                // JDK 17: no close; the selector thread ends once the client is collected (waited for below)
            }
            c = null;
            if (!ownExecutor) return; // a shared executor belongs to whoever shared it
            executor.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (Thread t : ownThreads) {
                while (t.isAlive() && System.nanoTime() < deadline) {
                    System.gc();
                    try {
                        t.join(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            try {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A cached pool of daemon threads named {@code prefix-worker-k}, as every JDK client here uses. */
    static ExecutorService executor(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, prefix + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(tf);
    }

    static Handle build(Workload w, String threadPrefix) {
        return build(w, executor(threadPrefix + "-" + SEQ.incrementAndGet()), true);
    }

    /** A client on {@code executor}; {@code own}: the handle shuts the executor down when it closes. */
    static Handle build(Workload w, ExecutorService executor, boolean own) {
        // JDK 17 cannot close a client: remember its selector thread to wait for it on close (the snapshot costs
        // a few ms, so only where it is needed)
        Set<Thread> before = CAN_SHUTDOWN ? null : new HashSet<>(Thread.getAllStackTraces().keySet());
        HttpClient.Builder b = HttpClient.newBuilder();
        // https: the SSLContext trusting exactly the server's certificate; the JDK client checks host names itself
        if (w.https()) b.sslContext(w.trust().sslContext());
        HttpClient client = b
                // HTTP/1.1 pinned (the default, HTTP_2, would send an h2c upgrade with every new connection's
                // first request, and offer h2 by ALPN over TLS); -p protocol=h2: HTTP_2, which over cleartext is
                // that upgrade (no prior knowledge) and over https ALPN offering h2 and http/1.1
                .version(version(w))
                .connectTimeout(w.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        List<Thread> created = CAN_SHUTDOWN ? List.of() : Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().contains("SelectorManager"))
                .toList();
        Handle h = new Handle(client, executor, created, own);
        if (w.h2()) {
            try {
                connectOnce(w, client);
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
        }
        return h;
    }

    /**
     * Over cleartext the JDK client reaches HTTP/2 only by the HTTP/1.1 Upgrade, one per new connection: a cold
     * concurrent batch sends every request before the first upgrade is answered, so it opens and upgrades n
     * connections, then multiplexes every later request on one of them and keeps the other n - 1 open, idle (JDK
     * 17 leaves them open even after the client is gone; see Http2Test). Over https there is no upgrade (ALPN offers
     * h2 on every new connection) but the same race: a cold batch opens n TLS connections, each negotiating h2 for
     * its one request, and the client keeps all n open (JDK 17 and 25; Http2Test.jdkClientsColdConcurrentBatchOverTls).
     * So that the row measures the client's HTTP/2 rather than that start-up race, {@code open} makes one HTTP/2
     * connection with a GET of the server's {@code /info} (not a counted request), as other clients' pools are warm
     * once their first batch has run.
     */
    private static void connectOnce(Workload w, HttpClient client) {
        java.net.URI info = w.infoUri();
        HttpResponse<Void> r;
        try {
            r = client.send(HttpRequest.newBuilder(info).timeout(w.requestTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("HTTP/2 " + (w.https() ? "" : "upgrade ") + "request to " + info
                    + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the HTTP/2 request to " + info, e);
        }
        if (r.version() != HttpClient.Version.HTTP_2) {
            throw new IllegalStateException(info + " answered " + r.statusCode() + " over " + r.version()
                    + (w.https() ? ": the server's TLS handshake did not choose h2 by ALPN"
                            : ": the server did not upgrade to HTTP/2 (h2c)") + ", so -p protocol=h2 cannot run on it");
        }
    }

    static HttpClient.Version version(Workload w) {
        return w.h2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }

    static HttpRequest request(Workload w, int i) {
        return HttpRequest.newBuilder(w.uri(i)).timeout(w.requestTimeout()).GET().build();
    }

    /** How the rows that can run {@code -p protocol=h2} get there (the fresh rows cannot). */
    static String describeH2() {
        return "; -p protocol=h2: Version.HTTP_2, over cleartext the HTTP/1.1 Upgrade (no prior knowledge), one "
                + "connection upgraded in open() with GET /info, every request a stream on it; over https ALPN "
                + "(h2, http/1.1), one h2 connection made in open() with GET /info likewise";
    }

    static String describe() {
        return "java.net.http.HttpClient, " + (version(Settings.SAMPLE) == HttpClient.Version.HTTP_1_1
                ? "HTTP/1.1 forced" : version(Settings.SAMPLE)) + ", keep-alive pool unbounded per host, connect timeout "
                + "and per-request timeout from the workload, cached executor; https: sslContext trusting exactly the "
                + "server's certificate (host names checked, the client's default)";
    }
}
