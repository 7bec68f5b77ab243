package httpbench.report.render;

import httpbench.report.read.Mode;
import httpbench.report.read.Row;
import httpbench.report.read.WarmupCap;
import httpbench.report.stats.ForkLevel;
import httpbench.report.stats.Steady;

import java.util.Collection;
import java.util.Set;

/**
 * The legends of the report's tables: what each column and mark means, as text beside the tables that use it
 * (the table logic is {@link Tables}; the comparison's legend is {@link Compare}'s).
 */
public final class Legends {
    private Legends() {
    }

    /** What the score columns of AverageTime tables are. */
    static final String AVGT_SCORE = "*ms/op*: time of one batch of n requests, the row's fork-level "
            + "estimate [95 % interval] (see below). *speedup*: the `serial` row's time (`python-requests` in a Python-only run) / this "
            + "row's time at the same parameters. *% of physical limit*: the floor set by the server's latency "
            + "(n·L for serial rows, L for concurrent ones, where L is the latency the server delivered: the "
            + "configured one plus its own measured mean lateness, when recorded; with an emulated round trip R, "
            + "L + R per request) / this row's time; 100 % would be no overhead at all. ";

    /** What the score columns of Throughput tables are. */
    static final String THRPT_SCORE = "Throughput (`-bm thrpt`), higher is better: *batches/s*: batches of n "
            + "requests completed per second (summed over its threads), the fork-level estimate [95 % "
            + "interval]; *requests/s*: batches/s × n. *speedup* (throughput): this row's "
            + "batches/s / the `serial` row's at the same parameters; *× floor*: the `floor` row's batches/s / this "
            + "row's. *% of ideal (C/L)*: batches/s / the most C callers can complete when each batch takes exactly "
            + "its configured physical limit (C x 1000 / L for concurrent rows, / n·L for serial ones; C = JMH's "
            + "-t); the server's own lateness counts against the row here. The "
            + "steady-state check of a throughput row runs on log(batches/s): the same test, the change's sign "
            + "reversed (CSV *trend_pct* > 0 is a speed-up). ";

    /** What the score columns of SampleTime tables are. */
    static final String SAMPLE_SCORE = "SampleTime (`-bm sample`): *mean ms/op*: the mean of the sampled batch "
            + "times, the fork-level estimate [95 % interval] of the iterations' means; *p50* ... *p99.9*: percentiles of the "
            + "sampled batch times in ms, all forks pooled (JMH's `scorePercentiles`). *speedup* and *% of "
            + "physical limit* (sample): as for ms/op, from the mean; the steady-state check and *± > 5 %* "
            + "use each iteration's mean. ";

    /** What the peak connections column is (shown only by runs that recorded it). */
    static final String PEAK_CONNECTIONS_TEXT = "the most TCP connections the embedded server had open at once "
            + "during an iteration (*peak connections*: connections kept alive from the previous iteration count; "
            + "n for n requests on HTTP/1.1 connections, 1 when a client multiplexes them as HTTP/2 streams, "
            + "`-p protocol=h2`), ";

    /** What the server-lateness column is (runs that recorded it, rows at latency &gt; 0). */
    static final String LATE_TEXT = "; *server late*: how late the embedded server sent each delayed response (actual minus "
            + "configured delay, measured by the server itself, so not charged to the client; *p50*: the mean of "
            + "the measured iterations' medians, *p99*: the highest iteration's 99th percentile)";

    /** The columns every mode may have, after the score's. */
    static final String COSTS = "*client CPU ms/op*: CPU time of the process minus the embedded "
            + "server's threads, per batch (the client's threads plus JIT, GC and JMH's loop). *client B/req*: bytes "
            + "allocated per request by every thread except the server's. *pinned/op* (rows that block on virtual "
            + "threads, JDK 21+): JFR `jdk.VirtualThreadPinned` events per batch (threshold 0), times a virtual "
            + "thread blocked without releasing its carrier; `n/a` for rows that do not run on virtual threads. "
            + "*B/op*, *B/req (all threads)*: "
            + "`-prof gc`'s bytes per batch and per request, server included. ";

    /** How every number and interval of the tables is made: one paragraph shared by the legends. */
    static final String ESTIMATE = "Every number is a fork-level estimate (the fork, a fresh JVM, is the unit of "
            + "replication; Kalibera & Jones, ISMM 2013): the geometric mean of the F fork means (each fork's mean of "
            + "its measured iterations) with a 95 % interval from Student's t with F − 1 degrees of freedom on the "
            + "log fork means, back-transformed; *± (forks)*: the interval's larger side as a percentage of the "
            + "estimate, and F. JMH's own ± (a 99.9 % half-width that treats every iteration of every fork as "
            + "independent) is in the CSV only (*jmh_ci999_half_width*). ";

    static final String CHECKS = ESTIMATE + Steady.rule() + ". *" + Tables.HETERO_NOTE + "*: the fork means differ "
            + "beyond what their iterations explain (one-way ANOVA on the log iterations, p < " + ForkLevel.HETERO_P
            + ") with a fork-to-fork spread beyond the iterations' above " + fmtPct(ForkLevel.HETERO_CV)
            + " (standard deviation of the log fork means), e.g. a fork on another JIT plateau; the note lists the fork means. *" + Tables.WIDE_NOTE + "*: the 95 % interval's larger side is "
            + "more than " + fmtPct(Tables.WIDE) + " of the estimate; the note says how many forks the target would need at "
            + "this spread: cite such a row with its interval. Marks name the parameter set (e.g. `L=0 ms:`) when "
            + "the table has several.\n";

    static String fmtPct(double v) {
        double p = 100 * v;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + " %";
    }

    /** The legend of AverageTime tables (the README's sections use it, {@link #legend(Collection)}). */
    static final String LEGEND = legend(Set.of(Mode.AVGT));

    /** {@link #legend(Set)}, plus what "warm-up capped" means when {@code capped} (a row shows the mark). */
    public static String legend(Set<Mode> modes, boolean capped) {
        return legend(modes) + (capped ? WarmupCap.rule() + ".\n" : "");
    }

    /** The AverageTime legend for tables of these rows: {@link #LEGEND}, plus the warm-up cap's rule when one has it. */
    public static String legend(Collection<Row> rows) {
        return WarmupCap.anyOf(rows) ? legend(Set.of(Mode.AVGT), true) : LEGEND;
    }

    /** The legend for tables of these modes: what each mode's score columns are, then what they share. */
    public static String legend(Set<Mode> modes) {
        StringBuilder b = new StringBuilder();
        if (modes.isEmpty() || modes.contains(Mode.AVGT)) b.append(AVGT_SCORE);
        if (modes.contains(Mode.THRPT)) b.append(THRPT_SCORE);
        if (modes.contains(Mode.SAMPLE)) b.append(SAMPLE_SCORE);
        b.append(COSTS);
        return b.append(CHECKS).toString();
    }
}
