package httpbench.report.read;

import java.util.List;

/**
 * The JMH benchmark mode of a row, and what its score is once read: AverageTime and SampleTime scores are ms per
 * batch (lower is better), Throughput scores are batches per second (higher is better). One operation is one batch
 * of n requests in every mode.
 */
public enum Mode {
    /** {@code -bm avgt}: mean time per batch, ms/op. */
    AVGT("avgt"),
    /** {@code -bm thrpt}: batches per second (summed over JMH threads); requests/s = batches/s × n. */
    THRPT("thrpt"),
    /** {@code -bm sample}: sampled batch times; score = their mean in ms, plus percentiles. */
    SAMPLE("sample");

    /** JMH's name of the mode ({@code "mode"} in its JSON, {@code -bm} on its command line). */
    public final String jmh;

    Mode(String jmh) {
        this.jmh = jmh;
    }

    /** The mode named by JMH's JSON, or null when the reports do not read it (e.g. {@code ss}). */
    static Mode of(String jmh) {
        for (Mode m : values()) if (m.jmh.equals(jmh)) return m;
        return null;
    }

    /** True for throughput: a bigger score is a faster row. */
    public boolean higherIsBetter() {
        return this == THRPT;
    }

    /** The percentiles SampleTime tables and CSV show, as JMH's {@code scorePercentiles} keys. */
    public static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9);

    /** "p50", "p99.9". */
    public static String percentileLabel(double p) {
        return p == Math.rint(p) ? "p" + (long) p : "p" + p;
    }

    /** The one mode of the rows of these files; a one-line error naming the first file when they mix modes. */
    public static Mode single(List<RunFile> files, String what) {
        List<Mode> modes = files.stream().flatMap(f -> f.rows().stream()).map(Row::mode).distinct().toList();
        if (modes.size() > 1) {
            throw new ReportException(files.get(0).path().toString(), what + " needs results of one JMH mode, "
                    + "these mix " + String.join(" and ", modes.stream().map(m -> m.jmh).toList())
                    + " (run each -bm into its own results file)");
        }
        return modes.isEmpty() ? AVGT : modes.get(0);
    }
}
