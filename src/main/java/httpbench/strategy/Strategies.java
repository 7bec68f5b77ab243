package httpbench.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Name -> factory, and which strategies this JDK can run (and why not). */
public final class Strategies {
    private static final Map<String, Function<BlockingClient.Kind, Strategy>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("serial", SerialStrategy::new);
        FACTORIES.put("threadPool", ThreadPoolStrategy::new);
        FACTORIES.put("virtualThreads", VirtualThreadsStrategy::new);
        FACTORIES.put("asyncHttpClient", k -> new AsyncHttpClientStrategy());
        FACTORIES.put("httpClient5Async", k -> new HttpClient5AsyncStrategy());
        FACTORIES.put("jdkAsync", k -> new JdkAsyncStrategy());
        FACTORIES.put("freshAsyncHttpClient", k -> new FreshAsyncHttpClientStrategy());
        FACTORIES.put("freshJdkAsync", k -> new FreshJdkAsyncStrategy());
        FACTORIES.put("floor", k -> new FloorStrategy());
    }

    private Strategies() {}

    public static List<String> names() {
        return new ArrayList<>(FACTORIES.keySet());
    }

    public static boolean isKnown(String name) {
        return FACTORIES.containsKey(name);
    }

    /** Empty if this JVM can run {@code name}; else a one-line reason. */
    public static Optional<String> unavailableReason(String name) {
        if (!isKnown(name)) return Optional.of("unknown strategy; known: " + String.join(", ", names()));
        if (name.equals("virtualThreads")) return VirtualThreadsStrategy.unavailableReason();
        if (name.equals("freshJdkAsync")) return FreshJdkAsyncStrategy.unavailableReason();
        return Optional.empty();
    }

    public static List<String> available() {
        return names().stream().filter(n -> unavailableReason(n).isEmpty()).toList();
    }

    /** Creates (does not open) a strategy; throws {@link IllegalArgumentException} with a clear line if unknown. */
    public static Strategy create(String name, BlockingClient.Kind kind) {
        Function<BlockingClient.Kind, Strategy> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; known: "
                    + String.join(", ", names()));
        }
        return f.apply(kind);
    }

    /** Strategies that issue the n requests one after another (physical limit n x latency). */
    public static boolean isSerial(String name) {
        return name.equals("serial") || name.equals("floor");
    }
}
