package httpbench.jmh;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code -p transport} in the launcher: checked before any fork, and the rows that cannot honour it dropped with one line. */
class LauncherTransportTest {

    @Test
    @Timeout(30)
    void aBadTransportIsOneLineAndExit2AndNothingRuns() throws Exception {
        LauncherTest.Capture c = new LauncherTest.Capture("-p transport=kqueue");
        assertEquals(Launcher.EXIT_USAGE, c.code, c.err());
        assertEquals("error: -p transport=kqueue: must be nio or epoll", c.err().strip());
        assertEquals(0, c.runs.size());
    }

    @Test
    @Timeout(30)
    void nioIsTheDefaultAndKeepsEveryRow() throws Exception {
        LauncherTest.Capture c = new LauncherTest.Capture("-f 1 -p strategy=jdkAsync,asyncHttpClient,reactorNetty");
        assertEquals(List.of("jdkAsync", "asyncHttpClient", "reactorNetty"), c.param("strategy"));
        assertEquals(List.of("nio"), Params.defaults("transport"));
        assertTrue(!c.out().contains("skipped"), c.out());
    }

    @Test
    @Timeout(30)
    void rowsThatAreNotNettyAreDroppedUnderEpollWithOneLine() throws Exception {
        assumeTrue(Epoll.isAvailable(), "no native epoll here");
        LauncherTest.Capture c = new LauncherTest.Capture("-f 1 -p transport=epoll "
                + "-p strategy=serial,jdkAsync,asyncHttpClient,httpClient5Async,reactorNetty,freshAsyncHttpClient,floor");
        assertEquals(List.of("asyncHttpClient", "reactorNetty", "freshAsyncHttpClient"), c.param("strategy"));
        assertEquals(List.of("epoll"), c.param("transport"));
        for (String r : List.of("serial", "jdkAsync", "httpClient5Async", "floor")) {
            assertEquals(1, c.out().lines().filter(l -> l.equals(r + " skipped: cannot run -p transport=epoll: "
                    + "not Netty-based, it uses the JDK's own sockets")).count(), c.out());
        }
        // nio,epoll crosses: a row that cannot run one of them is dropped too
        LauncherTest.Capture both = new LauncherTest.Capture("-f 1 -p transport=nio,epoll -p strategy=jdkAsync,asyncHttpClient");
        assertEquals(List.of("asyncHttpClient"), both.param("strategy"));
        LauncherTest.Capture none = new LauncherTest.Capture("-f 1 -p transport=epoll -p strategy=floor");
        assertEquals(0, none.runs.size());
        assertTrue(none.out().contains("Nothing left to run"), none.out());
    }
}
