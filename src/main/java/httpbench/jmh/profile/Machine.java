package httpbench.jmh.profile;

/**
 * What the warm-up and the profilers read from the JVM: a monotonic clock, the JIT's total compilation time and the
 * committed heap.
 * {@link #REAL} in a fork; tests pass a simulated one, so the warm-up's rules run on simulated time.
 */
public interface Machine {
    /** Like {@link System#nanoTime()}. */
    long nanoTime();

    /** Total JIT compilation time so far (ms); 0 where the JVM does not report it (then only times decide). */
    long compileMs();

    /** The committed heap (bytes). */
    double committedHeap();

    Machine REAL = new Machine() {
        private final java.lang.management.CompilationMXBean jit =
                java.lang.management.ManagementFactory.getCompilationMXBean();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long compileMs() {
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        }

        @Override
        public double committedHeap() {
            return Runtime.getRuntime().totalMemory();
        }
    };
}
