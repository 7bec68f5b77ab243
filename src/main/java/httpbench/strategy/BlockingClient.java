package httpbench.strategy;

import java.net.URI;

/** The client the three blocking strategies share, so the only variable between them is the concurrency model. */
public interface BlockingClient extends AutoCloseable {
    Response get(URI uri) throws Exception;

    String describe();

    @Override
    void close();

    /** Which blocking client to use: {@code -p blockingClient=jdk|apache}. */
    enum Kind {
        jdk, apache;

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.name().equalsIgnoreCase(s.trim())) return k;
            throw new IllegalArgumentException("unknown blockingClient '" + s + "'; known: jdk, apache");
        }
    }

    static BlockingClient create(Kind kind, httpbench.workload.Workload w) {
        return switch (kind) {
            case jdk -> new JdkBlockingClient(w);
            case apache -> new ApacheBlockingClient(w);
        };
    }
}
