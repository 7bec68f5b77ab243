package httpbench.report.render;

import httpbench.metric.Metric;

import httpbench.report.stats.ForkLevel;
import httpbench.report.read.Mode;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.stats.Steady;
import httpbench.report.read.WarmupCap;

import static httpbench.report.stats.Numbers.fmt;

import httpbench.strategy.Registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Markdown / CSV tables of one run. Markdown: one row per strategy (any name: rows are never a fixed list),
 * one group of columns per parameter set (n, L, payload... whatever varies in the run): ms per batch ± JMH's
 * fork-level 95 % interval ({@link ForkLevel}), speedup vs {@code serial} at the same parameters, % of the physical limit (n·L for serial
 * rows, L for concurrent ones, when L > 0; 100 % = no overhead at all), bytes per batch and per request when the
 * run used {@code -prof gc}; a second table with peak threads and cost as a multiple of the {@code floor} row
 * when the run has those. CSV: one line per benchmark row with every number. Throughput rows ({@code -bm thrpt})
 * show batches/s ± half-width and requests/s (batches/s × n) instead of ms/op, their speedup is a ratio of
 * throughputs (still &gt; 1 = faster) and they have no % of physical limit; SampleTime rows ({@code -bm sample})
 * show the mean ms/op ± half-width and the p50, p90, p99 and p99.9 batch times. A file of several modes gets one
 * set of tables per mode.
 */
public final class Tables {
    private Tables() {}

    static final String ALLOC = Metric.GC_ALLOC_NORM.key();
    static final String THREADS = Metric.THREADS.key();
    static final String CLIENT_BYTES = Metric.CLIENT_BYTES.key();
    static final String CLIENT_CPU = Metric.CLIENT_CPU_MS.key();
    static final String SERVER_LATE = Metric.SERVER_LATE_MS.key();
    static final String SERVER_LATE_P50 = Metric.SERVER_LATE_P50_MS.key();
    static final String SERVER_LATE_P99 = Metric.SERVER_LATE_P99_MS.key();
    /** JFR jdk.VirtualThreadPinned events per batch; only rows that block on virtual threads (JDK 21+) have it. */
    static final String PINNED = Metric.PINNED_EVENTS.key();
    /** Busy share of all the machine's CPUs during the iterations, % (Linux /proc/stat; every process counted). */
    static final String CPU_BUSY = Metric.CPU_BUSY_PCT.key();
    /** The most TCP connections the embedded server had open at once in an iteration (max over iterations). */
    static final String PEAK_CONNECTIONS = Metric.PEAK_CONNECTIONS.key();
    /** Pseudo-parameter that separates rows of different @Benchmark methods in one file. */
    static final String BENCH = "@benchmark";
    /** At most this many parameter sets side by side; more are split into further tables. */
    static final int GROUPS_PER_TABLE = 3;
    static final List<String> KEY_ORDER = List.of(BENCH, Row.CALLERS, "requests", "latencyMs", "payloadBytes",
            "blockingClient", "protocol", "target");

    /** Rows in registry order; rows the registry does not know (other harnesses, older jars) after, as found. */
    public static final java.util.Comparator<Row> ROW_ORDER = java.util.Comparator.comparingInt(
            (Row r) -> r.registered().map(Enum::ordinal).orElse(Integer.MAX_VALUE));

    // ---------------------------------------------------------------------------------------------- parameters

    // ---------------------------------------------------------------------------------------------- numbers

    /**
     * Physical limit of a batch in ms (n·L serial, L concurrent), or NaN when L is 0. L is the latency the server
     * delivered: the configured one plus the server's own measured mean lateness ({@code serverLateMs}) when the
     * run recorded it, so the server's timer error is not charged to the client; with an emulated round trip R
     * ({@code rttMs}) every request pays it too, so L + R per request (a new connection's handshakes are the
     * client's choice, not the floor).
     */
    public static double limit(Row r) {
        if (r.latencyMs() <= 0 && r.rttMs() <= 0) return Double.NaN;
        double late = r.secondary().getOrDefault(SERVER_LATE, 0.0);
        double l = r.latencyMs() + (Double.isNaN(late) ? 0 : late) + r.rttMs();
        return r.serialLike() ? r.requests() * l : l;
    }

    /**
     * Batches per second C callers would complete if every batch took exactly its configured physical limit (n·L
     * serial, L concurrent, the server's lateness not counted): C x 1000 / limit. NaN at latency 0.
     */
    public static double idealBatchesPerSecond(Row r) {
        if (r.latencyMs() <= 0 && r.rttMs() <= 0) return Double.NaN;
        double perRequest = r.latencyMs() + r.rttMs();
        double l = r.serialLike() ? (double) r.requests() * perRequest : perRequest;
        return r.callers() * 1000.0 / l;
    }

    static final String HETERO_NOTE = "forks disagree";

    /** Everything the tables show about one row, computed against the other rows of its parameter set. */
    /** A fork-level interval wider than this fraction of the estimate is marked in the note (the suite aims at ±5 %). */
    static final double WIDE = ForkLevel.TARGET;
    static final String WIDE_NOTE = "± > 5 %";

    // ---------------------------------------------------------------------------------------------- Markdown

    /** One header paragraph and the tables per file, then a legend. */
    public static String markdown(List<RunFile> files) {
        StringBuilder b = new StringBuilder();
        Set<Mode> modes = new LinkedHashSet<>();
        boolean capped = false;
        for (RunFile f : files) {
            b.append(header(f)).append("\n\n").append(table(f.rows(), null));
            for (Row r : f.rows()) modes.add(r.mode());
            capped |= WarmupCap.anyOf(f.rows());
        }
        return b.append(Legends.legend(modes, capped)).append('\n').toString();
    }

    /** "**JDK 25.0.3** (VM) · JMH settings · constant parameters · machine · `file`". */
    static String header(RunFile f) {
        List<Row> rows = f.rows();
        Map<SortedMap<String, String>, List<Row>> g = Groups.groups(rows, null);
        Set<String> vary = Groups.varying(g.keySet());
        Map<String, String> constant = new TreeMap<>(g.keySet().iterator().next());
        constant.keySet().removeAll(vary);
        StringBuilder b = new StringBuilder();
        b.append("**").append(f.otherHarness() ? f.jdkVersion() : "JDK " + f.jdkVersion()).append("**");
        String vm = (f.vmName() + " " + f.vmVersion()).strip();
        if (!vm.isEmpty()) b.append(" (").append(vm).append(')');
        b.append(" · ").append(f.settings());
        String c = Groups.label(constant, constant.keySet());
        if (!c.isEmpty()) b.append(" · ").append(c);
        if (!f.machine().isEmpty()) b.append(" · ").append(f.machine());
        b.append(" · `").append(f.path().getFileName()).append('`');
        return b.toString();
    }

    /**
     * The tables for these rows: one line per strategy, one column group per parameter set ({@code only}: group
     * by these parameter keys only, null for all). Column headers name the parameters that differ between groups.
     */
    public static String table(List<Row> rows, Collection<String> only) {
        StringBuilder b = new StringBuilder();
        for (List<Row> same : byMode(rows).values()) b.append(tableOfOneMode(same, only));
        return b.toString();
    }

    /** Rows split by JMH mode, modes in first-seen order: a file of several modes gets tables per mode. */
    static Map<Mode, List<Row>> byMode(List<Row> rows) {
        Map<Mode, List<Row>> out = new LinkedHashMap<>();
        for (Row r : rows) out.computeIfAbsent(r.mode(), m -> new ArrayList<>()).add(r);
        return out;
    }

    /** The parameter sets of each mode (a serial row is only the baseline of rows of its own mode). */
    static List<List<Row>> groupsPerMode(List<Row> rows) {
        List<List<Row>> out = new ArrayList<>();
        for (List<Row> same : byMode(rows).values()) out.addAll(Groups.groups(same, null).values());
        return out;
    }

    static String tableOfOneMode(List<Row> rows, Collection<String> only) {
        Map<SortedMap<String, String>, List<Row>> groups = Groups.groups(rows, only);
        Set<String> vary = Groups.varying(groups.keySet());
        List<SortedMap<String, String>> keys = new ArrayList<>(groups.keySet());
        StringBuilder b = new StringBuilder();
        for (int from = 0; from < keys.size(); from += GROUPS_PER_TABLE) {
            List<SortedMap<String, String>> chunk = keys.subList(from, Math.min(keys.size(), from + GROUPS_PER_TABLE));
            Map<String, Map<String, Line>> byStrategy = new LinkedHashMap<>();
            Map<SortedMap<String, String>, List<Line>> lines = new LinkedHashMap<>();
            for (SortedMap<String, String> k : chunk) {
                List<Line> ls = Lines.lines(groups.get(k));
                lines.put(k, ls);
                for (Line l : ls) byStrategy.computeIfAbsent(l.strategy, s -> new LinkedHashMap<>()).put(k.toString(), l);
            }
            b.append(mainTable(chunk, lines, byStrategy, vary));
            b.append(costTable(chunk, lines, byStrategy, vary));
        }
        return b.toString();
    }

    /** A column of a wide table: header and the cell for one row (null line = row absent in this group). */
    interface Cell {
        String of(Line l);
    }

    record Column(String header, Cell cell) {}

    static String mainTable(List<SortedMap<String, String>> chunk, Map<SortedMap<String, String>, List<Line>> lines,
                            Map<String, Map<String, Line>> byStrategy, Set<String> vary) {
        Map<SortedMap<String, String>, List<Column>> columns = new LinkedHashMap<>();
        boolean notes = false;
        for (SortedMap<String, String> k : chunk) {
            List<Line> ls = lines.get(k);
            String t = WideTable.tag(k, vary);
            List<Column> cs = new ArrayList<>(scoreColumns(ls.get(0).row.mode(), t));
            String base = ls.stream().map(l -> l.baseline).filter(x -> x != null).findFirst().orElse(null);
            if (base != null) cs.add(new Column(t + "speedup vs " + base, l -> Cells.times(l.speedup)));
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.ofLimit))) {
                cs.add(new Column(t + (ls.get(0).row.mode() == Mode.THRPT ? "% of ideal (C/L)" : "% of physical limit"),
                        l -> Cells.pct(l.ofLimit)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.clientCpuMs))) {
                cs.add(new Column(t + "client CPU ms/op", l -> fmt(l.clientCpuMs)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.clientBytesPerRequest))) {
                cs.add(new Column(t + "client B/req", l -> Cells.bytes(l.clientBytesPerRequest)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.pinned))) {
                cs.add(new Column(t + "pinned/op", l -> fmt(l.pinned)));
            }
            notes |= ls.stream().anyMatch(l -> !l.fullNote().isEmpty());
            columns.put(k, cs);
        }
        return WideTable.render(chunk, byStrategy, columns, notes, vary);
    }

    /** The columns of a mode's score: ms/op; batches/s and requests/s; mean ms/op and percentiles. */
    static List<Column> scoreColumns(Mode mode, String t) {
        List<Column> cs = new ArrayList<>();
        switch (mode) {
            case THRPT:
                cs.add(new Column(t + "batches/s [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> Cells.precisionCell(l.est)));
                cs.add(new Column(t + "requests/s", l -> fmt(requestsPerSecond(l.row))));
                break;
            case SAMPLE:
                cs.add(new Column(t + "mean ms/op [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> Cells.precisionCell(l.est)));
                for (double p : Mode.PERCENTILES) {
                    cs.add(new Column(t + Mode.percentileLabel(p) + " ms", l -> fmt(l.row.percentile(p))));
                }
                break;
            default:
                cs.add(new Column(t + "ms/op [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> Cells.precisionCell(l.est)));
        }
        return cs;
    }

    /** Throughput rows: batches/s × n (one operation is one batch of n GETs); NaN for other modes. */
    static double requestsPerSecond(Row r) {
        return r.mode() == Mode.THRPT ? Lines.number(r) * r.requests() : Double.NaN;
    }

    /** Peak threads and × floor, when the run has them; empty otherwise. */
    static String costTable(List<SortedMap<String, String>> chunk, Map<SortedMap<String, String>, List<Line>> lines,
                            Map<String, Map<String, Line>> byStrategy, Set<String> vary) {
        Map<SortedMap<String, String>, List<Column>> columns = new LinkedHashMap<>();
        boolean any = false;
        boolean connections = false;
        boolean late = false;
        for (SortedMap<String, String> k : chunk) {
            List<Line> ls = lines.get(k);
            String t = WideTable.tag(k, vary);
            List<Column> cs = new ArrayList<>();
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.threads))) {
                cs.add(new Column(t + "peak threads", l -> Cells.count(l.threads)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.peakConnections))) {
                cs.add(new Column(t + "peak connections", l -> Cells.count(l.peakConnections)));
                connections = true;
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.xFloor))) {
                cs.add(new Column(t + "× floor", l -> Cells.times(l.xFloor)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.bytes))) {
                cs.add(new Column(t + "B/op (all threads)", l -> Cells.bytes(l.bytes)));
                cs.add(new Column(t + "B/req (all threads)", l -> Cells.bytes(l.bytesPerRequest)));
            }
            if (ls.stream().anyMatch(l -> l.row.secondary().containsKey(SERVER_LATE_P50))) {
                cs.add(new Column(t + "server late p50 / p99 ms", Cells::serverLate));
                late = true;
            }
            any |= !cs.isEmpty();
            columns.put(k, cs);
        }
        if (!any) return "";
        return "Peak platform threads the strategy added during an iteration, "
                + (connections ? Legends.PEAK_CONNECTIONS_TEXT : "")
                + "time as a multiple of the "
                + "`floor` row (one plain socket, serial; latency 0 only), and bytes allocated by every thread of "
                + "the JVM including the embedded server's (`-prof gc`'s `gc.alloc.rate.norm`)"
                + (late ? Legends.LATE_TEXT : "") + ":\n\n"
                + WideTable.render(chunk, byStrategy, columns, false, vary);
    }

}
