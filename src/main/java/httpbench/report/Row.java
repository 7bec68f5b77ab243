package httpbench.report;

import java.util.Map;
import java.util.SortedMap;

/**
 * One benchmark row of a JMH JSON result (or a Python-harness row in the same shape).
 *
 * @param benchmark  full benchmark name
 * @param params     all parameters, sorted by name
 * @param score      primary score (ms/op)
 * @param error      JMH's 99.9 % confidence half-width (NaN when not available)
 * @param unit       score unit
 * @param raw        every measured iteration value of every fork, flattened
 * @param secondary  secondary metric name -> score (e.g. {@code gc.alloc.rate.norm}, {@code threads})
 * @param harness    null for JMH rows, else the name of the other harness
 */
public record Row(String benchmark, SortedMap<String, String> params, double score, double error, String unit,
                  double[] raw, Map<String, Double> secondary, String harness) {

    public String strategy() {
        return params.getOrDefault("strategy", shortName());
    }

    public String shortName() {
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        return benchmark.substring(dot + 1);
    }

    public int requests() {
        return intParam("requests", 1);
    }

    public long latencyMs() {
        return intParam("latencyMs", 0);
    }

    private int intParam(String k, int dflt) {
        try {
            return Integer.parseInt(params.getOrDefault(k, String.valueOf(dflt)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Rows that issue their requests one after another: physical limit n x L instead of L. */
    public boolean serialLike() {
        String s = strategy();
        return s.equals("serial") || s.equals("floor") || s.equals("python-requests");
    }

    /** Key of this row within a run: benchmark + every parameter. */
    public String key() {
        return shortName() + " " + params;
    }

    /** Parameters other than the strategy: rows with the same group are compared with each other. */
    public SortedMap<String, String> groupParams() {
        SortedMap<String, String> g = new java.util.TreeMap<>(params);
        g.remove("strategy");
        return g;
    }
}
