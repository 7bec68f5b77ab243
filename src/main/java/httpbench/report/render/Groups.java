package httpbench.report.render;

import httpbench.report.read.Row;
import httpbench.strategy.Registry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How rows are grouped into tables (one table per combination of the parameters that are not the row) and how a group is labelled.
 */
public final class Groups {
    private Groups() {
    }

    /** The parameters that define a row's column group: all but the strategy, plus the benchmark if needed. */
    static SortedMap<String, String> groupKey(Row r, boolean severalBenchmarks, Collection<String> only) {
        SortedMap<String, String> g = r.groupParams();
        if (only != null) g.keySet().retainAll(only);
        if (severalBenchmarks) g.put(Tables.BENCH, r.shortName());
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
        for (List<Row> l : g.values()) l.sort(Tables.ROW_ORDER);
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
            case "protocol": return httpbench.workload.Protocol.h2.name().equals(v) ? "HTTP/2" : "protocol " + v; // h2c over http, ALPN over https
            case "target": return "target " + v;
            case Tables.BENCH: return v;
            default: return k + "=" + v;
        }
    }

    /** e.g. "n=10, L=100 ms": the given keys of a parameter set, in a fixed order. */
    static String label(Map<String, String> params, Collection<String> keys) {
        List<String> order = new ArrayList<>();
        for (String k : Tables.KEY_ORDER) if (keys.contains(k) && params.containsKey(k)) order.add(k);
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

    static Row find(List<Row> rows, String strategy) {
        for (Row r : rows) if (r.strategy().equals(strategy)) return r;
        return null;
    }

    /** The speedup baseline of a parameter set: {@code serial}; for Python-only sets, {@code python-requests}. */
    static Row baseline(List<Row> group) {
        Row serial = find(group, Registry.serial.name());
        return serial != null ? serial : find(group, Row.PYTHON_SERIAL);
    }
}
