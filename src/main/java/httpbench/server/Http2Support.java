package httpbench.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;

import java.util.function.Supplier;

import httpbench.workload.Protocol;

/**
 * HTTP/1.1 and HTTP/2 on one port, with ONE request handler: each HTTP/2 stream gets its own child channel
 * ({@link Http2MultiplexHandler}) whose pipeline turns the stream's frames into the same {@code FullHttpRequest}
 * an HTTP/1.1 connection delivers ({@link Http2StreamFrameToHttpObjectCodec} + {@link HttpObjectAggregator}) and
 * ends in a new instance of the same handler. The stream channel runs on its connection's event loop, so the
 * handler's scheduled latency, faults, lateness and {@code /info} work unchanged.
 *
 * <p>Cleartext ({@link #configureCleartext}): a connection that starts with the HTTP/2 preface speaks h2c with prior
 * knowledge; an HTTP/1.1 request carrying {@code Upgrade: h2c} is answered {@code 101 Switching Protocols} and then
 * served as stream 1 of an HTTP/2 connection; anything else is plain HTTP/1.1, and once its first request has
 * passed, the upgrade machinery leaves the pipeline, so an HTTP/1.1 connection runs the handlers it ran before.
 *
 * <p>TLS (EmbeddedServer): after the TLS handler, an {@code ApplicationProtocolNegotiationHandler} (ALPN offering
 * {@code h2} and {@code http/1.1}) calls {@link #configureH2} or {@link #configureHttp1} on the pipeline, and
 * nothing else changes.
 */
public final class Http2Support {
    /** Query parameter naming the protocol a request must arrive over (a fallback must not pass silently). */
    public static final String QUERY = "protocol";
    static final int MAX_CONTENT = 64 * 1024;

    private final Supplier<? extends ChannelHandler> requestHandler;
    private final ConnectionStats stats;
    private final ChannelHandler streamInitializer;

    /**
     * @param requestHandler a new request handler for each connection (HTTP/1.1) or stream (HTTP/2); it receives
     *                       {@code FullHttpRequest}s and writes {@code FullHttpResponse}s (or their parts)
     * @param stats          counts connections (on the connection's channel) and streams
     */
    public Http2Support(Supplier<? extends ChannelHandler> requestHandler, ConnectionStats stats) {
        this.requestHandler = requestHandler;
        this.stats = stats;
        this.streamInitializer = new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                stats.streamOpened();
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                        new HttpObjectAggregator(MAX_CONTENT), requestHandler.get());
            }
        };
    }

    /** The protocol a request handler's channel serves: h2 on a stream channel, else http1. */
    public static Protocol servedOver(Channel ch) {
        return ch instanceof Http2StreamChannel ? Protocol.h2 : Protocol.http1;
    }

    /** The protocol the request's URI asks for ({@code ?protocol=h2}), or null when it does not ask. */
    public static String asked(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) return null;
        for (String kv : uri.substring(q + 1).split("&")) {
            if (kv.startsWith(QUERY + "=")) return kv.substring(QUERY.length() + 1);
        }
        return null;
    }

    /** Counts the connection; call first on every new connection's pipeline (below TLS when there is one). */
    public void countConnection(ChannelPipeline p) {
        p.addLast(stats.connectionHandler());
    }

    /** Plain TCP: HTTP/1.1, h2c with prior knowledge, and the HTTP/1.1 Upgrade to h2c. */
    public void configureCleartext(ChannelPipeline p) {
        HttpServerCodec codec = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(), multiplexer()) : null, MAX_CONTENT);
        p.addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                configureH2(ch.pipeline()); // prior knowledge: replaces the HTTP/1.1 handlers
            }
        }));
        p.addLast(new UpgradeOnlyFirst(upgrade), new HttpObjectAggregator(MAX_CONTENT), requestHandler.get());
    }

    /** HTTP/2 from the first byte: for a connection whose TLS handshake chose {@code h2} by ALPN. */
    public void configureH2(ChannelPipeline p) {
        p.addLast(frameCodec(), multiplexer());
    }

    /** HTTP/1.1 only: for a connection whose TLS handshake chose {@code http/1.1} (or offered no ALPN). */
    public void configureHttp1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_CONTENT), requestHandler.get());
    }

    private static Http2FrameCodec frameCodec() {
        return Http2FrameCodecBuilder.forServer().build();
    }

    private Http2MultiplexHandler multiplexer() {
        // the second handler serves stream 1 of an upgraded connection: the HTTP/1.1 request that asked to upgrade
        return new Http2MultiplexHandler(streamInitializer, streamInitializer);
    }

    /**
     * A client upgrades with its connection's first request (RFC 9113 §3.2 was written for that; the JDK client
     * does so). After the first request that did not upgrade, removes the upgrade handler and itself, so plain
     * HTTP/1.1 connections carry no per-request upgrade check.
     */
    private static final class UpgradeOnlyFirst extends ChannelInboundHandlerAdapter {
        private final HttpServerUpgradeHandler upgrade;

        UpgradeOnlyFirst(HttpServerUpgradeHandler upgrade) { this.upgrade = upgrade; }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                ChannelPipeline p = ctx.pipeline();
                if (p.context(upgrade) != null) p.remove(upgrade);
                p.remove(this);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
