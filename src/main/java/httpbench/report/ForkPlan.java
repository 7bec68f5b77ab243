package httpbench.report;

import httpbench.report.stats.ForkLevel;
import httpbench.report.stats.Numbers;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code report plan}: the next round of an adaptive run ({@code scripts/run.sh} without {@code -f}). Reads each
 * arm's fork files so far, and for every row whose fork-level interval ({@link ForkLevel}) is still wider than the
 * target, or that has fewer than the minimum forks, plans one more fork: rows widest first (half-width / target,
 * across all arms), at most {@code maxRowForks} of them (what the time budget still allows). JMH's {@code -p} is a
 * cross product, so the rows of one arm are grouped by their other parameters: one JMH argument line per group,
 * every parameter given, the strategies listed.
 */
public final class ForkPlan {
    private ForkPlan() {}

    /** One row of one arm: its forks so far and its estimate. */
    record Need(String arm, Row row, ForkLevel.Estimate est, double priority) {
        String label() {
            return row.strategy() + " L=" + row.latencyMs() + (row.requests() == 10 ? "" : " n=" + row.requests())
                    + " on " + arm + ": " + est.pctLabel() + " at " + est.forks() + (est.forks() == 1 ? " fork" : " forks");
        }
    }

    /** The next round: per line, the arm and its JMH arguments; and the rows still below target. */
    record Plan(List<String[]> lines, List<Need> below, int rows) {}

    /** Parameters RunFile leaves out at their default (so they are absent from a row's params): given back as is. */
    static final List<String> PSEUDO = List.of(Row.CALLERS);

    /** {@code arms}: arm key -> its fork files, in the order they ran. */
    static Plan plan(Map<String, List<Path>> arms, double target, int minForks, int maxRowForks) {
        List<Need> needs = new ArrayList<>();
        int rows = 0;
        for (Map.Entry<String, List<Path>> arm : arms.entrySet()) {
            Map<String, Row> first = new LinkedHashMap<>();
            Map<String, List<double[]>> forks = new LinkedHashMap<>();
            for (Path f : arm.getValue()) {
                for (Row r : RunFile.read(f).rows()) {
                    first.putIfAbsent(r.key(), r);
                    for (double[] fork : r.forks()) forks.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(fork);
                }
            }
            for (Map.Entry<String, Row> e : first.entrySet()) {
                rows++;
                ForkLevel.Estimate est = ForkLevel.of(forks.get(e.getKey()).toArray(new double[0][]));
                if (est.forks() >= minForks && est.meets(target)) continue;
                if (est.forks() >= ForkLevel.MAX_FORKS) continue; // enough: the report says what it would need
                double pr = est.forks() < minForks || !est.hasInterval() ? Double.POSITIVE_INFINITY
                        : est.halfWidth() / target;
                needs.add(new Need(arm.getKey(), e.getValue(), est, pr));
            }
        }
        needs.sort(Comparator.comparingDouble(Need::priority).reversed());
        List<Need> chosen = needs.subList(0, Math.min(needs.size(), Math.max(0, maxRowForks)));
        return new Plan(invocations(chosen), needs, rows);
    }

    /** Per arm, per combination of the other parameters: one invocation's -p arguments listing its strategies. */
    private static List<String[]> invocations(List<Need> chosen) {
        Map<String, Map<SortedMap<String, String>, List<String>>> groups = new LinkedHashMap<>();
        for (Need n : chosen) {
            SortedMap<String, String> other = new TreeMap<>(n.row().params());
            other.remove("strategy");
            PSEUDO.forEach(other::remove);
            groups.computeIfAbsent(n.arm(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(other, o -> new ArrayList<>()).add(n.row().strategy());
        }
        List<String[]> lines = new ArrayList<>();
        for (var arm : groups.entrySet()) {
            for (var g : arm.getValue().entrySet()) {
                StringBuilder b = new StringBuilder();
                for (var p : g.getKey().entrySet()) b.append("-p ").append(p.getKey()).append('=').append(p.getValue()).append(' ');
                b.append("-p strategy=").append(String.join(",", g.getValue()));
                lines.add(new String[] {arm.getKey(), b.toString()});
            }
        }
        return lines;
    }

    /** "5 of 26 rows below ±5 % (jdkAsync n=10, L=0 ms on 17: ±9.1 % at 3 forks; ...)". */
    static String summary(Plan p, double target) {
        String t = String.format(Locale.ROOT, "±%s %%", Numbers.fmt(100 * target).replaceAll("\\.0+$", ""));
        if (p.below().isEmpty()) return "every row (" + p.rows() + ") within " + t;
        return p.below().size() + " of " + p.rows() + " rows wider than " + t + " ("
                + String.join("; ", p.below().stream().map(Need::label).toList()) + ")";
    }
}
