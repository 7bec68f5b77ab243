package httpbench.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.List;

/**
 * The suite's run settings as {@link ConcurrentRequests} declares them for JMH ({@code @Fork}, {@code @Warmup},
 * {@code @Measurement}), read in one place for the run plan, the methodology text and {@code --defaults}.
 */
record RunSettings(int forks, List<String> jvmArgs, int warmupIterations, TimeValue warmupTime,
                   int measurementIterations, TimeValue measurementTime) {

    /** What the benchmark class declares. */
    static final RunSettings DECLARED = of(ConcurrentRequests.class);

    static RunSettings of(Class<?> benchmark) {
        Fork f = benchmark.getAnnotation(Fork.class);
        Warmup w = benchmark.getAnnotation(Warmup.class);
        Measurement m = benchmark.getAnnotation(Measurement.class);
        return new RunSettings(f.value(), List.of(f.jvmArgs()), w.iterations(), new TimeValue(w.time(), w.timeUnit()),
                m.iterations(), new TimeValue(m.time(), m.timeUnit()));
    }

    /** {@code key=value} lines for scripts: forks, warm-up and measured iterations and their times in ms. */
    String lines() {
        return "forks=" + forks + "\n"
                + "warmupIterations=" + warmupIterations + "\n"
                + "warmupMs=" + warmupTime.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) + "\n"
                + "measurementIterations=" + measurementIterations + "\n"
                + "measurementMs=" + measurementTime.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) + "\n";
    }

    /** "500 milliseconds": a time as the methodology text writes it. */
    static String words(TimeValue t) {
        return t.getTime() + " " + t.getTimeUnit().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
