package httpbench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The measured iterations of a latency-bound row switch this JVM's JIT to background compilation, and back. */
class JitModeTest {

    /** Directives in force that set BackgroundCompilation:true, counted in Compiler.directives_print's output. */
    private static int backgroundDirectives() throws Exception {
        String p = JitMode.print();
        int count = 0;
        for (String directive : p.split("Directive:")) {
            if (!directive.contains("(default)") && directive.contains("BackgroundCompilation:true")) count++;
        }
        return count;
    }

    @Test
    void backgroundCompilationIsOneDirectiveAddedOnceAndRemovedAtTeardown() throws Exception {
        int before = backgroundDirectives();
        try {
            assertNull(JitMode.backgroundCompilation(), "the JVM refused the directive");
            assertTrue(JitMode.background());
            assertEquals(before + 1, backgroundDirectives(), JitMode.print());
            assertNull(JitMode.backgroundCompilation(), "a second call is a no-op");
            assertEquals(before + 1, backgroundDirectives(), "added twice:\n" + JitMode.print());
        } finally {
            JitMode.blockingCompilation();
        }
        assertFalse(JitMode.background());
        assertEquals(before, backgroundDirectives(), "not removed:\n" + JitMode.print());
        JitMode.blockingCompilation(); // removing when none was added must not pop another directive
        assertEquals(before, backgroundDirectives());
        assertTrue(JitMode.print().contains("(default)"), "the default directive must stay: " + JitMode.print());
    }
}
