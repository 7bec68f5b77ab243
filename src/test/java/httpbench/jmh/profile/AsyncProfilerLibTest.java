package httpbench.jmh.profile;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -prof async without libPath gets the bundled library; everything else is left as the user wrote it. */
class AsyncProfilerLibTest {

    @Test
    void platformTags() {
        assertEquals(Optional.of("linux-x64"), AsyncProfilerLib.platform("Linux", "amd64"));
        assertEquals(Optional.of("linux-arm64"), AsyncProfilerLib.platform("Linux", "aarch64"));
        assertEquals(Optional.of("macos"), AsyncProfilerLib.platform("Mac OS X", "aarch64"));
        assertEquals(Optional.empty(), AsyncProfilerLib.platform("Windows 11", "amd64"));
        assertEquals(Optional.empty(), AsyncProfilerLib.platform("Linux", "s390x"));
    }

    @Test
    void theBundledLibraryIsThereAndExtractedOnce() throws Exception {
        String tag = AsyncProfilerLib.platform(System.getProperty("os.name"), System.getProperty("os.arch")).orElseThrow();
        byte[] bundled;
        try (InputStream in = AsyncProfilerLib.class.getResourceAsStream("/" + tag + "/" + AsyncProfilerLib.LIB)) {
            assertNotNull(in, "the async-profiler dependency carries " + tag + "/" + AsyncProfilerLib.LIB);
            bundled = in.readAllBytes();
        }
        Path lib = AsyncProfilerLib.extract(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertArrayEquals(bundled, Files.readAllBytes(lib));
        long modified = Files.getLastModifiedTime(lib).toMillis();
        assertEquals(lib, AsyncProfilerLib.extract(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertEquals(modified, Files.getLastModifiedTime(lib).toMillis(), "a second run reuses the extracted copy");
    }

    @Test
    void libPathIsAddedOnlyWhereMissing() throws Exception {
        Path lib = AsyncProfilerLib.extract(System.getProperty("os.name"), System.getProperty("os.arch"));
        String[] plain = {"-f", "1", "-prof", "async", "-prof", "gc"};
        String[] got = AsyncProfilerLib.withLibPath(plain, false, System.err);
        assertArrayEquals(new String[] {"-f", "1", "-prof", "async:libPath=" + lib, "-prof", "gc"}, got);
        assertEquals("async", plain[3], "the caller's array is not changed");
        assertArrayEquals(new String[] {"-prof", "async:libPath=" + lib + ";event=wall;output=flamegraph"},
                AsyncProfilerLib.withLibPath(new String[] {"-prof", "async:event=wall;output=flamegraph"}, false, System.err));
        String[] own = {"-prof", "async:libPath=/opt/ap/libasyncProfiler.so;event=cpu"};
        assertSame(own, AsyncProfilerLib.withLibPath(own, false, System.err), "a libPath the user gave is kept");
        String[] none = {"-prof", "gc", "-p", "strategy=async"};
        assertSame(none, AsyncProfilerLib.withLibPath(none, false, System.err));
        assertTrue(AsyncProfilerLib.withLibPath(new String[] {"-prof"}, false, System.err).length == 1, "a dangling -prof is JMH's to refuse");
    }

    @Test
    void aPlatformWithoutALibraryIsOneLineAndGoesOnOnlyWhenAsked() throws Exception {
        String[] args = {"-f", "1", "-prof", "async:event=wall", "-prof", "gc"};
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(buf, true);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AsyncProfilerLib.withLibPath(args, false, err, "Windows 11", "amd64"));
        assertTrue(e.getMessage().startsWith("-prof async: async-profiler ships no library for Windows 11/amd64")
                && e.getMessage().contains("HTTPBENCH_PROFILER=optional") && !e.getMessage().contains("\n"), e.getMessage());
        assertArrayEquals(new String[] {"-f", "1", "-prof", "gc"},
                AsyncProfilerLib.withLibPath(args, true, err, "Windows 11", "amd64"));
        String line = buf.toString();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("running without it"), line);
    }
}
