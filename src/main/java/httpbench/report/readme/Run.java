package httpbench.report.readme;

import httpbench.report.read.ReportException;
import httpbench.report.read.RunFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run folder of the results directory and the one place that says which runs are the newest of a kind: the
 * suite runs per JDK (not python, not scaling, not a study) and their comparison.
 */
public record Run(Path dir, RunFile file) {
    String folder() { return dir.getFileName().toString(); }
    int major() {
        String v = file.jdkVersion();
        try {
            return Integer.parseInt(v.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
    boolean python() { return file.rows().stream().anyMatch(r -> r.harness() != null); }
    boolean scaling() { return RunKind.SCALING.names(dir); }
    /**
     * Made with other than the suite's defaults: its JMH args (environment.json) name rows or parameters
     * ({@code -p}) or JVM settings ({@code -jvm}, {@code -jvmArgs...}), as a study of some rows does (e.g.
     * scripts/variance.sh); such a run is never the README's suite run, however new.
     */
    boolean study() {
        JsonNode e = file.environment();
        return e != null && STUDY_ARGS.matcher(e.path("jmhArgs").asText("")).find();
    }
    /** When the run was made: environment.json's date, else the folder's yyyy-mm-dd prefix. */
    String when() {
        JsonNode e = file.environment();
        String d = e == null ? "" : e.path("date").asText("");
        try {
            return OffsetDateTime.parse(d).toInstant().toString();
        } catch (DateTimeParseException ex) {
            return folder().length() >= 10 ? folder().substring(0, 10) : folder();
        }
    }

    /** Oldest first: by date, then by folder (a "-2" run folder after its first one). */
    static final Comparator<Run> OLDEST_FIRST = Comparator.comparing(Run::when)
            .thenComparing(r -> r.folder().length()).thenComparing(Run::folder);

    private static final java.util.regex.Pattern STUDY_ARGS =
            java.util.regex.Pattern.compile("(^|\\s)(-p\\s+\\w+=|-jvm(Args\\w*)?\\s)");

    /** Every folder under {@code results} with a results.json, oldest first. */
    static List<Run> runs(Path results) {
        if (!Files.isDirectory(results)) throw new ReportException(results.toString(), "no such folder");
        List<Run> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(results)) {
            for (Path d : s.sorted().toList()) {
                Path json = d.resolve("results.json");
                if (Files.isRegularFile(json)) out.add(new Run(d, RunFile.read(json)));
            }
        } catch (IOException e) {
            throw new ReportException(results.toString(), "cannot list: " + e.getMessage());
        }
        out.sort(OLDEST_FIRST);
        return out;
    }

    /** Newest suite run (not python, not scaling, not a {@link Run#study()}) per JDK major, ascending by major. */
    static List<Run> newestSuiteRuns(List<Run> runs) {
        Map<Integer, Run> m = new TreeMap<>();
        for (Run r : runs) if (!r.python() && !r.scaling() && !r.study()) m.put(r.major(), r); // oldest first: newest wins
        return new ArrayList<>(m.values());
    }

    /** The newest compare folder of run.sh for these two versions, or null. */
    static Path compareFolder(Run base, Run cand) {
        Path parent = base.dir().getParent();
        String want = "-compare-" + base.file().jdkVersion() + "-vs-" + cand.file().jdkVersion() + "-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(d -> d.getFileName().toString().contains(want) && Files.isRegularFile(d.resolve("compare.md")))
                    .max(RunKind.OLDEST_FIRST).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The feature release of a {@code java.version} ("17.0.15" -> 17; unknown -> 0). */
    static int feature(String javaVersion) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:1\\.)?(\\d+)").matcher(javaVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
