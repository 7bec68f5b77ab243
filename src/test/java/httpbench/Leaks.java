package httpbench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Thread snapshots: which threads a strategy started and left alive after close(). */
public final class Leaks {
    private Leaks() {}

    /**
     * JVM- or library-global threads that are not owned by a strategy instance (they exist once per JVM and end
     * on their own or never): the embedded server's own threads are also excluded, it is closed separately.
     */
    private static final List<String> GLOBAL = List.of("bench-server-", "Common-Cleaner", "process reaper",
            "ForkJoinPool.commonPool", "Attach Listener", "globalEventExecutor", "ObjectCleanerThread",
            "surefire", "junit", "Reference Handler", "Finalizer", "Signal Dispatcher", "Notification Thread",
            "JFR", "Read-Poller", "Write-Poller", "Cleaner-", "MainThread", "idle-timeout-task",
            // the JVM's one virtual-thread scheduler: its carriers live for the JVM, whoever started them first
            "ForkJoinPool-1-worker-", "VirtualThread-unblocker",
            // JDK 25's: the scheduler's timer for timed parks, and the I/O poller that replaced Read-/Write-Poller
            "ForkJoinPool-1-delayScheduler", "MasterPoller",
            // OkHttp's and Okio's JVM-wide singletons (TaskRunner.INSTANCE runs every client's pool clean-up, the
            // watchdog times out every socket read): no client owns or can stop them; they end after 60 s idle
            "OkHttp TaskRunner", "Okio Watchdog");

    public static Set<Thread> snapshot() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    static boolean global(Thread t) {
        for (String g : GLOBAL) if (t.getName().startsWith(g) || t.getName().contains(g)) return true;
        return false;
    }

    /**
     * Threads alive now that were not in {@code before} and are not global; joins each (bounded by one deadline
     * for all) so threads that are ending anyway are not reported.
     */
    public static List<String> leftover(Set<Thread> before, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        List<Thread> extra = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !global(t))
                .collect(Collectors.toList());
        for (Thread t : extra) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left > 0) t.join(left);
        }
        // the name again: OkHttp's one TaskRunner thread renames itself while it runs a task (e.g. a pool's
        // clean-up, "OkHttp ... ConnectionPool"), so it can look like a client's thread at the first look (seen
        // in Http2Test after an OkHttp test in the same JVM)
        return extra.stream().filter(t -> t.isAlive() && !global(t)).map(Thread::getName).sorted().toList();
    }
}
