package httpbench.strategy;

import java.util.concurrent.ExecutorService;

/** One thread, n blocking requests one after another: the Python {@code requests} loop. */
public final class SerialStrategy extends BlockingStrategy {
    public SerialStrategy(BlockingClient.Kind kind) { super(kind); }


    @Override ExecutorService newExecutor(int n) { return null; }

    @Override String describeThreads() { return "the benchmark thread issues the n requests one after another"; }
}
