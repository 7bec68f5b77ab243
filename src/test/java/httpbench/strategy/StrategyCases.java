package httpbench.strategy;

import httpbench.workload.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The strategies the tests run, read from the registry: every available row, blocking rows on every blocking client. */
public final class StrategyCases {
    private StrategyCases() {}

    public static Stream<Arguments> all() {
        List<Arguments> out = new ArrayList<>();
        for (Registry r : Registry.all()) {
            if (!r.available()) continue;
            if (r.blocking()) {
                for (BlockingClient.Kind k : BlockingClient.Kind.values()) out.add(Arguments.of(r.name(), k));
            } else {
                out.add(Arguments.of(r.name(), BlockingClient.Kind.jdk));
            }
        }
        return out.stream();
    }

    /**
     * StrategyTest's fast cases: every concurrent row on every client it runs on, and the serial row on one blocking
     * client (OkHttp, the cheapest to build and close); {@link #allFull()} ({@code -Pfull}) is the serial row on
     * the other blocking clients, whose validity and cleanup the concurrent rows on those clients already cover in
     * the fast build (serial is a loop over the same client's blocking call).
     */
    public static Stream<Arguments> allFast() {
        return all().filter(StrategyCases::fastPlain);
    }

    public static Stream<Arguments> allFull() {
        return all().filter(a -> !fastPlain(a));
    }

    /**
     * The fast build (`mvn verify`, under a minute) runs the default suite's rows; the rows that run only when named
     * ({@link Registry#extra()}: more clients, fresh-client variants, structured concurrency) run with -Pfull, each
     * in every test the default rows are in. Their transports are checked in the fast build by TransportTest.
     */
    static boolean defaultRow(Arguments a) {
        return !Registry.of((String) a.get()[0]).extra();
    }

    private static boolean fastPlain(Arguments a) {
        if (!defaultRow(a)) return false;
        Registry r = Registry.of((String) a.get()[0]);
        return r != Registry.serial || a.get()[1] == BlockingClient.Kind.okhttp;
    }

    /** Every available row that can run {@code -p protocol=h2}, blocking rows on each blocking client that can. */
    public static Stream<Arguments> h2() {
        return all().filter(a -> Registry.of((String) a.get()[0])
                .unavailableWithProtocol(httpbench.workload.Protocol.h2, (BlockingClient.Kind) a.get()[1]).isEmpty());
    }

    /**
     * The h2 cases the fast build runs: every async row and the cheapest blocking one (threadPool on OkHttp); the
     * other blocking rows ({@link #h2Full()}: serial at 10 x L, and on JDK 17 every JDK client's close waits ~3 s
     * for its selector thread, so jdkAsync too there) run with -Pfull. The JDK client's upgrade stays in the fast
     * build through Http2ServerTest and Http2Test's cold-batch test.
     */
    public static Stream<Arguments> h2Fast() {
        return h2().filter(StrategyCases::fast);
    }

    public static Stream<Arguments> h2Full() {
        return h2().filter(a -> !fast(a));
    }

    private static boolean fast(Arguments a) {
        if (!defaultRow(a)) return false;
        Registry r = Registry.of((String) a.get()[0]);
        if (r == Registry.jdkAsync) return JdkClients.CAN_SHUTDOWN; // on 17 its two closes cost ~6 s
        return !r.blocking() || (r == Registry.threadPool && a.get()[1] == BlockingClient.Kind.okhttp);
    }

    /**
     * The h2-over-https cases the fast build runs: the async rows, one per client library's TLS + HTTP/2 wiring
     * (AsyncHttpClient, Apache, the JDK client on 21+, OkHttp, Reactor Netty); {@link #h2HttpsFull()} (-Pfull) runs
     * the blocking rows, whose clients (jdk, okhttp) the async rows already cover, and jdkAsync on JDK 17.
     */
    public static Stream<Arguments> h2HttpsFast() {
        return h2().filter(StrategyCases::fastH2Https);
    }

    public static Stream<Arguments> h2HttpsFull() {
        return h2().filter(a -> !fastH2Https(a));
    }

    private static boolean fastH2Https(Arguments a) {
        if (!defaultRow(a)) return false;
        Registry r = Registry.of((String) a.get()[0]);
        if (r == Registry.jdkAsync) return JdkClients.CAN_SHUTDOWN;
        return !r.blocking();
    }

    public static Stream<Arguments> concurrent() {
        return all().filter(a -> !Registry.of((String) a.get()[0]).serial());
    }

    /**
     * The https cases of {@code mvn verify}: every row that is not blocking, plus {@code serial} on the blocking clients
     * other than jdk, so every client library's TLS set-up runs in the fast suite (the JDK client's through
     * {@code jdkAsync}: on JDK 17 each JDK client costs ~3 s to close, see JdkClients). {@link #httpsRest()} is the
     * rest of {@link #all()}: every blocking row on every blocking client, {@code -Pfull}.
     */
    public static Stream<Arguments> https() {
        return all().filter(StrategyCases::fastHttps);
    }

    public static Stream<Arguments> httpsRest() {
        return all().filter(a -> !fastHttps(a));
    }

    /**
     * The handshake-failure cases of {@code mvn verify}: {@link #https()}, less the JDK client's on JDK 17 (it cannot
     * be closed there: ~3 s each waiting for a GC, see JdkClients); {@link #httpsFailuresRest()} ({@code -Pfull})
     * runs every other row of {@link #all()}, so each row's failure is tested on every JDK.
     */
    public static Stream<Arguments> httpsFailures() {
        return all().filter(StrategyCases::fastFailure);
    }

    public static Stream<Arguments> httpsFailuresRest() {
        return all().filter(a -> !fastFailure(a));
    }

    private static boolean fastFailure(Arguments a) {
        return fastHttps(a) && (JdkClients.CAN_SHUTDOWN || !usesJdkClient(a));
    }

    private static boolean usesJdkClient(Arguments a) {
        Registry r = Registry.of((String) a.get()[0]);
        return r.blocking() ? a.get()[1] == BlockingClient.Kind.jdk : r.name().toLowerCase().contains("jdk");
    }

    private static boolean fastHttps(Arguments a) {
        Registry r = Registry.of((String) a.get()[0]);
        // the fresh rows (extra, built on AsyncHttpClient's and the JDK client's TLS set-ups, which the pooled rows
        // cover) open ten connections per batch: the slowest https cases, -Pfull
        if (r.name().startsWith("fresh") || !defaultRow(a)) return false;
        return !r.blocking() || (r == Registry.serial && a.get()[1] != BlockingClient.Kind.jdk);
    }

    public static Stream<String> names() {
        return Registry.all().stream().filter(Registry::available).map(Enum::name);
    }
}
