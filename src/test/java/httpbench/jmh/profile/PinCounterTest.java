package httpbench.jmh.profile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The counter behind {@code pinnedEvents} counts real pinning: a virtual thread that blocks inside a class
 * initializer pins its carrier on every JDK with virtual threads (JEP 491, JDK 24, removed only pinning by
 * {@code synchronized}); blocking inside {@code synchronized} pins on 21-23 and not on 24+; plain blocking never
 * pins. Skipped below JDK 21 (no virtual threads, no event); .ci/run runs it on the newer JDK.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and jdk.VirtualThreadPinned need JDK 21+")
class PinCounterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static PinCounter counter;

    /** Blocks on a virtual thread inside its own static initializer. */
    static final class BlocksInInit {
        static final long AT;

        static {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AT = System.nanoTime();
        }
    }

    @BeforeAll
    static void start() {
        assumeTrue(PinCounter.supported(), "virtual threads and jdk.VirtualThreadPinned need JDK 21+");
        counter = PinCounter.start();
    }

    @AfterAll
    static void stop() {
        if (counter != null) counter.close();
    }

    @Test
    void blockingInsideAClassInitializerPins() throws Exception {
        long n = pinnedWhile(() -> {
            if (BlocksInInit.AT == 0) throw new AssertionError("not initialized");
        });
        assertTrue(n >= 1, "a virtual thread sleeping in <clinit> pins its carrier; counted " + n);
    }

    @Test
    void blockingInsideSynchronizedPinsBefore24Only() throws Exception {
        Object lock = new Object();
        long n = pinnedWhile(() -> {
            synchronized (lock) {
                sleep();
            }
        });
        if (Runtime.version().feature() >= 24) {
            assertEquals(0, n, "JEP 491 (JDK 24): blocking in synchronized no longer pins");
        } else {
            assertTrue(n >= 1, "JDK 21-23: blocking in synchronized pins; counted " + n);
        }
    }

    @Test
    void plainBlockingDoesNotPin() throws Exception {
        assertEquals(0, pinnedWhile(PinCounterTest::sleep), "a plain sleep unmounts the virtual thread");
    }

    /** Pinned events counted between a mark before and a mark after {@code body} ran on one virtual thread. */
    private static long pinnedWhile(Runnable body) throws Exception {
        long from = counter.mark();
        ExecutorService vt = (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            vt.submit(body).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            vt.shutdown();
            assertTrue(vt.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS), "virtual thread did not end");
        }
        long to = counter.mark();
        OptionalLong n = counter.between(from, to, WAIT);
        assertTrue(n.isPresent(), "the JFR stream did not deliver both marks within " + WAIT);
        return n.getAsLong();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
