package httpbench.strategy;

import httpbench.workload.Workload;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The transport a Netty-based row runs on ({@code -p transport}): {@link #nio} by default, what a user of these
 * libraries gets without native jars, or native {@link #epoll}. Left to themselves the libraries pick for
 * themselves: AsyncHttpClient 3 and Reactor Netty both take native epoll when Netty's native library is on the
 * class path, and ours carries it for the server's precise timers; so every Netty row is given its event loop of
 * the named transport, and {@link TransportSeen} checks the channel class it actually used.
 */
public enum NettyTransport {
    nio, epoll;

    public static NettyTransport of(Workload w) {
        return valueOf(w.transport().name());
    }

    /** Empty when this machine can run it; else one phrase why not (for epoll, Netty's own cause). */
    public Optional<String> unavailableReason() {
        if (this == nio || Epoll.isAvailable()) return Optional.empty();
        Throwable c = Epoll.unavailabilityCause();
        String why = c == null ? "unknown cause" : String.valueOf(c.getMessage() != null ? c.getMessage() : c);
        int nl = why.indexOf('\n');
        return Optional.of("native epoll is unavailable on this machine (" + (nl < 0 ? why : why.substring(0, nl)) + ")");
    }

    /**
     * An event loop group for AsyncHttpClient 3.0.13, which accepts only a {@code NioEventLoopGroup} or an
     * {@code EpollEventLoopGroup} (it picks its channel class from the group's class; a Netty 4.2
     * {@code MultiThreadIoEventLoopGroup} is refused), hence the deprecated classes.
     */
    @SuppressWarnings("deprecation")
    EventLoopGroup ahcGroup(int threads, ThreadFactory factory) {
        return this == nio ? new NioEventLoopGroup(threads, factory) : new EpollEventLoopGroup(threads, factory);
    }

    /** The I/O handler of a Netty 4.2 {@code MultiThreadIoEventLoopGroup}: Reactor Netty picks the channel class from it. */
    IoHandlerFactory ioHandlerFactory() {
        return this == nio ? NioIoHandler.newFactory() : EpollIoHandler.newFactory();
    }

    /**
     * The transport a channel class belongs to, from its package: {@code nio} (io.netty.channel.socket.nio),
     * {@code epoll}, {@code io_uring}, {@code kqueue}; any other class by its own name.
     */
    public static String nameOf(Class<?> channelClass) {
        String p = channelClass.getPackageName();
        if (p.equals("io.netty.channel.socket.nio")) return "nio";
        if (p.equals("io.netty.channel.epoll")) return "epoll";
        if (p.equals("io.netty.channel.uring") || p.equals("io.netty.incubator.channel.uring")) return "io_uring";
        if (p.equals("io.netty.channel.kqueue")) return "kqueue";
        return channelClass.getName();
    }
}
