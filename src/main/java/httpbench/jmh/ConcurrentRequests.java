package httpbench.jmh;

import httpbench.jmh.profile.Machine;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.server.ServerInfo;
import httpbench.strategy.BatchResult;
import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;
import httpbench.strategy.Strategy;
import httpbench.jmh.profile.ClientCostProfiler;
import httpbench.jmh.profile.PinnedProfiler;
import httpbench.jmh.profile.ThreadsProfiler;
import httpbench.workload.Protocol;
import httpbench.workload.Scheme;
import httpbench.workload.Transport;
import httpbench.workload.Workload;
import org.openjdk.jmh.infra.BenchmarkParams;
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
import java.util.concurrent.TimeUnit;

/**
 * One operation = one batch of n GETs, all completed and validated. The strategy, the embedded server and the
 * clients live in this one state object: when setup fails half-way JMH would skip the teardown of other states
 * and the fork would hang on their threads, so everything is checked before anything is started, and what was
 * started is closed before the error propagates.
 *
 * <p>Steady state: on 2 cores the benchmark keeps both cores busy (client and server threads), so the JIT's
 * background compiler threads get little CPU and their queue drains slowly: the JDK client on JDK 25 at latency 0
 * sat at ~0.55 ms/batch for 20+ s and then dropped to ~0.39 ms when a late compilation landed (or, in another
 * fork, never did within 35 s), which made rows unsteady and forks disagree. {@code -XX:-BackgroundCompilation}
 * makes the thread that triggers a compilation wait for it, so the same ~0.39 ms plateau is reached after ~7 s
 * and stays (JDK 17: ~1.15 ms after ~8 s either way). Not a large fixed heap: with {@code -Xms2g} no young GC
 * ran for seconds and serial on JDK 17 then slowed from ~1.38 to ~1.9 ms per batch in the middle of the measurement
 * (allocation sweeping a huge eden), a shift the default heap, collecting every second or so, does not show.
 * At latency > 0 the measured iterations switch back to background compilation ({@link JitMode}): there the cores
 * are idle, and a blocking compilation triggered by the slow trickle of requests stalled a measured batch.
 * Then {@link SteadyWarmup} runs batches until the time stops improving ({@code -p warmup}),
 * and JMH's own short warm-up and measurement follow. Three forks: the fork is the unit of replication of the
 * report's statistics. Ten measured iterations of 500 ms (the same 5 s per fork as five of 1 s): the per-fork
 * steadiness tests ({@code report/Steady}) need them — with 5 iterations the smallest Mann–Kendall p is 0.017, so
 * after the false-discovery control across a run's ~40 forks no trend could ever be flagged.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgs = {"-XX:-BackgroundCompilation"})
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ConcurrentRequests {

    /** The row; no values here: JMH takes every constant of {@link Registry}, the one list of rows. */
    @Param
    public Registry strategy;

    /** n, the number of GETs per operation. */
    @Param({"10"})
    public int requests;

    /** Latency the embedded server adds to each response (0 = loopback floor; 100 ~ a remote blog). */
    @Param({"0", "100"})
    public long latencyMs;

    /**
     * Emulated network round trip (ms): the server holds every byte in and out for half of it, below HTTP, so
     * each request and a new connection's exchanges pay round trips (the TCP handshake does not, on loopback).
     */
    @Param({"0"})
    public long rttMs;

    @Param({"1024"})
    public int payloadBytes;

    /** The client the blocking strategies share: jdk (HttpClient.send) or apache (HttpClient5 classic). */
    @Param({"jdk"})
    public BlockingClient.Kind blockingClient;

    /**
     * Steady-state warm-up before JMH's own: {@code auto} runs batches until their time stops improving (cap
     * {@value BenchParams#AUTO_WARMUP_CAP_S} s, see {@link SteadyWarmup}), a number of seconds sets another cap,
     * {@code off} leaves only JMH's warm-up iterations.
     */
    @Param({"auto"})
    public String warmup;

    /** {@code auto} (a thread per request in flight), or a bound on the threadPool row's threads (e.g. 200). */
    @Param({"auto"})
    public String poolThreads;

    /**
     * {@code http1} (every client pinned to HTTP/1.1) or {@code h2}: HTTP/2 with the client's own HTTP/2 support,
     * over cleartext (h2c) prior knowledge where it has it, over https ALPN; the server refuses (505) an h2 request that arrives over
     * HTTP/1.1, so a fallback fails the row. Rows that cannot speak it are dropped by the launcher with one line.
     */
    @Param({"http1"})
    public Protocol protocol;

    /**
     * {@code http}, or {@code https}: the embedded server makes a key and a self-signed certificate at start and every
     * client trusts exactly that certificate (httpbench.tls.Trust); a handshake is paid per new connection.
     */
    @Param({"http"})
    public Scheme scheme;

    /**
     * {@code nio} (what a user of the Netty-based clients gets without native jars) or {@code epoll}: the transport
     * of every Netty-based row's event loop, checked from the channel class it used (the server's is its own).
     * Rows that are not Netty-based run only under {@code nio}; the launcher drops them under {@code epoll}.
     */
    @Param({"nio"})
    public Transport transport;

    /** {@code embedded}, or the URL of a standalone ServerMain (two-machine runs). */
    @Param({"embedded"})
    public String target;

    /** For an https {@code target}: the PEM file of its certificate (ServerMain --cert-out); {@code none} otherwise. */
    @Param({BenchParams.NO_CA_CERT})
    public String caCert;

    private EmbeddedServer server;
    private Strategy impl;
    private Workload workload;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams jmh) throws Exception {
        // 1. check everything, start nothing
        Registry row = strategy;
        skipIf(row, row.unavailableReason());
        int callers = jmh.getThreads();
        skipIf(row, row.unavailableWithCallers(callers));
        // typed by JMH; the ranges checked here too, for a run through stock JMH (the launcher checks them first)
        int n = BenchParams.requests(requests, String.valueOf(requests));
        long latency = BenchParams.latencyMs(latencyMs, String.valueOf(latencyMs));
        long rtt = BenchParams.rttMs(rttMs, String.valueOf(rttMs));
        int payload = BenchParams.payloadBytes(payloadBytes, String.valueOf(payloadBytes));
        var kind = blockingClient;
        long warmupCapS = BenchParams.warmupCapSeconds(warmup);
        int poolLimit = BenchParams.poolThreads(poolThreads);
        skipIf(row, row.unavailableWithProtocol(protocol, kind));
        // every row speaks http and https (httpbench.tls.Trust)
        skipIf(row, row.unavailableWithTransport(transport));
        httpbench.tls.Trust trust = BenchParams.caCert(caCert);
        URI base = BenchParams.isEmbedded(target) ? null : remote(trust, scheme, latency, payload, rtt);
        // 2. start; on any failure close what was started before rethrowing
        try {
            if (base == null) {
                server = new EmbeddedServer(ServerConfig.loopback(latency, payload).withRtt(rtt).withScheme(scheme)).start();
                base = server.uri();
                trust = server.trust();
            }
            workload = Workload.of(base, n, payload).withCallers(callers).withThreadPoolLimit(poolLimit)
                    .withProtocol(protocol).withTrust(trust).withTransport(transport);
            ThreadsProfiler.takeBaseline();
            impl = row.create(kind);
            impl.open(workload);
            warmUp(warmupCapS, n, latency > 0 || rtt > 0);
            handOff();
        } catch (Exception | Error e) {
            tearDown();
            throw e;
        }
    }

    /** After the warm-up: what its connections negotiated, then the profilers count from here. */
    private void handOff() {
        if (server != null && server.config().https() && server.tls().handshakesSinceStart() > 0) {
            printTls(); // the warm-up's handshakes; with -p warmup=off, at the end of the trial instead
        }
        printTransport(); // after the warm-up's connections; with -p warmup=off, at the end of the trial
        ClientCostProfiler.setupDone(server);
        PinnedProfiler.setupDone();
    }

    /** A row that cannot run with these parameters: JMH reports the reason and skips it. */
    private static void skipIf(Registry row, java.util.Optional<String> reason) {
        reason.ifPresent(r -> {
            throw new IllegalStateException(row + " skipped: " + r);
        });
    }

    /** An external {@code target}: its base URI, once its /info says it serves what the run asks for. */
    private URI remote(httpbench.tls.Trust trust, Scheme sch, long latency, int payload, long rtt) throws Exception {
        ServerInfo info = ServerInfo.probe(target, trust);
        if (!info.scheme().equals(sch.name())) {
            throw new IllegalArgumentException("target " + target + " speaks " + info.scheme() + " but the run "
                    + "asks for -p scheme=" + sch);
        }
        if (info.latencyMs() != latency || info.payloadBytes() != payload || info.rttMs() != rtt) {
            throw new IllegalArgumentException("target " + target + " serves latencyMs=" + info.latencyMs()
                    + " payloadBytes=" + info.payloadBytes() + " rttMs=" + info.rttMs()
                    + " but the run asks for latencyMs=" + latency + " payloadBytes=" + payload + " rttMs=" + rtt
                    + ": pass -p latencyMs=" + info.latencyMs() + " -p payloadBytes=" + info.payloadBytes()
                    + " -p rttMs=" + info.rttMs());
        }
        return URI.create(target);
    }

    /**
     * The warm-up phases ({@link SteadyWarmup#phases}), with {@code latencyBound} (the server delays every response):
     * then the measured iterations compile in the background.
     */
    private void warmUp(long warmupCapS, int n, boolean latencyBound) throws Exception {
        if (warmupCapS == 0) {
            ClientCostProfiler.noWarmup();
            return;
        }
        // at latency > 0 the in-process server's delay is switched off, then cut short, for the code phases
        SteadyWarmup.Delay delay = server == null || !latencyBound ? null : new SteadyWarmup.Delay() {
            public void off() { server.delayOff(); }
            public void shortDelay(long ms) { server.delayShort(ms); }
            public void on() { server.delayOn(); }
        };
        SteadyWarmup.Outcome o = new SteadyWarmup(Machine.REAL).phases(this::batch,
                warmupCapS * 1_000_000_000L, delay, n, latencyBound);
        if (latencyBound) {
            String why = JitMode.backgroundCompilation();
            System.out.println(why == null ? "# JIT: background compilation for the measured iterations"
                    : "# JIT: still blocking compilation (" + why + ")");
        }
        ClientCostProfiler.warmedUp(o.seconds(), o.settled());
    }

    private boolean tlsPrinted;

    /** One line in the fork's output: what the row's TLS handshakes negotiated (the run's record of it). */
    private void printTls() {
        tlsPrinted = true;
        java.security.cert.X509Certificate cert = server.trust().certificate();
        System.out.println("# TLS: " + server.tls().negotiated() + " (" + server.tls().handshakesSinceStart()
                + " handshakes so far, " + server.tls().resumed() + " resumed; server certificate "
                + cert.getPublicKey().getAlgorithm() + " " + cert.getSigAlgName() + ", self-signed, trusted exactly"
                + (server.tls().failures() > 0 ? "; " + server.tls().failures() + " failed, last: "
                        + server.tls().lastFailure() : "")
                + ")");
    }

    private boolean transportPrinted;

    /**
     * One line in the fork's output, {@code # transport: nio (io.netty.channel.socket.nio.NioSocketChannel)}: what a
     * Netty-based row's connections ran on, read from the channel class; throws if it is not {@code -p transport}.
     */
    private void printTransport() {
        if (impl == null || transportPrinted) return;
        impl.transportSeen().ifPresent(seen -> {
            transportPrinted = true;
            System.out.println("# transport: " + seen);
            httpbench.strategy.TransportSeen.mismatch(strategy.name(), transport.name(), seen).ifPresent(m -> {
                throw new IllegalStateException(m);
            });
        });
    }

    @Benchmark
    public BatchResult batch() throws Exception {
        return impl.run(workload);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        JitMode.blockingCompilation();
        ClientCostProfiler.tearingDown();
        PinnedProfiler.tearingDown();
        if (server != null && server.config().https() && !tlsPrinted) printTls();
        tlsPrinted = false;
        try {
            printTransport();
        } catch (IllegalStateException e) {
            System.out.println("# " + e.getMessage());
        }
        transportPrinted = false;
        try {
            if (impl != null) impl.close();
        } finally {
            impl = null;
            if (server != null) server.close();
            server = null;
        }
    }
}
