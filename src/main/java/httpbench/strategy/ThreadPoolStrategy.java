package httpbench.strategy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed pool of n platform threads (built once per trial); n blocking requests submitted, all awaited. */
public final class ThreadPoolStrategy extends BlockingStrategy {
    public ThreadPoolStrategy(BlockingClient.Kind kind) { super(kind); }


    @Override
    ExecutorService newExecutor(int n) {
        AtomicInteger seq = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "bench-pool-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override String describeThreads() { return "fixed pool of n platform threads, one blocking request each"; }
}
