package httpbench.report.render;

import httpbench.report.stats.ForkLevel;
import httpbench.report.read.Mode;
import httpbench.report.read.ReportException;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.stats.Steady;
import httpbench.report.stats.Verdicts;
import httpbench.report.read.WarmupCap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Cross-run comparison, with the fork as the unit of replication ({@link ForkLevel}): for each benchmark row present
 * in two files, the ratio candidate/base of the rows' estimates with a 95 % interval from Welch's t on the log fork
 * means, its two-sided p-value and its equivalence test from the same model, and a verdict ({@link Verdicts}) with
 * Holm's correction across the whole table (every row of every candidate column). Per row, each side's estimate
 * with its interval and fork count, the fork-to-fork spread and the forks per side a ±5 % interval of the ratio would
 * need. Rows that are {@link Steady not steady}, heterogeneous or have a capped warm-up on either side say so in
 * the note column. Throughput results compare batches/s (ratio &gt; 1: the candidate is faster, and the verdict
 * says so); SampleTime results compare the iterations' mean batch times. The files must all be of one JMH mode.
 */
public final class Compare {
    private Compare() {}

    /** What the table's family is, in the legend's words. */
    static final String FAMILY = "every row of every candidate column of this table";

    /** The first sentences of the explanation: what is compared, and which way the ratio points. */
    static String numbers(Mode mode) {
        switch (mode) {
            case THRPT:
                return "Throughput: batches/s (one batch = n requests; higher is better): each side's estimate "
                        + "[95 % interval] (F forks) — the geometric mean of its fork means, Student's t on the log "
                        + "fork means. Ratio > 1: the candidate is faster.";
            case SAMPLE:
                return "Times: each side's mean ms/op of the sampled batches as the geometric mean of its fork "
                        + "means [95 % interval] (F forks); percentiles are in `scripts/report.sh tables`. Ratio < 1: "
                        + "the candidate is faster.";
            default:
                return "Times: ms/op, each side's estimate [95 % interval] (F forks) — the geometric mean of its fork "
                        + "means, Student's t with F − 1 degrees of freedom on the log fork means. Ratio < 1: the "
                        + "candidate is faster.";
        }
    }

    /**
     * The header paragraph: what the numbers are and how the verdict is reached; with {@code capped} (a row has the
     * mark; only then) what "warm-up capped" means.
     */
    static String explanation(List<Integer> forksNeeded, Mode mode, boolean capped, double margin) {
        List<Integer> known = forksNeeded.stream().filter(f -> f > 0).sorted().toList();
        String need = known.isEmpty() ? "the data cannot tell yet (it needs ≥ 2 forks per side)"
                : "a median of " + known.get(known.size() / 2) + " forks per side over these rows";
        return numbers(mode) + " The unit of replication is the fork (a fresh JVM; Kalibera & Jones, ISMM 2013). "
                + Verdicts.rule(margin, FAMILY) + ". *fork CV*: the spread of the log fork means (both sides "
                + "pooled). *forks for ±5 %*: forks per side for a 95 % interval of the ratio within ±5 % at this "
                + "spread — here " + need + ". " + Steady.rule() + ". " + HETERO_RULE + " (base or candidate; see "
                + "the note)." + (capped ? " " + WarmupCap.rule() + " (the note names the side and its forks)." : "")
                + "\n\n";
    }

    static final String HETERO_RULE = "*forks disagree*: the fork means differ beyond what their iterations "
            + "explain (one-way ANOVA on the log iterations, p < " + ForkLevel.HETERO_P + ") with a fork-to-fork "
            + "spread beyond the iterations' above " + Legends.fmtPct(ForkLevel.HETERO_CV) + ", e.g. a fork on "
            + "another JIT plateau; the note shows the fork means, and such a row gets no *equivalent* verdict";

    /** Forks per side for a ±{@code target} interval of the ratio at the pooled log fork spread {@code sd}. */
    static int forksForRatio(double sd, double target) {
        if (Double.isNaN(sd)) return -1;
        for (int f = 2; f <= ForkLevel.MAX_FORKS; f++) {
            double half = new org.apache.commons.math3.distribution.TDistribution(null, 2 * f - 2)
                    .inverseCumulativeProbability(0.5 + ForkLevel.LEVEL / 2) * sd * Math.sqrt(2.0 / f);
            if (Math.expm1(half) <= target) return f;
        }
        return ForkLevel.MAX_FORKS + 1;
    }

    static String forksLabel(int f) {
        return f < 0 ? "n/a" : f > ForkLevel.MAX_FORKS ? "> " + ForkLevel.MAX_FORKS : String.valueOf(f);
    }

    static double pooledSd(ForkLevel.Estimate a, ForkLevel.Estimate b) {
        if (a.forks() < 2 || b.forks() < 2) return Double.NaN;
        double ss = a.forkSd() * a.forkSd() * (a.forks() - 1) + b.forkSd() * b.forkSd() * (b.forks() - 1);
        return Math.sqrt(ss / (a.forks() + b.forks() - 2));
    }

    /** "1.134 [0.982, 1.310] (3)": a side's estimate, its interval and fork count. */
    static String side(Row r) {
        ForkLevel.Estimate e = r.estimate();
        return e.cell() + " (" + e.forks() + ")";
    }

    /** One compared row: its key, and per candidate the judged ratio and pooled spread. */
    public record Line(String key, Row any, List<Row> sides, List<Verdicts.Judged> judged, List<Double> sd) {}

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

    public static String markdown(List<RunFile> files, java.util.function.Function<RunFile, String> where) {
        return markdown(files, where, ForkLevel.MARGIN);
    }

    /** The compared lines of the files (base first), judged as one family. */
    public static List<Line> lines(List<RunFile> files, double margin) {
        if (files.size() < 2) {
            throw new ReportException(files.isEmpty() ? "compare" : files.get(0).path().toString(),
                    "compare needs at least two result files (BASE.json CANDIDATE.json...)");
        }
        Mode mode = Mode.single(files, "compare");
        List<Map<String, Row>> byKey = new ArrayList<>();
        Map<String, Row> keys = new LinkedHashMap<>();
        for (RunFile f : files) {
            Map<String, Row> m = new LinkedHashMap<>();
            for (Row r : f.rows()) m.put(r.key(), r);
            byKey.add(m);
        }
        // row order: the file with the most rows first (so rows one JDK lacks stay in place), then the others'
        List<RunFile> bySize = new ArrayList<>(files);
        bySize.sort(java.util.Comparator.comparingInt((RunFile f) -> f.rows().size()).reversed());
        for (RunFile f : bySize) for (Row r : f.rows()) keys.putIfAbsent(r.key(), r);
        int nc = files.size() - 1;
        List<String> keyList = new ArrayList<>(keys.keySet());
        List<int[]> where = new ArrayList<>();
        List<Verdicts.Judged> judged = family(byKey, keyList, margin, mode, where);
        List<Line> out = new ArrayList<>();
        for (int j = 0; j < keyList.size(); j++) {
            List<Row> sides = new ArrayList<>();
            for (Map<String, Row> m : byKey) sides.add(m.get(keyList.get(j)));
            List<Verdicts.Judged> js = new ArrayList<>(java.util.Collections.nCopies(nc, (Verdicts.Judged) null));
            List<Double> sds = new ArrayList<>(java.util.Collections.nCopies(nc, Double.NaN));
            for (int k = 0; k < where.size(); k++) {
                if (where.get(k)[0] != j) continue;
                int i = where.get(k)[1];
                js.set(i, judged.get(k));
                sds.set(i, pooledSd(sides.get(0).estimate(), sides.get(i + 1).estimate()));
            }
            out.add(new Line(keyList.get(j), keys.get(keyList.get(j)), sides, js, sds));
        }
        return out;
    }

    /**
     * The family: every (row, candidate) pair of the table, judged together (Holm over all of them); {@code where}
     * gets each judged pair's {row index, candidate index}.
     */
    private static List<Verdicts.Judged> family(List<Map<String, Row>> byKey, List<String> keyList, double margin,
                                                Mode mode, List<int[]> where) {
        List<ForkLevel.Ratio> ratios = new ArrayList<>();
        List<Boolean> hetero = new ArrayList<>();
        for (int j = 0; j < keyList.size(); j++) {
            for (int i = 0; i < byKey.size() - 1; i++) {
                Row base = byKey.get(0).get(keyList.get(j));
                Row c = byKey.get(i + 1).get(keyList.get(j));
                if (base == null || c == null) continue;
                ratios.add(ForkLevel.ratio(base.forks(), c.forks(), margin));
                hetero.add(base.estimate().heterogeneous() || c.estimate().heterogeneous());
                where.add(new int[] {j, i});
            }
        }
        return Verdicts.judge(ratios, hetero, mode.higherIsBetter());
    }

    /** {@code where}: how to name each file in the header lines; {@code margin}: the equivalence margin. */
    public static String markdown(List<RunFile> files, java.util.function.Function<RunFile, String> where,
                                  double margin) {
        List<Line> lines = lines(files, margin);
        Mode mode = Mode.single(files, "compare");
        List<String> names = names(files);
        boolean several = false;
        for (RunFile f : files) several |= Groups.severalBenchmarks(f.rows());
        List<SortedMap<String, String>> sets = new ArrayList<>();
        for (RunFile f : files) for (Row r : f.rows()) sets.add(Groups.groupKey(r, several, null));
        Set<String> vary = Groups.varying(sets);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            RunFile f = files.get(i);
            b.append(i == 0 ? "Base" : "Candidate").append(" **").append(names.get(i)).append("**: ")
                    .append((f.vmName() + " " + f.vmVersion()).strip()).append(" · ").append(f.settings());
            if (!f.machine().isEmpty()) b.append(" · ").append(f.machine());
            b.append(" · `").append(where.apply(f)).append("`  \n");
        }
        List<Integer> needed = new ArrayList<>();
        for (Line l : lines) for (double sd : l.sd()) if (!Double.isNaN(sd)) needed.add(forksForRatio(sd, ForkLevel.TARGET));
        b.append(explanation(needed, mode, files.stream().anyMatch(f -> WarmupCap.anyOf(f.rows())), margin));
        MdTable t = columns(names);
        for (Line line : lines) t.row(tableLine(line, names, several, vary));
        return b.append(t).toString();
    }

    /** The table's header: each file's estimate, then per candidate its ratio, p, verdict, spread and forks needed. */
    private static MdTable columns(List<String> names) {
        List<String> header = new ArrayList<>(List.of("strategy", "parameters"));
        StringBuilder align = new StringBuilder("ll");
        for (String n : names) {
            header.add(n + " [95 % CI] (F)");
            align.append('r');
        }
        for (int i = 1; i < names.size(); i++) {
            String v = names.get(i) + " / " + names.get(0);
            header.addAll(List.of(v + " [95 % CI]", "p (Holm)", "verdict", "fork CV", "forks for ±5 %"));
            align.append("rrlrr");
        }
        header.add("note");
        return new MdTable(align.append('l').toString(), header);
    }

    /** One compared row: its estimate per file, each candidate's judged ratio, and the rows' marks as its note. */
    private static List<String> tableLine(Line line, List<String> names, boolean several, Set<String> vary) {
        Row any = line.any();
        List<String> cells = new ArrayList<>(List.of("`" + any.strategy() + "`",
                Groups.label(Groups.groupKey(any, several, null), vary, true)));
        List<String> note = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Row r = line.sides().get(i);
            cells.add(r == null ? "n/a" : side(r));
            if (r == null) continue;
            String marks = Cells.marks(r);
            if (!marks.isEmpty()) note.add(names.get(i) + ": " + marks);
        }
        for (int i = 0; i < names.size() - 1; i++) {
            Verdicts.Judged j = line.judged().get(i);
            if (j == null) {
                cells.addAll(List.of("n/a", "n/a", "n/a", "n/a", "n/a"));
                continue;
            }
            double sd = line.sd().get(i);
            cells.addAll(List.of(j.ratioCell(), pValue(j.pAdj()), j.label(), Double.isNaN(sd) ? "n/a" : Cells.cv(sd),
                    forksLabel(forksForRatio(sd, ForkLevel.TARGET))));
        }
        cells.add(String.join("; ", note));
        return cells;
    }

    /** The rows whose verdict is one of {@code verdicts}, as "strategy (parameters): verdict ratio" lines. */
    public static List<String> gate(List<RunFile> files, double margin, Set<Verdicts.Verdict> verdicts) {
        List<String> out = new ArrayList<>();
        for (Line l : lines(files, margin)) {
            for (Verdicts.Judged j : l.judged()) {
                if (j != null && verdicts.contains(j.verdict())) {
                    out.add(l.any().strategy() + " " + l.any().groupParams() + ": " + j.label() + " " + j.ratioCell());
                }
            }
        }
        return out;
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) return "n/a";
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
