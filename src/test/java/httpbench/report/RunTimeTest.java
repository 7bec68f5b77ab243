package httpbench.report;

import httpbench.report.readme.Run;

import httpbench.report.readme.ResultsSection;

import httpbench.report.readme.ReadmeSections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's "Run time" line adds up what the run's own log says, not a number typed by hand. */
public class RunTimeTest {

    @Test
    void addsTheInvocationsTotalTimesAndTheForksWarmUps(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("run.log"), String.join("\n",
                "order: 17#1 25#1 | 25#2 17#2 (seed 1; forks: 2 per arm, from --forks)",
                "# Fork: 1 of 1",
                "# Warmup Iteration   1: # steady warm-up: 6856 batches in 13.9 s, window medians 306.599 -> 1.337 ms (settled)",
                "# Fork: 1 of 1",
                "# Warmup Iteration   1: # code warm-up at latency 0: 6044 batches in 12.7 s, window medians 306.201 -> 1.318 ms (settled)",
                "# wait-path warm-up at 1 ms: 659 batches in 8.0 s, window medians 11.981 -> 11.786 ms (NOT settled: cap reached; raise -p warmup=SECONDS)",
                "# steady warm-up: 6 batches in 6.0 s, window medians 1003.544 -> 1003.482 ms (settled)",
                "# Run complete. Total time: 00:09:43",
                "# Fork: 1 of 1",
                "# Run complete. Total time: 01:00:17",
                ""));
        // 583 s + 3617 s = 70.0 min; 13.9 + 12.7 + 8.0 + 6.0 = 40.6 s = 0.7 min, 1 % of 4,200 s
        assertEquals("Run time: 70.0 min of JMH for 3 forks on the machine named above (the 2 invocations' \"Total "
                + "time\" in `run.log`), 0.7 min of it the warm-ups until steady (1 %; each fork's warm-up lines); 1 "
                + "warm-up phase reached the cap (NOT settled).", ResultsSection.runTime(dir));
    }

    @Test
    void saysNothingWithoutALogOrATotalTime(@TempDir Path dir) throws Exception {
        assertEquals("", ResultsSection.runTime(dir));
        Files.writeString(dir.resolve("run.log"), "# Fork: 1 of 3\n# steady warm-up: 5 batches in 5.0 s\n");
        assertEquals("", ResultsSection.runTime(dir), "a run that never completed has no run time to report");
    }
}
