package httpbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/run.sh end to end with tiny JMH settings (tagged "full": about a minute or two on 2 cores). */
@Tag("full")
class ScriptsIT {
    static final String TINY = "-p strategy=floor -p latencyMs=0 -f 1 -wi 1 -i 1 -w 200ms -r 200ms";

    static JarProcess.Result bash(Path dir, long timeoutSec, String script) throws Exception {
        return JarProcess.exec(List.of("bash", "-c", "cd '" + dir + "' && " + script), timeoutSec);
    }

    /** Waits (at most {@code seconds}) until no other JMH run holds JMH's lock file, as JMH would refuse to start. */
    static void awaitJmhLock(long seconds) throws Exception {
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (Files.exists(lock) && System.nanoTime() < end) {
            try (var ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE);
                 var l = ch.tryLock()) {
                if (l != null) return;
            } catch (java.nio.channels.OverlappingFileLockException | java.io.IOException e) {
                // held in this JVM or unreadable: wait
            }
            Thread.sleep(500);
        }
    }

    /** In a clone of HEAD (the build there must not disturb this one's target/): edit, run, rebuilt first. */
    @Test
    @Timeout(540)
    void aTouchedSourceIsRebuiltBeforeTheRunAndEnvironmentNamesTheJarsCommit(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path clone = tmp.resolve("clone");
        JarProcess.Result c = bash(tmp, 60, "git clone -q '" + root + "' clone && cd clone && git rev-parse HEAD");
        assertEquals(0, c.exit(), c.err());
        String head = c.out().trim();
        Path results = tmp.resolve("results");
        Files.createDirectories(results);

        awaitJmhLock(120);
        JarProcess.Result first = bash(clone, 200, "scripts/run.sh --results-dir '" + results + "' -- " + TINY);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("rebuilding target/benchmarks.jar: target/benchmarks.jar is missing"), first.err());

        Path src = clone.resolve("src/main/java/httpbench/strategy/FloorStrategy.java");
        Files.setLastModifiedTime(src, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        awaitJmhLock(120);
        JarProcess.Result second = bash(clone, 200, "scripts/run.sh --results-dir '" + results + "' -- " + TINY);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("rebuilding target/benchmarks.jar: "
                + "src/main/java/httpbench/strategy/FloorStrategy.java is newer than the jar"), second.err());
        String dir = second.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode env = new ObjectMapper().readTree(Path.of(dir, "environment.json").toFile());
        assertEquals(head, env.path("jarCommit").asText(), env.toString());
        assertEquals(head, env.path("gitCommit").asText(), env.toString());
        assertTrue(env.path("jarBuilt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), env.toString());
        assertTrue(env.path("jarDirty").isBoolean(), env.toString());
    }

    @Test
    @Timeout(240)
    void twoJdksAreInterleavedForkByForkAndMerged(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        JarProcess.Result newer = bash(root, 60, "scripts/find-jdk.sh");
        Assumptions.assumeTrue(Files.isExecutable(jdk17.resolve("bin/java")) && newer.exit() == 0,
                "needs JDK 17 at " + jdk17 + " and a JDK 21+ (scripts/find-jdk.sh)");
        awaitJmhLock(120);
        // -p warmup=off: the test is about the order and the merge; the steady warm-up alone takes 16-40 s per
        // invocation at L=0 (its cap), so four of them could not fit any fixed bound on a slow machine
        JarProcess.Result r = bash(root, 110, "scripts/run.sh --results-dir '" + tmp + "' --jdk " + jdk17
                + " --jdk " + newer.out().trim() + " --seed 1 -- -p strategy=floor -p latencyMs=0 -p warmup=off -f 2 "
                + "-wi 0 -i 1 -r 100ms");
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("(?m)^order: ([^(]*) \\(seed 1").matcher(r.err());
        assertTrue(m.find(), r.err());
        String[] order = m.group(1).replace(" | ", " ").trim().split(" ");
        assertEquals(4, order.length, m.group());
        List<String> arms = new ArrayList<>();
        for (String t : order) arms.add(t.substring(0, t.indexOf('#')));
        assertEquals(2, arms.stream().distinct().count(), m.group());
        int switches = 0;
        for (int i = 1; i < arms.size(); i++) if (!arms.get(i).equals(arms.get(i - 1))) switches++;
        assertTrue(switches >= 2, "interleaved, not one JDK's forks then the other's: " + m.group());

        List<String> dirs = r.out().strip().lines().toList();
        assertEquals(2, dirs.size(), r.out());
        for (String d : dirs) {
            JsonNode rows = new ObjectMapper().readTree(Path.of(d, "results.json").toFile());
            assertEquals(1, rows.size(), d);
            assertEquals(2, rows.get(0).path("forks").asInt(), d);
            assertEquals(2, rows.get(0).path("primaryMetric").path("rawData").size(), d);
            assertTrue(Files.exists(Path.of(d, "tables.md")) && Files.exists(Path.of(d, "environment.json")), d);
            try (var forks = Files.list(Path.of(d, "forks"))) {
                assertEquals(2, forks.count(), d);
            }
        }
        assertTrue(r.err().contains("comparison: "), r.err());
    }

    @Test
    @Timeout(120)
    void everyRoundOfTheInterleavedOrderRunsEachArmOnceInItsOwnRandomOrder() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        java.util.Set<String> orders = new java.util.HashSet<>();
        java.util.Set<String> firstOfRound = new java.util.HashSet<>();
        for (int seed = 1; seed <= 12; seed++) {
            String cmd = "scripts/run.sh --variant a=\"-wi 1\" --variant b=\"-wi 2\" --variant c=\"-wi 3\" --forks 4"
                    + " --seed " + seed + " --order-only";
            JarProcess.Result r = bash(root, 30, cmd);
            assertEquals(0, r.exit(), r.err());
            JarProcess.Result again = bash(root, 30, cmd);
            assertEquals(r.out(), again.out(), "the same seed gives the same order");
            Matcher m = Pattern.compile("^order: ([^(]*) \\(seed " + seed + ";").matcher(r.out().strip());
            assertTrue(m.find(), r.out());
            String[] rounds = m.group(1).trim().split(" \\| ");
            assertEquals(4, rounds.length, m.group());
            for (int i = 0; i < rounds.length; i++) {
                List<String> arms = new ArrayList<>();
                for (String t : rounds[i].split(" ")) {
                    assertTrue(t.endsWith("#" + (i + 1)), "round " + (i + 1) + " holds each arm's fork " + (i + 1) + ": " + m.group());
                    arms.add(t.substring(0, t.indexOf('#')));
                }
                assertEquals(List.of("a", "b", "c"), arms.stream().sorted().toList(), "every arm once per round: " + m.group());
                firstOfRound.add(arms.get(0));
            }
            orders.add(m.group(1));
        }
        assertTrue(orders.size() >= 6, "12 seeds gave only " + orders.size() + " orders: " + orders);
        assertEquals(3, firstOfRound.size(), "every arm leads some round: " + orders);
        // one arm with fixed forks runs as one JMH invocation: no order to print
        JarProcess.Result one = bash(root, 30, "scripts/run.sh --order-only --forks 3");
        assertEquals(2, one.exit(), one.err());
        assertTrue(one.err().strip().startsWith("error: --order-only"), one.err());
        // one arm with adaptive forks (no -f) runs its minimum in rounds: the order names them
        JarProcess.Result adaptive = bash(root, 30, "scripts/run.sh --order-only --seed 7");
        assertEquals(0, adaptive.exit(), adaptive.err());
        assertTrue(adaptive.out().contains("then adaptive: target"), adaptive.out());
    }
}
