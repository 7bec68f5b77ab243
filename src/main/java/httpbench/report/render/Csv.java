package httpbench.report.render;

import httpbench.report.read.Mode;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;

import java.util.List;
import java.util.Locale;

/** The tables as CSV ({@code report tables --csv}): one line per row, the numbers unformatted. */
public final class Csv {
    private Csv() {
    }

    /**
     * One line per row. Files with Throughput or SampleTime rows get more columns at the end: {@code mode},
     * batches/s with its half-width and requests/s (Throughput; their {@code ms_per_batch} and
     * {@code ci999_half_width} are empty), the percentiles in ms (SampleTime, whose ms columns are the mean's),
     * callers (JMH's -t) and the machine's CPU busy %. So do runs with several callers. Runs that recorded their
     * warm-ups' outcome ({@code warmupCapped}) end with {@code warmup_state}: {@code settled}, or
     * {@code warm-up capped (k of F forks)}. Single-caller AverageTime-only files of older jars keep the columns
     * they always had.
     */
    public static String csv(List<RunFile> files) {
        boolean modes = files.stream().flatMap(f -> f.rows().stream())
                .anyMatch(r -> r.mode() != Mode.AVGT || r.callers() > 1);
        // runs that recorded connections (or ran h2) get two more columns; older files keep theirs
        boolean connections = files.stream().flatMap(f -> f.rows().stream())
                .anyMatch(r -> r.secondary().containsKey(Tables.PEAK_CONNECTIONS) || r.params().containsKey("protocol"));
        // runs that recorded whether each fork's warm-up settled get one more column; older files keep theirs
        boolean warmups = files.stream().flatMap(f -> f.rows().stream()).anyMatch(r -> r.warmupCap().recorded());
        StringBuilder b = new StringBuilder(header(modes, connections, warmups));
        for (RunFile f : files) {
            for (List<Row> g : Tables.groupsPerMode(f.rows())) {
                for (Line l : Lines.lines(g)) b.append(line(f, l, modes, connections, warmups)).append('\n');
            }
        }
        return b.toString();
    }

    private static String header(boolean modes, boolean connections, boolean warmups) {
        StringBuilder b = new StringBuilder("jdk,benchmark,strategy,requests,latencyMs,payloadBytes,blockingClient,"
                + "target,ms_per_batch,ci95_lo,ci95_hi,ci95_pct,forks,fork_means,fork_cv_pct,forks_disagree,forks_for_5pct,"
                + "jmh_score,jmh_ci999_half_width,speedup_vs_serial,pct_of_physical_limit,x_floor,"
                + "peak_threads,bytes_per_batch,bytes_per_request,steady_state,unsteady_forks,trend_pct,steady_q_min,"
                + "client_cpu_ms_per_batch,client_bytes_per_request,server_late_ms,pinned_events_per_batch");
        if (modes) {
            b.append(",mode,batches_per_s,batches_per_s_ci999_half_width,requests_per_s");
            for (double p : Mode.PERCENTILES) b.append(',').append(Mode.percentileLabel(p).replace(".", "")).append("_ms");
            b.append(",callers,cpu_busy_pct");
        }
        if (connections) b.append(",protocol,peak_connections");
        if (warmups) b.append(",warmup_state");
        return b.append('\n').toString();
    }

    private static String line(RunFile f, Line l, boolean modes, boolean connections, boolean warmups) {
        Row r = l.row;
        boolean thrpt = r.mode() == Mode.THRPT;
        StringBuilder b = new StringBuilder();
        b.append(cell(f.jdkVersion())).append(',').append(cell(r.shortName())).append(',')
                .append(cell(r.strategy())).append(',');
        for (String k : List.of("requests", "latencyMs", "payloadBytes", "blockingClient", "target")) {
            b.append(cell(r.params().getOrDefault(k, ""))).append(',');
        }
        int need = l.est.forksFor(Tables.WIDE);
        b.append(thrpt ? "" : num(l.ms)).append(',').append(num(l.est.lo())).append(',')
                .append(num(l.est.hi())).append(',').append(num(100 * l.est.halfWidth())).append(',')
                .append(l.est.forks()).append(',')
                .append(cell(l.est.forkMeansLabel().replace(" / ", " "))).append(',')
                .append(num(100 * l.est.forkSd())).append(',').append(l.est.heterogeneous()).append(',')
                .append(need < 0 ? "" : String.valueOf(need)).append(',')
                .append(num(r.score())).append(',').append(num(l.err)).append(',').append(num(l.speedup))
                .append(',').append(num(l.ofLimit)).append(',').append(num(l.xFloor)).append(',')
                .append(num(l.threads)).append(',').append(num(l.bytes)).append(',')
                .append(num(l.bytesPerRequest)).append(',').append(l.steady.label()).append(',')
                .append(cell(l.steady.describe())).append(',')
                .append(num(100 * l.steady.change())).append(',').append(num(l.steady.minQ())).append(',')
                .append(num(l.clientCpuMs)).append(',').append(num(l.clientBytesPerRequest)).append(',')
                .append(num(r.secondary().getOrDefault(Tables.SERVER_LATE, Double.NaN))).append(',')
                .append(num(l.pinned));
        if (modes) {
            b.append(',').append(r.mode().jmh).append(',').append(thrpt ? num(l.ms) : "").append(',')
                    .append(thrpt ? num(l.err) : "").append(',').append(num(Tables.requestsPerSecond(r)));
            for (double p : Mode.PERCENTILES) b.append(',').append(num(r.percentile(p)));
            b.append(',').append(r.callers()).append(',')
                    .append(num(r.secondary().getOrDefault(Tables.CPU_BUSY, Double.NaN)));
        }
        if (connections) {
            b.append(',').append(cell(r.params().getOrDefault("protocol", "http1"))).append(',')
                    .append(num(l.peakConnections));
        }
        if (warmups) b.append(',').append(cell(l.cap.state()));
        return b.toString();
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
