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

    /** The parameters that define a row's column group: all but the strategy, plus the benchmark if needed. */
    static SortedMap<String, String> groupKey(Row r, boolean severalBenchmarks, Collection<String> only) {
        SortedMap<String, String> g = r.groupParams();
        if (only != null) g.keySet().retainAll(only);
        if (severalBenchmarks) g.put(BENCH, r.shortName());
        return g;
    }

    static boolean severalBenchmarks(List<Row> rows) {
        return rows.stream().map(Row::benchmark).distinct().count() > 1;
    }

    /** Rows grouped by parameter set, in first-seen order. {@code only}: group by these keys only (null: all). */
    public static Map<SortedMap<String, String>, List<Row>> groups(List<Row> rows, Collection<String> only) {
        boolean several = only == null && severalBenchmarks(rows); // "only": the caller chose what to group by
        Map<SortedMap<String, String>, List<Row>> g = new LinkedHashMap<>();
        for (Row r : rows) g.computeIfAbsent(groupKey(r, several, only), k -> new ArrayList<>()).add(r);
        for (List<Row> l : g.values()) l.sort(ROW_ORDER);
        return g;
    }

    /** Keys whose value is not the same in every parameter set (a missing key counts as a value). */
    static Set<String> varying(Collection<? extends Map<String, String>> sets) {
        Set<String> all = new LinkedHashSet<>();
        for (Map<String, String> s : sets) all.addAll(s.keySet());
        Set<String> out = new LinkedHashSet<>();
        for (String k : all) {
            if (sets.stream().map(s -> String.valueOf(s.get(k))).distinct().count() > 1) out.add(k);
        }
        return out;
    }

    static String paramLabel(String k, String v) {
        switch (k) {
            case Row.CALLERS: return "C=" + v + " callers";
            case "requests": return "n=" + v;
            case "latencyMs": return "L=" + v + " ms";
            case "payloadBytes": return "payload " + v + " B";
            case "blockingClient": return "blocking client " + v;
            case "protocol": return "h2".equals(v) ? "HTTP/2" : "protocol " + v; // h2c over http, ALPN over https
            case "target": return "target " + v;
            case BENCH: return v;
            default: return k + "=" + v;
        }
    }

    /** e.g. "n=10, L=100 ms": the given keys of a parameter set, in a fixed order. */
    static String label(Map<String, String> params, Collection<String> keys) {
        List<String> order = new ArrayList<>();
        for (String k : KEY_ORDER) if (keys.contains(k) && params.containsKey(k)) order.add(k);
        new TreeMap<>(params).keySet().stream().filter(k -> keys.contains(k) && !order.contains(k)).forEach(order::add);
        List<String> parts = new ArrayList<>();
        for (String k : order) parts.add(paramLabel(k, params.get(k)));
        return String.join(", ", parts);
    }

    /** Label of a parameter set for charts and comparisons: n and L always, plus what else varies. */
    static String label(Map<String, String> params, Set<String> varying, boolean withNandL) {
        Set<String> keys = new LinkedHashSet<>(varying);
        if (withNandL) {
            keys.add("requests");
            keys.add("latencyMs");
        }
        return label(params, keys);
    }

    // ---------------------------------------------------------------------------------------------- numbers

    static Row find(List<Row> rows, String strategy) {
        for (Row r : rows) if (r.strategy().equals(strategy)) return r;
        return null;
    }

    /** The speedup baseline of a parameter set: {@code serial}; for Python-only sets, {@code python-requests}. */
    static Row baseline(List<Row> group) {
        Row serial = find(group, Registry.serial.name());
        return serial != null ? serial : find(group, Row.PYTHON_SERIAL);
    }

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

    public static String times(double v) {
        return Double.isNaN(v) ? "n/a" : fmt(v) + "×";
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", v);
    }

    static String bytes(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A row's number with its fork-level 95 % interval: "1.134 [0.982, 1.310]" ({@link ForkLevel}). */
    public static String scoreCell(Row r) {
        return r.estimate().cell();
    }

    /** "4.1 %": a log-scale spread as a percentage. */
    static String cv(double sd) {
        return String.format(Locale.ROOT, sd < 0.1 ? "%.1f %%" : "%.0f %%", 100 * sd);
    }

    /** "±4.1 % (3)": the interval's larger side and the fork count. */
    static String precisionCell(ForkLevel.Estimate e) {
        return e.pctLabel() + " (" + e.forks() + ")";
    }

    /**
     * A row's marks for notes: "not steady (fork #1 trends +41 %)", "forks disagree: 1.13 / 1.18 / 1.56",
     * "warm-up capped (1 of 3 forks: #2)", "± > 5 % (±9.1 % at 3 forks; ±5 % needs 12)".
     */
    static String marks(Row r) {
        List<String> m = new ArrayList<>();
        if (r.steady().notSteady()) m.add("not steady (" + r.steady().describe() + ")");
        ForkLevel.Estimate e = r.estimate();
        if (e.heterogeneous()) m.add(HETERO_NOTE + ": " + e.forkMeansLabel());
        if (r.warmupCap().any()) m.add(r.warmupCap().label());
        if (wide(e)) m.add(wideLabel(e));
        return String.join("; ", m);
    }

    static final String HETERO_NOTE = "forks disagree";

    /** The interval is wider than the target (or there is none): cite the row with its interval. */
    static boolean wide(ForkLevel.Estimate e) {
        return e.forks() > 0 && !e.meets(WIDE);
    }

    /** "± > 5 % (±9.1 % at 3 forks; ±5 % needs 12)". */
    static String wideLabel(ForkLevel.Estimate e) {
        if (!e.hasInterval()) return "no interval (" + e.forks() + " fork)";
        int need = e.forksFor(WIDE);
        return WIDE_NOTE + " (" + e.pctLabel() + " at " + e.forks() + " forks; ±5 % needs "
                + (need > ForkLevel.MAX_FORKS ? "> " + ForkLevel.MAX_FORKS : String.valueOf(need)) + ")";
    }

    /** Everything the tables show about one row, computed against the other rows of its parameter set. */
    /** A fork-level interval wider than this fraction of the estimate is marked in the note (the suite aims at ±5 %). */
    static final double WIDE = ForkLevel.TARGET;
    static final String WIDE_NOTE = "± > 5 %";

    public static final class Line {
        Row row;
        public String strategy;
        public String score;
        double ms;
        double err;
        ForkLevel.Estimate est = ForkLevel.NONE;
        String baseline;
        double speedup = Double.NaN;
        public double ofLimit = Double.NaN;
        public double xFloor = Double.NaN;
        public double threads = Double.NaN;
        double bytes = Double.NaN;
        double bytesPerRequest = Double.NaN;
        public double clientBytesPerRequest = Double.NaN;
        public double clientCpuMs = Double.NaN;
        double pinned = Double.NaN;
        public double peakConnections = Double.NaN;
        public String note = "";
        /** The steady-state check of the row's measured iterations. */
        Steady steady = Steady.NA;
        /** How many of the row's forks had a warm-up phase hit its cap. */
        WarmupCap cap = WarmupCap.NONE;

        /** The fork-level interval is wider than {@link #WIDE} of the estimate: cite the row with its interval. */
        boolean wide() {
            return Tables.wide(est);
        }

        /**
         * The registry's / harness's note, with "not steady", "warm-up capped (k of F forks)" and "± > 5 %" in front
         * when they apply.
         */
        String fullNote() {
            List<String> parts = new ArrayList<>();
            if (steady.notSteady()) parts.add("not steady (" + steady.describe() + ")");
            if (est.heterogeneous()) parts.add(HETERO_NOTE + ": " + est.forkMeansLabel());
            if (cap.any()) parts.add(cap.label());
            if (wide()) parts.add(wideLabel(est));
            if (!note.isEmpty()) parts.add(note);
            return String.join("; ", parts);
        }
    }

    /** A row's number: its fork-level estimate (JMH's score when it has no usable fork). */
    public static double number(Row r) {
        double e = r.estimate().est();
        return Double.isNaN(e) ? r.score() : e;
    }

    public static List<Line> lines(List<Row> group) {
        Row base = baseline(group);
        Row floor = find(group, Registry.floor.name());
        List<Line> out = new ArrayList<>();
        for (Row r : group) {
            Line l = new Line();
            l.row = r;
            l.strategy = r.strategy();
            l.est = r.estimate();
            l.score = l.est.cell();
            l.ms = Double.isNaN(l.est.est()) ? r.score() : l.est.est();
            l.err = r.error();
            // speedup and × floor compare times: throughput (batches/s) is their inverse
            boolean thrpt = r.mode().higherIsBetter();
            if (base != null) {
                l.baseline = base.strategy();
                l.speedup = thrpt ? l.ms / number(base) : number(base) / l.ms;
            }
            // throughput: against the ideal of C callers each completing a batch per configured limit (C / L for
            // concurrent rows), the closed loop's most; time: the delivered limit / the batch time
            double lim = thrpt ? idealBatchesPerSecond(r) : limit(r);
            if (!Double.isNaN(lim)) l.ofLimit = thrpt ? 100.0 * l.ms / lim : 100.0 * lim / l.ms;
            if (floor != null && r.latencyMs() == 0) {
                l.xFloor = thrpt ? number(floor) / l.ms : l.ms / number(floor);
            }
            l.threads = r.secondary().getOrDefault(THREADS, Double.NaN);
            l.bytes = r.secondary().getOrDefault(ALLOC, Double.NaN);
            if (!Double.isNaN(l.bytes)) l.bytesPerRequest = l.bytes / Math.max(1, r.requests());
            double cb = r.secondary().getOrDefault(CLIENT_BYTES, Double.NaN);
            if (!Double.isNaN(cb)) l.clientBytesPerRequest = cb / Math.max(1, r.requests());
            l.clientCpuMs = r.secondary().getOrDefault(CLIENT_CPU, Double.NaN);
            l.pinned = r.secondary().getOrDefault(PINNED, Double.NaN);
            l.peakConnections = r.secondary().getOrDefault(PEAK_CONNECTIONS, Double.NaN);
            r.registered().ifPresent(g -> l.note = g.note());
            if (r.harness() != null) l.note = r.harness();
            l.steady = r.steady();
            l.cap = r.warmupCap();
            out.add(l);
        }
        return out;
    }

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

    /** "0.262 / 1.966" for a row that recorded the server's lateness, n/a otherwise. */
    static String serverLate(Line l) {
        Double p50 = l.row.secondary().get(SERVER_LATE_P50);
        Double p99 = l.row.secondary().get(SERVER_LATE_P99);
        if (p50 == null || p99 == null || Double.isNaN(p50) || Double.isNaN(p99)) return "n/a";
        return String.format(Locale.ROOT, "%.3f / %.3f", p50, p99);
    }

    /** "**JDK 25.0.3** (VM) · JMH settings · constant parameters · machine · `file`". */
    static String header(RunFile f) {
        List<Row> rows = f.rows();
        Map<SortedMap<String, String>, List<Row>> g = groups(rows, null);
        Set<String> vary = varying(g.keySet());
        Map<String, String> constant = new TreeMap<>(g.keySet().iterator().next());
        constant.keySet().removeAll(vary);
        StringBuilder b = new StringBuilder();
        b.append("**").append(f.otherHarness() ? f.jdkVersion() : "JDK " + f.jdkVersion()).append("**");
        String vm = (f.vmName() + " " + f.vmVersion()).strip();
        if (!vm.isEmpty()) b.append(" (").append(vm).append(')');
        b.append(" · ").append(f.settings());
        String c = label(constant, constant.keySet());
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
        for (List<Row> same : byMode(rows).values()) out.addAll(groups(same, null).values());
        return out;
    }

    static String tableOfOneMode(List<Row> rows, Collection<String> only) {
        Map<SortedMap<String, String>, List<Row>> groups = groups(rows, only);
        Set<String> vary = varying(groups.keySet());
        List<SortedMap<String, String>> keys = new ArrayList<>(groups.keySet());
        StringBuilder b = new StringBuilder();
        for (int from = 0; from < keys.size(); from += GROUPS_PER_TABLE) {
            List<SortedMap<String, String>> chunk = keys.subList(from, Math.min(keys.size(), from + GROUPS_PER_TABLE));
            Map<String, Map<String, Line>> byStrategy = new LinkedHashMap<>();
            Map<SortedMap<String, String>, List<Line>> lines = new LinkedHashMap<>();
            for (SortedMap<String, String> k : chunk) {
                List<Line> ls = lines(groups.get(k));
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

    static String render(List<SortedMap<String, String>> chunk, Map<String, Map<String, Line>> byStrategy,
                         Map<SortedMap<String, String>, List<Column>> columns, boolean notes, Set<String> vary) {
        StringBuilder b = new StringBuilder("| strategy |");
        StringBuilder sep = new StringBuilder("|---|");
        for (SortedMap<String, String> k : chunk) {
            for (Column c : columns.get(k)) {
                b.append(' ').append(c.header()).append(" |");
                sep.append("---:|");
            }
        }
        if (notes) {
            b.append(" note |");
            sep.append("---|");
        }
        b.append('\n').append(sep).append('\n');
        for (Map.Entry<String, Map<String, Line>> s : byStrategy.entrySet()) {
            b.append("| `").append(s.getKey()).append("` |");
            String note = "";
            List<String> marks = new ArrayList<>();
            for (SortedMap<String, String> k : chunk) {
                Line l = s.getValue().get(k.toString());
                if (l != null && !l.note.isEmpty()) note = l.note;
                // per parameter set its marks, naming the forks: "L=0 ms: not steady (fork #1 trends +41 %)"
                String m = l == null ? "" : marks(l.row);
                if (!m.isEmpty()) marks.add(tag(k, vary) + m);
                for (Column c : columns.get(k)) b.append(' ').append(l == null ? "n/a" : c.cell().of(l)).append(" |");
            }
            if (!marks.isEmpty()) note = String.join("; ", marks) + (note.isEmpty() ? "" : "; " + note);
            if (notes) b.append(' ').append(note).append(" |");
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    /** "mark" when every present parameter set has it, else "mark (L=0 ms; ...)". */
    static String marked(String mark, List<String> where, int present) {
        return where.size() == present || where.stream().allMatch(String::isEmpty) ? mark
                : mark + " (" + String.join("; ", where) + ")";
    }

    static String tag(SortedMap<String, String> k, Set<String> vary) {
        String t = label(k, vary);
        return t.isEmpty() ? "" : t + ": ";
    }

    static String mainTable(List<SortedMap<String, String>> chunk, Map<SortedMap<String, String>, List<Line>> lines,
                            Map<String, Map<String, Line>> byStrategy, Set<String> vary) {
        Map<SortedMap<String, String>, List<Column>> columns = new LinkedHashMap<>();
        boolean notes = false;
        for (SortedMap<String, String> k : chunk) {
            List<Line> ls = lines.get(k);
            String t = tag(k, vary);
            List<Column> cs = new ArrayList<>(scoreColumns(ls.get(0).row.mode(), t));
            String base = ls.stream().map(l -> l.baseline).filter(x -> x != null).findFirst().orElse(null);
            if (base != null) cs.add(new Column(t + "speedup vs " + base, l -> times(l.speedup)));
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.ofLimit))) {
                cs.add(new Column(t + (ls.get(0).row.mode() == Mode.THRPT ? "% of ideal (C/L)" : "% of physical limit"),
                        l -> pct(l.ofLimit)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.clientCpuMs))) {
                cs.add(new Column(t + "client CPU ms/op", l -> fmt(l.clientCpuMs)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.clientBytesPerRequest))) {
                cs.add(new Column(t + "client B/req", l -> bytes(l.clientBytesPerRequest)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.pinned))) {
                cs.add(new Column(t + "pinned/op", l -> fmt(l.pinned)));
            }
            notes |= ls.stream().anyMatch(l -> !l.fullNote().isEmpty());
            columns.put(k, cs);
        }
        return render(chunk, byStrategy, columns, notes, vary);
    }

    /** The columns of a mode's score: ms/op; batches/s and requests/s; mean ms/op and percentiles. */
    static List<Column> scoreColumns(Mode mode, String t) {
        List<Column> cs = new ArrayList<>();
        switch (mode) {
            case THRPT:
                cs.add(new Column(t + "batches/s [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> precisionCell(l.est)));
                cs.add(new Column(t + "requests/s", l -> fmt(requestsPerSecond(l.row))));
                break;
            case SAMPLE:
                cs.add(new Column(t + "mean ms/op [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> precisionCell(l.est)));
                for (double p : Mode.PERCENTILES) {
                    cs.add(new Column(t + Mode.percentileLabel(p) + " ms", l -> fmt(l.row.percentile(p))));
                }
                break;
            default:
                cs.add(new Column(t + "ms/op [95 % CI]", l -> l.score));
                cs.add(new Column(t + "± (forks)", l -> precisionCell(l.est)));
        }
        return cs;
    }

    /** Throughput rows: batches/s × n (one operation is one batch of n GETs); NaN for other modes. */
    static double requestsPerSecond(Row r) {
        return r.mode() == Mode.THRPT ? number(r) * r.requests() : Double.NaN;
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
            String t = tag(k, vary);
            List<Column> cs = new ArrayList<>();
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.threads))) {
                cs.add(new Column(t + "peak threads", l -> count(l.threads)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.peakConnections))) {
                cs.add(new Column(t + "peak connections", l -> count(l.peakConnections)));
                connections = true;
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.xFloor))) {
                cs.add(new Column(t + "× floor", l -> times(l.xFloor)));
            }
            if (ls.stream().anyMatch(l -> !Double.isNaN(l.bytes))) {
                cs.add(new Column(t + "B/op (all threads)", l -> bytes(l.bytes)));
                cs.add(new Column(t + "B/req (all threads)", l -> bytes(l.bytesPerRequest)));
            }
            if (ls.stream().anyMatch(l -> l.row.secondary().containsKey(SERVER_LATE_P50))) {
                cs.add(new Column(t + "server late p50 / p99 ms", Tables::serverLate));
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
                + render(chunk, byStrategy, columns, false, vary);
    }

}
