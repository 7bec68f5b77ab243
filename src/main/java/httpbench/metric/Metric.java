package httpbench.metric;

import java.util.Optional;

/**
 * The suite's one metric vocabulary: every secondary result of a row, with its name in the JMH JSON, its unit and
 * how its values combine over iterations and forks. The profilers write them through these constants
 * ({@code httpbench.jmh.profile.Metrics}), merge aggregates by them and the report reads them by them, so nothing guesses
 * what a metric is from its name. JMH's own {@code -prof gc} results are here too, under the names JMH gives them.
 */
public enum Metric {
    /** Bytes the client's threads allocated per batch (the process's minus the embedded server's threads'). */
    CLIENT_BYTES("clientBytes", "B/op", Aggregation.AVG),
    /** CPU time of the process minus the embedded server's threads, per batch. */
    CLIENT_CPU_MS("clientCpuMs", "ms/op", Aggregation.AVG),
    /** JIT compilation time per batch during the iteration. */
    JIT_MS("jitMs", "ms/op", Aggregation.AVG),
    TLS_HANDSHAKES("tlsHandshakes", "#/op", Aggregation.AVG),
    TLS_RESUMED("tlsResumed", "#/op", Aggregation.AVG),
    /** How busy the machine's cores were during the iteration. */
    CPU_BUSY_PCT("cpuBusyPct", "%", Aggregation.AVG),
    BUSIEST_THREAD_PCT("busiestThreadPct", "%", Aggregation.AVG),
    /** 1 when the busiest thread was one of the embedded server's. */
    BUSIEST_IS_SERVER("busiestIsServer", "", Aggregation.MAX),
    RSS_MIB("rssMiB", "MiB", Aggregation.MAX),
    THREAD_STACKS_MIB("threadStacksMiB", "MiB", Aggregation.MAX),
    /** Seconds the fork's warm-up phases took. */
    WARMUP_S("warmupS", "s", Aggregation.AVG),
    /** 1 when a warm-up phase of the fork reached its cap (the same in every iteration; across forks: any). */
    WARMUP_CAPPED("warmupCapped", "", Aggregation.MAX),
    /** The most TCP connections the embedded server had open at once. */
    PEAK_CONNECTIONS("peakConnections", "connections", Aggregation.MAX),
    SERVER_LATE_MS("serverLateMs", "ms", Aggregation.AVG),
    SERVER_LATE_P50_MS("serverLateP50Ms", "ms", Aggregation.AVG),
    SERVER_LATE_P99_MS("serverLateP99Ms", "ms", Aggregation.MAX),
    /** JFR's jdk.VirtualThreadPinned events per batch. */
    PINNED_EVENTS("pinnedEvents", "events/op", Aggregation.AVG),
    /** Threads the trial added at its peak. */
    THREADS("threads", "threads", Aggregation.MAX),
    /** JMH's -prof gc: allocation rate. */
    GC_ALLOC_RATE("gc.alloc.rate", "MB/sec", Aggregation.AVG),
    /** JMH's -prof gc: bytes allocated per batch by the whole process. */
    GC_ALLOC_NORM("gc.alloc.rate.norm", "B/op", Aggregation.AVG),
    GC_COUNT("gc.count", "counts", Aggregation.SUM),
    GC_TIME("gc.time", "ms", Aggregation.SUM);

    /** How a metric's values combine: over a fork's iterations as JMH does, and the same over forks. */
    public enum Aggregation { AVG, SUM, MAX }

    private final String key;
    private final String unit;
    private final Aggregation aggregation;

    Metric(String key, String unit, Aggregation aggregation) {
        this.key = key;
        this.unit = unit;
        this.aggregation = aggregation;
    }

    /** The name in JMH's JSON ({@code secondaryMetrics}). */
    public String key() { return key; }

    public String unit() { return unit; }

    public Aggregation aggregation() { return aggregation; }

    /** The metric a JMH JSON name stands for; empty for one this suite does not know (another profiler's). */
    public static Optional<Metric> of(String key) {
        for (Metric m : values()) if (m.key.equals(key)) return Optional.of(m);
        return Optional.empty();
    }
}
