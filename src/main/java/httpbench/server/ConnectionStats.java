package httpbench.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server counts per TCP connection and per HTTP/2 stream. Connections are counted on the connection's
 * own channel ({@link #connectionHandler()}, installed first in every connection's pipeline whatever it goes on
 * to speak), never in the request handler: over HTTP/2 that handler runs once per stream, and ten streams on one
 * connection are one connection. {@link #peak()} is the most connections open at once since the last
 * {@link #resetPeak()}: n for n requests on n HTTP/1.1 connections, 1 when a client multiplexes them.
 */
public final class ConnectionStats {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final ChannelHandler handler = new Counter();

    /** One sharable handler for the bottom of every connection's pipeline. */
    ChannelHandler connectionHandler() { return handler; }

    /** TCP connections open now (an HTTP/2 connection is one, however many streams it carries). */
    public int open() { return open.get(); }

    /** Connections accepted since the server's last {@link EmbeddedServer#resetCounters()}. */
    public long accepted() { return accepted.get(); }

    /** The most TCP connections open at once since the last {@link EmbeddedServer#resetCounters()} or {@link #resetPeak()}. */
    public int peak() { return peak.get(); }

    /**
     * HTTP/2 streams opened since the server's last {@link EmbeddedServer#resetCounters()} (each request over h2 is
     * one stream; the h2c upgrade's request is stream 1; 0 while every client speaks HTTP/1.1).
     */
    public long streams() { return streams.get(); }

    void streamOpened() { streams.incrementAndGet(); }

    /** The peak starts again from the connections open now, kept-alive ones counted (the profiler, per iteration). */
    public void resetPeak() { peak.set(open.get()); }

    /** Connections accepted, streams and the peak start again (open connections are a live gauge). */
    void reset() {
        accepted.set(0);
        streams.set(0);
        resetPeak();
    }

    /** Waits (bounded) until at most {@code n} connections are open; returns the count. Woken by each close, not by polling. */
    public int awaitOpenAtMost(int n, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (open) {
            long left;
            while (open.get() > n && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
            return open.get();
        }
    }

    @ChannelHandler.Sharable
    private final class Counter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            int now = open.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            accepted.incrementAndGet();
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            synchronized (open) {
                open.decrementAndGet();
                open.notifyAll();
            }
            super.channelInactive(ctx);
        }
    }
}
