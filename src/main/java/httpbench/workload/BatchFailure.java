package httpbench.workload;

import java.net.URI;

/** A request of a batch failed: names the strategy, the request index and what went wrong. */
public final class BatchFailure extends RuntimeException {
    private final String strategy;
    private final int index;

    public BatchFailure(String strategy, int index, URI uri, String what) {
        this(strategy, index, uri, what, null);
    }

    public BatchFailure(String strategy, int index, URI uri, String what, Throwable cause) {
        super(strategy + ": request " + index + " (" + uri + ") failed: " + what, cause);
        this.strategy = strategy;
        this.index = index;
    }

    public String strategy() { return strategy; }

    public int index() { return index; }

    /** Wraps any failure of request {@code index} so the message names strategy, request and cause. */
    public static BatchFailure of(String strategy, Workload w, int index, Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.util.concurrent.CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof BatchFailure bf) return bf;
        String msg = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        return new BatchFailure(strategy, index, w.uri(index), msg, c);
    }
}
