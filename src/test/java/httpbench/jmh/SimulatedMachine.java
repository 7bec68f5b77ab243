package httpbench.jmh;
import httpbench.jmh.profile.Machine;

/**
 * A {@link Machine} on simulated time: the clock moves only when a simulated batch says how long it took
 * ({@link #spend}), the JIT compiles only when told ({@link #compile}), and the heap stays where it is set.
 */
final class SimulatedMachine implements Machine {
    private long now;
    private long compileMs;
    private double heap = 256 << 20;

    /** A batch that took {@code ms} (at least a microsecond: a real batch is never free). */
    void spend(double ms) {
        now += Math.max(1_000L, Math.round(ms * 1e6));
    }

    /** The JIT compiled for {@code ms} more (during the batch that calls this). */
    void compile(long ms) {
        compileMs += ms;
    }

    void heap(double bytes) {
        heap = bytes;
    }

    /** Simulated seconds since the start. */
    double seconds() {
        return now / 1e9;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long compileMs() {
        return compileMs;
    }

    @Override
    public double committedHeap() {
        return heap;
    }
}
