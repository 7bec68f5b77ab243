package httpbench.report;

import httpbench.report.readme.StudySections;

import httpbench.report.readme.ReadmeSections;
import httpbench.report.read.RunFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's transport section: each JDK's nio and epoll rows of the newest *-transport folder, and their ratio. */
public class TransportSectionTest {

    @Test
    void epollRowsAreTabledBesideTheirNioTwinsWithTheRatioOfTheirScores(@TempDir Path dir) throws Exception {
        assertTrue(StudySections.transport(dir, ".").contains("No committed run yet."));
        // the fixture's rows as nio (no transport key: the default is left out), and each again on epoll at twice
        // the time: the section must pair them and say 2.00
        ArrayNode a = (ArrayNode) RunFile.JSON.readTree(ReportTest.J17.toFile());
        ArrayNode both = RunFile.JSON.createArrayNode();
        for (JsonNode r : a) {
            ObjectNode nio = r.deepCopy();
            ((ObjectNode) nio.path("params")).put("transport", "nio");
            both.add(nio);
            ObjectNode epoll = r.deepCopy();
            ((ObjectNode) epoll.path("params")).put("transport", "epoll");
            ObjectNode pm = (ObjectNode) epoll.path("primaryMetric");
            pm.put("score", 2 * pm.path("score").asDouble());
            for (JsonNode fork : pm.path("rawData")) {
                for (int i = 0; i < fork.size(); i++) ((ArrayNode) fork).set(i, 2 * fork.get(i).asDouble());
            }
            both.add(epoll);
        }
        Path run = Files.createDirectories(dir.resolve("2026-12-02-transport").resolve("2026-12-02-17.0.15-vm"));
        Files.writeString(run.resolve("results.json"), RunFile.JSON.writeValueAsString(both));
        String md = StudySections.transport(dir, ".");
        assertTrue(md.contains("#### JDK 17.0.15 — `./2026-12-02-transport/2026-12-02-17.0.15-vm/`"), md);
        assertTrue(md.contains("epoll / nio, ms per batch"), md);
        assertTrue(md.contains("`asyncHttpClient` at L = 0 ms: 2.00"), md);
        assertTrue(md.contains("`serial` at L = 20 ms: 2.00"), md);
        assertTrue(md.contains("transport=epoll"), "the epoll rows are labelled: " + md);
    }
}
