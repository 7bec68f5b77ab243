package httpbench.jmh;

import httpbench.strategy.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a run will do before it does it: how many rows (JMH's cross product of every {@code @Param}) and forks, and
 * how long that takes at least and at most. The launcher prints it before the first fork, so a user on a slow
 * machine knows whether to wait or to narrow the run, and JMH's own progress lines follow as usual.
 *
 * <p>The bounds come from the settings and from the warm-up rules, not from a measurement of this machine:
 * <ul>
 *   <li>lower: each warm-up phase stops no earlier than its rule allows (three blocks of windows, see
 *       {@link WarmupRules#steady}; a window lasts at least one batch, and a batch at least its physical limit,
 *       n·L for a serial row and L for a concurrent one), the wait-path phase not before its minimum of requests,
 *       and every JMH iteration lasts its time and at least one batch;</li>
 *   <li>upper: every warm-up phase runs to its cap ({@code -p warmup}; at latency &gt; 0 a fork has three phases),
 *       every iteration its time plus one batch at its physical limit, plus {@value #FORK_OVERHEAD_S} s per fork
 *       to start the JVM, the server and the client and to close them. A batch slower than its physical limit
 *       (a slow machine, a slow client) lengthens each iteration by that much: the upper bound is the settings',
 *       not a promise.</li>
 * </ul>
 */
final class RunPlan {
    /** JVM start, server and client start, teardown: a few seconds per fork, at most (upper bound only). */
    static final double FORK_OVERHEAD_S = 3;

    final int rows;
    final int forks;
    final double lowerS;
    final double upperS;

    private RunPlan(int rows, int forks, double lowerS, double upperS) {
        this.rows = rows;
        this.forks = forks;
        this.lowerS = lowerS;
        this.upperS = upperS;
    }

    /** The plan of {@code o}: its parameters where given (the launcher has resolved them), else the defaults. */
    static RunPlan of(Options o) {
        List<List<String>> axes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (java.lang.reflect.Field f : ConcurrentRequests.class.getFields()) {
            if (f.getAnnotation(Param.class) == null) continue;
            names.add(f.getName());
            var given = o.getParameter(f.getName());
            axes.add(given.hasValue() ? new ArrayList<>(given.get()) : Params.defaults(f.getName()));
        }
        RunSettings d = RunSettings.DECLARED;
        int forksPerRow = o.getForkCount().orElse(d.forks());
        // -f 0 runs in this JVM: one "fork" of each row; -wf forks run the whole fork and are thrown away
        int forks = Math.max(1, forksPerRow) + Math.max(0, o.getWarmupForkCount().orElse(0));
        int wi = o.getWarmupIterations().orElse(d.warmupIterations());
        double wt = seconds(o.getWarmupTime().orElse(d.warmupTime()));
        int mi = o.getMeasurementIterations().orElse(d.measurementIterations());
        double mt = seconds(o.getMeasurementTime().orElse(d.measurementTime()));

        int rows = 0;
        double lower = 0;
        double upper = 0;
        for (List<String> combo : cross(axes)) {
            rows++;
            double[] loHi = forkSeconds(names, combo, wi, wt, mi, mt);
            lower += forks * loHi[0];
            upper += forks * loHi[1];
        }
        return new RunPlan(rows, forks, lower, upper);
    }

    /**
     * One fork of one row, in seconds: {lower, upper}. Lower: each warm-up phase at its rule's minimum and every
     * iteration at least one batch; upper: each phase at its cap, one more batch per iteration, the fork's start.
     */
    private static double[] forkSeconds(List<String> names, List<String> combo, int wi, double wt, int mi, double mt) {
        Registry row = Registry.of(value(names, combo, "strategy"));
        int n = BenchParams.requests(value(names, combo, "requests"));
        long latency = BenchParams.latencyMs(value(names, combo, "latencyMs"));
        long rtt = BenchParams.rttMs(value(names, combo, "rttMs"));
        double capS = BenchParams.warmupCapSeconds(value(names, combo, "warmup"));
        boolean bound = latency > 0 || rtt > 0;
        double batchS = batchSeconds(row, n, latency + rtt);
        double lo = wi * Math.max(wt, batchS) + mi * Math.max(mt, batchS);
        double hi = wi * (wt + batchS) + mi * (mt + batchS) + FORK_OVERHEAD_S;
        if (capS > 0) {
            lo += Math.min(capS, phaseSeconds(WarmupRules.BLOCK_NANOS, batchS));
            hi += capS;
            if (bound) {
                // the code warm-up at latency 0, then the wait-path one at a short real delay
                lo += Math.min(capS, phaseSeconds(WarmupRules.BLOCK_NANOS, 0));
                double waitBatchS = batchSeconds(row, n, WarmupRules.WAIT_WARMUP_MS);
                long minBatches = (WarmupRules.WAIT_MIN_REQUESTS + n - 1) / n;
                lo += Math.min(capS, Math.max(phaseSeconds(WarmupRules.WAIT_BLOCK_NANOS, waitBatchS),
                        minBatches * waitBatchS));
                hi += 2 * capS;
            }
        }
        return new double[] {lo, hi};
    }

    /** The physical limit of one batch: n·L one after another (serial), or L (all in flight at once). */
    private static double batchSeconds(Registry row, int n, long perRequestMs) {
        return (row.serial() ? (double) n * perRequestMs : perRequestMs) / 1000.0;
    }

    /** The shortest warm-up phase its rule allows: three blocks, each at least two windows and {@code blockNanos}. */
    static double phaseSeconds(long blockNanos, double batchS) {
        double window = Math.max(WarmupRules.WINDOW_NANOS / 1e9, batchS);
        return 3 * Math.max(blockNanos / 1e9, 2 * window);
    }

    /** e.g. "# Run plan: 12 rows x 3 forks = 36 forks, estimated 8.1 to 80.3 min (...)". */
    String line() {
        boolean min = upperS >= 120;
        return String.format(Locale.ROOT, "# Run plan: %d row%s x %d fork%s = %d forks, estimated %s to %s %s "
                        + "(lower: each warm-up phase at its rule's minimum; upper: each at its cap, -p warmup; "
                        + "a machine slower than a batch's physical limit adds to each iteration)",
                rows, rows == 1 ? "" : "s", forks, forks == 1 ? "" : "s", rows * forks, amount(lowerS, min),
                amount(upperS, min), min ? "min" : "s");
    }

    private static String amount(double s, boolean min) {
        return min ? String.format(Locale.ROOT, "%.1f", s / 60) : String.format(Locale.ROOT, "%.0f", s);
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(TimeUnit.NANOSECONDS) / 1e9;
    }

    private static String value(List<String> names, List<String> combo, String name) {
        return combo.get(names.indexOf(name));
    }

    private static List<List<String>> cross(List<List<String>> axes) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : axis) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }
}
