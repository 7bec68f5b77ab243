package httpbench.server;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * How late the server's delayed responses leave: actual delay minus configured delay, per response, in a
 * histogram of 1 µs buckets up to 50 ms (later ones count in the last bucket; the maximum is kept exactly).
 * Lock-free and allocation-free on the event loop; {@link #reset()} between iterations, when no batch runs.
 */
public final class Lateness {
    static final int BUCKETS = 50_000;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder n = new LongAdder();
    private volatile long maxNanos;

    void record(long lateNanos) {
        long late = Math.max(0, lateNanos);
        int b = (int) Math.min(BUCKETS, late / 1_000);
        counts.incrementAndGet(b);
        sumNanos.add(late);
        n.increment();
        if (late > maxNanos) maxNanos = late; // racy max: good enough for a report, never lower than a real value by much
    }

    public void reset() {
        for (int i = 0; i <= BUCKETS; i++) counts.set(i, 0);
        sumNanos.reset();
        n.reset();
        maxNanos = 0;
    }

    public long count() {
        return n.sum();
    }

    /** Mean lateness in ms, NaN when no delayed response was recorded. */
    public double meanMs() {
        long c = n.sum();
        return c == 0 ? Double.NaN : sumNanos.sum() / 1e6 / c;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : maxNanos / 1e6;
    }

    /** The q-quantile (0..1) in ms, to the microsecond (upper edge of its bucket); NaN when empty. */
    public double quantileMs(double q) {
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) total += counts.get(i);
        if (total == 0) return Double.NaN;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) return i == BUCKETS ? maxMs() : (i + 1) / 1000.0;
        }
        return maxMs();
    }
}
