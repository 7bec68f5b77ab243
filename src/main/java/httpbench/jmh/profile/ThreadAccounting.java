package httpbench.jmh.profile;

import httpbench.server.EmbeddedServer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JVM says each thread cost: CPU time and allocated bytes per live thread, the process's total, the
 * embedded server's threads' share, and the busiest thread over an interval ({@link ClientCostProfiler}'s sources).
 */
final class ThreadAccounting {
    private ThreadAccounting() {
    }

    static final java.lang.management.ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    static final com.sun.management.ThreadMXBean SUN =
            MX instanceof com.sun.management.ThreadMXBean s ? s : null;
    static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o ? o : null;
    /** {@code getTotalThreadAllocatedBytes()}, JDK 21+: counts threads that have ended too. */
    static final MethodHandle TOTAL = totalAllocated();

    static MethodHandle totalAllocated() {
        try {
            return MethodHandles.publicLookup().findVirtual(com.sun.management.ThreadMXBean.class,
                    "getTotalThreadAllocatedBytes", MethodType.methodType(long.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** The thread that used the most CPU in an iteration: its share of one core over the iteration's wall time. */
    record Busiest(long id, String name, double pct) {}

    /** CPU time per live thread, ns (empty when not supported). */
    static Map<Long, Long> threadCpu() {
        if (SUN == null || !MX.isThreadCpuTimeSupported()) return Map.of();
        long[] ids = MX.getAllThreadIds();
        long[] cpu = SUN.getThreadCpuTime(ids);
        Map<Long, Long> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) if (cpu[i] >= 0) m.put(ids[i], cpu[i]);
        return m;
    }

    /**
     * The thread with the largest CPU time between two snapshots (a thread that started in between counts from 0),
     * as a share of one core over {@code wallNanos}: near 100 % one thread is the bottleneck, however idle the
     * other cores are (a single selector or event-loop thread serving every connection). Null when unknown.
     */
    static Busiest busiest(Map<Long, Long> from, Map<Long, Long> to, long wallNanos) {
        if (from == null || to == null || to.isEmpty() || wallNanos <= 0) return null;
        long bestId = -1, best = -1;
        for (Map.Entry<Long, Long> e : to.entrySet()) {
            long d = e.getValue() - from.getOrDefault(e.getKey(), 0L);
            if (d > best) {
                best = d;
                bestId = e.getKey();
            }
        }
        if (bestId < 0) return null;
        ThreadInfo info = MX.getThreadInfo(bestId);
        String name = info == null ? "thread " + bestId : info.getThreadName();
        return new Busiest(bestId, name, 100.0 * best / wallNanos);
    }

    static long total() {
        try {
            return (long) TOTAL.invokeExact(SUN);
        } catch (Throwable t) {
            throw new IllegalStateException("getTotalThreadAllocatedBytes failed: " + t, t);
        }
    }

    static Map<Long, Long> liveBytes() {
        long[] ids = MX.getAllThreadIds();
        long[] b = SUN.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) if (b[i] >= 0) m.put(ids[i], b[i]);
        return m;
    }

    static long serverBytes(EmbeddedServer s) {
        if (s == null) return 0;
        long sum = 0;
        for (Thread t : s.threads()) {
            long v = SUN.getThreadAllocatedBytes(t.getId());
            if (v > 0) sum += v;
        }
        return sum;
    }

    static long serverCpu(EmbeddedServer s) {
        if (s == null || !MX.isThreadCpuTimeSupported()) return 0;
        long sum = 0;
        for (Thread t : s.threads()) {
            long v = MX.getThreadCpuTime(t.getId());
            if (v > 0) sum += v;
        }
        return sum;
    }
}
