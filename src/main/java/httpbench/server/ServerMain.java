package httpbench.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * Standalone bench server for two-machine runs:
 * {@code java -cp target/benchmarks.jar httpbench.server.ServerMain --port 8080 --latency-ms 100 --bind 0.0.0.0}.
 * Prints its URL, serves until stopped (Ctrl-C closes cleanly).
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig cfg;
        try {
            cfg = new ServerConfig(bind, port, latencyMs, payloadBytes, fault, faultEvery, faultDelayMs, workers,
                    transport, rttMs);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        EmbeddedServer server;
        try {
            server = new EmbeddedServer(cfg).start();
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bench-server-shutdown"));
        out.println("serving " + server.uri() + " latencyMs=" + latencyMs + " payloadBytes=" + payloadBytes
                + (rttMs > 0 ? " rttMs=" + rttMs : "") + " transport=" + server.transport()
                + (fault == Fault.none ? "" : " fault=" + fault + " every=" + faultEvery)
                + " (Ctrl-C to stop)");
        out.println("measure it: java -jar target/benchmarks.jar -p target=" + server.uri());
        out.println("HTTP/1.1 and cleartext HTTP/2 on this port (h2c: prior knowledge or the Upgrade), e.g. curl "
                + "--http2-prior-knowledge " + server.uri() + "r/0");
        out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns only on error (exit status 2) or after a shutdown. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ServerMain());
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
