package httpbench.report;

import httpbench.report.render.Line;

import httpbench.report.render.Lines;

import httpbench.report.render.Csv;

import httpbench.report.read.Row;
import httpbench.report.render.Tables;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client-only costs and the delivered latency: what the tables compute from the profiler's secondary metrics. */
public class ClientCostTablesTest {

    static Row row(String strategy, double ms, Map<String, Double> sec) {
        TreeMap<String, String> p = new TreeMap<>(Map.of("strategy", strategy, "requests", "10", "latencyMs", "100"));
        return new Row("httpbench.jmh.ConcurrentRequests.batch", p, ms, 1, new double[] {ms}, sec, null);
    }

    @Test
    void physicalLimitUsesTheLatencyTheServerDelivered() {
        Row late = row("jdkAsync", 104, Map.of("serverLateMs", 2.0));
        Row serial = row("serial", 1040, Map.of("serverLateMs", 2.0));
        Row old = row("jdkAsync", 104, Map.of()); // a run made before lateness was recorded
        assertEquals(102.0, Tables.limit(late), 1e-9);
        assertEquals(1020.0, Tables.limit(serial), 1e-9);
        assertEquals(100.0, Tables.limit(old), 1e-9);
        List<Line> ls = Lines.lines(List.of(serial, late));
        assertEquals(100.0 * 102 / 104, ls.get(1).ofLimit, 1e-9, "the server's lateness is not charged to the client");
    }

    @Test
    void anEmulatedRoundTripIsPartOfThePhysicalLimit() {
        TreeMap<String, String> p = new TreeMap<>(Map.of("strategy", "jdkAsync", "requests", "10", "latencyMs", "30",
                "rttMs", "40"));
        Row concurrent = new Row("httpbench.jmh.ConcurrentRequests.batch", p, 75, 1, new double[] {75}, Map.of(), null);
        TreeMap<String, String> ps = new TreeMap<>(p);
        ps.put("strategy", "serial");
        Row serial = new Row("httpbench.jmh.ConcurrentRequests.batch", ps, 750, 1, new double[] {750}, Map.of(), null);
        assertEquals(70.0, Tables.limit(concurrent), 1e-9, "L + R: every request pays one round trip");
        assertEquals(700.0, Tables.limit(serial), 1e-9, "n (L + R)");
        TreeMap<String, String> p0 = new TreeMap<>(p);
        p0.put("latencyMs", "0");
        Row rttOnly = new Row("httpbench.jmh.ConcurrentRequests.batch", p0, 45, 1, new double[] {45}, Map.of(), null);
        assertEquals(40.0, Tables.limit(rttOnly), 1e-9, "latency 0 still has a floor when a round trip is emulated");
        assertEquals(1000.0 / 70, Tables.idealBatchesPerSecond(concurrent), 1e-9);
    }

    @Test
    void clientCostsArePerRequestAndPerBatchAndShownBesideTheTime() {
        Row r = row("jdkAsync", 1.5, Map.of("clientBytes", 25_000.0, "clientCpuMs", 2.25, "gc.alloc.rate.norm", 40_000.0));
        Line l = Lines.lines(List.of(r)).get(0);
        assertEquals(2_500.0, l.clientBytesPerRequest, 1e-9);
        assertEquals(2.25, l.clientCpuMs, 1e-9);
        String md = Tables.table(List.of(r), null);
        assertTrue(md.contains("client CPU ms/op") && md.contains("client B/req") && md.contains("2,500"), md);
        assertTrue(md.contains("B/op (all threads)") && md.contains("40,000"), md);
        String csv = Csv.csv(List.of()); // header only
        assertTrue(csv.contains("client_cpu_ms_per_batch,client_bytes_per_request,server_late_ms"), csv);
    }

    /** The server's own lateness (p50 / p99 per delayed response) is shown beside the costs of the rows that have it. */
    @Test
    void theServersLatenessIsShownForRowsThatRecordedIt() {
        Row late = row("floor", 1004.9, Map.of("threads", 1.0, "serverLateMs", 0.27, "serverLateP50Ms", 0.2616,
                "serverLateP99Ms", 1.966));
        Row without = row("serial", 1016.5, Map.of("threads", 9.0));
        String md = Tables.table(List.of(without, late), null);
        assertTrue(md.contains("server late p50 / p99 ms"), md);
        assertTrue(md.contains("| 0.262 / 1.966 |"), md);
        assertTrue(md.contains("| n/a |"), "a row without the record says so: " + md);
        assertTrue(md.contains("measured by the server itself"), md);
        String old = Tables.table(List.of(without), null);
        assertTrue(!old.contains("server late"), "no column for runs that did not record it: " + old);
    }

    /** -p protocol=h2 beside http1: peak connections in the cost table, the protocol in the label and the CSV. */
    @Test
    void peakConnectionsAndTheProtocolAreShown() {
        Row http1 = row("jdkAsync", 104, Map.of("peakConnections", 10.0, "threads", 12.0));
        Row h2 = new Row("httpbench.jmh.ConcurrentRequests.batch", new TreeMap<>(Map.of("strategy", "jdkAsync",
                "requests", "10", "latencyMs", "100", "protocol", "h2")), 103, 1, new double[] {103},
                Map.of("peakConnections", 1.0, "threads", 3.0), null);
        String md = Tables.table(List.of(http1, h2), null);
        assertTrue(md.contains("peak connections") && md.contains("HTTP/2"), md);
        assertTrue(md.contains("1 when a client multiplexes them as HTTP/2 streams"), md);
        assertTrue(md.contains("| 10 |") && md.contains("| 1 |"), md);
        String old = Tables.table(List.of(row("jdkAsync", 104, Map.of("threads", 12.0))), null);
        assertTrue(!old.contains("peak connections"), "no column for runs that did not record it: " + old);
        assertEquals(10.0, Lines.lines(List.of(http1)).get(0).peakConnections, 0);
        assertEquals(1.0, Lines.lines(List.of(h2)).get(0).peakConnections, 0);
    }

    @Test
    void pinnedEventsAreShownForTheRowsThatHaveThem() {
        Row vt = row("virtualThreads", 104, Map.of("pinnedEvents", 0.25));
        Row async = row("jdkAsync", 103, Map.of());
        String md = Tables.table(List.of(vt, async), null);
        assertTrue(md.contains("pinned/op") && md.contains("| 0.250 |") && md.contains("n/a"), md);
        assertTrue(!Tables.table(List.of(async), null).contains("pinned/op |"), "no column when no row has it");
        String csv = Csv.csv(List.of());
        assertTrue(csv.strip().endsWith("server_late_ms,pinned_events_per_batch"), csv);
    }
}
