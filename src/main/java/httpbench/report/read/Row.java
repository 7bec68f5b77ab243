package httpbench.report.read;

import httpbench.report.stats.ForkLevel;
import httpbench.report.stats.Steady;

import httpbench.strategy.Registry;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One benchmark row of a JMH JSON result (or a row of another harness in the same shape, e.g. the Python seed).
 *
 * @param benchmark  full benchmark name
 * @param params     all parameters, sorted by name
 * @param score      primary score in the mode's unit: ms/op for AverageTime and SampleTime (the mean), batches/s
 *                   for Throughput (converted from the file's time unit)
 * @param error      JMH's 99.9 % confidence half-width in the same unit (NaN when not available)
 * @param raw        every measured iteration value of every fork, flattened, in the same unit (SampleTime: each
 *                   iteration's mean batch time)
 * @param secondary  secondary metric name -> score (e.g. {@code gc.alloc.rate.norm}, {@code threads})
 * @param harness    null for JMH rows, else the name of the other harness
 * @param forks      the measured iteration values per fork (JMH's {@code rawData}), in ms/op: the fork is the unit
 *                   of replication for the comparison's statistics, so the structure is kept
 * @param mode       the JMH mode the row was measured in
 * @param percentiles SampleTime only: JMH's {@code scorePercentiles} (e.g. 99.9 -> ms), else empty
 * @param steady     the steady-state check of the measured iterations ({@link Steady}); null: checked alone. A
 *                   results file's rows are checked as one family ({@link RunFile#read})
 * @param warmupCap  how many forks' warm-up hit its cap ({@link WarmupCap}); null: not recorded
 */
public record Row(String benchmark, SortedMap<String, String> params, double score, double error,
                  double[] raw, Map<String, Double> secondary, String harness, double[][] forks, Mode mode,
                  SortedMap<Double, Double> percentiles, Steady steady, WarmupCap warmupCap) {

    public Row {
        if (steady == null) steady = Steady.of(forks);
        if (warmupCap == null) warmupCap = WarmupCap.NONE;
    }

    /** A row whose warm-ups were not recorded ({@link WarmupCap#NONE}). */
    public Row(String benchmark, SortedMap<String, String> params, double score, double error,
               double[] raw, Map<String, Double> secondary, String harness, double[][] forks, Mode mode,
               SortedMap<Double, Double> percentiles, Steady steady) {
        this(benchmark, params, score, error, raw, secondary, harness, forks, mode, percentiles, steady, null);
    }

    /** A row of the given mode, its steady-state check made on its own. */
    public Row(String benchmark, SortedMap<String, String> params, double score, double error,
               double[] raw, Map<String, Double> secondary, String harness, double[][] forks, Mode mode,
               SortedMap<Double, Double> percentiles) {
        this(benchmark, params, score, error, raw, secondary, harness, forks, mode, percentiles, null);
    }

    /** This row with the steady-state check adjusted across its run ({@link Steady#fdr}). */
    Row withSteady(Steady s) {
        return new Row(benchmark, params, score, error, raw, secondary, harness, forks, mode, percentiles, s,
                warmupCap);
    }

    /** An AverageTime row (ms/op). */
    public Row(String benchmark, SortedMap<String, String> params, double score, double error,
               double[] raw, Map<String, Double> secondary, String harness, double[][] forks) {
        this(benchmark, params, score, error, raw, secondary, harness, forks, Mode.AVGT, new TreeMap<>());
    }

    /** A row whose iterations are not split by fork: all of them count as one fork. */
    public Row(String benchmark, SortedMap<String, String> params, double score, double error,
               double[] raw, Map<String, Double> secondary, String harness) {
        this(benchmark, params, score, error, raw, secondary, harness, new double[][] {raw});
    }

    /**
     * The row's fork-level estimate ({@link ForkLevel}): its number, 95 % interval, fork means and heterogeneity.
     * Throughput rows: of batches/s.
     */
    public ForkLevel.Estimate estimate() {
        return ForkLevel.of(forks);
    }

    /** A SampleTime percentile of the batch time in ms (e.g. 99.9), NaN when the row has none. */
    public double percentile(double p) {
        return percentiles.getOrDefault(p, Double.NaN);
    }

    /** The row's name in tables: the {@code strategy} parameter, else the benchmark's short name. */
    public String strategy() {
        return params.getOrDefault("strategy", shortName());
    }

    /** {@code ConcurrentRequests.batch} for {@code httpbench.jmh.ConcurrentRequests.batch}. */
    public String shortName() {
        int last = benchmark.lastIndexOf('.');
        int dot = last <= 0 ? -1 : benchmark.lastIndexOf('.', last - 1);
        return benchmark.substring(dot + 1);
    }

    /** Pseudo-parameter: JMH's {@code -t}, callers sending batches at once; only present when above 1. */
    public static final String CALLERS = "callers";

    /** C, callers sending batches at once (JMH threads; 1 unless the run used {@code -t}). */
    public int callers() {
        return (int) longParam(CALLERS, 1);
    }

    /** n, requests per batch (1 when the benchmark has no such parameter). */
    public int requests() {
        return (int) longParam("requests", 1);
    }

    /** L, the latency the server adds per response (0 when the benchmark has no such parameter). */
    public long latencyMs() {
        return longParam("latencyMs", 0);
    }

    /** R, the emulated network round trip each exchange pays (0 when the run has no such parameter). */
    public long rttMs() {
        return longParam("rttMs", 0);
    }

    private long longParam(String k, long dflt) {
        try {
            return Long.parseLong(params.getOrDefault(k, String.valueOf(dflt)).trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /**
     * Rows that issue their requests one after another, so their physical limit is n·L instead of L: what the
     * registry says for Java rows; of the other harnesses' rows only the Python {@code requests} loop is serial.
     * Any other row (a Python asyncio row, a row of an older jar...) is treated as concurrent.
     */
    public boolean serialLike() {
        return registered().map(Registry::serial).orElse(strategy().equals(PYTHON_SERIAL));
    }

    /** The registry row of this row, when it is a Java row this jar knows. */
    public Optional<Registry> registered() {
        return harness == null ? Registry.find(strategy()) : Optional.empty();
    }

    /** The Python seed's serial row: the speedup baseline when a parameter set has no Java {@code serial}. */
    public static final String PYTHON_SERIAL = "python-requests";

    /** Key of this row within a run: benchmark + every parameter. */
    public String key() {
        return shortName() + " " + params;
    }

    /** Parameters other than the strategy: rows with the same group are compared with each other. */
    public SortedMap<String, String> groupParams() {
        SortedMap<String, String> g = new TreeMap<>(params);
        g.remove("strategy");
        return g;
    }
}
