package httpbench.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of JMH's JSON results read into a {@link Row}: its unit converted, its parameters normalised, its forks' iterations, percentiles, secondary metrics and warm-up outcome.
 */
public final class JmhEntry {
    private JmhEntry() {
    }

    /** Milliseconds per unit for JMH's time-per-operation units; NaN for anything else (e.g. ops/ms). */
    static double msPer(String unit) {
        switch (unit) {
            case "s/op": return 1000.0;
            case "ms/op": return 1.0;
            case "us/op": return 1e-3;
            case "ns/op": return 1e-6;
            default: return Double.NaN;
        }
    }

    /** Operations per second for JMH's operations-per-time units (e.g. 1000 for ops/ms); NaN for anything else. */
    static double perSecond(String unit) {
        switch (unit) {
            case "ops/ns": return 1e9;
            case "ops/us": return 1e6;
            case "ops/ms": return 1e3;
            case "ops/s": return 1.0;
            case "ops/min": return 1 / 60.0;
            case "ops/hr": return 1 / 3600.0;
            default: return Double.NaN;
        }
    }

    static Row row(String file, int i, JsonNode n) {
        JsonNode pm = n.path("primaryMetric");
        if (!n.isObject() || !n.path("benchmark").isTextual() || !pm.isObject() || !pm.path("score").isNumber()) {
            throw new ReportException(file, "not JMH JSON output (entry " + i
                    + " has no benchmark or primaryMetric.score)");
        }
        String unit = pm.path("scoreUnit").asText("ms/op");
        String jmhMode = n.path("mode").asText("avgt");
        Mode mode = Mode.of(jmhMode);
        // the unit converts to the row's unit: ms per batch, or batches per second for throughput
        double k = mode == Mode.THRPT ? perSecond(unit) : msPer(unit);
        if (mode == null || Double.isNaN(k)) {
            throw new ReportException(file, "entry " + i + " (" + n.get("benchmark").asText() + ") is in " + unit
                    + ", mode " + jmhMode + "; the reports read -bm avgt or sample (time per operation) "
                    + "and -bm thrpt (operations per time)");
        }
        TreeMap<String, String> params = params(n);
        List<double[]> forks = forks(pm, k);
        double[] raw = forks.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        // JMH writes NaN as the string "NaN" (one iteration, or one fork of one iteration)
        double err = pm.path("scoreError").isNumber() ? pm.get("scoreError").asDouble() * k : Double.NaN;
        return new Row(n.get("benchmark").asText(), params, pm.get("score").asDouble() * k, err, raw, secondary(n),
                n.hasNonNull("harness") ? n.get("harness").asText() : null, forks.toArray(new double[0][]), mode,
                mode == Mode.SAMPLE ? percentiles(pm, k) : new TreeMap<>(), null,
                warmupCap(n.path("secondaryMetrics").path(WarmupCap.METRIC), forks.size()));
    }

    /** The row's parameters, with those left out that sit at the value every earlier run had (see each). */
    private static TreeMap<String, String> params(JsonNode n) {
        TreeMap<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        // -p scheme and -p caCert came after runs were committed: at the values every earlier run had (http, no
        // certificate file) they are left out, so a new http run pairs with an earlier one in compare and shares its
        // table groups; https rows keep scheme=https (grouped and labelled apart, never paired with http)
        params.remove("scheme", "http");
        params.remove("caCert", "none");
        // -p protocol=http1 is what every run did before the parameter existed: left out, so old and new files of
        // HTTP/1.1 rows group and pair as one; h2 rows carry it
        if (httpbench.workload.Protocol.http1.name().equals(params.get("protocol"))) params.remove("protocol");
        // -p transport (the Netty clients' event loop) came with the change that put asyncHttpClient on NIO; at its
        // default, nio, it is left out so tables group and label as before. Files from before it lack the parameter
        // and their asyncHttpClient ran on native epoll (AHC chose it by itself; the other Netty rows ran on NIO): a
        // compare of such a file with a new one pairs epoll with NIO for that row (the README says so); epoll rows
        // carry transport=epoll
        params.remove("transport", "nio");
        // JMH's -t: C callers at once. A pseudo-parameter, so rows of different C are grouped, labelled and paired
        // apart; absent for one caller, so the files of single-caller runs read as they always did
        int threads = n.path("threads").asInt(1);
        if (threads > 1) params.put(Row.CALLERS, String.valueOf(threads));
        return params;
    }

    /** Each fork's measured iterations in the row's unit ({@code k} converts), histograms as their means. */
    private static List<double[]> forks(JsonNode pm, double k) {
        List<double[]> forks = new ArrayList<>();
        boolean histogram = !pm.has("rawData") && pm.has("rawDataHistogram");
        for (JsonNode fork : pm.path(histogram ? "rawDataHistogram" : "rawData")) {
            List<Double> one = new ArrayList<>();
            for (JsonNode v : fork) {
                double x = histogram ? histogramMean(v) : v.isNumber() ? v.asDouble() : Double.NaN;
                if (!Double.isNaN(x)) one.add(x * k);
            }
            if (!one.isEmpty()) forks.add(one.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return forks;
    }

    private static TreeMap<Double, Double> percentiles(JsonNode pm, double k) {
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pm.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (e.getValue().isNumber()) percentiles.put(Double.parseDouble(e.getKey()), e.getValue().asDouble() * k);
            } catch (NumberFormatException ignored) {
                // not a percentile key: skipped
            }
        }
        return percentiles;
    }

    private static Map<String, Double> secondary(JsonNode n) {
        Map<String, Double> sec = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("score").isNumber()) sec.put(e.getKey(), e.getValue().get("score").asDouble());
        }
        return sec;
    }

    /**
     * Per fork from the metric's rawData (one list per fork, the same value in each iteration): a fork counts as
     * capped when any of its values is above 0. F is the row's forks (its primary metric's), or the forks that
     * recorded the metric if there are more; {@link WarmupCap#NONE} when the row has no such metric.
     */
    static WarmupCap warmupCap(JsonNode metric, int rowForks) {
        if (!metric.path("rawData").isArray() || metric.path("rawData").isEmpty()) return WarmupCap.NONE;
        List<Integer> capped = new ArrayList<>();
        int forks = 0;
        for (JsonNode fork : metric.path("rawData")) {
            forks++;
            boolean any = false;
            for (JsonNode v : fork) any |= v.isNumber() && v.asDouble() > 0;
            if (any) capped.add(forks);
        }
        return new WarmupCap(capped, Math.max(forks, rowForks));
    }

    /** The mean of one SampleTime iteration: JMH's histogram of [value, count] pairs; NaN when it is empty. */
    static double histogramMean(JsonNode iteration) {
        double sum = 0;
        double count = 0;
        for (JsonNode pair : iteration) {
            if (pair.size() < 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) continue;
            sum += pair.get(0).asDouble() * pair.get(1).asDouble();
            count += pair.get(1).asDouble();
        }
        return count > 0 ? sum / count : Double.NaN;
    }
}
