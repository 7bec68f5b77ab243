package httpbench.jmh;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Switches the JIT back to background compilation for the measured iterations of a latency-bound row, through a
 * compiler directive (JEP 165) added at run time with the {@code Compiler.directives_add} diagnostic command.
 *
 * <p>Why: the forks run with {@code -XX:-BackgroundCompilation} so that on 2 busy cores (latency 0) the warm-up's
 * compilations land at once instead of queueing for seconds. At 100 ms a row sends a few requests per second, its
 * code keeps crossing compile thresholds for minutes, and with blocking compilation each crossing stalls the
 * thread that made it for the whole compilation: serial at n=1 on JDK 17 had a p50 of 100.8 ms and a p99 of
 * 108.8 ms, threadPool a p99 of 140 ms, while no GC ran. The cores are idle at that latency, so a background
 * compilation costs the batch nothing but its CPU (which {@code clientCpuMs} still counts): the JVM's default
 * behaviour, used here where it cannot leave a late compilation queued behind a busy benchmark.
 */
final class JitMode {
    private static final String DIRECTIVE = "[{ match: \"*.*\", BackgroundCompilation: true }]";
    private static volatile boolean added;

    private JitMode() {}

    /**
     * Adds the directive (idempotent). Returns null on success, or the one-line reason it could not be added
     * (no diagnostic command MBean on this JVM, a refused directive); the run then goes on with blocking
     * compilation and the fork's output says so.
     */
    static synchronized String backgroundCompilation() {
        if (added) return null;
        try {
            Path f = Files.createTempFile("httpbench-jit", ".json");
            try {
                Files.writeString(f, DIRECTIVE);
                String out = dcmd("compilerDirectivesAdd", f.toString());
                if (!out.contains("1 compiler directives added")) return "directive refused: " + oneLine(out);
                added = true;
                return null;
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (Exception e) {
            return "no Compiler.directives_add: " + oneLine(String.valueOf(e));
        }
    }

    /** Removes the directive if {@link #backgroundCompilation()} added it (teardown: the next trial starts blocking). */
    static synchronized void blockingCompilation() {
        if (!added) return;
        try {
            dcmd("compilerDirectivesRemove");
        } catch (Exception e) {
            System.out.println("# JIT: could not remove the background-compilation directive: " + oneLine(String.valueOf(e)));
        }
        added = false;
    }

    /** Whether the directive is in force now (for tests). */
    static boolean background() {
        return added;
    }

    /** The compiler directives in force, as {@code Compiler.directives_print} shows them. */
    static String print() throws Exception {
        return dcmd("compilerDirectivesPrint");
    }

    private static String dcmd(String op, String... args) throws Exception {
        MBeanServer s = ManagementFactory.getPlatformMBeanServer();
        ObjectName n = new ObjectName("com.sun.management:type=DiagnosticCommand");
        Object r = s.invoke(n, op, new Object[] {args}, new String[] {String[].class.getName()});
        return r == null ? "" : r.toString();
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
