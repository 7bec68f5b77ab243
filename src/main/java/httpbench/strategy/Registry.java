package httpbench.strategy;

import httpbench.workload.Protocol;
import httpbench.workload.Transport;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static httpbench.workload.Protocol.h2;
import static httpbench.workload.Protocol.http1;

/**
 * The one list of rows. Each constant is a row of the benchmark ({@code -p strategy=NAME}) and says everything
 * the rest of the suite needs to know about it: how to build it, which physical limit applies (serial: n·L,
 * concurrent: L), the minimum JDK, the protocols it can speak (every row speaks http and https), the client library, whether it runs on
 * the shared {@link BlockingClient} ({@code -p blockingClient}), and a note for the report. JMH takes its
 * {@code @Param} default from these constants, and the launcher, the methodology table, the report's row order
 * and notes, and the tests all read this list: a new client is one new {@link Strategy} class plus one line here
 * ({@code .extra()} keeps it out of the default suite: it runs when named with {@code -p strategy}).
 */
public enum Registry {
    serial(blocking(SerialStrategy::new).serial().h2()),
    threadPool(blocking(ThreadPoolStrategy::new).h2()),
    virtualThreads(blocking(VirtualThreadsStrategy::new).minJdk(21, "").onVirtualThreads().h2()),
    structuredConcurrency(blocking(StructuredConcurrencyStrategy::new)
            .minJdk(25, " for StructuredTaskScope.open, a preview API").requires(StructuredScope::unavailableReason)
            .onVirtualThreads().extra().h2()),
    asyncHttpClient(async(AsyncHttpClientStrategy::new,
            Library.maven("AsyncHttpClient", "org.asynchttpclient", "async-http-client")).h2().netty()),
    httpClient5Async(async(HttpClient5AsyncStrategy::new,
            Library.maven("Apache HttpClient5", "org.apache.httpcomponents.client5", "httpclient5")).h2()),
    jdkAsync(async(JdkAsyncStrategy::new, Library.jdk()).h2()),
    okHttpAsync(async(OkHttpAsyncStrategy::new, Library.maven("OkHttp", "com.squareup.okhttp3", "okhttp-jvm"))
            .extra().h2()),
    jettyAsync(async(JettyAsyncStrategy::new, Library.maven("Jetty HttpClient", "org.eclipse.jetty", "jetty-client"))
            .extra().http1Only(Registry.JETTY_H2)),
    reactorNetty(async(ReactorNettyStrategy::new,
            Library.maven("Reactor Netty", "io.projectreactor.netty", "reactor-netty-http")).extra().h2().netty()),
    freshAsyncHttpClient(async(FreshAsyncHttpClientStrategy::new,
            Library.maven("AsyncHttpClient", "org.asynchttpclient", "async-http-client")).extra()
            .http1Only(Registry.FRESH_H2).netty()),
    freshJdkAsync(async(FreshJdkAsyncStrategy::new, Library.jdk()).minJdk(21, " to close an HttpClient")
            .extra().http1Only(Registry.FRESH_H2)),
    floor(async(FloorStrategy::new, Library.none("none (java.net.Socket, hand-parsed HTTP/1.1)")).serial()
            .note("reference, not a strategy").oneCaller().http1Only("a hand-written HTTP/1.1 exchange on one socket"));

    /** Why rows cannot run {@code -p protocol=h2}, one phrase each (the launcher's skip line). */
    static final String JETTY_H2 = "Jetty's HTTP/2 needs jetty-http2-client-transport, not in this jar";
    static final String FRESH_H2 = "a new client per request sends one request per connection: nothing to multiplex";

    private final Spec spec;

    Registry(Spec spec) {
        this.spec = spec;
    }

    /** Builds (does not open) the row's strategy; {@code client} is used by blocking rows only. */
    public Strategy create(BlockingClient.Kind client) {
        return spec.factory.apply(client);
    }

    /** Issues its n requests one after another: the physical limit is n·L rather than L. */
    public boolean serial() { return spec.serial; }

    /** Runs on the shared blocking client chosen by {@code -p blockingClient}. */
    public boolean blocking() { return spec.blocking; }

    /**
     * Runs blocking calls on virtual threads: a blocking client could pin their carriers, so the benchmark counts
     * JFR's {@code jdk.VirtualThreadPinned} events for this row ({@code pinnedEvents}); other rows run without JFR.
     */
    public boolean blocksOnVirtualThreads() { return spec.virtualThreads; }

    public int minJdk() { return spec.minJdk; }

    /**
     * Not in the default suite (which must stay within its time budget): runs only when named,
     * {@code -p strategy=NAME}. Listed by {@code -l}/{@code -lp}, tested and documented like every row.
     */
    public boolean extra() { return spec.extra; }

    /** The rows a run without {@code -p strategy} measures: every row that is not {@link #extra()}. */
    public static List<Registry> defaultSuite() {
        return Arrays.stream(values()).filter(r -> !r.extra()).toList();
    }


    public Set<Protocol> protocols() { return spec.protocols; }

    /**
     * Empty if the row can run over {@code protocol} on blocking client
     * {@code client} (blocking rows need both the row and the client to speak it); else one line saying why not.
     */
    public Optional<String> unavailableWithProtocol(Protocol protocol, BlockingClient.Kind client) {
        if (!spec.protocols.contains(protocol)) {
            return Optional.of("cannot run -p protocol=" + protocol + ": " + spec.protocolWhy);
        }
        if (spec.blocking) {
            return client.unavailableWithProtocol(protocol).map(why -> "cannot run -p protocol=" + protocol
                    + " on -p blockingClient=" + client + ": " + why);
        }
        return Optional.empty();
    }

    /**
     * Runs on Netty: its event loop is of the transport {@code -p transport} names, checked from the channel class it
     * used ({@link Strategy#transportSeen()}). Every other row uses the JDK's own sockets.
     */
    public boolean netty() { return spec.netty; }


    /**
     * Empty if the row can run on {@code transport} ({@code nio} or {@code epoll}); else one line saying why not (the
     * launcher drops the row with it). A row that is not {@link #netty()} runs under the default {@code nio} on the
     * JDK's sockets and cannot honour {@code epoll}; a Netty row cannot run {@code epoll} where native epoll is missing.
     */
    public Optional<String> unavailableWithTransport(Transport transport) {
        if (!spec.netty) {
            return transport == Transport.nio ? Optional.empty()
                    : Optional.of("cannot run -p transport=" + transport + ": not Netty-based, it uses the JDK's own sockets");
        }
        return NettyTransport.valueOf(transport.name()).unavailableReason()
                .map(why -> "cannot run -p transport=" + transport + ": " + why);
    }

    /** The client library; for blocking rows, the library of the chosen blocking client. */
    public Library library(BlockingClient.Kind client) {
        return spec.blocking ? client.library() : spec.library;
    }

    /** A note the report prints beside the row (empty for ordinary strategies). */
    public String note() { return spec.note; }

    /** Empty if this JVM can run the row; else one line saying why not. */
    public Optional<String> unavailableReason() {
        int running = Runtime.version().feature();
        if (running >= spec.minJdk) return spec.requires.get();
        return Optional.of("needs JDK " + spec.minJdk + "+" + spec.jdkWhy + " (running "
                + System.getProperty("java.version") + ")");
    }

    /**
     * Empty if the row can serve {@code callers} callers at once (JMH's {@code -t}); else one line saying why not.
     * Every row but {@code floor} (one socket, one caller) shares its clients and pools, sized n x callers.
     */
    public Optional<String> unavailableWithCallers(int callers) {
        if (callers <= 1 || !spec.oneCaller) return Optional.empty();
        return Optional.of("one connection driven by one caller, so it has no meaning with -t " + callers
                + " (run it with -t 1)");
    }

    public boolean available() {
        return unavailableReason().isEmpty();
    }

    public static List<Registry> all() {
        return List.of(values());
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    public static Optional<Registry> find(String name) {
        for (Registry r : values()) if (r.name().equals(name)) return Optional.of(r);
        return Optional.empty();
    }

    /** The row called {@code name}; {@link IllegalArgumentException} with the known names if there is none. */
    public static Registry of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + name
                + "'; known: " + String.join(", ", names())));
    }

    /** The row a strategy class belongs to, by its constant's name ({@link Strategy#name()}). */
    static String nameOf(Class<?> strategyClass) {
        String name = ByClass.NAMES.get(strategyClass);
        if (name == null) {
            throw new IllegalStateException(strategyClass.getName() + " is no row of the Registry: add its line there"
                    + " (or override name() in a strategy that is not a row)");
        }
        return name;
    }

    /** Each row's strategy class, from one throwaway instance (a constructor only keeps its arguments). */
    private static final class ByClass {
        static final java.util.Map<Class<?>, String> NAMES = names();

        private static java.util.Map<Class<?>, String> names() {
            java.util.Map<Class<?>, String> m = new java.util.HashMap<>();
            for (Registry r : values()) {
                String clash = m.put(r.create(BlockingClient.Kind.values()[0]).getClass(), r.name());
                if (clash != null) throw new IllegalStateException(r.name() + " and " + clash + " share a class");
            }
            return m;
        }
    }

    // ---------------------------------------------------------------------------------- how a line is written

    private static Spec blocking(Function<BlockingClient.Kind, Strategy> factory) {
        return new Spec(factory, null, true);
    }

    private static Spec async(Supplier<Strategy> factory, Library library) {
        return new Spec(k -> factory.get(), library, false);
    }

    /** A row's description, written fluently on its registry line. */
    private static final class Spec {
        final Function<BlockingClient.Kind, Strategy> factory;
        final Library library;
        final boolean blocking;
        boolean serial;
        boolean virtualThreads;
        int minJdk = 17;
        String jdkWhy = "";
        Set<Protocol> protocols = Set.of(http1);
        String protocolWhy = "speaks HTTP/1.1 only";
        String note = "";
        boolean extra;
        Supplier<Optional<String>> requires = Optional::empty;
        boolean oneCaller;
        boolean netty;

        Spec(Function<BlockingClient.Kind, Strategy> factory, Library library, boolean blocking) {
            this.factory = factory;
            this.library = library;
            this.blocking = blocking;
        }

        Spec serial() { serial = true; return this; }

        /** Also runs over HTTP/2 ({@code -p protocol=h2}), with its client's own HTTP/2 support. */
        Spec h2() { protocols = Set.of(http1, h2); return this; }

        /** HTTP/1.1 only, and why (the launcher's line when {@code -p protocol=h2} drops it). */
        Spec http1Only(String why) { protocols = Set.of(http1); protocolWhy = why; return this; }

        Spec onVirtualThreads() { virtualThreads = true; return this; }

        Spec minJdk(int v, String why) { minJdk = v; jdkWhy = why; return this; }

        Spec note(String v) { note = v; return this; }

        /** The row cannot be shared by several callers ({@code -t}). */
        Spec oneCaller() { oneCaller = true; return this; }

        /** Beyond the JDK version: an API check, empty when this JVM has what the row needs. */
        Spec requires(Supplier<Optional<String>> v) { requires = v; return this; }

        /** The client runs on Netty, see {@link Registry#netty()}. */
        Spec netty() { netty = true; return this; }

        /** Only when asked for by name, see {@link Registry#extra()}. */
        Spec extra() { extra = true; return this; }
    }
}
