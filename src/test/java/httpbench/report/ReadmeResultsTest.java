package httpbench.report;

import httpbench.report.readme.ReadmeSections;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's generated sections match what `scripts/report.sh readme` makes from the committed runs. */
public class ReadmeResultsTest {
    @Test
    void readmeAndPagesAreUpToDate() throws Exception {
        Path readme = Path.of("README.md");
        Path results = Path.of("benchmarks-results");
        if (!Files.isDirectory(results)) Files.createDirectories(results);
        java.util.Map<Path, String> now = new java.util.LinkedHashMap<>();
        for (Path d : ReadmeSections.documents(readme)) now.put(d, Files.readString(d));
        assertTrue(now.size() > 1, "the reference pages under " + ReadmeSections.SITE + " are found");
        java.util.Map<Path, String> want = ReadmeSections.apply(now, results);
        for (Path d : now.keySet()) {
            assertEquals(want.get(d), now.get(d), d + ": generated sections are stale: run scripts/report.sh readme");
        }
        assertTrue(now.get(readme).contains("<!-- headline:begin -->"), "the README's first screen is generated");
        assertTrue(Files.readAllLines(readme).size() <= 300, "README.md at most 300 lines");
        int headline = Files.readAllLines(readme).indexOf("<!-- headline:begin -->");
        assertTrue(headline >= 0 && headline < 60, "the headline starts on the first screen: line " + headline);
    }

    /**
     * Every interval of the README's headline, recomputed from the committed results.json files by an independent
     * implementation of the method the README names (scripts/recompute.py: plain Python, its own t quantiles),
     * matches to the printed precision; and the check fails on a README with one number off.
     */
    @Test
    void theHeadlinesIntervalsAreRecomputedIndependently(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(python(), "python3 is not on the PATH");
        String[] ok = recompute(Path.of("README.md"));
        assertEquals("0", ok[0], ok[1]);
        assertTrue(ok[1].contains("all match"), ok[1]);
        String text = Files.readString(Path.of("README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\| `jdkAsync` \\| (\\d+\\.\\d{3}) \\[").matcher(text);
        assertTrue(m.find(), "the headline has a jdkAsync row");
        String off = String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(m.group(1)) + 0.001);
        Path copy = dir.resolve("README.md");
        Files.writeString(copy, text.replace("| `jdkAsync` | " + m.group(1) + " [", "| `jdkAsync` | " + off + " ["));
        Path results = Path.of("benchmarks-results").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("benchmarks-results"), results);
        String[] bad = recompute(copy);
        assertEquals("1", bad[0], bad[1]);
        assertTrue(bad[1].contains("jdkAsync"), bad[1]);
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    /** {exit status, output} of scripts/recompute.py on {@code readme}, bounded at 60 s. */
    private static String[] recompute(Path readme) throws Exception {
        Process p = new ProcessBuilder("python3", "scripts/recompute.py", readme.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/recompute.py did not end within 60 s");
        }
        return new String[] {String.valueOf(p.exitValue()), out};
    }

    @Test
    void everyReferencePageIsLinkedFromTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Path d : ReadmeSections.documents(Path.of("README.md"))) {
            if (d.getFileName().toString().equals("README.md")) continue;
            assertTrue(readme.contains("](" + ReadmeSections.SITE + "/" + d.getFileName() + ")"), d + " is linked");
        }
    }
}
