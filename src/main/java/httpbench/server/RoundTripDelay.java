package httpbench.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Network round trips on loopback: the first handler of the server's pipeline (below TLS and HTTP), it holds
 * every inbound read and every outbound write and flush for half the round-trip time, so a request pays R/2 on
 * its way in and its response R/2 on its way out — and a TLS handshake or an HTTP/2 preface, which need
 * exchanges, pay one R per exchange, as across a network. Order is kept: all delays are equal and the event
 * loop runs tasks due at the same time in the order they were scheduled.
 *
 * <p>Not emulated: the TCP handshake (the kernel completes it on loopback before the server sees the
 * connection, so a new connection costs no round trip here; a real one costs one), bandwidth, and loss.
 */
final class RoundTripDelay extends ChannelDuplexHandler {
    private final LongSupplier halfNanos;

    /** {@code halfNanos}: the delay each way now (0 passes through: the server's code warm-up, between batches). */
    RoundTripDelay(LongSupplier halfNanos) {
        this.halfNanos = halfNanos;
    }

    private void later(ChannelHandlerContext ctx, Runnable r) {
        long d = halfNanos.getAsLong();
        if (d <= 0) r.run();
        else ctx.executor().schedule(r, d, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        later(ctx, () -> ctx.fireChannelRead(msg));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        later(ctx, () -> ctx.fireChannelReadComplete());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // the peer's close travels the network too: after the data sent before it
        later(ctx, () -> ctx.fireChannelInactive());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        later(ctx, () -> ctx.write(msg, promise));
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        later(ctx, () -> ctx.flush());
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // a close must not overtake the delayed writes before it
        later(ctx, () -> ctx.close(promise));
    }
}
