package httpbench.report.render;

import httpbench.report.read.Row;
import httpbench.strategy.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's lines: each row of a group with its score, interval, speed-up, limits, floor multiple and costs.
 */
public final class Lines {
    private Lines() {
    }

    /** A row's number: its fork-level estimate (JMH's score when it has no usable fork). */
    public static double number(Row r) {
        double e = r.estimate().est();
        return Double.isNaN(e) ? r.score() : e;
    }

    public static List<Line> lines(List<Row> group) {
        Row base = Groups.baseline(group);
        Row floor = Groups.find(group, Registry.floor.name());
        List<Line> out = new ArrayList<>();
        for (Row r : group) {
            Line l = new Line();
            l.row = r;
            l.strategy = r.strategy();
            l.est = r.estimate();
            l.score = l.est.cell();
            l.ms = Double.isNaN(l.est.est()) ? r.score() : l.est.est();
            l.err = r.error();
            // speedup and × floor compare times: throughput (batches/s) is their inverse
            boolean thrpt = r.mode().higherIsBetter();
            if (base != null) {
                l.baseline = base.strategy();
                l.speedup = thrpt ? l.ms / number(base) : number(base) / l.ms;
            }
            // throughput: against the ideal of C callers each completing a batch per configured limit (C / L for
            // concurrent rows), the closed loop's most; time: the delivered limit / the batch time
            double lim = thrpt ? Tables.idealBatchesPerSecond(r) : Tables.limit(r);
            if (!Double.isNaN(lim)) l.ofLimit = thrpt ? 100.0 * l.ms / lim : 100.0 * lim / l.ms;
            if (floor != null && r.latencyMs() == 0) {
                l.xFloor = thrpt ? number(floor) / l.ms : l.ms / number(floor);
            }
            costs(l, r);
            r.registered().ifPresent(g -> l.note = g.note());
            if (r.harness() != null) l.note = r.harness();
            l.steady = r.steady();
            l.cap = r.warmupCap();
            out.add(l);
        }
        return out;
    }

    /** A line's costs from the row's secondary metrics: threads, bytes (all and the client's), CPU, pinning, connections. */
    private static void costs(Line l, Row r) {
        l.threads = r.secondary().getOrDefault(Tables.THREADS, Double.NaN);
        l.bytes = r.secondary().getOrDefault(Tables.ALLOC, Double.NaN);
        if (!Double.isNaN(l.bytes)) l.bytesPerRequest = l.bytes / Math.max(1, r.requests());
        double cb = r.secondary().getOrDefault(Tables.CLIENT_BYTES, Double.NaN);
        if (!Double.isNaN(cb)) l.clientBytesPerRequest = cb / Math.max(1, r.requests());
        l.clientCpuMs = r.secondary().getOrDefault(Tables.CLIENT_CPU, Double.NaN);
        l.pinned = r.secondary().getOrDefault(Tables.PINNED, Double.NaN);
        l.peakConnections = r.secondary().getOrDefault(Tables.PEAK_CONNECTIONS, Double.NaN);
    }
}
