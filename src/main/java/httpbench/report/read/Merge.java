package httpbench.report.read;

import httpbench.metric.Metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report merge}: several JMH JSON files of the same rows, one fork each (or more), become one results file
 * as if JMH had run all those forks itself. Used by {@code scripts/run.sh} for interleaved runs (each JMH
 * invocation is {@code -f 1}, and the forks of several JDKs or settings alternate in a random order).
 *
 * <p>Per row (benchmark + mode + params): the fork lists of {@code rawData} (and {@code rawDataHistogram}) are
 * concatenated; the score is recomputed from all iterations, like JMH does across forks. The primary metric is
 * an average: score = mean, scoreError = Student-t half-width at 99.9 % ({@code "NaN"} with fewer than two
 * values), scoreConfidence = score ± error, percentiles over all iterations. A secondary metric keeps the
 * aggregation JMH gave it, which its JSON does not name, so it is inferred from each fork file: the policy
 * that reproduces the fork's own score from its rawData (mean, sum, max or min); {@code gc.count} and
 * {@code gc.time} are sums, the {@code threads} profiler's metric a maximum (a per-iteration peak), and so is
 * {@code warmupCapped} (any fork whose warm-up hit its cap; {@link WarmupCap} counts them from the rawData). Non-mean
 * metrics get scoreError {@code "NaN"} and a zero-width confidence interval, as in JMH's own output. "forks" is
 * the number of fork files that had the row. Rows missing from some files are merged from those that have them
 * and reported as incomplete.
 */
public final class Merge {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final double CONFIDENCE = 0.999;

    enum Policy { AVG, SUM, MAX, MIN }

    /** The merged rows and, per incomplete row, a description naming the files that lack it. */
    public record Result(ArrayNode rows, List<String> incomplete) {}

    private Merge() {}

    public static Result merge(List<Path> files) {
        return merge(files, List.of());
    }

    /**
     * {@code extras}: fork files of an adaptive run's extra rounds ({@code scripts/run.sh} without {@code -f}),
     * each with only the rows that still needed forks: their forks are appended after those of {@code files}, in
     * the order given, and a row they lack is not incomplete. A row missing from one of {@code files} still is.
     */
    public static Result merge(List<Path> files, List<Path> extras) {
        if (files.isEmpty()) throw new ReportException("merge", "no fork files given");
        List<Path> all = new ArrayList<>(files);
        all.addAll(extras);
        Map<String, List<JsonNode>> byRow = new LinkedHashMap<>();
        Map<String, List<Path>> where = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Path f : all) {
            JsonNode rows = read(f);
            for (JsonNode row : rows) {
                String key = key(row);
                if (where.getOrDefault(key, List.of()).contains(f)) {
                    throw new ReportException(f.toString(), "row " + label(row) + " appears twice");
                }
                byRow.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                where.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
                labels.putIfAbsent(key, label(row));
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        List<String> incomplete = new ArrayList<>();
        for (var e : byRow.entrySet()) {
            out.add(mergeRow(e.getValue()));
            List<Path> have = new ArrayList<>(where.get(e.getKey()));
            have.retainAll(files);
            if (have.size() < files.size()) {
                List<String> missing = new ArrayList<>();
                for (Path f : files) if (!have.contains(f)) missing.add(f.getFileName().toString());
                incomplete.add(labels.get(e.getKey()) + " (" + have.size() + " of " + files.size()
                        + " forks; missing in " + String.join(", ", missing) + ")");
            }
        }
        return new Result(out, incomplete);
    }

    /** A fork file through the one JSON reader ({@link RunFile#readJson}), then the shape merge needs. */
    static JsonNode read(Path f) {
        JsonNode n = RunFile.readJson(f, "JMH JSON results of a fork");
        if (!n.isArray()) throw new ReportException(f.toString(), "not JMH JSON: expected an array of rows");
        for (JsonNode row : n) {
            if (!row.path("benchmark").isTextual() || !row.path("primaryMetric").isObject()) {
                throw new ReportException(f.toString(), "not JMH JSON: a row lacks benchmark or primaryMetric");
            }
        }
        return n;
    }

    /** Identity of a row: benchmark, mode and params (sorted). */
    static String key(JsonNode row) {
        Map<String, String> params = new TreeMap<>();
        row.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        // JMH's -t is no parameter, but rows of different callers are different rows, never forks of one
        return row.path("benchmark").asText() + "|" + row.path("mode").asText() + "|" + params
                + (row.path("threads").asInt(1) > 1 ? "|t" + row.path("threads").asInt() : "");
    }

    static String label(JsonNode row) {
        String b = row.path("benchmark").asText();
        StringBuilder s = new StringBuilder(b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1));
        List<String> ps = new ArrayList<>();
        row.path("params").fields().forEachRemaining(p -> ps.add(p.getKey() + "=" + p.getValue().asText()));
        if (!ps.isEmpty()) s.append(" (").append(String.join(", ", ps)).append(')');
        return s.toString();
    }

    static ObjectNode mergeRow(List<JsonNode> forks) {
        ObjectNode row = forks.get(0).deepCopy();
        row.put("forks", forks.size());
        List<JsonNode> primaries = new ArrayList<>();
        for (JsonNode f : forks) primaries.add(f.path("primaryMetric"));
        row.set("primaryMetric", mergeMetric(primaries, Policy.AVG));
        if (row.has("secondaryMetrics")) {
            Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
            for (JsonNode f : forks) {
                Iterator<Map.Entry<String, JsonNode>> it = f.path("secondaryMetrics").fields();
                while (it.hasNext()) {
                    var m = it.next();
                    byName.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(m.getValue());
                }
            }
            ObjectNode sec = JsonNodeFactory.instance.objectNode();
            for (var m : byName.entrySet()) sec.set(m.getKey(), mergeMetric(m.getValue(), policy(m.getKey(), m.getValue())));
            row.set("secondaryMetrics", sec);
        }
        return row;
    }

    /** The aggregation that reproduces every fork's own score from its rawData; ties go to the name's hint. */
    static Policy policy(String name, List<JsonNode> metrics) {
        // warmupCapped (0 or 1, the same in every iteration of a fork) fits every policy in a one-fork file: across
        // forks it means "any fork hit its cap", a maximum; the report counts the forks from rawData
        // the vocabulary says how a known metric combines; another profiler's is checked against every policy
        Policy hint = Metric.of(name).map(m -> Policy.valueOf(m.aggregation().name())).orElse(Policy.AVG);
        List<Policy> fit = new ArrayList<>(List.of(hint));
        for (Policy p : Policy.values()) if (p != hint) fit.add(p);
        for (JsonNode m : metrics) {
            double score = number(m.path("score"));
            List<Double> v = values(List.of(m));
            if (v.isEmpty() || Double.isNaN(score)) continue;
            fit.removeIf(p -> !close(aggregate(p, v), score));
        }
        return fit.isEmpty() ? hint : fit.get(0);
    }

    static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    static double aggregate(Policy p, List<Double> v) {
        double r = switch (p) {
            case AVG, SUM -> 0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        for (double x : v) {
            r = switch (p) {
                case AVG, SUM -> r + x;
                case MAX -> Math.max(r, x);
                case MIN -> Math.min(r, x);
            };
        }
        return p == Policy.AVG ? r / v.size() : r;
    }

    /** All iteration values of these metrics (rawData; rawDataHistogram expanded by count when no rawData). */
    static List<Double> values(List<JsonNode> metrics) {
        List<Double> v = new ArrayList<>();
        for (JsonNode m : metrics) {
            if (m.has("rawData")) {
                for (JsonNode fork : m.path("rawData")) for (JsonNode x : fork) v.add(number(x));
            } else {
                for (JsonNode fork : m.path("rawDataHistogram")) {
                    for (JsonNode iter : fork) {
                        for (JsonNode pair : iter) {
                            long n = pair.path(1).asLong();
                            for (long i = 0; i < n; i++) v.add(number(pair.path(0)));
                        }
                    }
                }
            }
        }
        return v;
    }

    static double number(JsonNode n) {
        if (n.isNumber()) return n.asDouble();
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static ObjectNode mergeMetric(List<JsonNode> metrics, Policy policy) {
        ObjectNode m = metrics.get(0).deepCopy();
        for (String list : new String[] {"rawData", "rawDataHistogram"}) {
            if (!m.has(list)) continue;
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            for (JsonNode x : metrics) for (JsonNode fork : x.path(list)) all.add(fork.deepCopy());
            m.set(list, all);
        }
        List<Double> v = values(metrics);
        double score = v.isEmpty() ? Double.NaN : aggregate(policy, v);
        double error = policy == Policy.AVG ? halfWidth(v, score) : Double.NaN;
        put(m, "score", score);
        put(m, "scoreError", error);
        ArrayNode ci = JsonNodeFactory.instance.arrayNode();
        if (Double.isNaN(error)) {
            addNumber(ci, score);
            addNumber(ci, score);
        } else {
            addNumber(ci, score - error);
            addNumber(ci, score + error);
        }
        m.set("scoreConfidence", ci);
        if (m.has("scorePercentiles") && !v.isEmpty()) m.set("scorePercentiles", percentiles(m, v));
        return m;
    }

    /** JMH's score error for an average: the t half-width at {@link #CONFIDENCE} over all iterations; NaN below 2. */
    private static double halfWidth(List<Double> v, double mean) {
        if (v.size() < 2) return Double.NaN;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (v.size() - 1));
        double t = new TDistribution(v.size() - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * sd / Math.sqrt(v.size());
    }

    /** The percentiles JMH listed for the metric, recomputed over every fork's values. */
    private static ObjectNode percentiles(ObjectNode m, List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile p = new Percentile();
        p.setData(a);
        ObjectNode pct = JsonNodeFactory.instance.objectNode();
        for (var it = m.path("scorePercentiles").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            double q = Double.parseDouble(k);
            put(pct, k, q == 0 ? min(a) : p.evaluate(q));
        }
        return pct;
    }

    static double min(double[] a) {
        double r = Double.POSITIVE_INFINITY;
        for (double x : a) r = Math.min(r, x);
        return r;
    }

    /** JMH writes a NaN as the string "NaN". */
    static void put(ObjectNode n, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) n.set(k, TextNode.valueOf(Double.isNaN(v) ? "NaN" : String.valueOf(v)));
        else n.put(k, v);
    }

    static void addNumber(ArrayNode a, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) a.add(TextNode.valueOf(Double.isNaN(v) ? "NaN" : String.valueOf(v)));
        else a.add(v);
    }
}
