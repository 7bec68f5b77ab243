package httpbench.strategy;

import httpbench.workload.Workload;

import java.net.URI;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The client the three blocking strategies share, so the only variable between them is the concurrency model. */
public interface BlockingClient extends AutoCloseable {
    Response get(URI uri) throws Exception;

    @Override
    void close();

    /**
     * The blocking clients, {@code -p blockingClient=NAME}: one line each, naming the class that implements it,
     * its description (for the methodology table) and its library. A new client is one file plus one line.
     */
    enum Kind {
        jdk(JdkBlockingClient::new, JdkBlockingClient::description, Library.jdk()),
        apache(ApacheBlockingClient::new, ApacheBlockingClient::description,
                Library.maven("Apache HttpClient5 classic", "org.apache.httpcomponents.client5", "httpclient5")),
        okhttp(OkHttpBlockingClient::new, OkHttpBlockingClient::description,
                Library.maven("OkHttp", "com.squareup.okhttp3", "okhttp-jvm")),
        jetty(JettyBlockingClient::new, JettyBlockingClient::description,
                Library.maven("Jetty HttpClient", "org.eclipse.jetty", "jetty-client"));

        private final Function<Workload, BlockingClient> factory;
        private final Supplier<String> description;
        private final Library library;

        Kind(Function<Workload, BlockingClient> factory, Supplier<String> description, Library library) {
            this.factory = factory;
            this.description = description;
            this.library = library;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.name().equalsIgnoreCase(s.trim())) return k;
            throw new IllegalArgumentException("unknown blockingClient '" + s + "'; known: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }

        public BlockingClient create(Workload w) {
            return factory.apply(w);
        }

        /** The client's settings that matter for fairness, in one line. */
        public String description() {
            return description.get();
        }

        public Library library() {
            return library;
        }

        /** Empty if this client can speak {@code protocol} ({@code http1}, {@code h2}); else why not. */
        public java.util.Optional<String> unavailableWithProtocol(httpbench.workload.Protocol protocol) {
            if (protocol != httpbench.workload.Protocol.h2) return java.util.Optional.empty();
            return switch (this) {
                case jdk, okhttp -> java.util.Optional.empty();
                case apache -> java.util.Optional.of("Apache HttpClient5 classic speaks HTTP/1.1 only");
                case jetty -> java.util.Optional.of(Registry.JETTY_H2);
            };
        }
    }
}
