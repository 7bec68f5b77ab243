package httpbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scripts/run.sh} without {@code -f}: adaptive forks, with a fake JDK whose {@code java -jar} writes JMH-shaped
 * results at once (one second per invocation, so the budget is spent in seconds): a row whose forks sit on random
 * levels gets more forks until the budget runs out, a row within ±5 % keeps the minimum, and the run says so.
 */
@Tag("full") // ~25 s of script rounds, a third of the fast build on 2 cores: -Pfull (and CI) runs it
class AdaptiveRunIT {
    /** A JMH stand-in: rows `tight` (forks within 0.1 %) and `wide` (fork levels 1.00-1.38, in a fixed order), 10 iterations each. */
    static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            case " $* " in *" -version "*) echo "    java.version = 17.0.99" >&2; exit 0 ;; esac
            out=""; strategies="tight,wide"; latency=0
            while [ $# -gt 0 ]; do
              case "$1" in
                -rff) out="$2"; shift 2 ;;
                -p) case "$2" in strategy=*) strategies="${2#strategy=}" ;; latencyMs=*) latency="${2#latencyMs=}" ;; esac; shift 2 ;;
                -jar|-rf|-f|-prof|-wi|-i|-w|-r|-bm|-t|-tu|-jvmArgsAppend) shift 2 ;;
                -*) shift ;;
                # like JMH: any other argument is an include pattern, and one that matches no benchmark runs nothing
                *) [[ httpbench.jmh.ConcurrentRequests.batch =~ $1 ]] || { echo "fake JMH: no benchmark matches '$1'" >&2; exit 1; }
                   shift ;;
              esac
            done
            sleep 1
            rows=""
            IFS=, read -r -a ss <<< "$strategies"
            for s in "${ss[@]}"; do
              # wide: the n-th fork of the run sits on level 1.00, 1.30, 1.10, 1.35, 1.05, ... (a counter beside
              # this script), never within ±5 % at these few forks
              if [ "$s" = wide ]; then
                n=$(cat "$(dirname "$0")/count" 2>/dev/null || echo 0); echo $((n + 1)) > "$(dirname "$0")/count"
                levels=(00 30 10 35 05 25 15 38 02 28); level="1.${levels[$((n % 10))]}"
              else level="1.000"; fi
              raw=""
              for i in 0 1 2 3 4 5 6 7 8 9; do raw="$raw${raw:+,}$level$((i % 2))"; done
              rows="$rows${rows:+,}{\\"jmhVersion\\":\\"1.37\\",\\"benchmark\\":\\"httpbench.jmh.ConcurrentRequests.batch\\",\\"mode\\":\\"avgt\\",\\"threads\\":1,\\"forks\\":1,\\"jdkVersion\\":\\"17.0.99\\",\\"vmName\\":\\"Fake VM\\",\\"vmVersion\\":\\"17.0.99\\",\\"warmupIterations\\":2,\\"warmupTime\\":\\"500 ms\\",\\"measurementIterations\\":10,\\"measurementTime\\":\\"500 ms\\",\\"params\\":{\\"strategy\\":\\"$s\\",\\"latencyMs\\":\\"$latency\\",\\"requests\\":\\"10\\"},\\"primaryMetric\\":{\\"score\\":$level,\\"scoreError\\":\\"NaN\\",\\"scoreConfidence\\":[$level,$level],\\"scorePercentiles\\":{},\\"scoreUnit\\":\\"ms/op\\",\\"rawData\\":[[$raw]]},\\"secondaryMetrics\\":{}}"
            done
            echo "[$rows]" > "$out"
            echo "# fake fork: $strategies" >&2
            """;

    @Test
    void aWideRowGetsForksUntilTheBudgetIsSpentAndATightOneKeepsTheMinimum(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path bin = Files.createDirectories(tmp.resolve("fake-jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path results = tmp.resolve("results");
        // 0.15 min of JMH time: the 3 minimum rounds take about 3 s (one 1 s invocation each), then extra rounds
        JarProcess.Result r = JarProcess.exec(List.of("bash", "-c", "cd '" + root + "' && scripts/run.sh --jdk '"
                + tmp.resolve("fake-jdk") + "' --results-dir '" + results + "' --budget 0.15 --seed 7 -- -prof gc"), 300);
        // exit 0: the extra rounds passed the JMH args on intact (until a fix, "-prof gc" lost its -prof there and
        // JMH took "gc" for an include pattern that matched no benchmark: every real default run's extra round failed)
        assertEquals(0, r.exit(), r.out() + r.err());
        Path dir;
        try (Stream<Path> s = Files.list(results)) {
            dir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String log = Files.readString(dir.resolve("run.log"));
        // progress from the second minimum round on: the rows within the target, the wide one, the time and budget
        assertTrue(log.matches("(?s).*== round 2 of 3 done: 1 of 2 rows wider than ±5 % \\(wide L=0 on 17: ±[^)]*\\); "
                + "[0-9.]+ min of JMH so far of a 0.15 min budget.*"), log);
        assertTrue(log.contains("== round 3 of 3 done: "), log);
        assertTrue(log.contains("== adaptive round 4: 1 of 2 rows wider than ±5 % (wide L=0 on 17: ±"), log);
        assertTrue(log.contains("== [round 4, 1/1] 17: -p latencyMs=0 -p requests=10 -p strategy=wide"), log);
        assertTrue(log.contains("== adaptive forks stopped, budget spent: ") || log.contains("== adaptive forks done: "), log);
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        int wide = -1;
        int tight = -1;
        for (JsonNode n : rows) {
            int f = n.path("primaryMetric").path("rawData").size();
            if (n.path("params").path("strategy").asText().equals("wide")) wide = f;
            else tight = f;
        }
        assertEquals(3, tight, "a row within ±5 % keeps the minimum");
        assertTrue(wide > 3, "the wide row got more forks: " + wide);
        String tables = Files.readString(dir.resolve("tables.md"));
        assertTrue(tables.contains("(" + wide + ") |"), "the table shows the forks reached:\n" + tables);
        assertTrue(tables.contains("at " + wide + " forks; ±5 % needs "), "the forks the target would need:\n" + tables);
        String env = Files.readString(dir.resolve("environment.json"));
        assertTrue(env.contains("adaptive: target ±5 %, budget 0.15 min per arm; " + (wide - 3) + " extra invocations"), env);
    }
}
