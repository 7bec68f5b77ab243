package httpbench.report.readme;

import httpbench.report.render.MdTable;
import httpbench.report.render.Compare;
import httpbench.report.stats.ForkLevel;
import httpbench.report.read.Row;
import httpbench.report.stats.Verdicts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The README's first-screen answer: per latency, the default rows of the newest suite run of the oldest and the
 * newest JDK, each with its fork-level 95 % interval, its speed-up over {@code serial} in the same run, and the JDK
 * comparison's ratio and verdict (one family over the whole table, as in {@link Compare}). Ratios within one run
 * travel to other machines; absolute times at latency 0 do not, and the text says so.
 */
public final class Headline {
    private Headline() {}

    /** The headline for the runs, links to them through {@code rel} and to the reference pages through {@code site}. */
    static String section(List<Run> runs, String rel, String site) {
        List<Run> suite = Run.newestSuiteRuns(runs);
        if (suite.isEmpty()) return "No committed suite run yet: `scripts/run.sh --jdk ... --jdk ...`.\n\n";
        Run base = suite.get(0);
        Run cand = suite.get(suite.size() - 1);
        boolean two = suite.size() >= 2;
        Map<String, Verdicts.Judged> judged = new LinkedHashMap<>();
        if (two) {
            for (Compare.Line l : Compare.lines(List.of(base.file(), cand.file()), ForkLevel.MARGIN)) {
                if (l.judged().get(0) != null) judged.put(l.key(), l.judged().get(0));
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("ms per batch of ").append(base.file().rows().isEmpty() ? "?" : base.file().rows().get(0).requests())
                .append(" GET requests (geometric mean of the fork means, fork-level 95 % interval, forks in brackets "
                        + "in the linked tables); **× serial**: how many times faster than `serial` in the same run; ");
        if (two) {
            b.append("**").append(major(cand)).append(" / ").append(major(base)).append("**: JDK ").append(major(cand))
                    .append("'s time over JDK ").append(major(base))
                    .append("'s, with the verdict (Holm over the whole table; *inconclusive* is not \"no difference\")");
        }
        b.append(".\n\n");
        TreeSet<Long> latencies = new TreeSet<>();
        for (Row r : base.file().rows()) latencies.add(r.latencyMs());
        for (long latency : latencies) b.append(table(base, cand, two, judged, latency));
        return b.append(links(base, cand, two, rel, site)).toString();
    }

    /** One latency's table: each row's time and × serial per JDK, and the newer JDK's ratio with its verdict. */
    private static String table(Run base, Run cand, boolean two, Map<String, Verdicts.Judged> judged, long latency) {
        StringBuilder b = new StringBuilder();
        b.append("**L = ").append(latency).append(" ms**").append(latency == 0
                ? " (the server answers at once: the client's cost and the machine's wake-ups)" : " (every response delayed by the server)")
                .append("\n\n");
        List<String> header = new ArrayList<>(List.of("row", "JDK " + major(base) + " ms", "× serial"));
        if (two) header.addAll(List.of("JDK " + major(cand) + " ms", "× serial", major(cand) + " / " + major(base)));
        MdTable t = new MdTable(two ? "lrrrrl" : "lrr", header);
        List<String> keys = new ArrayList<>();
        for (Run r : two ? List.of(cand, base) : List.of(base)) {
            for (Row row : r.file().rows()) if (row.latencyMs() == latency && !keys.contains(row.key())) keys.add(row.key());
        }
        // rows in the base run's order, then the ones only the newer JDK has (virtualThreads)
        keys.sort(java.util.Comparator.comparingInt(k -> order(base, cand, k)));
        for (String key : keys) {
            Row rb = find(base, key);
            Row rc = find(cand, key);
            Row any = rb != null ? rb : rc;
            List<String> cells = new ArrayList<>(List.of("`" + any.strategy() + "`", cell(rb), speedup(base, rb, latency)));
            if (two) cells.addAll(List.of(cell(rc), speedup(cand, rc, latency), verdict(judged.get(key), rb, rc)));
            t.row(cells);
        }
        return b.append(t).append('\n').toString();
    }

    /** The chart, the HTML report and the run folders the headline came from. */
    private static String links(Run base, Run cand, boolean two, String rel, String site) {
        StringBuilder b = new StringBuilder();
        Path cmp = two ? Run.compareFolder(base, cand) : null;
        Run chartRun = cand;
        Path chartDir = cmp != null && Files.isRegularFile(cmp.resolve("chart.png")) ? cmp : chartRun.dir();
        String chartAt = rel + "/" + chartDir.getFileName();
        if (Files.isRegularFile(chartDir.resolve("chart.png"))) {
            b.append("![ms per batch by row and latency](").append(chartAt).append("/chart.png)\n\n");
        }
        if (cmp != null && Files.isRegularFile(cmp.resolve("report.html"))) {
            b.append("Every fork of every row, the ratios as a forest plot and the full tables: [HTML report](")
                    .append(rel).append('/').append(cmp.getFileName()).append("/report.html) (one self-contained "
                            + "file; open it from a clone, GitHub shows its source).\n\n");
        }
        b.append("From `").append(rel).append('/').append(base.folder()).append("/`");
        if (two) b.append(" and `").append(rel).append('/').append(cand.folder()).append("/`");
        b.append(" (").append(env(base)).append("; full tables, notes and environment: [results](")
                .append(ReadmeSections.pageLink(site, "results.md")).append(")).\n");
        return b.toString();
    }

    static String major(Run r) {
        return String.valueOf(r.major());
    }

    /** The machine in a few words: cores, CPU, date. */
    static String env(Run r) {
        var e = r.file().environment();
        if (e == null) return r.file().jdkLine();
        return e.path("cores").asText("?") + " cores, " + e.path("cpuModel").asText("?") + ", "
                + e.path("date").asText("?").replaceFirst("T.*", "");
    }

    static int order(Run base, Run cand, String key) {
        List<Row> rows = base.file().rows();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).key().equals(key)) return i;
        List<Row> more = cand.file().rows();
        for (int i = 0; i < more.size(); i++) if (more.get(i).key().equals(key)) return rows.size() + i;
        return Integer.MAX_VALUE;
    }

    static Row find(Run run, String key) {
        for (Row r : run.file().rows()) if (r.key().equals(key)) return r;
        return null;
    }

    static String cell(Row r) {
        return r == null ? "–" : r.estimate().cell();
    }

    /** serial / row with its interval (the same fork-level model as the comparison), "1" for serial itself. */
    static String speedup(Run run, Row r, long latency) {
        if (r == null) return "–";
        Row serial = null;
        for (Row s : run.file().rows()) {
            if (s.latencyMs() == latency && "serial".equals(s.strategy())) serial = s;
        }
        if (serial == null) return "–";
        if (serial == r) return "1";
        ForkLevel.Ratio q = ForkLevel.ratio(r.forks(), serial.forks());
        if (Double.isNaN(q.lo())) return x(q.ratio()) + "×";
        return x(q.ratio()) + "× [" + x(q.lo()) + ", " + x(q.hi()) + "]";
    }

    /** A ratio to two decimals (one from 10 up): more digits than its interval supports would be noise. */
    static String x(double v) {
        if (Double.isNaN(v)) return "n/a";
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    static String verdict(Verdicts.Judged j, Row rb, Row rc) {
        if (rb == null || rc == null) return "–";
        if (j == null) return "n/a";
        ForkLevel.Ratio q = j.ratio();
        String ratio = Double.isNaN(q.lo()) ? x(q.ratio()) : x(q.ratio()) + " [" + x(q.lo()) + ", " + x(q.hi()) + "]";
        String v = j.verdict().label;
        return ratio + " " + (v.equals("faster") || v.equals("slower") ? "**" + v + "**" : "*" + v + "*");
    }
}
