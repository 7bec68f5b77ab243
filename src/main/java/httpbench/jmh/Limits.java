package httpbench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run with many callers needs from the machine, checked before any fork starts so a row never hangs or
 * dies half-way on a limit: file descriptors (each connection is one descriptor in the client and, with the
 * embedded server, one more in the server's end of it) and threads (rows with a platform thread per request
 * start n x callers of them). The limits are read from this JVM (forks inherit them) and from /proc.
 */
final class Limits {
    /** Descriptors and threads the JVM, JMH, JFR and the server use besides the connections and request threads. */
    static final int FD_MARGIN = 512;
    static final int THREAD_MARGIN = 256;

    private Limits() {}

    /**
     * Empty if a run of {@code capacity} requests in flight ({@code callers} callers) fits; else one line naming the
     * limit, its value, what the run needs and what to do.
     */
    static Optional<String> check(int capacity, int callers, boolean embeddedServer, boolean threadPerRequest,
                                  long maxFds, long maxThreads) {
        long fds = (embeddedServer ? 2L : 1L) * capacity + FD_MARGIN;
        if (maxFds > 0 && fds > maxFds) {
            return Optional.of(capacity + " requests in flight (n x callers) need about " + fds
                    + " file descriptors" + (embeddedServer ? " (each connection has both ends in this process"
                    + " with the embedded server)" : "") + " but the limit is " + maxFds + " (ulimit -n); raise it"
                    + (embeddedServer ? ", or run the server standalone (ServerMain, -p target=URL)" : "")
                    + ", or use fewer callers");
        }
        long threads = (threadPerRequest ? capacity : 0L) + callers + THREAD_MARGIN;
        if (maxThreads > 0 && threads > maxThreads) {
            return Optional.of(capacity + " requests in flight need about " + threads + " platform threads"
                    + (threadPerRequest ? " (threadPool: one per request)" : "") + " but this machine allows "
                    + maxThreads + " (the smallest of ulimit -u, kernel.threads-max, kernel.pid_max); "
                    + "use fewer callers" + (threadPerRequest ? " or leave threadPool out" : ""));
        }
        return Optional.empty();
    }

    /** This process's open-file limit, or -1 if unknown. */
    static long maxFileDescriptors() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean u) return u.getMaxFileDescriptorCount();
        return -1;
    }

    /** The smallest of RLIMIT_NPROC, kernel.threads-max and kernel.pid_max, or -1 if none can be read. */
    static long maxThreads() {
        long min = Long.MAX_VALUE;
        for (String f : List.of("/proc/sys/kernel/threads-max", "/proc/sys/kernel/pid_max")) {
            try {
                min = Math.min(min, Long.parseLong(Files.readAllLines(Path.of(f)).get(0).trim())); // not readString: on
                    // JDK 17 it reads 1 byte of a /proc file (whose size is 0)
            } catch (IOException | NumberFormatException | SecurityException e) {
                // not Linux, or not readable: that limit is unknown
            }
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max processes")) {
                    String soft = line.substring("Max processes".length()).trim().split("\\s+")[0];
                    if (!soft.equals("unlimited")) min = Math.min(min, Long.parseLong(soft));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // unknown
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }
}
