package httpbench.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's generated sections match what `scripts/report.sh readme` makes from the committed runs. */
class ReadmeResultsTest {
    @Test
    void readmeResultsAreUpToDate() throws Exception {
        Path readme = Path.of("README.md");
        Path results = Path.of("benchmarks-results");
        String now = Files.readString(readme);
        if (!Files.isDirectory(results)) Files.createDirectories(results);
        assertEquals(ReadmeSections.apply(now, readme, results), now,
                "README's generated sections are stale: run scripts/report.sh readme");
    }
}
