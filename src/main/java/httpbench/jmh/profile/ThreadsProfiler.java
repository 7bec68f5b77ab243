package httpbench.jmh.profile;

import httpbench.metric.Metric;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;

/**
 * Secondary metric {@code ·threads}: the peak number of live platform threads during each iteration, minus
 * those alive just before the strategy was opened (JMH, the embedded server). A pool of n shows ~n, an
 * event-loop client its I/O threads, virtual threads the carrier threads they ride on (the JVM's thread gauge
 * does not count virtual threads). Aggregated as a maximum, not a sum. The launcher always adds it.
 */
public final class ThreadsProfiler implements InternalProfiler {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static volatile int baseline = -1;

    /** Called by the benchmark state just before it opens the strategy (same JVM: internal profilers run in the fork). */
    public static void takeBaseline() {
        baseline = MX.getThreadCount();
    }

    @Override
    public String getDescription() {
        return "peak live platform threads added by the strategy during an iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        MX.resetPeakThreadCount();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        if (baseline < 0) return List.of();
        double added = Math.max(0, MX.getPeakThreadCount() - baseline);
        return List.of(Metrics.result(Metric.THREADS, added));
    }
}
