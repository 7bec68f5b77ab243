package httpbench.server;

import httpbench.workload.Scheme;
import httpbench.workload.Wire;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * Standalone bench server for two-machine runs:
 * {@code java -cp target/benchmarks.jar httpbench.server.ServerMain --port 8080 --latency-ms 100 --bind 0.0.0.0}.
 * Prints its URL, serves until stopped (Ctrl-C closes cleanly). With {@code --scheme https} it makes a fresh key and
 * self-signed certificate (localhost, 127.0.0.1, and the {@code --bind} address when it is another IP) and writes
 * the certificate, never the key, as PEM to {@code --cert-out}, for clients on this or another machine to trust.
 */
@Command(name = "ServerMain", mixinStandardHelpOptions = true,
        description = "Serves the benchmark's deterministic payload over HTTP/1.1 keep-alive until stopped.")
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port, 0 for any free port (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--latency-ms", description = "latency added to each response, ms (default: ${DEFAULT-VALUE})")
    long latencyMs = 0;

    @Option(names = "--payload-bytes", description = "response body size (default: ${DEFAULT-VALUE})")
    int payloadBytes = 1024;

    @Option(names = "--bind", description = "address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all)")
    String bind = "127.0.0.1";

    @Option(names = "--fault", description = "fault mode for tests: ${COMPLETION-CANDIDATES} (default: none)",
            converter = FaultConverter.class)
    Fault fault = Fault.none;

    @Option(names = "--fault-every", description = "apply the fault to every k-th request (default: ${DEFAULT-VALUE})")
    int faultEvery = 1;

    @Option(names = "--fault-delay-ms", description = "delay of the slowHeaders fault (default: ${DEFAULT-VALUE})")
    long faultDelayMs = 30_000;

    @Option(names = "--transport", description = "I/O transport: ${COMPLETION-CANDIDATES} (default: auto = native "
            + "epoll where available, its timers wake to the microsecond; else NIO)")
    ServerConfig.Transport transport = ServerConfig.Transport.auto;

    @Option(names = "--rtt-ms", description = "emulated network round trip, ms: every byte in and out is held half "
            + "of it (TLS handshakes and each request pay round trips; the TCP handshake does not) (default: ${DEFAULT-VALUE})")
    long rttMs = 0;

    @Option(names = "--workers", description = "event-loop threads (default: min(2, cores))")
    int workers = ServerConfig.defaultWorkers();

    @Option(names = "--scheme", description = "http, or https: TLS with a key and self-signed certificate made at "
            + "start (default: ${DEFAULT-VALUE})")
    String scheme = Scheme.http.name();

    @Option(names = "--cert-out", description = "https: file the certificate (PEM, no key) is written to, replaced "
            + "at each start (default: httpbench-cert-PORT.pem in the temporary directory, printed)")
    Path certOut;

    @Option(names = "--san", split = ",", description = "https: more names for the certificate, e.g. a host name or "
            + "an IP address clients on other machines use (localhost and 127.0.0.1 are always in it)")
    java.util.List<String> extraNames = new java.util.ArrayList<>();

    /** Counted down to stop serving: by the shutdown hook, or by a test. */
    CountDownLatch stop = new CountDownLatch(1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class FaultConverter implements CommandLine.ITypeConverter<Fault> {
        @Override
        public Fault convert(String value) {
            try {
                return Fault.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedServer server;
        Path pem;
        try {
            ServerConfig cfg = config();
            server = start(cfg);
            pem = writeCertificate(cfg, server);
        } catch (Bad e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        announce(spec.commandLine().getOut(), server, pem);
        serveUntilStopped(server);
        return 0;
    }

    /** Bad options: one line, exit status 2, nothing left running. */
    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private ServerConfig config() throws Bad {
        try {
            return new ServerConfig(bind, port, latencyMs, payloadBytes, fault, faultEvery, faultDelayMs, workers,
                    transport, rttMs, Wire.parse(Scheme.class, "scheme", scheme));
        } catch (IllegalArgumentException e) {
            throw new Bad(e.getMessage());
        }
    }

    /** Starts the server (https: with a certificate for the names it is reached by). */
    private EmbeddedServer start(ServerConfig cfg) throws Bad {
        httpbench.tls.SelfSigned identity = null;
        if (cfg.https()) {
            try {
                identity = httpbench.tls.SelfSigned.generate(dnsNames(), ipNames());
            } catch (IllegalArgumentException e) {
                throw new Bad("--san " + String.join(",", extraNames) + " / --bind " + bind + ": a name for the "
                        + "certificate is neither a host name nor an IP address (" + e.getMessage() + ")");
            }
        }
        try {
            return new EmbeddedServer(cfg, identity).start();
        } catch (IllegalStateException e) {
            throw new Bad(e.getMessage());
        }
    }

    /** https: the certificate clients must trust, as PEM (--cert-out, else a file in the temp folder); null for http. */
    private Path writeCertificate(ServerConfig cfg, EmbeddedServer server) throws Bad {
        if (!cfg.https()) return null;
        Path pem = certOut != null ? certOut
                : Path.of(System.getProperty("java.io.tmpdir"), "httpbench-cert-" + server.port() + ".pem");
        try {
            server.trust().writePem(pem);
            return pem;
        } catch (IOException | RuntimeException e) {
            server.close();
            String why = e instanceof java.nio.file.NoSuchFileException
                    ? "no such directory " + pem.toAbsolutePath().getParent() : String.valueOf(e.getMessage());
            throw new Bad("cannot write the certificate to " + pem + ": " + why + " (choose another file with --cert-out)");
        }
    }

    /** What is served, and the commands that measure it. */
    private void announce(PrintWriter out, EmbeddedServer server, Path pem) {
        out.println("serving " + server.uri() + " latencyMs=" + latencyMs + " payloadBytes=" + payloadBytes
                + (rttMs > 0 ? " rttMs=" + rttMs : "") + " transport=" + server.transport()
                + (fault == Fault.none ? "" : " fault=" + fault + " every=" + faultEvery)
                + " (Ctrl-C to stop)");
        if (pem != null) {
            out.println("certificate (PEM, trust exactly this): " + pem.toAbsolutePath() + " — e.g. curl --cacert "
                    + pem.toAbsolutePath() + " " + server.uri() + "r/0");
            out.println("measure it: java -jar target/benchmarks.jar -p target=" + server.uri() + " -p caCert="
                    + pem.toAbsolutePath());
            out.println("HTTP/1.1 and HTTP/2 on this port (ALPN: h2 to a client that offers it), e.g. curl --http2 "
                    + "--cacert " + pem.toAbsolutePath() + " " + server.uri() + "r/0");
        } else {
            out.println("measure it: java -jar target/benchmarks.jar -p target=" + server.uri());
            out.println("HTTP/1.1 and cleartext HTTP/2 on this port (h2c: prior knowledge or the Upgrade), e.g. curl "
                    + "--http2-prior-knowledge " + server.uri() + "r/0");
        }
        out.flush();
    }

    /** Serves until {@link #stop} or Ctrl-C (a shutdown hook that waits, bounded, for the server to close). */
    private void serveUntilStopped(EmbeddedServer server) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS); // the server closes before the JVM ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } finally {
            server.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is what stopped us
            }
        }
    }

    private java.util.List<String> dnsNames() {
        java.util.List<String> d = new java.util.ArrayList<>(java.util.List.of("localhost"));
        for (String n : names()) if (!isIp(n) && !d.contains(n)) d.add(n);
        return d;
    }

    private java.util.List<String> ipNames() {
        java.util.List<String> ip = new java.util.ArrayList<>(java.util.List.of("127.0.0.1"));
        for (String n : names()) if (isIp(n) && !ip.contains(n)) ip.add(n);
        return ip;
    }

    /** --san names plus the bind address when it is a specific one (0.0.0.0 and :: are not names). */
    private java.util.List<String> names() {
        java.util.List<String> n = new java.util.ArrayList<>();
        for (String x : extraNames) if (!x.isBlank()) n.add(x.trim());
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) n.add(bind);
        return n;
    }

    /** An IPv4 or IPv6 address (goes in the certificate as an IP name); anything else is a host name. */
    private static boolean isIp(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns only on error (exit status 2) or after a shutdown. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new ServerMain(), args, out, err);
    }

    /** As above, on a command object a test holds (it stops the server by counting down {@link #stop}). */
    static int execute(ServerMain command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
            ex.getCommandLine().getErr().flush();
            return 2;
        });
        return cl.execute(args);
    }
}
