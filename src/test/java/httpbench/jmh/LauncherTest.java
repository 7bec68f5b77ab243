package httpbench.jmh;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the launcher: one clear line naming the problem, exit 2, before any fork starts. */
class LauncherTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-p requests=0                          | -p requests=0: must be between 1 and",
            "-p requests=-3                         | -p requests=-3: must be between 1 and",
            "-p requests=ten                        | -p requests=ten: not a whole number",
            "-p latencyMs=-1                        | -p latencyMs=-1: must be between 0",
            "-p payloadBytes=lots                   | -p payloadBytes=lots: not a whole number",
            "-p strategy=serial,warpDrive           | -p strategy=warpDrive: unknown strategy; known: serial,",
            "-p blockingClient=curl                 | -p blockingClient=curl: unknown blockingClient 'curl'",
            "-p target=not-a-url                    | target 'not-a-url' is not an http URL",
            "-p target=http://127.0.0.1:1/          | target http://127.0.0.1:1/ is unreachable: connection refused",
            "-wi banana                             | error:",
    })
    @Timeout(30)
    void badInputIsOneLineAndExit2(String args, String expected) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run(args.trim().split("\\s+"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, "exit status; stderr: " + e);
        assertEquals(1, e.strip().lines().count(), "exactly one line on stderr, got: " + e);
        assertTrue(e.startsWith("error: "), e);
        assertTrue(e.contains(expected.trim()), "expected '" + expected.trim() + "' in: " + e);
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty() || !out.toString().contains("# Benchmark:"),
                "no benchmark may start on bad input");
    }
}
