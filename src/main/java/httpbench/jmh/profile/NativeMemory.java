package httpbench.jmh.profile;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory committed for platform threads' stacks, from the JVM's Native Memory Tracking: the {@code VM.native_memory
 * summary} diagnostic command, read in-process through its MBean. Only when the fork runs with
 * {@code -XX:NativeMemoryTracking=summary} (the load study adds it; it costs a little on every malloc, so the
 * default suite does not); otherwise unknown (-1) and the metric is left out. Virtual threads' stacks live in the
 * heap (they show in RSS, not here).
 */
final class NativeMemory {
    private NativeMemory() {}

    private static final Pattern STACK = Pattern.compile("\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** Committed thread stacks in MiB, or -1 when Native Memory Tracking is off or unreadable. */
    static double threadStacksMiB() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            return parseStacksMiB(String.valueOf(out));
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    /** The {@code Thread} category's committed stack in a summary, MiB; -1 when absent (tracking off). */
    static double parseStacksMiB(String summary) {
        Matcher m = STACK.matcher(summary);
        return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : -1;
    }
}
