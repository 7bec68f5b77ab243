package httpbench.strategy;

import httpbench.workload.Workload;

/**
 * One way to issue a batch of n GETs. Knows nothing of JMH: the tests and the benchmark use the same objects.
 * Lifecycle: {@link #open} once (build clients, threads, pools sized for the workload), {@link #run} many
 * times, {@link #close} once; close must leave no thread or connection behind and must never hang.
 */
public interface Strategy extends AutoCloseable {

    /**
     * Name as used in {@code -p strategy=...}: its {@link Registry} constant's, the one place a row is named (a
     * strategy that is no row of the registry, such as a test's, overrides this).
     */
    default String name() {
        return Registry.nameOf(getClass());
    }

    /** Builds clients and threads for batches of {@code w.requests()} requests; called once per trial. */
    void open(Workload w) throws Exception;

    /**
     * Runs one batch: all n requests issued, all completed and validated by
     * {@link httpbench.workload.ResponseCheck}. Throws {@link httpbench.workload.BatchFailure} naming the request
     * that failed; never waits longer than the workload's timeouts plus a margin.
     */
    BatchResult run(Workload w) throws Exception;

    /**
     * For a Netty-based row ({@link Registry#netty()}): the transport its connections ran on, read from the channel
     * class it actually used (empty before its first connection, and for every other row).
     */
    default java.util.Optional<TransportSeen.Seen> transportSeen() {
        return java.util.Optional.empty();
    }

    /** The client settings that matter for fairness, printed in the README's methodology section. */
    String describe();

    @Override
    void close();
}
