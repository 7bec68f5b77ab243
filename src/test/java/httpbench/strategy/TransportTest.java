package httpbench.strategy;

import httpbench.Leaks;
import httpbench.server.EmbeddedServer;
import httpbench.server.ServerConfig;
import httpbench.workload.Workload;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code -p transport}: every Netty-based row runs on the transport it names, read from the channel class its
 * connections used (not from what it was asked for), and a channel of another transport fails the batch. Loopback,
 * one server for the class, small batches.
 */
class TransportTest {
    static final int N = 3;
    static final int PAYLOAD = 512;
    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = new EmbeddedServer(ServerConfig.loopback(0, PAYLOAD)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theNettyRowsAreDeclaredInTheRegistry() {
        List<Registry> netty = Arrays.stream(Registry.values()).filter(Registry::netty).toList();
        assertEquals(List.of(Registry.asyncHttpClient, Registry.reactorNetty, Registry.freshAsyncHttpClient), netty);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "asyncHttpClient, nio", "asyncHttpClient, epoll",
            "freshAsyncHttpClient, nio", "freshAsyncHttpClient, epoll",
            "reactorNetty, nio", "reactorNetty, epoll",
    })
    @Timeout(30)
    void aNettyRowRunsValidBatchesOnTheTransportItIsGiven(String name, httpbench.workload.Transport transport) throws Exception {
        if (transport == httpbench.workload.Transport.epoll) assumeTrue(Epoll.isAvailable(), "no native epoll here");
        Workload w = Workload.of(server.uri(), N, PAYLOAD).withTransport(transport);
        Set<Thread> before = Leaks.snapshot();
        long served = server.requestsServed();
        Strategy s = Registry.of(name).create(BlockingClient.Kind.jdk);
        try {
            s.open(w);
            for (int b = 0; b < 2; b++) {
                BatchResult r = s.run(w);
                assertEquals(N, r.responses(), "responses in a batch");
            }
            assertEquals(served + 2L * N, server.requestsServed(), "requests the server saw");
            TransportSeen.Seen seen = s.transportSeen().orElseThrow(() -> new AssertionError(name + ": no channel seen"));
            Class<?> want = transport == httpbench.workload.Transport.nio ? NioSocketChannel.class : EpollSocketChannel.class;
            assertEquals(transport.name(), seen.transport(), name + ": " + seen);
            assertEquals(want.getName(), seen.channelClass(), name + ": the channel class its connections used");
        } finally {
            s.close();
        }
        List<String> left = Leaks.leftover(before, 10_000);
        assertTrue(left.isEmpty(), name + " on " + transport + " left threads alive after close(): " + left);
    }

    @Test
    void aRowThatIsNotNettyHasNoTransportSeen() throws Exception {
        Workload w = Workload.of(server.uri(), N, PAYLOAD);
        try (Strategy s = Registry.floor.create(BlockingClient.Kind.jdk)) {
            s.open(w);
            s.run(w);
            assertTrue(s.transportSeen().isEmpty());
        }
    }

    /** A library that picks another transport than the parameter names fails loudly: one line, the class named. */
    @Test
    void aChannelOfAnotherTransportFailsTheCheck() {
        TransportSeen seen = new TransportSeen("asyncHttpClient", httpbench.workload.Transport.nio.name());
        seen.record(NioSocketChannel.class);
        seen.check();
        seen.record(EpollSocketChannel.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, seen::check);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("asyncHttpClient: -p transport=nio but its connection ran on epoll ("
                + EpollSocketChannel.class.getName() + ")"), e.getMessage());
        assertEquals("nio (" + NioSocketChannel.class.getName() + ")", seen.seen().orElseThrow().toString(),
                "the first channel seen is the one reported");

        TransportSeen epoll = new TransportSeen("reactorNetty", httpbench.workload.Transport.epoll.name());
        epoll.record(NioSocketChannel.class);
        assertThrows(IllegalStateException.class, epoll::check);
    }

    @Test
    void theTransportIsReadFromTheChannelClassPackage() {
        assertEquals("nio", NettyTransport.nameOf(NioSocketChannel.class));
        assertEquals("epoll", NettyTransport.nameOf(EpollSocketChannel.class));
        assertEquals(io.netty.channel.embedded.EmbeddedChannel.class.getName(),
                NettyTransport.nameOf(io.netty.channel.embedded.EmbeddedChannel.class), "an unknown transport by its class");
    }

    @Test
    void rowsThatAreNotNettyCannotHonourEpoll() {
        for (Registry r : Registry.values()) {
            assertTrue(r.unavailableWithTransport(httpbench.workload.Transport.nio).isEmpty(), r + " runs under the default nio");
            if (!r.netty()) {
                assertEquals("cannot run -p transport=epoll: not Netty-based, it uses the JDK's own sockets",
                        r.unavailableWithTransport(httpbench.workload.Transport.epoll).orElseThrow(), r.name());
            } else {
                assertEquals(Epoll.isAvailable(), r.unavailableWithTransport(httpbench.workload.Transport.epoll).isEmpty(), r.name());
            }
        }
    }
}
