package httpbench.strategy;

import httpbench.workload.Workload;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

/** The timeouts both Apache clients (classic and async) get from the workload, in one place. */
final class ApacheSettings {
    private ApacheSettings() {}

    static ConnectionConfig connection(Workload w) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(w.connectTimeout()))
                .setSocketTimeout(Timeout.of(w.requestTimeout()))
                .build();
    }

    static RequestConfig request(Workload w) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(w.requestTimeout()))
                .setConnectionRequestTimeout(Timeout.of(w.requestTimeout()))
                .build();
    }
}
