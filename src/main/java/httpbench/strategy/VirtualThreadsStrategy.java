package httpbench.strategy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One virtual thread per request. The jar is compiled for 17, so {@code Executors.newVirtualThreadPerTaskExecutor}
 * is looked up with {@link MethodHandles} at run time; on 17 {@link #unavailableReason()} says why it is skipped.
 */
public final class VirtualThreadsStrategy extends BlockingStrategy {
    private static final MethodHandle FACTORY = lookup();

    public VirtualThreadsStrategy(BlockingClient.Kind kind) { super(kind); }

    private static MethodHandle lookup() {
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }



    @Override
    ExecutorService newExecutor(int n) throws Exception {
        if (FACTORY == null) {
            throw new UnsupportedOperationException("virtualThreads " + Registry.virtualThreads.unavailableReason()
                    .orElse("needs Executors.newVirtualThreadPerTaskExecutor"));
        }
        try {
            return (ExecutorService) FACTORY.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create the virtual-thread executor: " + t, t);
        }
    }

    @Override String describeThreads() { return "newVirtualThreadPerTaskExecutor: one virtual thread per blocking request"; }
}
