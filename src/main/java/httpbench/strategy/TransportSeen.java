package httpbench.strategy;

import io.netty.channel.Channel;

import java.util.Optional;

/**
 * What a Netty-based row's connections actually ran on, recorded from each new channel's class (the root channel:
 * an HTTP/2 stream's parent is the socket). A channel of another transport than {@code -p transport} names is kept
 * as a mismatch and {@link #check()} (called after every batch) throws it: a library that changes how it picks its
 * transport cannot go unnoticed.
 */
public final class TransportSeen {
    /** A transport ({@code nio}, {@code epoll}, {@code io_uring}...) and the channel class it was read from. */
    public record Seen(String transport, String channelClass) {
        @Override public String toString() { return transport + " (" + channelClass + ")"; }
    }

    private final String row;
    private final String expected;
    private volatile Seen first;
    private volatile String mismatch;

    TransportSeen(String row, String expected) {
        this.row = row;
        this.expected = expected;
    }

    /** Records a new channel of the client (any thread; cheap: once per connection). */
    void record(Channel ch) {
        Channel root = ch;
        while (root.parent() != null) root = root.parent();
        record(root.getClass());
    }

    void record(Class<?> channelClass) {
        Seen s = new Seen(NettyTransport.nameOf(channelClass), channelClass.getName());
        if (first == null) first = s;
        if (mismatch == null) mismatch = mismatch(row, expected, s).orElse(null);
    }

    /** The first channel seen, empty before the first connection. */
    public Optional<Seen> seen() {
        return Optional.ofNullable(first);
    }

    /** Throws {@link IllegalStateException} (one line) when a channel of another transport was seen. */
    public void check() {
        String m = mismatch;
        if (m != null) throw new IllegalStateException(m);
    }

    /** Empty when {@code seen} is on {@code expected}; else the one line the check throws. */
    public static Optional<String> mismatch(String row, String expected, Seen seen) {
        if (seen.transport().equals(expected)) return Optional.empty();
        return Optional.of(row + ": -p transport=" + expected + " but its connection ran on " + seen
                + ": the library picked its own transport; see NettyTransport");
    }
}
