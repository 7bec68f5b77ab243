package httpbench.server;

import httpbench.workload.Scheme;

/**
 * Settings of the embedded server.
 *
 * @param bindAddress  address to bind (127.0.0.1 for the in-process server)
 * @param port         0 for an ephemeral port
 * @param latencyMs    added latency before each response, applied with the event loop's scheduler
 * @param payloadBytes size of the deterministic body (see {@link httpbench.workload.Payload})
 * @param fault        fault mode, {@link Fault#none} for normal operation
 * @param faultEvery   apply the fault to every k-th request (1 = every request)
 * @param faultDelayMs delay used by {@link Fault#slowHeaders}
 * @param workerThreads event-loop threads serving connections
 * @param transport    {@link Transport#auto} (native epoll where available, else NIO), or one of them by name
 * @param rttMs        emulated network round trip: every byte in and out is held rttMs/2 (see RoundTripDelay)
 * @param scheme       {@code http}, or {@code https}: TLS with a certificate generated at start (see
 *                     {@link httpbench.tls.SelfSigned}), below HTTP and above the round-trip delay
 */
public record ServerConfig(String bindAddress, int port, long latencyMs, int payloadBytes,
                           Fault fault, int faultEvery, long faultDelayMs, int workerThreads, Transport transport,
                           long rttMs, Scheme scheme) {

    /** The server's I/O transport: its timers decide how late a delayed response leaves. */
    public enum Transport { auto, epoll, nio }

    /** Listen backlog: must hold the largest n we allow connecting at once, or SYNs get dropped (1 s retransmit). */
    public static final int BACKLOG = 4096;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (rttMs < 0) throw new IllegalArgumentException("round trip must be >= 0 ms, got " + rttMs);
        if (latencyMs < 0) throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMs);
        if (payloadBytes < 0) throw new IllegalArgumentException("payload must be >= 0 bytes, got " + payloadBytes);
        if (faultEvery < 1) throw new IllegalArgumentException("faultEvery must be >= 1, got " + faultEvery);
        if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be >= 1, got " + workerThreads);
        if (fault == null) fault = Fault.none;
        if (transport == null) transport = Transport.auto;
        if (scheme == null) scheme = Scheme.http;
    }

    public boolean https() { return scheme == Scheme.https; }

    public static ServerConfig loopback(long latencyMs, int payloadBytes) {
        return new ServerConfig("127.0.0.1", 0, latencyMs, payloadBytes, Fault.none, 1, 0, defaultWorkers(),
                Transport.auto, 0, Scheme.http);
    }

    public ServerConfig withFault(Fault f, int every, long delayMs) {
        return new ServerConfig(bindAddress, port, latencyMs, payloadBytes, f, every, delayMs, workerThreads,
                transport, rttMs, scheme);
    }

    public ServerConfig withTransport(Transport t) {
        return new ServerConfig(bindAddress, port, latencyMs, payloadBytes, fault, faultEvery, faultDelayMs,
                workerThreads, t, rttMs, scheme);
    }

    /** The same server with every byte in and out delayed by half of {@code ms} (a network round trip). */
    public ServerConfig withRtt(long ms) {
        return new ServerConfig(bindAddress, port, latencyMs, payloadBytes, fault, faultEvery, faultDelayMs,
                workerThreads, transport, ms, scheme);
    }

    /** The same server speaking {@code http} or {@code https}. */
    public ServerConfig withScheme(Scheme s) {
        return new ServerConfig(bindAddress, port, latencyMs, payloadBytes, fault, faultEvery, faultDelayMs,
                workerThreads, transport, rttMs, s);
    }

    public static int defaultWorkers() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }
}
