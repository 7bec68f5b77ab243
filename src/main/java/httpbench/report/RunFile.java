package httpbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A JMH JSON result file, read and checked; {@link ReportException} names the file and the problem. */
public final class RunFile {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final List<Row> rows;
    private final JsonNode first;
    private final JsonNode environment;

    private RunFile(Path path, List<Row> rows, JsonNode first, JsonNode environment) {
        this.path = path;
        this.rows = rows;
        this.first = first;
        this.environment = environment;
    }

    public static RunFile read(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ReportException(name, "no such file");
        } catch (IOException e) {
            throw new ReportException(name, "cannot read: " + e.getMessage());
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new ReportException(name, "empty file (did the JMH run write its results?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ReportException(name, "malformed JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(start marker.*| at \\[Source.*", ""));
        } catch (IOException e) {
            throw new ReportException(name, "cannot read: " + e.getMessage());
        }
        if (!root.isArray()) {
            throw new ReportException(name, "not JMH JSON output (expected a list of benchmark results; "
                    + "write it with -rf json)");
        }
        if (root.isEmpty()) {
            throw new ReportException(name, "no benchmarks in this file (did every benchmark fail?)");
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            rows.add(row(name, i++, n));
        }
        JsonNode env = null;
        Path envFile = path.toAbsolutePath().getParent() == null ? null
                : path.toAbsolutePath().getParent().resolve("environment.json");
        if (envFile != null && Files.isRegularFile(envFile)) {
            try {
                env = JSON.readTree(envFile.toFile());
            } catch (IOException e) {
                throw new ReportException(envFile.toString(), "malformed environment.json: " + e.getMessage());
            }
        }
        return new RunFile(path, List.copyOf(rows), root.get(0), env);
    }

    private static Row row(String file, int i, JsonNode n) {
        JsonNode pm = n.get("primaryMetric");
        if (!n.isObject() || !n.hasNonNull("benchmark") || pm == null || !pm.path("score").isNumber()) {
            throw new ReportException(file, "not JMH JSON output (entry " + i
                    + " has no benchmark/primaryMetric.score)");
        }
        TreeMap<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        List<Double> raw = new ArrayList<>();
        for (JsonNode fork : pm.path("rawData")) {
            for (JsonNode v : fork) if (v.isNumber()) raw.add(v.asDouble());
        }
        Map<String, Double> sec = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("score").isNumber()) sec.put(e.getKey(), e.getValue().get("score").asDouble());
        }
        double err = pm.path("scoreError").isNumber() ? pm.get("scoreError").asDouble() : Double.NaN;
        return new Row(n.get("benchmark").asText(), params, pm.get("score").asDouble(), err,
                pm.path("scoreUnit").asText("ms/op"), raw.stream().mapToDouble(Double::doubleValue).toArray(),
                sec, n.hasNonNull("harness") ? n.get("harness").asText() : null);
    }

    public Path path() { return path; }

    public List<Row> rows() { return rows; }

    /** e.g. {@code 17.0.15}, or {@code python 3.11.2} for the Python harness. */
    public String jdkVersion() { return first.path("jdkVersion").asText("?"); }

    public String vmName() { return first.path("vmName").asText(""); }

    public String vmVersion() { return first.path("vmVersion").asText(""); }

    /** The JMH settings of this run, in one line. */
    public String settings() {
        if (first.hasNonNull("harness")) return first.get("harness").asText();
        return "JMH " + first.path("jmhVersion").asText("?") + ", " + first.path("forks").asInt() + " fork(s), "
                + first.path("warmupIterations").asInt() + " x " + first.path("warmupTime").asText()
                + " warm-up, " + first.path("measurementIterations").asInt() + " x "
                + first.path("measurementTime").asText() + " measurement";
    }

    /** The environment.json next to the results, or null. */
    public JsonNode environment() { return environment; }

    /** Machine in a few words, from environment.json when present. */
    public String machine() {
        if (environment == null) return "";
        return environment.path("cpuModel").asText("?") + ", " + environment.path("cores").asText("?") + " cores, "
                + environment.path("os").asText("?");
    }
}
