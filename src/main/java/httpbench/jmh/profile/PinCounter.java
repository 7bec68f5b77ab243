package httpbench.jmh.profile;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts JFR {@code jdk.VirtualThreadPinned} events (threshold 0: every time a virtual thread blocked while
 * pinned to its carrier) between two marks, with a {@link RecordingStream} in this JVM.
 *
 * <p>JFR delivers events asynchronously (a flush about once a second) and the JDK 17 API has no "flush now". So a
 * mark is itself a JFR event ({@link Mark}), committed at the boundary; the stream is ordered (events sorted by
 * commit time within each flush, flushes in sequence), so the stream thread sees every pinned event committed
 * before a mark before the mark itself, and records the running count when each mark arrives. {@link #between}
 * waits (bounded) until both marks have been delivered: the count between them is then exact, without comparing
 * JFR's clock to ours.
 *
 * <p>The event exists on JDK 21+ only; {@link #supported()} says whether this JVM has it.
 */
public final class PinCounter implements AutoCloseable {
    static final String PINNED = "jdk.VirtualThreadPinned";

    /** A boundary: its {@code id} names it; committed by {@link #mark()}. */
    @Name("httpbench.PinCounterMark")
    @Label("Pin counter mark")
    @Category("httpbench")
    @StackTrace(false)
    @Enabled(false) // only our stream turns it on
    public static final class Mark extends Event {
        @Label("Id")
        long id;
    }

    private final RecordingStream rs;
    private final AtomicLong nextId = new AtomicLong();
    /** mark id -> pinned events delivered before that mark; written by the stream thread only. */
    private final Map<Long, Long> countAtMark = new ConcurrentHashMap<>();
    private final Object delivered = new Object();
    private long pinned; // stream thread only
    private volatile Throwable failed;

    private PinCounter() {
        rs = new RecordingStream();
        rs.setOrdered(true);
        rs.enable(PINNED).withThreshold(Duration.ZERO).withoutStackTrace();
        rs.enable(Mark.class);
        rs.onEvent(PINNED, e -> pinned++);
        rs.onEvent("httpbench.PinCounterMark", this::onMark);
        rs.onError(t -> failed = t);
        rs.startAsync();
    }

    /** JDK 21+: the JVM has virtual threads and the {@code jdk.VirtualThreadPinned} event. */
    public static boolean supported() {
        return Runtime.version().feature() >= 21;
    }

    /** Starts counting; {@link IllegalStateException} on a JDK without the event. */
    public static PinCounter start() {
        if (!supported()) {
            throw new IllegalStateException("jdk.VirtualThreadPinned needs JDK 21+ (running "
                    + System.getProperty("java.version") + ")");
        }
        return new PinCounter();
    }

    private void onMark(RecordedEvent e) {
        countAtMark.put(e.getLong("id"), pinned);
        synchronized (delivered) {
            delivered.notifyAll();
        }
    }

    /** Commits a boundary now; returns its id for {@link #between}. */
    public long mark() {
        Mark m = new Mark();
        m.id = nextId.incrementAndGet();
        m.commit();
        return m.id;
    }

    /**
     * Pinned events committed between marks {@code from} and {@code to}, once the stream has delivered both;
     * empty if it has not within {@code timeout} (never waits longer) or the stream failed.
     */
    public OptionalLong between(long from, long to, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (delivered) {
            while (!(countAtMark.containsKey(from) && countAtMark.containsKey(to)) && failed == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return OptionalLong.empty();
                delivered.wait(Math.max(1, left / 1_000_000));
            }
        }
        if (failed != null) return OptionalLong.empty();
        long n = countAtMark.get(to) - countAtMark.get(from);
        countAtMark.remove(from);
        return OptionalLong.of(Math.max(0, n));
    }

    @Override
    public void close() {
        rs.close();
    }
}
