package httpbench.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** The strategies the tests run: every available one, the blocking ones with both blocking clients. */
public final class StrategyCases {
    private StrategyCases() {}

    public static Stream<Arguments> all() {
        List<Arguments> out = new ArrayList<>();
        for (String s : Strategies.available()) {
            out.add(Arguments.of(s, BlockingClient.Kind.jdk));
            if (isBlocking(s)) out.add(Arguments.of(s, BlockingClient.Kind.apache));
        }
        return out.stream();
    }

    public static Stream<Arguments> concurrent() {
        return all().filter(a -> !Strategies.isSerial((String) a.get()[0]));
    }

    public static Stream<String> names() {
        return Strategies.available().stream();
    }

    static boolean isBlocking(String s) {
        return s.equals("serial") || s.equals("threadPool") || s.equals("virtualThreads");
    }
}
