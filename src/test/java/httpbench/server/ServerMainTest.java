package httpbench.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the standalone server: one line, exit 2, never a stack trace, never a hang. */
class ServerMainTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ServerMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static void assertOneLineError(String[] r, String expected) {
        assertEquals("2", r[0], "exit status; stderr: " + r[2]);
        assertEquals(1, r[2].strip().lines().count(), "one line: " + r[2]);
        assertTrue(r[2].startsWith("error: "), r[2]);
        assertTrue(r[2].contains(expected), "expected '" + expected + "' in " + r[2]);
    }

    @Test
    @Timeout(20)
    void portInUse() {
        try (EmbeddedServer taken = new EmbeddedServer(ServerConfig.loopback(0, 16)).start()) {
            assertOneLineError(run("--port", String.valueOf(taken.port())), "port in use?");
        }
    }

    @Test
    @Timeout(20)
    void portOutOfRange() {
        assertOneLineError(run("--port", "70000"), "port must be 0..65535, got 70000");
        assertOneLineError(run("--port", "-1"), "port must be 0..65535, got -1");
    }

    @Test
    @Timeout(20)
    void unknownFaultMode() {
        assertOneLineError(run("--fault", "explode"), "unknown fault mode 'explode'; known: none, status500");
    }

    @Test
    @Timeout(20)
    void negativeLatencyAndNonNumbers() {
        assertOneLineError(run("--latency-ms", "-5"), "latency must be >= 0 ms, got -5");
        assertOneLineError(run("--rtt-ms", "-2"), "round trip must be >= 0 ms, got -2");
        assertOneLineError(run("--payload-bytes", "big"), "'big' is not an int");
    }
}
