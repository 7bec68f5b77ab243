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

/**
 * Cross-run comparison. The ratio candidate/base of mean batch times gets a 95 % percentile-bootstrap
 * confidence interval from JMH's raw per-iteration values (all forks), resampling each side independently
 * (10 000 resamples, fixed seed so a report is reproducible). {@code scoreError} is a 99.9 % t-interval of the
 * mean, not a standard error, so it is not used for the test. The verdict is "faster" / "slower" when the
 * interval excludes 1, else "no significant difference".
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
            r[k] = resampledMean(cand, rng) / resampledMean(base, rng);
        }
        return new double[] {ratio, StatUtils.percentile(r, 2.5), StatUtils.percentile(r, 97.5)};
    }

    private static double resampledMean(double[] x, RandomGenerator rng) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[rng.nextInt(x.length)];
        return s / x.length;
    }

    public static String verdict(double[] ci) {
        if (Double.isNaN(ci[1])) return "n/a (too few samples)";
        if (ci[2] < 1) return "faster";
        if (ci[1] > 1) return "slower";
        return "no significant difference";
    }

    /** Column names: the JDK of each file, disambiguated by file name when two are equal. */
    static List<String> names(List<RunFile> files) {
        List<String> out = new ArrayList<>();
        for (RunFile f : files) {
            String n = f.jdkVersion();
            long same = files.stream().filter(o -> o.jdkVersion().equals(f.jdkVersion())).count();
            if (same > 1) n += " (" + f.path().getFileName() + (f.path().getParent() == null ? ""
                    : " in " + f.path().getParent().getFileName()) + ")";
            out.add(n);
        }
        return out;
    }

    public static String markdown(List<RunFile> files) {
        if (files.size() < 2) {
            throw new ReportException(files.isEmpty() ? "compare" : files.get(0).path().toString(),
                    "compare needs at least two result files (BASE CANDIDATE...)");
        }
        List<String> names = names(files);
        List<Map<String, Row>> byKey = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (RunFile f : files) {
            Map<String, Row> m = new LinkedHashMap<>();
            for (Row r : f.rows()) {
                m.put(r.key(), r);
                keys.add(r.key());
            }
            byKey.add(m);
        }
        StringBuilder b = new StringBuilder();
        b.append("Base: **").append(names.get(0)).append("**. Ratio = candidate / base of the mean batch time "
                + "(< 1 is faster), 95 % bootstrap CI from the raw per-iteration data.\n\n");
        b.append("| benchmark | parameters |");
        for (String n : names) b.append(' ').append(n).append(" (ms) |");
        for (int i = 1; i < files.size(); i++) {
            b.append(' ').append(names.get(i)).append(" / ").append(names.get(0)).append(" [95 % CI] | verdict |");
        }
        b.append("\n|---|---|");
        for (int i = 0; i < files.size(); i++) b.append("---:|");
        for (int i = 1; i < files.size(); i++) b.append("---:|---|");
        b.append('\n');
        for (String k : keys) {
            Row any = byKey.stream().map(m -> m.get(k)).filter(r -> r != null).findFirst().orElseThrow();
            b.append("| `").append(any.strategy()).append("` | ").append(Tables.groupLabel(any)).append(" |");
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
                b.append(' ').append(String.format(Locale.ROOT, "%.3f", ci[0]));
                if (!Double.isNaN(ci[1])) b.append(String.format(Locale.ROOT, " [%.3f, %.3f]", ci[1], ci[2]));
                b.append(" | ").append(verdict(ci)).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
