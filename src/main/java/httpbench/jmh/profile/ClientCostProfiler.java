package httpbench.jmh.profile;

import httpbench.metric.Metric;

import httpbench.server.EmbeddedServer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Costs that are the client's, not the embedded server's (it runs in the same JVM), per operation (one batch):
 * <ul>
 *   <li>{@code clientBytes}: bytes allocated by every thread of the fork except the server's event loops. On JDK 21+
 *       from the JVM's running total of allocated bytes (threads that ended during the iteration included); on 17
 *       the sum over live threads, so a thread that starts and ends inside one iteration is missed (none of the
 *       rows that run on 17 has such threads: their pools live for the trial).</li>
 *   <li>{@code clientCpuMs}: CPU time of the whole process minus the server's threads: the client's threads plus
 *       what the JVM spends for them (JIT compiler and GC threads) and JMH's thin harness loop.</li>
 *   <li>{@code jitMs}: time the JIT compilers spent compiling per batch (the JVM's compilation-time counter, for
 *       the client's and the server's code alike), most of which is inside {@code clientCpuMs}: where a row's
 *       iteration holds only a few batches (latency 100 ms) a compilation that is still going on weighs on its
 *       {@code clientCpuMs}, and this says how much. Wall time of the compiler threads, so on busy cores it can
 *       exceed their CPU time.</li>
 *   <li>{@code serverLateMs}, {@code serverLateP50Ms}, {@code serverLateP99Ms}: how late the server's delayed
 *       responses left (actual minus configured delay; mean and median per iteration, p99 worst iteration). The
 *       report uses the mean to compute the delivered latency, so "% of physical limit" is not charged for it.</li>
 * </ul>
 * The client-only metrics are not emitted for a standalone target (its server is another process). Also, for
 * every target: {@code cpuBusyPct}, how busy all the machine's CPUs were during the iteration (Linux
 * {@code /proc/stat}, every process; near 100 % a row is CPU-bound, whatever its threads do), and {@code rssMiB},
 * the fork's resident memory at the iteration's end (peak over iterations), and {@code threadStacksMiB}, the
 * memory committed for platform threads' stacks (when the fork runs with Native Memory Tracking, see
 * {@link NativeMemory}). With {@code -p scheme=https} and the embedded server, {@code tlsHandshakes}: TLS
 * handshakes the server completed per batch (about n for the fresh rows, 0 for pooled rows once their connections
 * are open), and {@code tlsResumed}, how many of them resumed an earlier session (see EmbeddedServer#tlsResumed).
 * With the embedded server,
 * {@code peakConnections}: the most TCP connections open at once during the iteration (the server's gauge, reset
 * when the iteration starts: connections kept alive from the last one count). The launcher always adds it.
 */
public final class ClientCostProfiler implements InternalProfiler {

    private static volatile EmbeddedServer server;
    /** Taken at the end of the trial's setup: the first iteration starts there, not before the setup ran. */
    private static volatile Snapshot afterSetup;
    /** Taken at the start of the trial's teardown: the last iteration ends there, before clients and server close. */
    private static volatile Snapshot beforeTearDown;

    /** The trial's warm-up: its seconds (all phases) and whether every phase settled; null when off. */
    private record Warmup(double seconds, boolean settled) {}

    private static volatile Warmup warmup;

    private Snapshot start;
    private ProcStat.Cpu cpuStart;
    private Map<Long, Long> threadCpuStart;
    private long wallStart;
    private long tlsStart = -1;
    private long resumedStart = -1;
    /** TLS handshakes the trial's server had completed at the end of its setup (-1: none yet / http). */
    private static volatile long tlsAfterSetup = -1;
    private static volatile long resumedAfterSetup = -1;

    /**
     * Secondary metric: 1 when one of the fork's warm-up phases (code warm-up at latency 0, wait-path, steady) hit
     * its cap ({@code -p warmup=SECONDS}, default httpbench.jmh.BenchParams#AUTO_WARMUP_CAP_S s) before it settled, else
     * 0; absent with {@code -p warmup=off}. The report marks such rows "warm-up capped (k of F forks)".
     */
    public static final String WARMUP_CAPPED = Metric.WARMUP_CAPPED.key();

    /**
     * The trial's warm-up (null when off), reported as {@code warmupS} (all phases' seconds) and
     * {@link #WARMUP_CAPPED} (whether any phase hit its cap) with every iteration.
     */
    public static void warmedUp(double seconds, boolean settled) {
        warmup = new Warmup(seconds, settled);
    }

    /** {@code -p warmup=off}: no warm-up to report. */
    public static void noWarmup() {
        warmup = null;
    }

    /** Counters at one instant: process CPU, allocated bytes (total or per live thread), the server's share. */
    private record Snapshot(long cpu, long total, Map<Long, Long> live, long serverBytes, long serverCpu, long jitMs) {
        static Snapshot take(EmbeddedServer s) {
            long sb = ThreadAccounting.serverBytes(s);
            long sc = ThreadAccounting.serverCpu(s);
            long total = ThreadAccounting.TOTAL != null ? ThreadAccounting.total() : 0;
            Map<Long, Long> live = ThreadAccounting.TOTAL != null ? Map.of() : ThreadAccounting.liveBytes();
            return new Snapshot(ThreadAccounting.OS.getProcessCpuTime(), total, live, sb, sc, Machine.REAL.compileMs());
        }

        /** Bytes allocated by non-server threads between {@code this} and {@code end}. */
        long clientBytes(Snapshot end) {
            long bytes;
            if (ThreadAccounting.TOTAL != null) {
                bytes = end.total - total;
            } else {
                bytes = 0;
                for (Map.Entry<Long, Long> e : end.live.entrySet()) {
                    bytes += e.getValue() - live.getOrDefault(e.getKey(), 0L);
                }
            }
            return bytes - (end.serverBytes - serverBytes);
        }

        long clientCpu(Snapshot end) {
            return (end.cpu - cpu) - (end.serverCpu - serverCpu);
        }
    }

    /** The benchmark state names its embedded server (null for a standalone target) at the end of its setup. */
    public static void setupDone(EmbeddedServer s) {
        server = s;
        if (s != null) s.lateness().reset(); // the steady warm-up's responses are not the first iteration's
        beforeTearDown = null;
        afterSetup = supported() ? Snapshot.take(s) : null;
        tlsAfterSetup = s != null && s.config().https() ? s.tls().handshakesSinceStart() : -1;
        resumedAfterSetup = s != null && s.config().https() ? s.tls().resumed() : -1;
    }

    /** The benchmark state, first thing in its teardown. */
    public static void tearingDown() {
        EmbeddedServer s = server;
        beforeTearDown = supported() && s != null ? Snapshot.take(s) : null;
    }

    private static boolean supported() {
        return ThreadAccounting.SUN != null && ThreadAccounting.OS != null
                && ThreadAccounting.SUN.isThreadAllocatedMemorySupported() && ThreadAccounting.MX.isThreadCpuTimeSupported();
    }

    @Override
    public String getDescription() {
        return "client-only bytes and CPU per batch (server threads excluded), server lateness";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        EmbeddedServer s = server;
        if (s != null) {
            s.lateness().reset();
            s.connections().resetPeak();
        }
        cpuStart = ProcStat.cpu();
        threadCpuStart = ThreadAccounting.threadCpu();
        wallStart = System.nanoTime();
        // the first iteration of a trial starts before the trial's setup (and its server): counted from setupDone
        tlsStart = s != null && s.config().https() ? s.tls().handshakesSinceStart() : -1;
        resumedStart = s != null && s.config().https() ? s.tls().resumed() : -1;
        tlsAfterSetup = -1;
        resumedAfterSetup = -1;
        afterSetup = null;
        start = null;
        if (!supported()) return;
        if (!ThreadAccounting.SUN.isThreadAllocatedMemoryEnabled()) ThreadAccounting.SUN.setThreadAllocatedMemoryEnabled(true);
        if (!ThreadAccounting.MX.isThreadCpuTimeEnabled()) ThreadAccounting.MX.setThreadCpuTimeEnabled(true);
        start = Snapshot.take(s);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                         IterationParams iterationParams, IterationResult result) {
        List<Result> out = new ArrayList<>();
        EmbeddedServer s = server;
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        clientCosts(out, s, ops);
        tls(out, s, ops);
        machine(out, s);
        warmupAndServer(out, s);
        return out;
    }

    /** The client's bytes, CPU and JIT time per batch: the process's minus the embedded server's threads'. */
    private void clientCosts(List<Result> out, EmbeddedServer s, long ops) {
        Snapshot from = afterSetup != null ? afterSetup : start;
        Snapshot to = beforeTearDown != null ? beforeTearDown : (supported() ? Snapshot.take(s) : null);
        if (s != null && ops > 0 && from != null && to != null) {
            out.add(Metrics.result(Metric.CLIENT_BYTES, Math.max(0, from.clientBytes(to)) / (double) ops));
            out.add(Metrics.result(Metric.CLIENT_CPU_MS, Math.max(0, from.clientCpu(to)) / 1e6 / ops));
            out.add(Metrics.result(Metric.JIT_MS, Math.max(0, to.jitMs - from.jitMs) / (double) ops));
        }
        afterSetup = null;
    }

    /** Handshakes (and resumed ones) per batch, https only. */
    private void tls(List<Result> out, EmbeddedServer s, long ops) {
        long tlsFrom = tlsAfterSetup >= 0 ? tlsAfterSetup : tlsStart;
        long resumedFrom = resumedAfterSetup >= 0 ? resumedAfterSetup : resumedStart;
        tlsAfterSetup = -1;
        resumedAfterSetup = -1;
        if (s != null && s.config().https() && tlsFrom >= 0 && ops > 0) {
            out.add(Metrics.result(Metric.TLS_HANDSHAKES, (s.tls().handshakesSinceStart() - tlsFrom) / (double) ops));
            out.add(Metrics.result(Metric.TLS_RESUMED, (s.tls().resumed() - resumedFrom) / (double) ops));
        }
    }

    /** How busy the machine was, its busiest thread, and the process's memory. */
    private void machine(List<Result> out, EmbeddedServer s) {
        double busy = cpuStart == null ? Double.NaN : cpuStart.busyPctUntil(ProcStat.cpu());
        if (!Double.isNaN(busy)) out.add(Metrics.result(Metric.CPU_BUSY_PCT, busy));
        ThreadAccounting.Busiest b = ThreadAccounting.busiest(threadCpuStart, ThreadAccounting.threadCpu(), System.nanoTime() - wallStart);
        if (b != null) {
            out.add(Metrics.result(Metric.BUSIEST_THREAD_PCT, b.pct()));
            boolean serverThread = s != null && s.threads().stream().anyMatch(t -> t.getId() == b.id());
            out.add(Metrics.result(Metric.BUSIEST_IS_SERVER, serverThread ? 1 : 0));
            System.out.printf(java.util.Locale.ROOT, "%n# busiest thread: %s, %.0f %% of a core%n", b.name(), b.pct());
        }
        double rss = ProcStat.rssMiB();
        if (rss > 0) out.add(Metrics.result(Metric.RSS_MIB, rss));
        double stacks = NativeMemory.threadStacksMiB();
        if (stacks >= 0) out.add(Metrics.result(Metric.THREAD_STACKS_MIB, stacks));
    }

    /** The fork's warm-up outcome, and what the embedded server saw: peak connections and its own lateness. */
    private void warmupAndServer(List<Result> out, EmbeddedServer s) {
        Warmup w = warmup;
        if (w != null) {
            out.add(Metrics.result(Metric.WARMUP_S, w.seconds()));
            // the same value in every iteration of the fork; MAX: across forks it says whether any hit its cap
            out.add(Metrics.result(Metric.WARMUP_CAPPED, w.settled() ? 0 : 1));
        }
        // the most TCP connections open at once during the iteration (kept-alive ones count from its start): n for
        // n requests on HTTP/1.1, 1 when a client multiplexes them as HTTP/2 streams
        if (s != null) out.add(Metrics.result(Metric.PEAK_CONNECTIONS, s.connections().peak()));
        if (s != null && s.lateness().count() > 0) {
            out.add(Metrics.result(Metric.SERVER_LATE_MS, s.lateness().meanMs()));
            out.add(Metrics.result(Metric.SERVER_LATE_P50_MS, s.lateness().quantileMs(0.5)));
            out.add(Metrics.result(Metric.SERVER_LATE_P99_MS, s.lateness().quantileMs(0.99)));
        }
    }

}
