package httpbench.jmh.profile;

import httpbench.metric.Metric;

import httpbench.strategy.Registry;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Secondary metric {@code pinnedEvents}: JFR {@code jdk.VirtualThreadPinned} events (threshold 0) per batch, for
 * the rows that run blocking calls on virtual threads ({@link Registry#blocksOnVirtualThreads()}), on JDK 21+.
 * Other rows, and JDK 17, start no JFR at all and get no metric, so their numbers carry no JFR overhead.
 *
 * <p>Like {@link ClientCostProfiler}, the first iteration counts from the end of the trial's setup (not its
 * warm-up) and the last until the start of its teardown: the benchmark state calls {@link #setupDone()} and
 * {@link #tearingDown()}. Each boundary is a mark event in the same JFR stream ({@link PinCounter}); after the
 * iteration the profiler waits, at most {@value #WAIT_S} s (about one JFR flush, ~1 s), for the stream to deliver
 * the end mark; if it does not, the iteration has no {@code pinnedEvents} rather than a wrong one. The stream
 * starts before the first iteration (so the threads profiler's baseline includes JFR's threads) and is closed in
 * the teardown.
 */
public final class PinnedProfiler implements InternalProfiler {
    static final int WAIT_S = 5;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_S);

    private static volatile PinCounter counter;
    /** Mark at the end of the trial's setup: the first iteration counts from there. */
    private static volatile long afterSetup = -1;
    /** Pinned events from the iteration's start to the start of the teardown (the last iteration), or -1. */
    private static volatile long untilTearDown = -1;
    /** The start mark of the running iteration (static: {@link #tearingDown()} needs it too). */
    private static volatile long iterationStart = -1;

    /** The benchmark state, at the end of its setup (after the warm-up). */
    public static void setupDone() {
        PinCounter c = counter;
        afterSetup = c != null ? c.mark() : -1;
    }

    /** The benchmark state, first thing in its teardown: counts the last iteration and stops JFR. */
    public static void tearingDown() {
        PinCounter c = counter;
        if (c == null) return;
        counter = null;
        try {
            untilTearDown = countToNow(c);
        } finally {
            c.close();
        }
    }

    /** Pinned events from the iteration's start (the end of setup, for the first iteration) to now, or -1. */
    private static long countToNow(PinCounter c) {
        return count(c, afterSetup >= 0 ? afterSetup : iterationStart, c.mark());
    }

    private static long count(PinCounter c, long from, long to) {
        if (from < 0) return -1;
        try {
            OptionalLong n = c.between(from, to, WAIT);
            if (n.isEmpty()) {
                System.out.println("# pinnedEvents: JFR did not deliver the iteration's end within " + WAIT_S
                        + " s; no value for this iteration");
            }
            return n.orElse(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean wanted(BenchmarkParams params) {
        String name = params.getParam("strategy");
        return name != null && PinCounter.supported()
                && Registry.find(name).map(Registry::blocksOnVirtualThreads).orElse(false);
    }

    @Override
    public String getDescription() {
        return "JFR jdk.VirtualThreadPinned events per batch (rows with blocking calls on virtual threads, JDK 21+)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (counter == null && wanted(benchmarkParams)) counter = PinCounter.start();
        PinCounter c = counter;
        iterationStart = c != null ? c.mark() : -1;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long n;
        PinCounter c = counter;
        if (untilTearDown >= 0 || c == null) {
            n = untilTearDown;
        } else {
            n = countToNow(c);
        }
        afterSetup = -1;
        untilTearDown = -1;
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        if (n < 0 || ops <= 0) return List.of();
        return List.of(Metrics.result(Metric.PINNED_EVENTS, n / (double) ops));
    }
}
