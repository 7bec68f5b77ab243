package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.AsyncHttpClientConfig;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.Dsl;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;

/**
 * AsyncHttpClient (Netty): n requests fired, all futures awaited. Retries off ({@code maxRequestRetry=0}: its
 * default of 5 would silently retry failures and hide a broken run). Built once per trial; its shutdown quiet
 * period is set to zero so closing at trial end takes milliseconds, not seconds. Its event loop is ours, of the
 * transport {@code -p transport} names: left to itself AHC 3 takes native epoll (or io_uring) whenever Netty's
 * native library is on the class path, as it is in this jar for the server (it ran on {@code EpollSocketChannel}).
 */
public final class AsyncHttpClientStrategy implements Strategy {
    static final int IO_THREADS = 1;
    private AsyncHttpClient client;
    private int pool;
    /** Connections and threads this client made: AHC's close() is asynchronous and, when it runs after the
     * event loop ended, leaves pooled connections open; we close and join them ourselves, bounded. */
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private TransportSeen seen;


    @Override
    public void open(Workload w) {
        pool = w.capacity();
        AtomicInteger seq = new AtomicInteger();
        java.util.concurrent.ThreadFactory factory = r -> {
            Thread t = new Thread(r, "bench-ahc-" + seq.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
        TransportSeen seen = new TransportSeen(name(), w.transport().name());
        this.seen = seen;
        // a group we give is not shut down by AHC's close(): close() does it
        group = NettyTransport.of(w).ahcGroup(IO_THREADS, factory);
        client = Dsl.asyncHttpClient(config(w, pool)
                .setThreadFactory(factory)
                .setEventLoopGroup(group)
                .setHttpAdditionalChannelInitializer(ch -> {
                    seen.record(ch);
                    channels.add(ch);
                    ch.closeFuture().addListener(f -> channels.remove(ch));
                })
                .build());
    }

    static DefaultAsyncHttpClientConfig.Builder config(Workload w, int pool) {
        DefaultAsyncHttpClientConfig.Builder b = new DefaultAsyncHttpClientConfig.Builder();
        // https: the Netty context trusting exactly the server's certificate, host name checked (Trust). AHC uses a
        // context it is given as it is (its own ALPN offer is only in one it builds), so h2 gets Trust's context that
        // offers ALPN h2 + http/1.1 and AHC switches to HTTP/2 when the handshake chose h2; http1 the one that
        // offers no ALPN (HTTP/1.1, as http2Enabled(false) wants)
        if (w.https()) b.setSslContext(w.h2() ? w.trust().nettyClientContextH2() : w.trust().nettyClientContext());
        return b
                .setMaxConnections(pool)
                .setMaxConnectionsPerHost(pool)
                .setKeepAlive(true)
                .setMaxRequestRetry(0)
                // AHC 3 enables HTTP/2 by default (ALPN over TLS): pinned off for http1; for h2 over cleartext,
                // http2CleartextEnabled installs the HTTP/2 codec right after connecting (prior knowledge); over TLS
                // it changes nothing: ALPN decides
                .setHttp2Enabled(w.h2())
                .setHttp2CleartextEnabled(w.h2())
                .setFollowRedirect(false)
                .setConnectTimeout(w.connectTimeout())
                .setRequestTimeout(w.requestTimeout())
                .setReadTimeout(w.requestTimeout())
                .setIoThreadsCount(IO_THREADS)
                .setThreadPoolName("bench-ahc")
                // idle eviction off (like the JDK client's 20-minute keep-alive, it never fires in a trial); it
                // also avoids AHC's close race where its idle detector reschedules on a stopped timer and logs
                .setPooledConnectionIdleTimeout(Duration.ZERO)
                .setConnectionTtl(Duration.ZERO)
                .setShutdownQuietPeriod(Duration.ZERO)
                .setShutdownTimeout(Duration.ofSeconds(2));
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        BatchResult r = runWith(client, name(), w);
        seen.check();
        return r;
    }

    @Override
    public Optional<TransportSeen.Seen> transportSeen() {
        return seen == null ? Optional.empty() : seen.seen();
    }

    static BatchResult runWith(AsyncHttpClient client, String name, Workload w) throws Exception {
        return Await.<org.asynchttpclient.Response>sent(name, w, i -> client.prepareGet(w.uri(i).toString()).execute(),
                (i, r) -> ResponseCheck.check(name, w, i, r.getStatusCode(), r.getResponseBodyAsBytes()));
    }

    @Override
    public String describe() {
        return describe(config(Settings.SAMPLE, Settings.SAMPLE.capacity()).build());
    }

    /** The row's settings as {@code c} holds them (the object {@link #config} builds); the rest is how it is wired. */
    static String describe(AsyncHttpClientConfig c) {
        return "org.asynchttpclient " + c.getIoThreadsCount() + " Netty I/O thread, "
                + Settings.both("maxConnections", c.getMaxConnections(), "maxConnectionsPerHost", c.getMaxConnectionsPerHost())
                + ", " + (c.isKeepAlive() ? "keep-alive" : "no keep-alive")
                + " (idle eviction " + Settings.onOff(!c.getPooledConnectionIdleTimeout().isZero()) + "), maxRequestRetry "
                + c.getMaxRequestRetry() + ", connect/request/read timeouts from the workload, HTTP/2 "
                + Settings.onOff(c.isHttp2Enabled()) + " (-p protocol=h2: http2Enabled + http2CleartextEnabled, prior "
                + "knowledge over cleartext, ALPN h2 over https); "
                + "https: Netty SslContext (JDK provider) trusting exactly the server's certificate, HTTPS host-name check, "
                + "ALPN offering h2 + http/1.1 under -p protocol=h2, none under http1";
    }

    @Override
    public void close() {
        if (client == null && group == null) return;
        for (Channel ch : channels) ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        try {
            if (client != null) client.close();
        } catch (IOException e) {
            // closing after a failed batch: nothing more to do
        }
        client = null;
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        channels.clear();
    }
}
