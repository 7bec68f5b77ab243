package httpbench.server;

import httpbench.tls.SelfSigned;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The https side of the server: its TLS context, which offers ALPN {@code h2} then {@code http/1.1}, and, on each
 * new connection, the TLS handler (its handshake counted by {@link TlsStats}) followed by the handler that picks
 * HTTP/2 or HTTP/1.1 once the handshake is done.
 */
record ServerTls(SslContext context, TlsStats stats, Http2Support http) {
    /** The context for {@code identity}, its handshakes counted in {@code stats}, HTTP handed to {@code http}. */
    static ServerTls of(SelfSigned identity, TlsStats stats, Http2Support http) {
        try {
            // ALPN through the JDK provider (JSSE has it since 9), h2 preferred: a client offering h2 gets it; one
            // offering no ALPN, or none we speak, gets no ALPN answer and HTTP/1.1 (NO_ADVERTISE + the handler's
            // fallback). Cipher suites are JSSE's defaults, as before ALPN: the HTTP/1.1 rows negotiate what they did
            return new ServerTls(SslContextBuilder.forServer(identity.key(), identity.certificate())
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build(), stats, http);
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException("cannot build the server's TLS context: " + e, e);
        }
    }

    /** TLS, then ALPN's choice, on top of what the connection's pipeline already has. */
    void configure(SocketChannel ch) {
        ch.pipeline().addLast(stats.watch(context.newHandler(ch.alloc())), new Alpn());
    }

    /**
     * Chooses the connection's protocol once its TLS handshake is done: {@code h2} by ALPN gets the HTTP/2 codec and
     * multiplexer ({@link Http2Support#configureH2}), anything else HTTP/1.1 ({@link Http2Support#configureHttp1},
     * the handlers an https connection always had); then it leaves the pipeline. A failed handshake only closes the
     * connection: {@link TlsStats} has counted it already (Netty's handler would log a warning per failure).
     */
    private final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                http.configureH2(ctx.pipeline());
            } else {
                http.configureHttp1(ctx.pipeline());
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // as the request handler does: a client that gave up is expected, never log a wall
        }
    }
}
