package httpbench.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Cross-run comparison. For each benchmark row present in two files: the ratio candidate/base of the batch time,
 * with a 95 % confidence interval from JMH's raw per-iteration values (all forks' iterations, flattened):
 * Welch's t-interval on the logarithms of the values, so the interval is for the ratio of geometric means and
 * holds up at the small sample sizes JMH runs have (a percentile bootstrap is too narrow below ~10 values per
 * side). JMH's {@code scoreError} is a 99.9 % t-interval half-width of the mean, not a standard error, so it is
 * only shown, never used for the test. Verdict: "faster" / "slower" when the interval excludes 1, else "no
 * significant difference".
 */
public final class Compare {
    static final double LEVEL = 0.95;

    private Compare() {}

    /**
     * Ratio candidate/base (of geometric means) and its 95 % Welch interval: {ratio, lo, hi}; lo and hi are NaN
     * with fewer than two values on a side, everything NaN when a side is empty or not positive.
     */
    public static double[] ratioCi(double[] base, double[] cand) {
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        if (base.length == 0 || cand.length == 0) return nan;
        if (Arrays.stream(base).anyMatch(v -> !(v > 0)) || Arrays.stream(cand).anyMatch(v -> !(v > 0))) return nan;
        double[] lb = Arrays.stream(base).map(Math::log).toArray();
        double[] lc = Arrays.stream(cand).map(Math::log).toArray();
        double d = StatUtils.mean(lc) - StatUtils.mean(lb);
        double ratio = Math.exp(d);
        if (base.length < 2 || cand.length < 2) return new double[] {ratio, Double.NaN, Double.NaN};
        double a = StatUtils.variance(lc) / lc.length;
        double b = StatUtils.variance(lb) / lb.length;
        double se = Math.sqrt(a + b);
        if (se == 0) return new double[] {ratio, ratio, ratio}; // no spread at all: the ratio is what it is
        double df = (a + b) * (a + b) / (a * a / (lc.length - 1) + b * b / (lb.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(0.5 + LEVEL / 2);
        return new double[] {ratio, Math.exp(d - t * se), Math.exp(d + t * se)};
    }

    public static String verdict(double[] ci) {
        if (Double.isNaN(ci[1])) return "n/a (too few iterations)";
        if (ci[2] < 1) return "faster";
        if (ci[1] > 1) return "slower";
        return "no significant difference";
    }

    /** Column names: the JDK of each file, disambiguated by file (and folder) name when two are equal. */
    static List<String> names(List<RunFile> files) {
        List<String> out = new ArrayList<>();
        for (RunFile f : files) {
            String n = f.jdkVersion();
            long same = files.stream().filter(o -> o.jdkVersion().equals(f.jdkVersion())).count();
            if (same > 1) {
                java.nio.file.Path parent = f.path().toAbsolutePath().getParent();
                n += " (" + (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
                        + f.path().getFileName() + ")";
            }
            out.add(n);
        }
        if (new LinkedHashSet<>(out).size() < out.size()) { // same JDK, same folder and name: fall back to position
            for (int i = 0; i < out.size(); i++) out.set(i, out.get(i) + " #" + (i + 1));
        }
        return out;
    }

    public static String markdown(List<RunFile> files) {
        return markdown(files, f -> f.path().toString());
    }

    /** {@code where}: how to name each file in the header lines. */
    public static String markdown(List<RunFile> files, java.util.function.Function<RunFile, String> where) {
        if (files.size() < 2) {
            throw new ReportException(files.isEmpty() ? "compare" : files.get(0).path().toString(),
                    "compare needs at least two result files (BASE.json CANDIDATE.json...)");
        }
        List<String> names = names(files);
        List<Map<String, Row>> byKey = new ArrayList<>();
        Map<String, Row> keys = new LinkedHashMap<>();
        List<SortedMap<String, String>> sets = new ArrayList<>();
        boolean several = false;
        for (RunFile f : files) several |= Tables.severalBenchmarks(f.rows());
        for (RunFile f : files) {
            Map<String, Row> m = new LinkedHashMap<>();
            for (Row r : f.rows()) {
                m.put(r.key(), r);
                sets.add(Tables.groupKey(r, several, null));
            }
            byKey.add(m);
        }
        // row order: the file with the most rows first (so rows one JDK lacks stay in place), then the others'
        List<RunFile> bySize = new ArrayList<>(files);
        bySize.sort(java.util.Comparator.comparingInt((RunFile f) -> f.rows().size()).reversed());
        for (RunFile f : bySize) for (Row r : f.rows()) keys.putIfAbsent(r.key(), r);
        Set<String> vary = Tables.varying(sets);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            RunFile f = files.get(i);
            b.append(i == 0 ? "Base" : "Candidate").append(" **").append(names.get(i)).append("**: ")
                    .append((f.vmName() + " " + f.vmVersion()).strip()).append(" · ").append(f.settings());
            if (!f.machine().isEmpty()) b.append(" · ").append(f.machine());
            b.append(" · `").append(where.apply(f)).append("`  \n");
        }
        b.append("Ratio = candidate / base of the batch time (geometric means of JMH's raw per-iteration values, "
                + "all forks; < 1: the candidate is faster) with a 95 % confidence interval (Welch's t on the "
                + "logarithms); the verdict is *faster* or *slower* only when the interval excludes 1. Times: "
                + "ms/op ± 99.9 % CI as reported by JMH.\n\n");
        b.append("| strategy | parameters |");
        for (String n : names) b.append(' ').append(n).append(" |");
        for (int i = 1; i < files.size(); i++) {
            b.append(' ').append(names.get(i)).append(" / ").append(names.get(0)).append(" [95 % CI] | verdict |");
        }
        b.append("\n|---|---|");
        for (int i = 0; i < files.size(); i++) b.append("---:|");
        for (int i = 1; i < files.size(); i++) b.append("---:|---|");
        b.append('\n');
        for (Map.Entry<String, Row> e : keys.entrySet()) {
            String k = e.getKey();
            Row any = e.getValue();
            b.append("| `").append(any.strategy()).append("` | ")
                    .append(Tables.label(Tables.groupKey(any, several, null), vary, true)).append(" |");
            for (Map<String, Row> m : byKey) {
                Row r = m.get(k);
                b.append(' ').append(r == null ? "n/a" : Tables.scoreCell(r)).append(" |");
            }
            Row base = byKey.get(0).get(k);
            for (int i = 1; i < files.size(); i++) {
                Row c = byKey.get(i).get(k);
                if (base == null || c == null) {
                    b.append(" n/a | n/a |");
                    continue;
                }
                double[] ci = ratioCi(base.raw(), c.raw());
                b.append(' ').append(Double.isNaN(ci[0]) ? "n/a" : String.format(Locale.ROOT, "%.3f", ci[0]));
                if (!Double.isNaN(ci[1])) b.append(String.format(Locale.ROOT, " [%.3f, %.3f]", ci[1], ci[2]));
                b.append(" | ").append(verdict(ci)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
