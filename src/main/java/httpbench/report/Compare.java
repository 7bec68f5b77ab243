package httpbench.report;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.StatUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Cross-run comparison. The ratio candidate/base of mean batch times gets a 95 % percentile-bootstrap
 * confidence interval from JMH's raw per-iteration values (all forks' iterations, flattened), resampling each side
 * independently, 10 000 resamples with a fixed seed so the same files always give the same report. JMH's
 * {@code scoreError} is a 99.9 % t-interval half-width of the mean, not a standard error, so it is only shown,
 * never used for the test. Verdict: "faster" / "slower" when the interval excludes 1, else "no significant
 * difference".
 */
public final class Compare {
    static final int RESAMPLES = 10_000;
    static final long SEED = 20261125L;

    private Compare() {}

    /** Ratio mean(cand)/mean(base) and its 95 % bootstrap interval: {ratio, lo, hi}; NaNs when not computable. */
    public static double[] ratioCi(double[] base, double[] cand) {
        if (base.length == 0 || cand.length == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double ratio = StatUtils.mean(cand) / StatUtils.mean(base);
        if (base.length < 2 || cand.length < 2) return new double[] {ratio, Double.NaN, Double.NaN};
        RandomGenerator rng = new MersenneTwister(SEED);
        double[] r = new double[RESAMPLES];
        for (int k = 0; k < RESAMPLES; k++) {
            double c = resampledMean(cand, rng);
            r[k] = c / resampledMean(base, rng);
        }
        return new double[] {ratio, StatUtils.percentile(r, 2.5), StatUtils.percentile(r, 97.5)};
    }

    private static double resampledMean(double[] x, RandomGenerator rng) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[rng.nextInt(x.length)];
        return s / x.length;
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
        b.append("Ratio = candidate / base of the mean batch time (< 1: the candidate is faster), with a 95 % "
                + "bootstrap confidence interval from JMH's raw per-iteration values; times in ms/op ± 99.9 % CI.\n\n");
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
