package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sustained load and large n: every response valid, threads and file descriptors back to baseline. */
@org.junit.jupiter.api.Tag("full")
class LoadTest {

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("httpbench.strategy.StrategyCases#all")
    @Timeout(120)
    void twoHundredBatchesOfAHundredLeaveNoThreadsOrDescriptors(String name, BlockingClient.Kind kind)
            throws Exception {
        int n = 100;
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 1024)).start()) {
            Workload w = Workload.of(server.uri(), n, 1024);
            Set<Thread> threadsBefore = Leaks.snapshot();
            int fdBefore = openFds();
            Strategy s = Registry.of(name).create(kind);
            s.open(w);
            try {
                for (int b = 0; b < 200; b++) {
                    BatchResult r = s.run(w);
                    assertEquals(n, r.responses());
                    assertEquals(n * 1024L, r.bodyBytes());
                }
            } finally {
                s.close();
            }
            assertEquals(200L * n, server.requestsServed());
            List<String> left = Leaks.leftover(threadsBefore, 10_000);
            assertTrue(left.isEmpty(), name + " left threads: " + left);
            assertEquals(0, server.connections().awaitOpenAtMost(0, 10_000), "open connections after close");
            if (fdBefore >= 0) {
                long deadline = System.currentTimeMillis() + 10_000;
                while (openFds() > fdBefore + 2 && System.currentTimeMillis() < deadline) Thread.sleep(50);
                assertTrue(openFds() <= fdBefore + 2, name + " file descriptors: before " + fdBefore
                        + ", after close " + openFds());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpbench.strategy.StrategyCases#concurrent")
    @Timeout(120)
    void aThousandConcurrentRequestsAtFiftyMsAllValid(String name, BlockingClient.Kind kind) throws Exception {
        int n = 1000;
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(50, 256)).start();
             Strategy s = Registry.of(name).create(kind)) {
            Workload w = Workload.of(server.uri(), n, 256);
            s.open(w);
            // the reference: the same batch without the delay, on this machine (connections opened by the first)
            server.delayOff();
            s.run(w);
            long t0 = System.nanoTime();
            s.run(w);
            long off = (System.nanoTime() - t0) / 1_000_000;
            server.delayOn();
            server.resetCounters(); // the in-flight count below is the delayed batches' own
            for (int b = 0; b < 2; b++) {
                t0 = System.nanoTime();
                BatchResult r = s.run(w);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(n, r.responses());
                // serial would wait n x 50 ms = 50 s; on 2 cores issuing 1000 requests takes longer than 50 ms, so
                // not all are in flight at once, but the wait must stay far below the serial one: the batch costs
                // at most its cost without the delay plus a quarter of the serial wait (a slower machine moves both)
                assertTrue(ms < off + n * 50 / 4, name + " took " + ms + " ms for 1000 x 50 ms, " + off
                        + " ms without the delay (serial wait 50 000)");
            }
            assertTrue(server.maxInFlight() >= 50, name + " max in flight only " + server.maxInFlight());
        }
    }

    /**
     * A listen backlog smaller than n drops SYNs: those connects retry after 1 s and would silently add a
     * second to some requests. n fresh connections at once, latency 0: the kernel may drop none of their SYNs
     * (its ListenOverflows / ListenDrops counters; without them, none may take >= 1 s).
     */
    @Test
    @Timeout(120)
    void aThousandFreshConnectionsAtOnceNoneHitsTheSynRetransmit() throws Exception {
        int n = 1000;
        try (EmbeddedServer server = new EmbeddedServer(ServerConfig.loopback(0, 512)).start()) {
            Workload w = Workload.of(server.uri(), n, 512);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                CountDownLatch ready = new CountDownLatch(n);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> times = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    final int idx = i;
                    times.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        long t0 = System.nanoTime();
                        try (Socket so = new Socket("127.0.0.1", server.port())) {
                            so.setSoTimeout(10_000);
                            OutputStream out = so.getOutputStream();
                            out.write(("GET /r/" + idx + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            InputStream in = so.getInputStream();
                            byte[] all = in.readAllBytes();
                            String head = new String(all, 0, Math.min(all.length, 200), StandardCharsets.US_ASCII);
                            int status = Integer.parseInt(head.substring(9, 12));
                            int bodyAt = indexOf(all) + 4;
                            ResponseCheck.check("rawSocket", w, idx, status, all, bodyAt, all.length - bodyAt);
                        }
                        return (System.nanoTime() - t0) / 1_000_000;
                    }));
                }
                assertTrue(ready.await(60, TimeUnit.SECONDS));
                long dropsBefore = listenDrops();
                go.countDown();
                long worst = 0;
                for (Future<Long> f : times) worst = Math.max(worst, f.get(60, TimeUnit.SECONDS));
                if (dropsBefore >= 0) {
                    // what the kernel counts: a SYN it dropped because a listen queue was full (the cause of the
                    // 1 s retransmit), whatever the machine's speed; the time is only reported
                    assertEquals(0, listenDrops() - dropsBefore, "the kernel dropped SYNs of " + n + " fresh "
                            + "connections (listen backlog too small?); slowest took " + worst + " ms");
                } else {
                    // no /proc/net/netstat (not Linux): the retransmit's own signature, a second added
                    assertTrue(worst < 1_000, "slowest of " + n + " fresh connections took " + worst
                            + " ms: a SYN was dropped (listen backlog too small?)");
                }
                assertEquals(n, server.connections().accepted());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static int indexOf(byte[] a) {
        for (int i = 0; i + 3 < a.length; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') return i;
        }
        throw new AssertionError("no end of headers");
    }

    /** TcpExt ListenOverflows + ListenDrops from /proc/net/netstat (machine-wide), -1 where there is none. */
    static long listenDrops() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (!lines.get(i).startsWith("TcpExt:") || !lines.get(i + 1).startsWith("TcpExt:")) continue;
                String[] k = lines.get(i).trim().split("\\s+");
                String[] v = lines.get(i + 1).trim().split("\\s+");
                long sum = 0;
                int found = 0;
                for (int j = 1; j < k.length && j < v.length; j++) {
                    if (k[j].equals("ListenOverflows") || k[j].equals("ListenDrops")) {
                        sum += Long.parseLong(v[j]);
                        found++;
                    }
                }
                return found == 2 ? sum : -1;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
