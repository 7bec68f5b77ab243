package httpbench.strategy;

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

    /** Every available row that can run {@code -p protocol=h2}, blocking rows on each blocking client that can. */
    public static Stream<Arguments> h2() {
        return all().filter(a -> Registry.of((String) a.get()[0])
                .unavailableWithProtocol(Registry.H2, (BlockingClient.Kind) a.get()[1]).isEmpty());
    }

    /**
     * The h2 cases the fast build runs: every async row and the cheapest blocking one (threadPool on OkHttp); the
     * other blocking rows ({@link #h2Full()}: serial at 10 x L, and on JDK 17 every JDK client's close waits ~3 s
     * for its selector thread) run with -Pfull.
     */
    public static Stream<Arguments> h2Fast() {
        return h2().filter(StrategyCases::fast);
    }

    public static Stream<Arguments> h2Full() {
        return h2().filter(a -> !fast(a));
    }

    private static boolean fast(Arguments a) {
        Registry r = Registry.of((String) a.get()[0]);
        return !r.blocking() || (r == Registry.threadPool && a.get()[1] == BlockingClient.Kind.okhttp);
    }

    public static Stream<Arguments> concurrent() {
        return all().filter(a -> !Registry.of((String) a.get()[0]).serial());
    }

    public static Stream<String> names() {
        return Registry.all().stream().filter(Registry::available).map(Enum::name);
    }
}
