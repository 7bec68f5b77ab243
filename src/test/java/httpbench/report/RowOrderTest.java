package httpbench.report;

import httpbench.report.render.Lines;

import httpbench.report.render.Groups;

import httpbench.report.read.Row;
import httpbench.report.render.Tables;

import httpbench.strategy.Registry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report takes row order, limits and notes from the registry, not from lists of its own. */
public class RowOrderTest {

    static Row row(String strategy, String harness) {
        TreeMap<String, String> p = new TreeMap<>(Map.of("strategy", strategy, "requests", "10", "latencyMs", "100"));
        return new Row("httpbench.jmh.ConcurrentRequests.batch", p, 1, 0.1, new double[] {1}, Map.of(), harness);
    }

    @Test
    void rowsFollowTheRegistryWhateverOrderTheFileHasAndUnknownRowsComeLast() {
        List<Row> rows = new ArrayList<>();
        for (Registry r : Registry.all()) rows.add(row(r.name(), null));
        rows.add(row("python-requests", "python"));
        Collections.shuffle(rows, new Random(7));
        List<Row> group = Groups.groups(rows, null).values().iterator().next();
        List<String> want = new ArrayList<>(Registry.names());
        want.add("python-requests");
        assertEquals(want, group.stream().map(Row::strategy).toList());
    }

    @Test
    void limitsAndNotesComeFromTheRegistry() {
        for (Registry r : Registry.all()) {
            Row x = row(r.name(), null);
            assertEquals(r.serial(), x.serialLike(), r.name());
            assertEquals(r.serial() ? 1000.0 : 100.0, Tables.limit(x), r.name());
            assertEquals(r.note(), Lines.lines(List.of(x)).get(0).note, r.name());
        }
        assertTrue(row("python-requests", "python").serialLike());
        assertFalse(row("python-aiohttp-fresh", "python").serialLike());
        assertFalse(row("somethingNew", null).serialLike(), "an unknown row is concurrent");
    }
}
