package httpbench.report.read;

import httpbench.report.stats.Steady;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JMH JSON result file ({@code -rf json}), read and checked, scores in ms/op (AverageTime, SampleTime) or
 * batches/s (Throughput); the {@code environment.json}
 * next to it, when there is one. Every problem is a {@link ReportException} naming the file.
 */
public final class RunFile {
    public static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode root = readJson(path, "JMH JSON results (write them with -rf json)");
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
            rows.add(JmhEntry.row(name, i++, n));
        }
        // the steady-state check holds its level across the run's rows, not per row (Steady)
        List<Steady> family = Steady.fdr(rows.stream().map(Row::steady).toList());
        for (int k = 0; k < rows.size(); k++) rows.set(k, rows.get(k).withSteady(family.get(k)));
        JsonNode env = null;
        Path dir = path.toAbsolutePath().getParent();
        Path envFile = dir == null ? null : dir.resolve("environment.json");
        if (envFile != null && Files.isRegularFile(envFile)) {
            env = readJson(envFile, "environment.json");
            if (!env.isObject()) throw new ReportException(envFile.toString(), "not an environment.json object");
        }
        return new RunFile(path, List.copyOf(rows), root.get(0), env);
    }

    /** Reads one JSON document; missing, unreadable, empty or malformed files are one-line errors. */
    public static JsonNode readJson(Path path, String what) {
        String name = path.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) throw new ReportException(name, "is a folder, expected " + what);
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ReportException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new ReportException(name, "permission denied");
        } catch (IOException e) {
            throw new ReportException(name, "cannot read: " + oneLine(e.getMessage()));
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new ReportException(name, "empty file, expected " + what);
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ReportException(name, "malformed JSON" + where + ": "
                    + oneLine(e.getOriginalMessage()).replaceAll(" \\(start marker.*|: was expecting.*", ""));
        } catch (IOException e) {
            throw new ReportException(name, "cannot read: " + oneLine(e.getMessage()));
        }
    }

    public static String oneLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }

    public Path path() { return path; }

    public List<Row> rows() { return rows; }

    /** e.g. {@code 17.0.15}, or {@code python 3.11.2} for the Python harness. */
    public String jdkVersion() { return first.path("jdkVersion").asText("?"); }

    public String vmName() { return first.path("vmName").asText(""); }

    public String vmVersion() { return first.path("vmVersion").asText(""); }

    /** True when the rows come from another harness (e.g. the Python seed), not JMH. */
    public boolean otherHarness() { return first.hasNonNull("harness"); }

    /** The JMH settings of this run, in one line. */
    public String settings() {
        if (otherHarness()) return first.get("harness").asText();
        int forks = first.path("forks").asInt();
        // a file of several modes (-bm thrpt,sample) names them all
        String modes = String.join(" + ", rows.stream().map(r -> r.mode().jmh).distinct().toList());
        return "JMH " + first.path("jmhVersion").asText("?") + ", "
                + (modes.contains(" + ") ? modes : first.path("mode").asText("avgt")) + ", "
                + forks + (forks == 1 ? " fork" : " forks") + " × (" + first.path("warmupIterations").asInt()
                + " × " + first.path("warmupTime").asText("?") + " warm-up + "
                + first.path("measurementIterations").asInt() + " × " + first.path("measurementTime").asText("?")
                + " measured)" + callers();
    }

    /** ", C callers (-t C)" when every row ran with the same C > 1; ", callers per row" when they differ. */
    private String callers() {
        List<String> c = rows.stream().map(r -> r.params().getOrDefault(Row.CALLERS, "1")).distinct().toList();
        if (c.size() > 1) return ", callers per row (-t)";
        return c.get(0).equals("1") ? "" : ", " + c.get(0) + " callers (-t " + c.get(0) + ")";
    }

    /** The environment.json next to the results, or null. */
    public JsonNode environment() { return environment; }

    /** The machine in a few words (host, CPU, cores, OS) from environment.json; empty when there is none. */
    public String machine() {
        if (environment == null) return "";
        List<String> parts = new ArrayList<>();
        String host = environment.path("host").asText("");
        if (!host.isEmpty()) parts.add(host.split("\\.")[0]);
        String cpu = environment.path("cpuModel").asText("");
        if (!cpu.isEmpty() && !cpu.equals("?")) parts.add(cpu.replaceAll("\\((R|TM|tm)\\)", "").replaceAll("\\s+", " "));
        if (environment.hasNonNull("cores")) parts.add(environment.get("cores").asText() + " cores");
        String os = environment.path("os").asText("");
        if (!os.isEmpty() && !os.equals("?")) parts.add(os);
        return String.join(", ", parts);
    }

    /** Host, CPU and cores, for chart titles; empty without environment.json. */
    public String machineShort() {
        if (environment == null) return "";
        String m = machine();
        String os = environment.path("os").asText("");
        return !os.isEmpty() && m.endsWith(", " + os) ? m.substring(0, m.length() - os.length() - 2) : m;
    }

    /** "17.0.15" plus, when it says more, the VM version, e.g. "17.0.15 (OpenJDK 64-Bit Server VM 17.0.15+6-...)". */
    public String jdkLine() {
        String vm = (vmName() + " " + vmVersion()).strip();
        return vm.isEmpty() ? jdkVersion() : jdkVersion() + " (" + vm + ")";
    }
}
