package httpbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell scripts without a benchmark run: scripts/lib.sh's ensure_jar (when the jar is rebuilt, and why) on a
 * small fake project with a fake mvn, and every script's --help and one-line refusal of a bad option.
 */
class ScriptsTest {
    static final Path LIB = Path.of("scripts", "lib.sh").toAbsolutePath();

    static JarProcess.Result bash(Path dir, long timeoutSec, String script) throws Exception {
        return JarProcess.exec(List.of("bash", "-c", "cd " + dir + " && " + script), timeoutSec);
    }

    /** A git repository with scripts/lib.sh, src/, pom.xml, a fake mvn, and a jar naming {@code commit}. */
    static String project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(LIB, dir.resolve("scripts/lib.sh"));
        Files.createDirectories(dir.resolve("src/main"));
        Files.writeString(dir.resolve("src/main/A.java"), "class A {}");
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        // the fake build: records that it ran; fails when told to
        Files.writeString(dir.resolve("mvn"), "#!/bin/sh\necho built >> build.log\n"
                + "[ ! -e fail ] || { echo 'BUILD FAILURE' >&2; exit 1; }\nmkdir -p target && touch target/benchmarks.jar\n");
        dir.resolve("mvn").toFile().setExecutable(true);
        JarProcess.Result r = bash(dir, 30, "git init -q . && git add -A && git -c user.name=t -c user.email=t@t "
                + "commit -qm init && git rev-parse HEAD");
        assertEquals(0, r.exit(), r.err());
        return r.out().trim();
    }

    static void jar(Path dir, String commit) throws Exception {
        Files.createDirectories(dir.resolve("target"));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("target/benchmarks.jar")))) {
            z.putNextEntry(new ZipEntry("httpbench-git.properties"));
            z.write(("git.commit.id.full=" + commit + "\ngit.dirty=false\n").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        // newer than every source file
        Files.setLastModifiedTime(dir.resolve("target/benchmarks.jar"),
                FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    }

    static JarProcess.Result ensure(Path dir) throws Exception {
        return bash(dir, 30, "MVN=$PWD/mvn bash -c 'source scripts/lib.sh; ensure_jar'");
    }

    static int builds(Path dir) throws Exception {
        Path log = dir.resolve("build.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    @Timeout(60)
    void ensureJarRebuildsExactlyWhenStaleAndSaysWhy(@TempDir Path dir) throws Exception {
        String head = project(dir);

        JarProcess.Result r = ensure(dir);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("rebuilding target/benchmarks.jar: target/benchmarks.jar is missing"), r.err());
        assertEquals(1, builds(dir));

        jar(dir, head);
        r = ensure(dir);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "a fresh jar of HEAD is used as is");
        assertEquals(1, builds(dir));

        Files.setLastModifiedTime(dir.resolve("src/main/A.java"), FileTime.fromMillis(System.currentTimeMillis() + 120_000));
        r = ensure(dir);
        assertTrue(r.err().contains("rebuilding target/benchmarks.jar: src/main/A.java is newer than the jar"), r.err());
        assertEquals(2, builds(dir));

        Files.setLastModifiedTime(dir.resolve("src/main/A.java"), FileTime.fromMillis(0));
        jar(dir, "0123456789abcdef0123456789abcdef01234567");
        r = ensure(dir);
        assertTrue(r.err().contains("the jar was built from 0123456789ab, HEAD is " + head.substring(0, 12)), r.err());
        assertEquals(3, builds(dir));

        jar(dir, "");
        r = ensure(dir);
        assertTrue(r.err().contains("the jar names no build commit"), r.err());
    }

    @Test
    @Timeout(60)
    void aFailedBuildIsOneErrorLineAndNonZero(@TempDir Path dir) throws Exception {
        project(dir);
        Files.writeString(dir.resolve("fail"), "");
        JarProcess.Result r = ensure(dir);
        assertEquals(1, r.exit());
        List<String> errors = new ArrayList<>();
        for (String l : r.err().split("\n")) if (l.startsWith("error: ")) errors.add(l);
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).contains("the build failed"), r.err());
    }

    @Test
    @Timeout(60)
    void everyScriptHasHelpAndRefusesABadOptionInOneLine() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        for (String s : List.of("run.sh", "scaling.sh", "load.sh", "article.sh", "methodology.sh", "find-jdk.sh",
                "protocols.sh", "warmup-check.sh", "seed-python/run.sh")) {
            JarProcess.Result help = bash(root, 30, "scripts/" + s + " --help");
            assertEquals(0, help.exit(), s + ": " + help.err());
            assertTrue(help.out().contains("scripts/" + s) || help.out().contains("Usage"), s + ": " + help.out());
            JarProcess.Result bad = bash(root, 30, "scripts/" + s + " --no-such-option");
            assertTrue(bad.exit() != 0, s);
            assertEquals(1, bad.err().strip().lines().count(), s + ": " + bad.err());
            assertFalse(bad.err().contains("rebuilding"), s + " checks its options before building");
        }
        JarProcess.Result forks = bash(root, 30, "scripts/run.sh --forks 3 -- -f 2");
        assertEquals(2, forks.exit());
        assertTrue(forks.err().contains("--forks 3 and -f 2 disagree"), forks.err());
        JarProcess.Result rtt = bash(root, 30, "scripts/article.sh --rtt-ms -5");
        assertEquals(2, rtt.exit());
        assertTrue(rtt.err().startsWith("error: --rtt-ms needs a whole number"), rtt.err());
        JarProcess.Result pyRtt = bash(root, 30, "scripts/seed-python/run.sh --rtt-ms x");
        assertTrue(pyRtt.exit() != 0 && pyRtt.err().contains("--rtt-ms must be a non-negative integer"), pyRtt.err());
        JarProcess.Result parts = bash(root, 30, "scripts/protocols.sh --parts tls,quic");
        assertEquals(2, parts.exit());
        assertTrue(parts.err().startsWith("error: --parts needs some of tls,rtt,h2"), parts.err());
        JarProcess.Result pf = bash(root, 30, "scripts/protocols.sh -- -f 3");
        assertEquals(2, pf.exit());
        assertTrue(pf.err().startsWith("error: give the fork count as --forks N"), pf.err());
        JarProcess.Result tol = bash(root, 30, "scripts/warmup-check.sh --tolerance 0");
        assertEquals(2, tol.exit());
        assertTrue(tol.err().startsWith("error: --tolerance needs a whole number"), tol.err());
        JarProcess.Result rows = bash(root, 30, "scripts/warmup-check.sh --strategies 'jdkAsync;serial'");
        assertEquals(2, rows.exit());
        assertTrue(rows.err().startsWith("error: --strategies needs row names"), rows.err());
        JarProcess.Result variant = bash(root, 30, "scripts/run.sh --variant 'no label'");
        assertEquals(2, variant.exit());
        assertTrue(variant.err().startsWith("error: --variant"), variant.err());
    }
}
