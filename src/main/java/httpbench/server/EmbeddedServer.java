package httpbench.server;

import httpbench.workload.Payload;
import httpbench.workload.Workload;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import httpbench.tls.SelfSigned;
import httpbench.tls.Trust;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Netty HTTP/1.1 and cleartext HTTP/2 (h2c, prior knowledge and upgrade; see {@link Http2Support}) server on one
 * address, keep-alive, answering every GET with the deterministic payload after
 * the configured latency. The latency is a task scheduled on the connection's event loop, never a sleeping
 * thread, so a thousand delayed requests cost no threads. Counters let tests prove how many requests were in
 * flight at once.
 *
 * <p>{@code https}: a fresh key and self-signed certificate are made at start ({@link SelfSigned}; clients trust it
 * through {@link #trust()}), and an {@link SslHandler} (JSSE, TLS 1.3 or 1.2) sits between the round-trip delay and
 * HTTP, so latency, payload and faults are the same as over http while a handshake pays its round trips. The
 * handshake offers ALPN {@code h2} and {@code http/1.1}: a connection that chose {@code h2} speaks HTTP/2 (the same
 * streams as h2c), any other (chose {@code http/1.1}, or its client offered no ALPN) HTTP/1.1 exactly as before.
 * Every handshake is counted, with the protocol, cipher suite and application protocol it negotiated
 * ({@link #tls()}).
 */
public final class EmbeddedServer implements AutoCloseable {
    /** Path answering the server's settings as JSON (not counted, never faulty). */
    public static final String INFO_PATH = "/" + Workload.INFO;
    private final ServerConfig config;
    private final ByteBuf payloadDirect;
    private final ByteBuf wrongDirect;
    private final ByteBuf payload;
    private final ByteBuf wrongPayload;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    /** TCP connections (counted on the connection, whatever protocol it speaks) and HTTP/2 streams. */
    private final ConnectionStats connections = new ConnectionStats();
    private final Http2Support http = new Http2Support(() -> new RequestHandler(this), connections);
    private final Lateness lateness = new Lateness();
    private final SelfSigned identity;
    private final Trust trust;
    private final TlsStats tlsStats = new TlsStats();
    /** The TLS context and handlers; null for http. */
    private final ServerTls tls;
    /** The delay applied now: the configured latency, or 0 while the benchmark warms code up ({@link #delayOff}). */
    private volatile long delayMs;
    /** Half the emulated round trip now (0 while warming code up, see {@link #delayOff}). */
    private volatile long halfRttNanos;
    private final java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ServerConfig.Transport transport;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private InetSocketAddress bound;

    public EmbeddedServer(ServerConfig config) {
        this(config, config.https() ? SelfSigned.generate() : null);
    }

    /** A server presenting {@code identity} when {@code config} is https (tests: a certificate of their choosing). */
    public EmbeddedServer(ServerConfig config, SelfSigned identity) {
        this.config = config;
        if (config.https() && identity == null) throw new IllegalArgumentException("https needs an identity");
        this.identity = config.https() ? identity : null;
        this.trust = this.identity == null ? null : this.identity.trust();
        this.tls = this.identity == null ? null : ServerTls.of(this.identity, tlsStats, http);
        delayOn();
        byte[] body = Payload.bytes(config.payloadBytes());
        this.payloadDirect = Unpooled.directBuffer(Math.max(1, body.length)).writeBytes(body);
        this.payload = Unpooled.unreleasableBuffer(payloadDirect);
        byte[] wrong = body.clone();
        for (int i = 0; i < wrong.length; i++) wrong[i] = (byte) ('Z' - (i % 26));
        this.wrongDirect = Unpooled.directBuffer(Math.max(1, wrong.length)).writeBytes(wrong);
        this.wrongPayload = Unpooled.unreleasableBuffer(wrongDirect);
    }

    /** Starts and binds; throws {@link IllegalStateException} with a clear message if the port is taken. */
    public EmbeddedServer start() {
        transport = resolve(config.transport());
        boolean epoll = transport == ServerConfig.Transport.epoll;
        boss = new MultiThreadIoEventLoopGroup(1, recording("bench-server-boss"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(config.workerThreads(), recording("bench-server-worker"),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ServerConfig.BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch);
                    }
                });
        bind(b);
        // Netty starts event-loop threads lazily; start them now so the thread gauge of a trial does not
        // count the server's threads as the client's
        for (io.netty.util.concurrent.EventExecutor e : workers) e.submit(() -> { }).syncUninterruptibly();
        return this;
    }

    /** A connection's handlers, bottom to top: connection count, network round trips, TLS, HTTP (so a handshake pays its round trips). */
    private void pipeline(SocketChannel ch) {
        http.countConnection(ch.pipeline());
        if (config.rttMs() > 0) ch.pipeline().addLast(new RoundTripDelay(() -> halfRttNanos));
        if (tls != null) {
            tls.configure(ch); // after the handshake, ALPN's choice: HTTP/2 (h2) or HTTP/1.1 (anything else)
        } else {
            http.configureCleartext(ch.pipeline()); // HTTP/1.1 and h2c on the same port
        }
    }

    /** Binds, or closes what started and says in one line why it could not. */
    private void bind(ServerBootstrap b) {
        try {
            serverChannel = b.bind(config.bindAddress(), config.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            close();
            // NIO raises BindException; native epoll a NativeIoException saying "Address already in use"
            if (e instanceof BindException || e.getCause() instanceof BindException
                    || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw new IllegalStateException("cannot bind " + config.bindAddress() + ":" + config.port()
                        + ": Address already in use (port in use? pick another with --port)", e);
            }
            throw new IllegalStateException("cannot start server on " + config.bindAddress() + ":"
                    + config.port() + ": " + e, e);
        }
        bound = (InetSocketAddress) serverChannel.localAddress();
    }

    /** auto: native epoll where Netty can load it (precise timerfd timers), else NIO. */
    static ServerConfig.Transport resolve(ServerConfig.Transport asked) {
        if (asked == ServerConfig.Transport.nio) return asked;
        if (Epoll.isAvailable()) return ServerConfig.Transport.epoll;
        if (asked == ServerConfig.Transport.epoll) {
            throw new IllegalStateException("native epoll transport unavailable here: "
                    + Epoll.unavailabilityCause() + " (use --transport nio or auto)");
        }
        return ServerConfig.Transport.nio;
    }

    /** Names the server's threads and remembers them, so costs can be split into the server's and the client's. */
    private ThreadFactory recording(String prefix) {
        DefaultThreadFactory f = new DefaultThreadFactory(prefix, true);
        return r -> {
            Thread t = f.newThread(r);
            threads.add(t);
            return t;
        };
    }

    public ServerConfig config() { return config; }

    /** The transport in use (after {@link #start()}). */
    public ServerConfig.Transport transport() { return transport; }

    /** Lateness of delayed responses (actual minus configured delay), for the server's own clock error. */
    public Lateness lateness() { return lateness; }

    /**
     * Answers without the configured latency and round trip until {@link #delayOn()} (faults still apply): the
     * benchmark's code warm-up, so that at 100 ms the JIT sees thousands of requests in seconds rather than ten
     * per second. Switch only between batches.
     */
    public void delayOff() {
        delayMs = 0;
        halfRttNanos = 0;
    }

    /**
     * Answers after {@code ms} in place of the configured latency, and with a round trip of {@code ms} in place of
     * the configured one, each only where one is configured, until {@link #delayOn()}: the benchmark's wait-path
     * warm-up. At latency 0 a client never waits for a response, so the code that parks, times out and wakes up
     * is still cold (or compiled for the wrong profile) when the configured 100 ms begin; at 1 ms it runs a hundred
     * times as often as at 100 ms. Switch only between batches.
     */
    public void delayShort(long ms) {
        if (ms <= 0) throw new IllegalArgumentException("delayShort needs ms > 0, got " + ms);
        delayMs = config.latencyMs() > 0 ? Math.min(ms, config.latencyMs()) : 0;
        halfRttNanos = config.rttMs() > 0 ? TimeUnit.MILLISECONDS.toNanos(Math.min(ms, config.rttMs())) / 2 : 0;
    }

    /** Restores the configured latency and round trip after {@link #delayOff()} or {@link #delayShort}. */
    public void delayOn() {
        delayMs = config.latencyMs();
        halfRttNanos = TimeUnit.MILLISECONDS.toNanos(config.rttMs()) / 2;
    }

    /** The server's own threads (event loops), alive or ended. */
    public java.util.List<Thread> threads() { return java.util.List.copyOf(threads); }

    public int port() { return bound.getPort(); }

    /** Base URI, e.g. {@code http://127.0.0.1:40123/} or {@code https://127.0.0.1:40123/}. */
    public URI uri() {
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create(config.scheme() + "://" + host + ":" + bound.getPort() + "/");
    }

    /** What clients must trust to reach this https server (exactly its certificate); null for http. */
    public Trust trust() {
        return trust;
    }

    /** What the server's TLS handshakes did (all zero for http). */
    public TlsStats tls() { return tlsStats; }

    public long requestsServed() { return requests.get(); }

    public int inFlight() { return inFlight.get(); }

    public int maxInFlight() { return maxInFlight.get(); }

    /** The TCP connections the server has seen and has open, and its HTTP/2 streams. */
    public ConnectionStats connections() { return connections; }

    /**
     * Resets requests served, max in flight, connections accepted, streams and peak connections (open
     * connections are a live gauge).
     */
    public void resetCounters() {
        requests.set(0);
        maxInFlight.set(inFlight.get());
        connections.reset();
        tlsStats.reset();
    }

    @Override
    public void close() {
        closeQuietly();
        if (payloadDirect.refCnt() > 0) payloadDirect.release();
        if (wrongDirect.refCnt() > 0) wrongDirect.release();
    }

    private void closeQuietly() {
        if (serverChannel != null) serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** A request arrived: counted and in flight; its sequence number since the last reset (1, 2, ...). */
    long arrived() {
        long seq = requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        return seq;
    }

    /** A request was answered (or its connection had gone): no longer in flight. */
    void answered() {
        inFlight.decrementAndGet();
    }

    /** The delay to apply now (the configured latency, or the warm-up's). */
    long delayNowMs() {
        return delayMs;
    }

    /** The response body, and the body of the wrong-body fault (same length, other bytes). */
    ByteBuf payload() {
        return payload;
    }

    ByteBuf wrongPayload() {
        return wrongPayload;
    }
}
