package httpbench.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vocabulary covers what the suite's runs write, with the units and aggregations they were written with. */
class MetricTest {

    @Test
    void everyMetricOfTheCommittedReferenceRunsIsInTheVocabularyWithItsUnit() throws Exception {
        Set<String> seen = new HashSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("benchmarks-results"))) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\d-\\d[\\d.]*-vm-2"))
                    .toList()) {
                Path json = d.resolve("results.json");
                if (!Files.isRegularFile(json)) continue;
                for (JsonNode row : new ObjectMapper().readTree(json.toFile())) {
                    Iterator<Map.Entry<String, JsonNode>> it = row.path("secondaryMetrics").fields();
                    while (it.hasNext()) {
                        var e = it.next();
                        Metric m = Metric.of(e.getKey()).orElseThrow(() -> new AssertionError(json + ": "
                                + e.getKey() + " is not in Metric"));
                        assertEquals(m.unit(), e.getValue().path("scoreUnit").asText(), json + ": " + e.getKey());
                        seen.add(e.getKey());
                    }
                }
            }
        }
        assertTrue(seen.containsAll(Set.of("clientCpuMs", "clientBytes", "threads", "peakConnections", "warmupCapped",
                "gc.alloc.rate.norm")), "the reference runs were read: " + seen);
    }

    @Test
    void namesAreOneEachAndCountsAdd() {
        Set<String> keys = new HashSet<>();
        for (Metric m : Metric.values()) assertTrue(keys.add(m.key()), m.key() + " twice");
        assertEquals(Metric.Aggregation.SUM, Metric.of("gc.count").orElseThrow().aggregation());
        assertEquals(Metric.Aggregation.MAX, Metric.of("warmupCapped").orElseThrow().aggregation());
        assertTrue(Metric.of("someoneElses.metric").isEmpty());
    }
}
