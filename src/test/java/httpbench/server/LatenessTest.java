package httpbench.server;

import httpbench.strategy.BlockingClient;
import httpbench.strategy.Registry;
import httpbench.strategy.Strategy;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's own clock error: recorded per delayed response, summarised exactly, small with native epoll. */
class LatenessTest {

    @Test
    void quantilesAndMeanOfKnownValues() {
        Lateness l = new Lateness();
        assertTrue(Double.isNaN(l.quantileMs(0.5)), "empty: no value");
        for (int i = 1; i <= 100; i++) l.record(i * 10_000L); // 0.01 .. 1.00 ms
        assertEquals(100, l.count());
        assertEquals(0.505, l.meanMs(), 1e-9);
        assertEquals(0.501, l.quantileMs(0.5), 1e-9, "upper edge of the 1 µs bucket holding the 50th value");
        assertEquals(0.991, l.quantileMs(0.99), 1e-9);
        assertEquals(1.0, l.maxMs(), 1e-9);
        l.record(-5); // a timer that fired early counts as on time
        l.record(120_000_000L); // beyond the histogram: the maximum is still exact
        assertEquals(120.0, l.maxMs(), 1e-9);
        assertEquals(120.0, l.quantileMs(1.0), 1e-9);
        l.reset();
        assertEquals(0, l.count());
        assertTrue(Double.isNaN(l.meanMs()));
    }

    @Test
    @Timeout(60)
    void nativeEpollIsUsedOnLinuxAndItsDelayedResponsesAreLateByLessThanAMillisecond() throws Exception {
        ServerConfig cfg = ServerConfig.loopback(20, 256);
        boolean linuxX64 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        try (EmbeddedServer server = new EmbeddedServer(cfg).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            if (linuxX64) assertEquals(ServerConfig.Transport.epoll, server.transport(), "auto picks native epoll here");
            Workload w = Workload.of(server.uri(), 10, 256);
            s.open(w);
            s.run(w);
            // a coarse timer is late every time, on any machine; a saturated core makes every thread that works wait
            // for a slice: under taskset -c 0 with a busy loop the server's event loop answered 3 ms late while an
            // idle event loop beside it fired within 0.3 ms, because the scheduler charges the server's thread for the
            // work it does (a property of the machine, not of the server). So: up to three attempts, each after a
            // probe of how much of a core a spinning thread gets; the first within its bound passes; a late attempt
            // on a core the probe found free fails; if every late attempt ran on a saturated core the precision
            // cannot be judged here, and the test says so as a skip (assumption), never as a pass
            String last = "";
            boolean judged = false;
            for (int attempt = 1; attempt <= 3; attempt++) {
                double share = cpuShare();
                last = attempt(server, s, w);
                if (last.isEmpty()) return;
                last += String.format(java.util.Locale.ROOT, "; a spinning probe got %.2f of a core just before", share);
                System.out.println("lateness attempt " + attempt + ": " + last);
                judged |= share >= FREE_CORE;
                if (judged) break;
            }
            if (judged) throw new AssertionError(last);
            org.junit.jupiter.api.Assumptions.abort("the core was saturated in all three attempts, so the timer's "
                    + "precision cannot be judged on this machine now: " + last);
        }
    }

    /** A probe that gets at least this share of a core found it free enough to judge a timer. */
    static final double FREE_CORE = 0.9;

    /** The share of a core a thread spinning for 100 ms got (its CPU time over its wall time). */
    static double cpuShare() throws InterruptedException {
        double[] share = new double[1];
        Thread t = new Thread(() -> {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            long x = 0;
            while (System.nanoTime() - w0 < 100_000_000L) x++;
            share[0] = (mx.getCurrentThreadCpuTime() - c0) / (double) (System.nanoTime() - w0) + (x == 42 ? 1e-9 : 0);
        }, "cpu-share-probe");
        t.start();
        t.join();
        return share[0];
    }

    /** One attempt: 5 batches with a reference event loop beside the server; "" when within the bound, else why not. */
    private static String attempt(EmbeddedServer server, Strategy s, Workload w) throws Exception {
        {
            server.lateness().reset();
            // the reference: how late the same mechanism (a task scheduled on a native-epoll Netty event loop of
            // its own, 20 ms ahead, as the server schedules each delayed response) fires on this machine, measured
            // while the server works. A busy core delays every event loop by milliseconds (3 ms median seen under
            // taskset -c 0 with a busy loop and two more test JVMs, while a parked thread woke within 0.1 ms: a
            // parked thread is not a fair reference); what the test catches is the server's own timing (a coarse
            // timer, a wheel, a delay taken from somewhere else), which the reference loop does not share
            Lateness reference = new Lateness();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            io.netty.channel.EventLoopGroup refLoop = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                    new io.netty.util.concurrent.DefaultThreadFactory("lateness-reference", true),
                    server.transport() == ServerConfig.Transport.epoll
                            ? io.netty.channel.epoll.EpollIoHandler.newFactory()
                            : io.netty.channel.nio.NioIoHandler.newFactory());
            io.netty.channel.EventLoop loop = refLoop.next();
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                if (stop.get()) return;
                long due = System.nanoTime() + 20_000_000L;
                loop.schedule(() -> {
                    reference.record(System.nanoTime() - due);
                    tick[0].run();
                }, 20, java.util.concurrent.TimeUnit.MILLISECONDS);
            };
            loop.execute(tick[0]);
            try {
                for (int i = 0; i < 5; i++) s.run(w);
            } finally {
                stop.set(true);
                refLoop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            }
            assertEquals(50, server.lateness().count(), "every delayed response is recorded");
            // the committed runs show ~0.05 ms; 1 ms above twice the reference loop's lateness only catches a timer
            // of millisecond granularity or worse (a wheel ticking every 10 ms: ~5 ms late), on any machine
            double bound = 1.0 + 2 * reference.quantileMs(0.5);
            assertTrue(reference.count() >= 10, "reference samples: " + reference.count());
            if (server.lateness().quantileMs(0.5) < bound) return "";
            return "median lateness " + server.lateness().quantileMs(0.5) + " ms with " + server.transport()
                    + ", bound " + bound + " ms (a reference event loop's median " + reference.quantileMs(0.5) + " ms)";
        }
    }

    /** The wait-path warm-up: delayShort(ms) answers after ms instead of L (and times that), delayOn restores L. */
    @Test
    @Timeout(60)
    void aShortDelayStandsInForTheConfiguredLatencyUntilSwitchedBack() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(300, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 4, 64);
            s.open(w);
            server.delayOff();
            s.run(w); // the connection and the client's code, so the two timed batches below cost the same to send
            server.delayShort(20);
            long t0 = System.nanoTime();
            s.run(w);
            double shortMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(shortMs >= 4 * 20, "4 requests at 20 ms took only " + shortMs + " ms");
            assertEquals(4, server.lateness().count(), "short-delayed responses are timed against the short delay");
            assertTrue(server.lateness().quantileMs(0.5) < 20, "lateness against 20 ms, not 300: "
                    + server.lateness().quantileMs(0.5));
            server.delayOn();
            t0 = System.nanoTime();
            s.run(w);
            double onMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(onMs >= 4 * 300, "4 requests at 300 ms took only " + onMs + " ms");
            // relative to the same batch at the full delay, on this machine: the short delay saves 4 x 280 ms; half
            // of that is the bound, so only the two batches' own costs differing by 560 ms could fail it
            assertTrue(shortMs < onMs - 4 * (300 - 20) / 2.0, "4 requests with the short delay took " + shortMs
                    + " ms, at the full delay " + onMs + " ms: still 300 ms each?");
            assertThrows(IllegalArgumentException.class, () -> server.delayShort(0));
        }
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 4, 64);
            s.open(w);
            server.delayShort(200); // no latency configured: nothing to shorten, nothing added
            s.run(w);
            // the server records the lateness of every response it delays, so none recorded means none delayed
            assertEquals(0, server.lateness().count(), "latency 0 must stay 0 under delayShort");
        }
    }

    /** The benchmark's code warm-up at latency 0: delayOff answers at once (and records no lateness), delayOn restores L. */
    @Test
    @Timeout(60)
    void delayCanBeSwitchedOffForTheCodeWarmUpAndBackOn() throws Exception {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(200, 64)).start();
             Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            Workload w = Workload.of(server.uri(), 5, 64);
            s.open(w);
            server.delayOff();
            s.run(w); // the connection and the client's code, so the two timed batches below cost the same to send
            long t0 = System.nanoTime();
            s.run(w);
            double offMs = (System.nanoTime() - t0) / 1e6;
            assertEquals(0, server.lateness().count(), "undelayed responses are not timed");
            server.delayOn();
            t0 = System.nanoTime();
            s.run(w);
            double onMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(onMs >= 5 * 200, "5 requests at 200 ms took only " + onMs + " ms");
            assertEquals(5, server.lateness().count());
            // relative to the same batch with the delay on, on this machine: off saves 5 x 200 ms, half is the bound
            assertTrue(offMs < onMs - 5 * 200 / 2.0, "5 requests without the 200 ms delay took " + offMs
                    + " ms, with it " + onMs + " ms");
        }
    }

    @Test
    @Timeout(60)
    void nioCanBeChosenAndEpollRefusedClearlyWhereMissing() {
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 16)
                .withTransport(ServerConfig.Transport.nio)).start()) {
            assertEquals(ServerConfig.Transport.nio, server.transport());
        }
        assertEquals(ServerConfig.Transport.nio, EmbeddedServer.resolve(ServerConfig.Transport.nio));
    }
}
