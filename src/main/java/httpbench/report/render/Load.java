package httpbench.report.render;


import httpbench.report.read.Mode;
import httpbench.report.stats.Numbers;
import httpbench.report.read.ReportException;
import httpbench.report.read.Row;
import httpbench.report.read.RunFile;
import httpbench.report.read.WarmupCap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The load study ({@code scripts/load.sh}): C callers x the concurrent rows, from SampleTime runs (one file per C).
 * A caller sends its next batch as soon as the last one completed (JMH's threads are a closed loop), so the
 * throughput is C / mean batch time (Little's law) and the batch-time percentiles are the tail a caller sees.
 * Per latency, one table of every row at every C, and three charts against C: batches per second, p99, client
 * CPU per request. A row below 80 % of the ideal (C / L) is labelled with what stopped it, from what was measured:
 * the machine's CPUs (busy share across every process, {@code cpuBusyPct}), or not the CPU.
 */
public final class Load {
    /**
     * At or above this busy share of all CPUs a row is CPU-bound: on 2 cores shared by thousands of threads the
     * scheduler leaves gaps, so a saturated machine shows 80-90 %, not 100.
     */
    static final double CPU_SATURATED_PCT = 75;
    /** At or above this share of one core, the busiest thread is the bottleneck (every request passes it). */
    static final double ONE_THREAD_PCT = 90;
    /** Below this share of the ideal throughput a row at latency &gt; 0 did not keep up. */
    static final double KEPT_UP_PCT = 80;

    private Load() {}

    /** One row at one C; {@code cores}: the machine's CPUs (environment.json; 0 when unknown). */
    record Point(Row row, int cores) {
        String strategy() { return row.strategy(); }
        int callers() { return row.callers(); }
        long latency() { return row.latencyMs(); }
        double batchesPerS() { return row.callers() * 1000.0 / Lines.number(row); }
        double requestsPerS() { return batchesPerS() * row.requests(); }
        double p50() { return row.percentile(50.0); }
        double p99() { return row.percentile(99.0); }
        /** Client CPU per request in microseconds (server threads excluded; NaN for a standalone target). */
        double cpuUsPerRequest() {
            return 1000.0 * row.secondary().getOrDefault(Tables.CLIENT_CPU, Double.NaN) / row.requests();
        }
        double cpuBusyPct() { return row.secondary().getOrDefault(Tables.CPU_BUSY, Double.NaN); }
        /**
         * The client's own CPU time (process minus the embedded server's threads) per second of the run, as a share
         * of all the machine's cores: a second estimate of saturation beside {@code /proc/stat}, which with
         * thousands of threads reads lower (JDK 17 threadPool at C = 256, L = 0: the client's threads used 99 % of
         * the two cores' time while /proc/stat said 80 % busy). NaN when the cores or the client CPU are unknown.
         */
        double clientCpuPctOfMachine() {
            return cores <= 0 ? Double.NaN : cpuUsPerRequest() * requestsPerS() / 1e6 / cores * 100;
        }
        double threads() { return row.secondary().getOrDefault(Tables.THREADS, Double.NaN); }
        double rssMiB() { return row.secondary().getOrDefault(httpbench.metric.Metric.RSS_MIB.key(), Double.NaN); }
        /** Committed platform-thread stacks (Native Memory Tracking; NaN when the fork ran without it). */
        double stacksMiB() { return row.secondary().getOrDefault(httpbench.metric.Metric.THREAD_STACKS_MIB.key(), Double.NaN); }
        double busiestThreadPct() { return row.secondary().getOrDefault(httpbench.metric.Metric.BUSIEST_THREAD_PCT.key(), Double.NaN); }
        boolean busiestIsServer() { return row.secondary().getOrDefault(httpbench.metric.Metric.BUSIEST_IS_SERVER.key(), 0.0) > 0; }
        double serverLateMs() { return row.secondary().getOrDefault(Tables.SERVER_LATE, Double.NaN); }
        /** % of C / L batches per second (concurrent rows; NaN at latency 0). */
        double ofIdeal() {
            double ideal = Tables.idealBatchesPerSecond(row);
            return Double.isNaN(ideal) ? Double.NaN : 100.0 * batchesPerS() / ideal;
        }

        /**
         * What limited the row: "—" when it kept up (latency &gt; 0); "one client thread (97 % of a core)" or "one
         * server thread" when the busiest thread was saturated; "CPU (85 % busy)" when the machine's CPUs were;
         * else "not the CPU (60 % busy)".
         */
        String stoppedBy() {
            if (latency() > 0 && ofIdeal() >= KEPT_UP_PCT) return "—";
            double one = busiestThreadPct();
            if (!Double.isNaN(one) && one >= ONE_THREAD_PCT) {
                return String.format(Locale.ROOT, "one %s thread (%.0f %% of a core)",
                        busiestIsServer() ? "server" : "client", one);
            }
            double client = clientCpuPctOfMachine();
            double busy = cpuBusyPct();
            if (!Double.isNaN(client) && client >= CPU_SATURATED_PCT) {
                return String.format(Locale.ROOT, "CPU (the client's threads: %.0f %% of %d cores%s)", client, cores,
                        Double.isNaN(busy) ? "" : String.format(Locale.ROOT, "; /proc/stat: %.0f %% busy", busy));
            }
            if (Double.isNaN(busy)) return "not measured";
            String pct = String.format(Locale.ROOT, " (%.0f %% busy)", busy);
            return busy >= CPU_SATURATED_PCT ? "CPU" + pct : "not the CPU" + pct;
        }
    }

    /** Every SampleTime row of these files, by latency then strategy then C. */
    static Map<Long, Map<String, TreeMap<Integer, Point>>> points(List<RunFile> files) {
        Map<Long, Map<String, TreeMap<Integer, Point>>> out = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (RunFile f : files) {
            int cores = f.environment() == null ? 0 : f.environment().path("cores").asInt(0);
            for (Row r : f.rows()) {
                if (r.mode() != Mode.SAMPLE) {
                    throw new ReportException(f.path().toString(), "the load study reads SampleTime results "
                            + "(-bm sample), this row is " + r.mode().jmh + ": " + r.strategy());
                }
                out.computeIfAbsent(r.latencyMs(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.strategy(), k -> new TreeMap<>()).put(r.callers(), new Point(r, cores));
            }
        }
        return out;
    }

    /** The study's tables; {@code limits}: one line per C the launcher refused before starting (may be empty). */
    public static String markdown(List<RunFile> files, List<String> limits) {
        StringBuilder b = new StringBuilder();
        Map<Long, Map<String, TreeMap<Integer, Point>>> all = points(files);
        boolean stacks = all.values().stream().flatMap(m -> m.values().stream()).flatMap(m -> m.values().stream())
                .anyMatch(p -> !Double.isNaN(p.stacksMiB()));
        for (Map.Entry<Long, Map<String, TreeMap<Integer, Point>>> e : all.entrySet()) {
            long l = e.getKey();
            b.append("#### latency ").append(l).append(" ms\n\n");
            List<String> header = new ArrayList<>(List.of("strategy", "C", "batches/s", "requests/s"));
            if (l > 0) header.add("% of ideal (C/L)");
            header.addAll(List.of("p50 ms", "p99 ms", "client CPU µs/req", "machine CPU busy", "busiest thread"));
            if (l > 0) header.add("server late ms");
            header.addAll(List.of("peak threads", "RSS MiB"));
            if (stacks) header.add("thread stacks MiB");
            header.add("stopped by");
            MdTable t = new MdTable("l" + "r".repeat(header.size() - 2) + "l", header);
            for (Map.Entry<String, TreeMap<Integer, Point>> s : e.getValue().entrySet()) {
                for (Point p : s.getValue().values()) t.row(line(p, l, stacks));
            }
            b.append(t).append('\n');
        }
        if (!limits.isEmpty()) {
            b.append("Not run, refused by the launcher before starting (the machine's limits):\n\n");
            for (String s : limits) b.append("- ").append(s.strip()).append('\n');
            b.append('\n');
        }
        b.append(LEGEND);
        if (files.stream().anyMatch(f -> WarmupCap.anyOf(f.rows()))) b.append(' ').append(WarmupCap.rule()).append('.');
        b.append('\n');
        return b.toString();
    }

    /** One point of the load table: a row at C callers. */
    private static List<String> line(Point p, long l, boolean stacks) {
        List<String> c = new ArrayList<>(List.of("`" + p.strategy() + "`", String.valueOf(p.callers()),
                Numbers.fmt(p.batchesPerS()), String.format(Locale.ROOT, "%,.0f", p.requestsPerS())));
        if (l > 0) c.add(Cells.pct(p.ofIdeal()));
        c.addAll(List.of(Numbers.fmt(p.p50()), Numbers.fmt(p.p99()), whole(p.cpuUsPerRequest()),
                Double.isNaN(p.cpuBusyPct()) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", p.cpuBusyPct()),
                Double.isNaN(p.busiestThreadPct()) ? "n/a" : String.format(Locale.ROOT,
                        "%.0f %% (%s)", p.busiestThreadPct(), p.busiestIsServer() ? "server" : "client")));
        if (l > 0) c.add(Numbers.fmt(p.serverLateMs()));
        c.addAll(List.of(whole(p.threads()), whole(p.rssMiB())));
        if (stacks) c.add(whole(p.stacksMiB()));
        c.add(p.stoppedBy() + (p.row.steady().notSteady() ? "; not steady" : "")
                + (p.row.warmupCap().any() ? "; " + p.row.warmupCap().label() : ""));
        return c;
    }

    static final String LEGEND = "*C*: callers (JMH threads, `-t C`), each sending a batch of n requests as soon "
            + "as its last one completed, all sharing one client built for n × C requests in flight. *batches/s*: "
            + "C / mean batch time (Little's law for this closed loop); *requests/s*: × n. *% of ideal*: batches/s "
            + "/ (C / L), the most C callers can complete when each batch takes exactly L. *p50*, *p99*: of the "
            + "sampled batch times (JMH `-bm sample`). *client CPU µs/req*: CPU time of the process minus the "
            + "embedded server's threads, per request. *machine CPU busy*: all CPUs of the machine during the "
            + "iterations (every process, `/proc/stat`). *busiest thread*: the one thread of the fork that used the "
            + "most CPU, as a share of one core, and whether it is a client or an embedded-server thread (its name is "
            + "in `run.log`). *server late ms*: how late the server's delayed responses left, mean. *peak threads*: "
            + "platform threads the row added. *RSS*: the fork's resident memory. *thread stacks*: memory committed "
            + "for platform threads' stacks (Native Memory Tracking, which the study turns on; virtual threads' "
            + "stacks are in the heap, so in RSS only). *stopped by*: for a row below "
            + (int) KEPT_UP_PCT + " % of its ideal (or any row at latency 0), `one … thread` when the busiest "
            + "thread used at least " + (int) ONE_THREAD_PCT + " % of a core (every request passes through it), "
            + "else `CPU` when the client's own CPU time per second (client CPU per request × requests/s) was at "
            + "least " + (int) CPU_SATURATED_PCT + " % of all the cores' time, or when the machine's CPUs were "
            + "at least " + (int) CPU_SATURATED_PCT + " % busy (the two estimates disagree by up to 20 points "
            + "with hundreds of threads, the threads' own CPU time reading higher: both are shown; "
            + "with thousands of threads on 2 cores the scheduler's gaps keep a saturated machine below 100 %), else "
            + "`not the CPU` with the busy share measured; `—`: it kept up.";

    static String whole(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** What the three charts plot against C. */
    public enum Metric {
        THROUGHPUT("batches per second (log)", Point::batchesPerS),
        P99("p99 batch time, ms (log)", Point::p99),
        CPU("client CPU per request, µs (log)", Point::cpuUsPerRequest);

        public final String axis;
        final ToDoubleFunction<Point> value;

        Metric(String axis, ToDoubleFunction<Point> value) {
            this.axis = axis;
            this.value = value;
        }
    }

    public static XYChart chart(List<RunFile> files, long latencyMs, Metric m) {
        Map<String, TreeMap<Integer, Point>> rows = points(files).get(latencyMs);
        if (rows == null) throw new ReportException(files.get(0).path().toString(), "no rows at latency " + latencyMs);
        XYChart c = new XYChartBuilder().width(1200).height(750)
                .title(Charts.title(files, m.axis.replace(" (log)", "") + " vs callers, latency " + latencyMs + " ms"))
                .xAxisTitle("C, callers (log)").yAxisTitle(m.axis).build();
        Charts.style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(9);
        for (Map.Entry<String, TreeMap<Integer, Point>> e : rows.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Point p : e.getValue().values()) {
                double v = m.value.applyAsDouble(p);
                if (Double.isNaN(v) || v <= 0) continue;
                x.add((double) p.callers());
                y.add(v);
            }
            if (!x.isEmpty()) c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** The latencies of these files, highest first. */
    public static TreeSet<Long> latencies(List<RunFile> files) {
        return new TreeSet<>(points(files).keySet());
    }
}
