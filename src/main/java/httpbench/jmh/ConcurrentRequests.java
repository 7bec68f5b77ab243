package httpbench.jmh;

import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.server.ServerInfo;
import httpbench.strategy.BatchResult;
import httpbench.strategy.Registry;
import httpbench.strategy.Strategy;
import httpbench.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One operation = one batch of n GETs, all completed and validated. The strategy, the embedded server and the
 * clients live in this one state object: when setup fails half-way JMH would skip the teardown of other states
 * and the fork would hang on their threads, so everything is checked before anything is started, and what was
 * started is closed before the error propagates.
 *
 * <p>Warm-up: the JDK client's first ~2000 requests are ~3x slower than steady state, and on a 2-core machine
 * its batch time at latency 0 was still falling through 5 x 1 s of warm-up (measured iterations 5.3 -> 1.6 ms
 * in a run with 5); 8 x 1 s keeps the default run under 10 minutes. At latency 100 ms the client's overhead
 * is < 1 % of a batch, so warm-up matters little there.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ConcurrentRequests {

    /** The row; no values here: JMH takes every constant of {@link Registry}, the one list of rows. */
    @Param
    public Registry strategy;

    /** n, the number of GETs per operation. */
    @Param({"10"})
    public String requests;

    /** Latency the embedded server adds to each response (0 = loopback floor; 100 ~ a remote blog). */
    @Param({"0", "100"})
    public String latencyMs;

    @Param({"1024"})
    public String payloadBytes;

    /** The client the blocking strategies share: jdk (HttpClient.send) or apache (HttpClient5 classic). */
    @Param({"jdk"})
    public String blockingClient;

    /**
     * Steady-state warm-up before JMH's own: {@code auto} runs batches until their time stops improving (cap
     * {@value BenchParams#AUTO_WARMUP_CAP_S} s, see {@link SteadyWarmup}), a number of seconds sets another cap,
     * {@code off} leaves only JMH's warm-up iterations.
     */
    @Param({"auto"})
    public String warmup;

    /** {@code embedded}, or the URL of a standalone ServerMain (two-machine runs). */
    @Param({"embedded"})
    public String target;

    private EmbeddedServer server;
    private Strategy impl;
    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // 1. check everything, start nothing
        Registry row = strategy;
        row.unavailableReason().ifPresent(r -> {
            throw new IllegalStateException(row + " skipped: " + r);
        });
        int n = BenchParams.requests(requests);
        long latency = BenchParams.latencyMs(latencyMs);
        int payload = BenchParams.payloadBytes(payloadBytes);
        var kind = BenchParams.blockingClient(blockingClient);
        long warmupCapS = BenchParams.warmupCapSeconds(warmup);
        URI base;
        if (BenchParams.isEmbedded(target)) {
            base = null;
        } else {
            ServerInfo info = ServerInfo.probe(target);
            if (info.latencyMs() != latency || info.payloadBytes() != payload) {
                throw new IllegalArgumentException("target " + target + " serves latencyMs=" + info.latencyMs()
                        + " payloadBytes=" + info.payloadBytes() + " but the run asks for latencyMs=" + latency
                        + " payloadBytes=" + payload + ": pass -p latencyMs=" + info.latencyMs()
                        + " -p payloadBytes=" + info.payloadBytes());
            }
            base = URI.create(target);
        }
        // 2. start; on any failure close what was started before rethrowing
        try {
            if (base == null) {
                server = new EmbeddedServer(ServerConfig.loopback(latency, payload)).start();
                base = server.uri();
            }
            workload = Workload.of(base, n, payload);
            ThreadsProfiler.takeBaseline();
            impl = row.create(kind);
            impl.open(workload);
            if (warmupCapS > 0) {
                SteadyWarmup.Outcome o = SteadyWarmup.run(this::batch, warmupCapS * 1_000_000_000L);
                ClientCostProfiler.warmedUp(o);
                List<Double> m = o.windowMeansMs();
                System.out.printf(Locale.ROOT, "# steady warm-up: %d batches in %.1f s, window means %.3f -> %.3f ms%s%n",
                        o.batches(), o.seconds(), m.get(0), m.get(m.size() - 1),
                        o.settled() ? " (settled)" : " (NOT settled: cap reached; raise -p warmup=SECONDS)");
            } else {
                ClientCostProfiler.warmedUp(null);
            }
            ClientCostProfiler.setupDone(server);
        } catch (Exception | Error e) {
            tearDown();
            throw e;
        }
    }

    @Benchmark
    public BatchResult batch() throws Exception {
        return impl.run(workload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ClientCostProfiler.tearingDown();
        try {
            if (impl != null) impl.close();
        } finally {
            impl = null;
            if (server != null) server.close();
            server = null;
        }
    }
}
