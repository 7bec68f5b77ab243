package httpbench.jmh.profile;

import httpbench.metric.Metric;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/** A profiler's result for one {@link Metric}: its name, unit and aggregation from the vocabulary, not spelled again. */
final class Metrics {
    private Metrics() {
    }

    static ScalarResult result(Metric m, double value) {
        AggregationPolicy p = switch (m.aggregation()) {
            case AVG -> AggregationPolicy.AVG;
            case SUM -> AggregationPolicy.SUM;
            case MAX -> AggregationPolicy.MAX;
        };
        return new ScalarResult(m.key(), value, m.unit(), p);
    }
}
