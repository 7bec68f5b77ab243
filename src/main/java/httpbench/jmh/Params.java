package httpbench.jmh;

import httpbench.server.ServerInfo;
import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The launcher's -p values, before any fork: each one checked (one line naming the bad one), passed on as JMH reads
 * the typed ones, the rows this JDK and these settings cannot run dropped with a line each, -t's limits checked,
 * and a standalone target's settings adopted. Defaults are the benchmark's own {@code @Param} values.
 */
final class Params {
    private Params() {
    }

    /** The values a param will take: from -p, else the {@code @Param} default of the benchmark. */
    static List<String> values(CommandLineOptions cmd, String name) {
        var given = cmd.getParameter(name);
        if (given.hasValue()) return new ArrayList<>(given.get());
        return defaults(name);
    }

    /**
     * A param's default: its {@code @Param} values, or every constant of an enum param declared without values;
     * for {@code strategy}, the registry's default suite (without the {@link Registry#extra()} rows).
     */
    static List<String> defaults(String name) {
        java.lang.reflect.Field f;
        try {
            f = ConcurrentRequests.class.getField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        String[] v = f.getAnnotation(Param.class).value();
        if (f.getType() == Registry.class) {
            // JMH alone would run every constant; the default suite leaves out the rows run only when named
            return Registry.defaultSuite().stream().map(Enum::name).toList();
        }
        if (v.length == 1 && v[0].equals(Param.BLANK_ARGS) && f.getType().isEnum()) {
            return Arrays.stream(f.getType().getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        }
        return Arrays.asList(v);
    }

    /**
     * Callers sending batches at once: JMH's {@code -t} ({@code max} = one per core, as JMH counts it), 1 by default.
     */
    static int callers(CommandLineOptions cmd) {
        if (!cmd.getThreads().hasValue()) return 1;
        int t = cmd.getThreads().get();
        return t <= 0 ? Runtime.getRuntime().availableProcessors() : t;
    }

    /** Validates every param, drops unavailable strategies; false when no strategy is left. */
    static boolean resolve(CommandLineOptions cmd, ChainedOptionsBuilder opts, PrintStream out) {
        return resolve(cmd, opts, out, Limits.maxFileDescriptors(), Limits.maxThreads());
    }

    static boolean resolve(CommandLineOptions cmd, ChainedOptionsBuilder opts, PrintStream out,
                                 long maxFds, long maxThreads) {
        int callers = callers(cmd);
        checkValues(cmd, opts);
        Set<String> keep = runnableRows(cmd, callers, out);
        if (keep.isEmpty()) return false;
        opts.param("strategy", keep.toArray(new String[0]));
        if (callers > 1) checkLimits(cmd, keep, callers, maxFds, maxThreads);
        adoptTarget(cmd, opts, out);
        return true;
    }

    /**
     * Every -p value parses, or one line says which does not (IllegalArgumentException). The typed ones go on as
     * JMH reads them ({@code " 10"} as {@code 10}, {@code JDK} as {@code jdk}), so a value this line accepts is one
     * the fork's JMH can set.
     */
    private static void checkValues(CommandLineOptions cmd, ChainedOptionsBuilder opts) {
        canonical(cmd, opts, "requests", v -> String.valueOf(BenchParams.requests(v)));
        canonical(cmd, opts, "latencyMs", v -> String.valueOf(BenchParams.latencyMs(v)));
        canonical(cmd, opts, "rttMs", v -> String.valueOf(BenchParams.rttMs(v)));
        canonical(cmd, opts, "payloadBytes", v -> String.valueOf(BenchParams.payloadBytes(v)));
        canonical(cmd, opts, "blockingClient", v -> BenchParams.blockingClient(v).name());
        for (String v : values(cmd, "warmup")) BenchParams.warmupCapSeconds(v);
        for (String v : values(cmd, "poolThreads")) BenchParams.poolThreads(v);
        canonical(cmd, opts, "scheme", v -> BenchParams.scheme(v).name());
        canonical(cmd, opts, "protocol", v -> BenchParams.protocol(v).name());
        canonical(cmd, opts, "transport", v -> BenchParams.transport(v).name());
    }

    private static void canonical(CommandLineOptions cmd, ChainedOptionsBuilder opts, String name,
                                  java.util.function.UnaryOperator<String> parse) {
        List<String> v = values(cmd, name).stream().map(parse).toList();
        if (cmd.getParameter(name).hasValue()) opts.param(name, v.toArray(new String[0]));
    }

    /** The rows of -p strategy this JDK and these settings can run; each other one gets a "skipped" line. */
    private static Set<String> runnableRows(CommandLineOptions cmd, int callers, PrintStream out) {
        List<httpbench.workload.Protocol> protocols = values(cmd, "protocol").stream().map(BenchParams::protocol).toList();
        List<httpbench.workload.Transport> transports = values(cmd, "transport").stream().map(BenchParams::transport).toList();
        List<BlockingClient.Kind> clients = values(cmd, "blockingClient").stream()
                .map(BenchParams::blockingClient).toList();
        Set<String> keep = new LinkedHashSet<>();
        for (String v : values(cmd, "strategy")) {
            Registry s = BenchParams.strategy(v);
            var why = s.unavailableReason().or(() -> s.unavailableWithCallers(callers))
                    .or(() -> unavailableWithProtocols(s, protocols, clients))
                    .or(() -> transports.stream().map(s::unavailableWithTransport).flatMap(Optional::stream).findFirst());
            if (why.isPresent()) {
                out.println(s + " skipped: " + why.get());
            } else {
                keep.add(s.name());
            }
        }
        return keep;
    }

    /** -t C: the connections and threads C callers need fit this machine's limits. */
    private static void checkLimits(CommandLineOptions cmd, Set<String> keep, int callers, long maxFds, long maxThreads) {
        int n = values(cmd, "requests").stream().mapToInt(BenchParams::requests).max().orElse(1);
        boolean embedded = values(cmd, "target").stream().anyMatch(BenchParams::isEmbedded);
        boolean threadPerRequest = keep.stream().map(Registry::of)
                .anyMatch(r -> r.blocking() && !r.serial() && !r.blocksOnVirtualThreads());
        Optional<String> tooMuch = Limits.check(Math.multiplyExact(n, callers), callers, embedded,
                threadPerRequest, maxFds, maxThreads);
        if (tooMuch.isPresent()) throw new IllegalArgumentException("-t " + callers + ": " + tooMuch.get());
    }

    /** A standalone -p target: probed, and its latency, payload, round trip and scheme taken as the run's. */
    private static void adoptTarget(CommandLineOptions cmd, ChainedOptionsBuilder opts, PrintStream out) {
        List<String> targets = values(cmd, "target");
        List<String> caCerts = values(cmd, "caCert");
        if (caCerts.size() != 1) throw new IllegalArgumentException("-p caCert: give one file (got " + caCerts + ")");
        httpbench.tls.Trust trust = BenchParams.caCert(caCerts.get(0));
        List<ServerInfo> infos = new ArrayList<>();
        for (String t : targets) {
            if (!BenchParams.isEmbedded(t)) infos.add(ServerInfo.probe(t, trust));
        }
        if (infos.isEmpty() && trust != null) {
            throw new IllegalArgumentException("-p caCert=" + caCerts.get(0) + ": only for an https -p target (the "
                    + "embedded server's own certificate is trusted in memory); drop -p caCert");
        }
        if (infos.isEmpty()) return;
        if (targets.size() > 1) {
            throw new IllegalArgumentException("-p target: give one URL per run (got " + targets + ")");
        }
        ServerInfo info = infos.get(0);
        out.println("target " + targets.get(0) + ": latencyMs=" + info.latencyMs() + " payloadBytes="
                + info.payloadBytes() + (info.rttMs() > 0 ? " rttMs=" + info.rttMs() : "")
                + (info.fault().equals("none") ? "" : " fault=" + info.fault()));
        adopt(cmd, opts, "latencyMs", String.valueOf(info.latencyMs()));
        adopt(cmd, opts, "payloadBytes", String.valueOf(info.payloadBytes()));
        adopt(cmd, opts, "rttMs", String.valueOf(info.rttMs()));
        adopt(cmd, opts, "scheme", info.scheme());
    }

    /**
     * JMH crosses every parameter: a row runs with every protocol and blocking client given, so it is dropped when
     * one of the combinations cannot run (the first such combination says why).
     */
    private static Optional<String> unavailableWithProtocols(Registry s, List<httpbench.workload.Protocol> protocols,
                                                             List<BlockingClient.Kind> clients) {
        for (httpbench.workload.Protocol p : protocols) {
            for (BlockingClient.Kind k : clients) {
                Optional<String> why = s.unavailableWithProtocol(p, k);
                if (why.isPresent()) return why;
            }
        }
        return Optional.empty();
    }

    /** For a standalone target the server decides latency and payload: take them unless -p asks otherwise. */
    private static void adopt(CommandLineOptions cmd, ChainedOptionsBuilder opts, String name, String serverValue) {
        var given = cmd.getParameter(name);
        if (!given.hasValue()) {
            opts.param(name, serverValue);
        } else if (given.get().size() != 1 || !given.get().iterator().next().equals(serverValue)) {
            throw new IllegalArgumentException("-p " + name + "=" + String.join(",", given.get())
                    + " but the target serves " + name + "=" + serverValue + "; drop -p " + name
                    + " or restart ServerMain with the value you want");
        }
    }
}
