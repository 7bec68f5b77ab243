package httpbench.report.read;

import httpbench.metric.Metric;

import java.util.Collection;

/**
 * How many of a row's forks had a warm-up phase hit its cap (the fork's {@code warmupCapped} secondary metric, 1
 * when its code warm-up at latency 0, wait-path warm-up or steady warm-up reached the cap of {@code -p warmup}
 * before it settled): such a fork may have measured code that was still warming. Per fork from the metric's
 * {@code rawData} (a fork counts when any of its iterations says 1), never from the score, which a merged file may
 * aggregate either way.
 *
 * @param which  the forks whose warm-up hit its cap, numbered from 1 in the file's order (JMH's fork order; in a
 *               merged file, the order of the files merged), so the mark names them
 * @param forks  the row's forks (0: the run did not record it: older jars, {@code -p warmup=off})
 */
public record WarmupCap(java.util.List<Integer> which, int forks) {
    public WarmupCap {
        which = java.util.List.copyOf(which);
    }

    /** How many forks' warm-up hit its cap. */
    public int capped() {
        return which.size();
    }

    /** The secondary metric ClientCostProfiler writes (httpbench.jmh.profile.ClientCostProfiler#WARMUP_CAPPED). */
    public static final String METRIC = Metric.WARMUP_CAPPED.key();
    /** The mark's words in notes and cells. */
    public static final String MARK = "warm-up capped";

    public static final WarmupCap NONE = new WarmupCap(java.util.List.of(), 0);

    /** True when at least one fork's warm-up hit its cap: the row is marked. */
    public boolean any() {
        return capped() > 0;
    }

    /** True when the run recorded whether its warm-ups settled. */
    public boolean recorded() {
        return forks > 0;
    }

    /** "1 of 3 forks: #2", naming the forks (numbered from 1). */
    public String count() {
        return capped() + " of " + forks + (forks == 1 ? " fork" : " forks") + ": #" + which.stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(", #"));
    }

    /** "warm-up capped (1 of 3 forks: #2)", or "" when no fork hit its cap. */
    public String label() {
        return any() ? MARK + " (" + count() + ")" : "";
    }

    /** "settled" (every fork's warm-up settled), the mark, or "" when not recorded: the CSV's {@code warmup_state}. */
    public String state() {
        return any() ? label() : recorded() ? "settled" : "";
    }

    /** True when any of these rows is marked. */
    public static boolean anyOf(Collection<Row> rows) {
        return rows.stream().anyMatch(r -> r.warmupCap().any());
    }

    /** The rule, for legends: what the mark means and what to do about it. */
    public static String rule() {
        return "*" + MARK + " (k of F forks: #i)*: in k of the row's F forks a warm-up phase (the code warm-up at "
                + "latency 0, the wait-path warm-up or the steady warm-up) reached its time cap before the batch "
                + "times settled, so those forks may have measured code that was still warming; raise "
                + "-p warmup=SECONDS (the default cap is " + httpbench.jmh.BenchParams.AUTO_WARMUP_CAP_S + " s)";
    }
}
