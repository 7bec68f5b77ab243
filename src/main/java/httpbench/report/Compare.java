package httpbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Cross-run comparison, with the fork as the unit of replication (see {@link ForkStats}). For each benchmark row
 * present in two files: the ratio candidate/base of the mean batch time (mean of all iterations of all forks, what
 * JMH reports as the score) with a 95 % interval from a hierarchical bootstrap (forks, then iterations within each
 * drawn fork; fixed seed); a two-sided p-value per row; Holm's correction across the rows of one comparison (one
 * candidate column), so that a table of many rows tested at once still has at most a 5 % chance of any false
 * verdict. Verdict "faster"/"slower" only when the Holm-adjusted p &lt; 0.05. Per row, the variance split (fork CV /
 * iteration CV) and the forks per side a ±5 % interval would need. Rows that are {@link Steady not steady} on
 * either side say so in the note column, and so do rows with forks whose warm-up hit its cap ({@link WarmupCap}). JMH's {@code scoreError} (a 99.9 % half-width over flattened iterations)
 * is only shown, never used for the test. Throughput results compare batches/s (ratio &gt; 1: the candidate is
 * faster, and the verdict says so); SampleTime results compare the iterations' mean batch times. The files must
 * all be of one JMH mode.
 */
public final class Compare {
    static final double ALPHA = 0.05;

    private Compare() {}

    /** The verdict of one row of times (ms/op) from its test and Holm-adjusted p-value. */
    public static String verdict(ForkStats.Ratio r, double holmP) {
        return verdict(r, holmP, Mode.AVGT);
    }

    /** The verdict of one row: the ratio of times (< 1 faster) or, for throughput, of batches/s (> 1 faster). */
    public static String verdict(ForkStats.Ratio r, double holmP, Mode mode) {
        if (Double.isNaN(r.ratio())) return "n/a";
        if (!r.testable()) return "n/a (needs ≥ " + ForkStats.MIN_FORKS + " forks per side)";
        if (holmP < ALPHA) return r.ratio() < 1 != mode.higherIsBetter() ? "faster" : "slower";
        return "no significant difference";
    }

    /** The first sentences of the explanation: what is compared, and which way the ratio points. */
    static String numbers(Mode mode) {
        switch (mode) {
            case THRPT:
                return "Throughput: batches/s (one batch = n requests; higher is better), the mean of all measured "
                        + "iterations of all forks ± JMH's 99.9 % half-width (shown, not used for the test). Ratio = "
                        + "candidate / base of those means (> 1: the candidate is faster).";
            case SAMPLE:
                return "Times: mean ms/op of the sampled batches ± JMH's 99.9 % half-width (shown, not used for the "
                        + "test); percentiles are in `scripts/report.sh tables`. Ratio = candidate / base of the "
                        + "means of every measured iteration's mean batch time (< 1: the candidate is faster).";
            default:
                return "Times: ms/op, the mean of all measured iterations of all forks ± JMH's 99.9 % half-width (shown, "
                        + "not used for the test). Ratio = candidate / base of those means (< 1: the candidate is "
                        + "faster).";
        }
    }

    /**
     * The header paragraph: what the numbers are and how the verdict is reached; with {@code capped} (a row has the
     * mark; only then, so comparisons without one read as they did) what "warm-up capped" means.
     */
    static String explanation(List<Integer> forksNeeded, Mode mode, boolean capped) {
        List<Integer> known = forksNeeded.stream().filter(f -> f > 0).sorted().toList();
        String need = known.isEmpty() ? "the data cannot tell yet (it needs ≥ 2 forks and ≥ 2 iterations per fork)"
                : "a median of " + known.get(known.size() / 2) + " forks per side over these rows (column *forks "
                + "for ±5 %*; 2 forks give a very coarse interval)";
        return numbers(mode) + " The unit of replication is the fork (a fresh JVM; Kalibera & Jones, ISMM 2013): the 95 % interval (per "
                + "row, not adjusted for the number of rows) is a "
                + "hierarchical bootstrap (" + String.format(Locale.ROOT, "%,d", ForkStats.RESAMPLES) + " resamples "
                + "of forks with replacement, then of iterations within each drawn fork; fixed seed "
                + ForkStats.SEED + "), as an expanded percentile interval for few forks; the p-value compares "
                + "log(ratio) with the bootstrap standard error (Student's t, Welch degrees of freedom of the log "
                + "fork means). *p (Holm)*: adjusted across the rows of this comparison, so the chance of any false "
                + "verdict in the table stays below 5 %; the verdict is *faster* or *slower* only when it is < 0.05, "
                + "and n/a with fewer than " + ForkStats.MIN_FORKS + " forks on a side. *fork CV / iter CV*: the "
                + "between-fork and within-fork spread (log scale, both runs pooled). *forks for ±5 %*: forks per "
                + "side for a 95 % interval of the ratio within ±5 % at this spread — a reliable verdict needs "
                + need + ". " + Steady.rule() + " (base or candidate; see the note)."
                + (capped ? " " + WarmupCap.rule() + " (the note names the side and its forks)." : "") + "\n\n";
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
        Mode mode = Mode.single(files, "compare");
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
        int nc = files.size() - 1;
        List<String> keyList = new ArrayList<>(keys.keySet());
        ForkStats.Ratio[][] ratios = new ForkStats.Ratio[nc][keyList.size()];
        ForkStats.Components[][] comps = new ForkStats.Components[nc][keyList.size()];
        double[][] holm = new double[nc][];
        List<Integer> needed = new ArrayList<>();
        for (int i = 0; i < nc; i++) {
            double[] p = new double[keyList.size()];
            for (int j = 0; j < keyList.size(); j++) {
                Row base = byKey.get(0).get(keyList.get(j));
                Row c = byKey.get(i + 1).get(keyList.get(j));
                p[j] = Double.NaN;
                if (base == null || c == null) continue;
                ratios[i][j] = ForkStats.ratio(base.forks(), c.forks());
                comps[i][j] = ForkStats.components(base.forks(), c.forks());
                p[j] = ratios[i][j].p();
                needed.add(comps[i][j].forksFor5pct() > ForkStats.MAX_FORKS ? ForkStats.MAX_FORKS + 1
                        : comps[i][j].forksFor5pct());
            }
            holm[i] = ForkStats.holm(p);
        }
        b.append(explanation(needed, mode, files.stream().anyMatch(f -> WarmupCap.anyOf(f.rows()))));
        b.append("| strategy | parameters |");
        for (String n : names) b.append(' ').append(n).append(" |");
        for (int i = 1; i < files.size(); i++) {
            String v = names.get(i) + " / " + names.get(0);
            b.append(' ').append(v).append(" [95 % CI] | p (Holm) | verdict | fork CV / iter CV | forks for ±5 % |");
        }
        b.append(" note |\n|---|---|");
        for (int i = 0; i < files.size(); i++) b.append("---:|");
        for (int i = 1; i < files.size(); i++) b.append("---:|---:|---|---:|---:|");
        b.append("---|\n");
        for (int j = 0; j < keyList.size(); j++) {
            String k = keyList.get(j);
            Row any = keys.get(k);
            b.append("| `").append(any.strategy()).append("` | ")
                    .append(Tables.label(Tables.groupKey(any, several, null), vary, true)).append(" |");
            List<String> unsteady = new ArrayList<>();
            List<String> capped = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Row r = byKey.get(i).get(k);
                b.append(' ').append(r == null ? "n/a" : Tables.scoreCell(r)).append(" |");
                if (r != null && r.steady().notSteady()) unsteady.add(names.get(i));
                if (r != null && r.warmupCap().any()) capped.add(names.get(i) + " (" + r.warmupCap().count() + ")");
            }
            for (int i = 0; i < nc; i++) {
                ForkStats.Ratio r = ratios[i][j];
                if (r == null) {
                    b.append(" n/a | n/a | n/a | n/a | n/a |");
                    continue;
                }
                b.append(' ').append(Double.isNaN(r.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.ratio()));
                if (!Double.isNaN(r.lo())) b.append(String.format(Locale.ROOT, " [%.3f, %.3f]", r.lo(), r.hi()));
                b.append(" | ").append(pValue(holm[i][j])).append(" | ").append(verdict(r, holm[i][j], mode)).append(" | ")
                        .append(comps[i][j].cvLabel()).append(" | ").append(comps[i][j].forksLabel()).append(" |");
            }
            List<String> note = new ArrayList<>();
            if (!unsteady.isEmpty()) note.add("not steady: " + String.join(", ", unsteady));
            if (!capped.isEmpty()) note.add(WarmupCap.MARK + ": " + String.join(", ", capped));
            b.append(' ').append(String.join("; ", note)).append(" |\n");
        }
        return b.toString();
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) return "n/a";
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
