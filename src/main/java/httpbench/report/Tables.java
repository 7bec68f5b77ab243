package httpbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Markdown / CSV tables: one section per parameter set (requests, latency, payload...), one row per strategy.
 * Columns: ms per batch ± 99.9 % CI, speedup vs {@code serial}, % of the physical limit (n·L for serial rows,
 * L for concurrent ones, when L > 0), per-request cost as a multiple of the {@code floor} row, peak threads,
 * bytes allocated per batch and per request (when run with {@code -prof gc}).
 */
public final class Tables {
    private Tables() {}

    static final String ALLOC = "gc.alloc.rate.norm";
    static final String THREADS = "threads";

    /** Rows grouped by their non-strategy parameters, in first-seen order. */
    static Map<String, List<Row>> groups(List<Row> rows) {
        Map<String, List<Row>> g = new LinkedHashMap<>();
        for (Row r : rows) g.computeIfAbsent(groupLabel(r), k -> new ArrayList<>()).add(r);
        return g;
    }

    static String groupLabel(Row r) {
        SortedMap<String, String> p = r.groupParams();
        StringBuilder b = new StringBuilder();
        b.append("n = ").append(p.getOrDefault("requests", "?"))
                .append(", latency ").append(p.getOrDefault("latencyMs", "?")).append(" ms")
                .append(", payload ").append(p.getOrDefault("payloadBytes", "?")).append(" B");
        String bc = p.get("blockingClient");
        if (bc != null && !bc.equals("jdk") && !bc.equals("n/a")) b.append(", blocking client ").append(bc);
        String t = p.get("target");
        if (t != null && !t.equals("embedded") && !t.equals("standalone")) b.append(", target ").append(t);
        return b.toString();
    }

    static Row find(List<Row> rows, String strategy) {
        for (Row r : rows) if (r.strategy().equals(strategy)) return r;
        return null;
    }

    /** Physical limit of a batch in ms, or NaN when latency is 0. */
    static double limit(Row r) {
        if (r.latencyMs() <= 0) return Double.NaN;
        return r.serialLike() ? (double) r.requests() * r.latencyMs() : r.latencyMs();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String scoreCell(Row r) {
        return Double.isNaN(r.error()) ? fmt(r.score()) : fmt(r.score()) + " ± " + fmt(r.error());
    }

    static final class Line {
        String strategy;
        String score;
        double ms;
        double err;
        double speedup = Double.NaN;
        double ofLimit = Double.NaN;
        double xFloor = Double.NaN;
        double threads = Double.NaN;
        double bytes = Double.NaN;
        double bytesPerRequest = Double.NaN;
        String note = "";
    }

    static List<Line> lines(List<Row> group) {
        Row serial = find(group, "serial");
        if (serial == null) serial = find(group, "python-requests");
        Row floor = find(group, "floor");
        List<Line> out = new ArrayList<>();
        for (Row r : group) {
            Line l = new Line();
            l.strategy = r.strategy();
            l.score = scoreCell(r);
            l.ms = r.score();
            l.err = r.error();
            if (serial != null) l.speedup = serial.score() / r.score();
            double lim = limit(r);
            if (!Double.isNaN(lim)) l.ofLimit = 100.0 * lim / r.score();
            if (floor != null && r.latencyMs() == 0) l.xFloor = r.score() / floor.score();
            l.threads = r.secondary().getOrDefault(THREADS, Double.NaN);
            l.bytes = r.secondary().getOrDefault(ALLOC, Double.NaN);
            if (!Double.isNaN(l.bytes)) l.bytesPerRequest = l.bytes / Math.max(1, r.requests());
            if (r.strategy().equals("floor")) l.note = "reference, not a strategy";
            if (r.harness() != null) l.note = r.harness();
            out.add(l);
        }
        return out;
    }

    public static String markdown(List<RunFile> files) {
        StringBuilder b = new StringBuilder();
        for (RunFile f : files) {
            b.append("**").append(f.jdkVersion()).append("** ").append(f.vmName()).append(' ').append(f.vmVersion())
                    .append(" — ").append(f.settings());
            if (!f.machine().isEmpty()) b.append(" — ").append(f.machine());
            b.append(" — `").append(f.path().getFileName()).append("`\n\n");
        }
        List<Row> all = new ArrayList<>();
        for (RunFile f : files) all.addAll(f.rows());
        for (Map.Entry<String, List<Row>> g : groups(all).entrySet()) {
            b.append(section(g.getKey(), g.getValue()));
        }
        return b.toString();
    }

    /** One table: a heading and one line per row (rows share their parameters but the strategy). */
    public static String section(String label, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        List<Line> lines = lines(rows);
        boolean hasAlloc = lines.stream().anyMatch(l -> !Double.isNaN(l.bytes));
        boolean hasThreads = lines.stream().anyMatch(l -> !Double.isNaN(l.threads));
        boolean hasFloor = lines.stream().anyMatch(l -> !Double.isNaN(l.xFloor));
        boolean hasLimit = lines.stream().anyMatch(l -> !Double.isNaN(l.ofLimit));
        b.append("#### ").append(label).append("\n\n");
        b.append("| strategy | ms per batch (± 99.9 % CI) | speedup vs serial |");
        if (hasLimit) b.append(" % of physical limit |");
        if (hasFloor) b.append(" × floor |");
        if (hasThreads) b.append(" peak threads |");
        if (hasAlloc) b.append(" bytes per batch | bytes per request |");
        b.append(" note |\n|---|---:|---:|");
        if (hasLimit) b.append("---:|");
        if (hasFloor) b.append("---:|");
        if (hasThreads) b.append("---:|");
        if (hasAlloc) b.append("---:|---:|");
        b.append("---|\n");
        for (Line l : lines) {
            b.append("| `").append(l.strategy).append("` | ").append(l.score).append(" | ")
                    .append(Double.isNaN(l.speedup) ? "n/a" : fmt(l.speedup) + "×").append(" |");
            if (hasLimit) b.append(' ').append(Double.isNaN(l.ofLimit) ? "n/a" : String.format(Locale.ROOT,
                    "%.0f %%", l.ofLimit)).append(" |");
            if (hasFloor) b.append(' ').append(Double.isNaN(l.xFloor) ? "n/a" : fmt(l.xFloor) + "×").append(" |");
            if (hasThreads) b.append(' ').append(Double.isNaN(l.threads) ? "n/a"
                    : String.format(Locale.ROOT, "%.0f", l.threads)).append(" |");
            if (hasAlloc) b.append(' ').append(Double.isNaN(l.bytes) ? "n/a" : String.format(Locale.ROOT,
                    "%,.0f", l.bytes)).append(" | ").append(Double.isNaN(l.bytesPerRequest) ? "n/a"
                    : String.format(Locale.ROOT, "%,.0f", l.bytesPerRequest)).append(" |");
            b.append(' ').append(l.note).append(" |\n");
        }
        b.append('\n');
        return b.toString();
    }

    public static String csv(List<RunFile> files) {
        StringBuilder b = new StringBuilder("jdk,strategy,requests,latencyMs,payloadBytes,blockingClient,target,"
                + "ms_per_batch,ci999_half_width,speedup_vs_serial,pct_of_physical_limit,x_floor,peak_threads,"
                + "bytes_per_batch,bytes_per_request\n");
        for (RunFile f : files) {
            for (List<Row> g : groups(f.rows()).values()) {
                List<Line> lines = lines(g);
                for (int i = 0; i < g.size(); i++) {
                    Row r = g.get(i);
                    Line l = lines.get(i);
                    b.append(csvCell(f.jdkVersion())).append(',').append(csvCell(r.strategy())).append(',')
                            .append(r.params().getOrDefault("requests", "")).append(',')
                            .append(r.params().getOrDefault("latencyMs", "")).append(',')
                            .append(r.params().getOrDefault("payloadBytes", "")).append(',')
                            .append(csvCell(r.params().getOrDefault("blockingClient", ""))).append(',')
                            .append(csvCell(r.params().getOrDefault("target", ""))).append(',')
                            .append(num(l.ms)).append(',').append(num(l.err)).append(',').append(num(l.speedup))
                            .append(',').append(num(l.ofLimit)).append(',').append(num(l.xFloor)).append(',')
                            .append(num(l.threads)).append(',').append(num(l.bytes)).append(',')
                            .append(num(l.bytesPerRequest)).append('\n');
                }
            }
        }
        return b.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
