package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reactor Netty's {@link HttpClient} (the client under Spring WebClient): n {@code Mono}s subscribed at once and
 * awaited as futures. A fixed {@link ConnectionProvider} of n connections, its own event loop (one thread, of the
 * transport {@code -p transport} names: left to itself Reactor Netty would pick epoll, found on our class path for
 * the server; given a group, it picks the channel class from the group's I/O handler), retry off (its default retries a request once when a pooled connection turns out closed). The event loop group is
 * ours, not a {@code LoopResources}: disposing one of those arms a timeout on Reactor's global {@code parallel}
 * scheduler, whose thread outlives the trial; the pool's pending-acquire timer runs on our loop for the same reason.
 */
public final class ReactorNettyStrategy implements Strategy {
    static final int IO_THREADS = 1;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private EventLoopGroup group;
    private ConnectionProvider provider;
    private HttpClient client;
    private TransportSeen seen;


    @Override
    public void open(Workload w) {
        int n = w.capacity();
        String id = "bench-reactor-" + SEQ.incrementAndGet();
        TransportSeen seen = new TransportSeen(name(), w.transport().name());
        this.seen = seen;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(IO_THREADS, new DefaultThreadFactory(id, true),
                NettyTransport.of(w).ioHandlerFactory());
        this.group = group;
        provider = pool(w, id, n, group);
        client = configured(w, provider)
                .runOn(group)
                .doOnChannelInit((observer, ch, remote) -> seen.record(ch));
    }

    /** The client on {@code provider} with every setting the row makes but its event loop and channel hook. */
    static HttpClient configured(Workload w, ConnectionProvider provider) {
        HttpClient c = HttpClient.create(provider);
        // https: the Netty context trusting exactly the server's certificate, host name checked (Trust); for h2 the
        // one that offers ALPN h2 (a context given to secure() is used as it is)
        if (w.https()) {
            io.netty.handler.ssl.SslContext ctx = w.h2() ? w.trust().nettyClientContextH2() : w.trust().nettyClientContext();
            c = c.secure(spec -> spec.sslContext(ctx));
        }
        return c
                // H2C alone is prior knowledge (H2C with HTTP11 would be the upgrade); H2 alone is HTTP/2 over TLS,
                // chosen by ALPN (no HTTP/1.1 to fall back to)
                .protocol(!w.h2() ? HttpProtocol.HTTP11 : w.https() ? HttpProtocol.H2 : HttpProtocol.H2C)
                .keepAlive(true)
                .disableRetry(true)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) w.connectTimeout().toMillis())
                .responseTimeout(w.requestTimeout());
    }

    /** A pool of n connections whose waits for a connection time out by the workload's bound, on the row's own loop. */
    static ConnectionProvider pool(Workload w, String id, int n, EventLoopGroup group) {
        ConnectionProvider.Builder pb = ConnectionProvider.builder(id)
                .maxConnections(n);
        if (w.h2()) {
            // HTTP/2: left to itself the pool spreads streams over new connections (10 for 10 requests); strict
            // reuse fills a connection up to the server's stream limit before opening another
            pb.allocationStrategy(Http2AllocationStrategy.builder().maxConnections(n).minConnections(1)
                    .strictConnectionReuse(true).build());
        }
        return pb
                .pendingAcquireTimeout(w.requestTimeout())
                .pendingAcquireTimer((task, delay) -> {
                    ScheduledFuture<?> f = group.next().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                })
                .build();
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        BatchResult r = Await.<Response>sent(name(), w, i -> client.get().uri(w.uri(i))
                        .responseSingle((res, body) -> {
                            int status = res.status().code();
                            return body.asByteArray()
                                    .map(b -> new Response(status, b))
                                    .switchIfEmpty(Mono.fromSupplier(() -> new Response(status, new byte[0])));
                        })
                        .toFuture(),
                (i, res) -> ResponseCheck.check(name(), w, i, res.status(), res.body()));
        seen.check();
        return r;
    }

    @Override
    public Optional<TransportSeen.Seen> transportSeen() {
        return seen == null ? Optional.empty() : seen.seen();
    }

    @Override
    public String describe() {
        ConnectionProvider p = pool(Settings.SAMPLE, "describe", Settings.SAMPLE.capacity(), null);
        try {
            return describe(p, configured(Settings.SAMPLE, p).configuration());
        } finally {
            p.dispose();
        }
    }

    /** The pool size, retry and redirects as {@code p} and {@code c} hold them (the objects {@link #open} builds). */
    static String describe(ConnectionProvider p, reactor.netty.http.client.HttpClientConfig c) {
        return "reactor.netty HttpClient, " + IO_THREADS + " Netty I/O thread, fixed ConnectionProvider "
                + "maxConnections = " + Settings.n(p.maxConnections()) + ", "
                + (java.util.Arrays.equals(c.protocols(), new HttpProtocol[] {HttpProtocol.HTTP11}) ? "HTTP/1.1"
                        : java.util.Arrays.toString(c.protocols()))
                + " (-p protocol=h2: H2C, prior knowledge, over https H2 by ALPN; "
                + "Http2AllocationStrategy strictConnectionReuse), keep-alive (no idle eviction), "
                + (c.isRetryDisabled() ? "disableRetry" : "retry once") + ", redirects "
                + Settings.onOff(c.followRedirectPredicate() != null) + ", "
                + "connect timeout and responseTimeout (between reads) from the workload; https: secure() with a Netty "
                + "SslContext (JDK provider) trusting exactly the server's certificate, HTTPS host-name check, ALPN "
                + "offering h2 + http/1.1 under -p protocol=h2, none under http1";
    }

    @Override
    public void close() {
        Duration max = Duration.ofSeconds(5);
        if (provider != null) {
            try {
                provider.disposeLater().block(max);
            } catch (RuntimeException e) {
                // closing after a failed batch: the loop's shutdown below closes what is left
            }
            provider = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, max.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(max.toMillis() + 1_000);
            group = null;
        }
        client = null;
    }
}
