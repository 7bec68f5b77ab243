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

    @Test
    void everyReferencePageIsLinkedFromTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Path d : ReadmeSections.documents(Path.of("README.md"))) {
            if (d.getFileName().toString().equals("README.md")) continue;
            assertTrue(readme.contains("](" + ReadmeSections.SITE + "/" + d.getFileName() + ")"), d + " is linked");
        }
    }
}
