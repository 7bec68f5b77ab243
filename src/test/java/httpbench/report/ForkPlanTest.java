package httpbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report plan}: which rows of an adaptive run get the next round's forks, and the JMH lines that select them. */
public class ForkPlanTest {
    /** One fork file: per strategy and latency its 10 iterations at {@code level}. */
    static Path fork(Path dir, String name, Map<String, Double> levels) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Double> e : levels.entrySet()) {
            String[] sl = e.getKey().split("@");
            double[] v = new double[10];
            for (int i = 0; i < 10; i++) v[i] = e.getValue() * (1 + 0.001 * (i % 2));
            String row = MergeTest.row(sl[0], v, new double[10], new double[10]).replace("\"latencyMs\":\"0\"",
                    "\"latencyMs\":\"" + sl[1] + "\"");
            rows.append(rows.length() == 0 ? "" : ",").append(row);
        }
        return Files.writeString(dir.resolve(name), "[" + rows + "]");
    }

    @Test
    void rowsWithinTheTargetAreNotPlannedTheWidestGoFirstOneLinePerParameterSet(@TempDir Path dir) throws Exception {
        // tight@0 and tight@100: forks equal; wide@0: 1.0 / 1.3 / 1.1; wider@100: 1.0 / 1.6 / 1.2
        double[][] w = {{1.0, 1.3, 1.1}, {1.0, 1.6, 1.2}};
        Map<String, List<Path>> arms = new LinkedHashMap<>();
        for (int f = 0; f < 3; f++) {
            Map<String, Double> lv = new LinkedHashMap<>();
            lv.put("tight@0", 1.0);
            lv.put("wide@0", w[0][f]);
            lv.put("tight@100", 100.0);
            lv.put("wider@100", 100 * w[1][f]);
            arms.computeIfAbsent("17", k -> new java.util.ArrayList<>()).add(fork(dir, "17-" + f + ".json", lv));
        }
        ForkPlan.Plan all = ForkPlan.plan(arms, 0.05, 3, 100);
        assertEquals(2, all.below().size(), all.below().toString());
        assertEquals("wider", all.below().get(0).row().strategy(), "widest first");
        assertEquals(2, all.lines().size(), "one line per latency: " + all.lines());
        for (String[] l : all.lines()) {
            assertEquals("17", l[0]);
            assertTrue(l[1].endsWith("-p strategy=wide") || l[1].endsWith("-p strategy=wider"), l[1]);
            assertTrue(l[1].contains("-p latencyMs=" + (l[1].endsWith("wider") ? "100" : "0") + " "), l[1]);
        }
        ForkPlan.Plan one = ForkPlan.plan(arms, 0.05, 3, 1);
        assertEquals(1, one.lines().size());
        assertTrue(one.lines().get(0)[1].endsWith("-p strategy=wider"), one.lines().get(0)[1]);
        // every row within a loose target: nothing planned, and the summary says so
        ForkPlan.Plan none = ForkPlan.plan(arms, 0.9, 3, 100);
        assertTrue(none.lines().isEmpty());
        assertTrue(ForkPlan.summary(none, 0.9).startsWith("every row (4) within ±90 %"), ForkPlan.summary(none, 0.9));
        // fewer forks than the minimum: planned whatever the spread
        ForkPlan.Plan min = ForkPlan.plan(arms, 0.9, 4, 100);
        assertEquals(4, min.below().size());
    }
}
