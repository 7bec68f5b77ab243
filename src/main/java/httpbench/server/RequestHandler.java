package httpbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.concurrent.TimeUnit;

/** The one request handler: a new one per HTTP/1.1 connection and per HTTP/2 stream (see Http2Support). */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final EmbeddedServer server;

    RequestHandler(EmbeddedServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.uri().startsWith(EmbeddedServer.INFO_PATH)) {
            info(ctx, HttpUtil.isKeepAlive(req));
            return;
        }
        String asked = Http2Support.asked(req.uri());
        String served = Http2Support.servedOver(ctx.channel()).name();
        if (asked != null && !asked.equals(served)) {
            wrongProtocol(ctx, HttpUtil.isKeepAlive(req), asked, served);
            return;
        }
        long seq = server.arrived();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        ServerConfig config = server.config();
        Fault fault = config.fault() != Fault.none && seq % config.faultEvery() == 0 ? config.fault() : Fault.none;
        long latency = server.delayNowMs();
        long delay = fault == Fault.slowHeaders ? Math.max(config.faultDelayMs(), latency) : latency;
        if (fault == Fault.stall) {
            return; // never answer; stays "in flight" until the client gives up and closes
        }
        if (delay > 0) {
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            ctx.executor().schedule(() -> {
                server.lateness().record(System.nanoTime() - due);
                respond(ctx, keepAlive, fault);
            }, delay, TimeUnit.MILLISECONDS);
        } else {
            respond(ctx, keepAlive, fault);
        }
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, Fault fault) {
        server.answered();
        if (!ctx.channel().isActive()) return;
        ByteBuf payload = server.payload();
        switch (fault) {
            case reset -> {
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setContentLength(head, payload.readableBytes());
                ctx.write(head);
                ctx.writeAndFlush(payload.duplicate().slice(0, payload.readableBytes() / 2))
                        .addListener(f -> {
                            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                            ctx.close();
                        });
            }
            case truncated -> {
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                HttpUtil.setContentLength(head, payload.readableBytes() + 100L);
                ctx.write(head);
                ctx.writeAndFlush(payload.duplicate()).addListener(ChannelFutureListener.CLOSE);
            }
            default -> {
                HttpResponseStatus status = fault == Fault.status500
                        ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.OK;
                ByteBuf body = fault == Fault.wrongBody ? server.wrongPayload().duplicate() : payload.duplicate();
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
                send(ctx, res, keepAlive);
            }
        }
    }

    /**
     * 505 for a request that asked ({@code ?protocol=}) for another protocol than it came over: a client that
     * fell back from HTTP/2 to HTTP/1.1 fails its batch instead of passing for an HTTP/2 row.
     */
    private void wrongProtocol(ChannelHandlerContext ctx, boolean keepAlive, String asked, String served) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, Unpooled.copiedBuffer("asked for " + asked
                + ", came over " + served, java.nio.charset.StandardCharsets.UTF_8));
        send(ctx, res, keepAlive);
    }

    /** Describes the server's settings, so a benchmark against a standalone server can check it matches. */
    private void info(ChannelHandlerContext ctx, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(ServerInfo.of(server.config(), server.transport()).json(), java.nio.charset.StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        send(ctx, res, keepAlive);
    }

    /**
     * The one way a whole response leaves: the connection kept alive, or closed after it with
     * {@code Connection: close} when the request did not ask to keep it.
     */
    private void send(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
        HttpUtil.setContentLength(res, res.content().readableBytes());
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // connection resets from clients that gave up are expected; never log a wall
    }
}
