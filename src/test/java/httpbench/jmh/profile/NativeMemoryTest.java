package httpbench.jmh.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Committed thread stacks from a Native Memory Tracking summary (the formats of JDK 17 and 25). */
class NativeMemoryTest {
    @Test
    void committedStackIsReadFromTheThreadCategory() {
        String jdk17 = "-                    Thread (reserved=19506KB, committed=802KB)\n"
                + "                            (thread #19)\n"
                + "                            (stack: reserved=19456KB, committed=752KB)\n";
        String jdk25 = "-                    Thread (reserved=18490KB, committed=782KB)\n"
                + "                            (stack: reserved=18432KB, committed=2048KB, peak=724KB)\n";
        assertEquals(752 / 1024.0, NativeMemory.parseStacksMiB(jdk17), 1e-9);
        assertEquals(2.0, NativeMemory.parseStacksMiB(jdk25), 1e-9);
        assertEquals(-1, NativeMemory.parseStacksMiB("Native memory tracking is not enabled\n"), 0);
    }
}
