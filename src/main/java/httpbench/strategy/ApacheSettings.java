package httpbench.strategy;

import httpbench.workload.Workload;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.util.Timeout;

/** The timeouts and TLS both Apache clients (classic and async) get from the workload, in one place. */
final class ApacheSettings {
    private ApacheSettings() {}

    static ConnectionConfig connection(Workload w) {
        return ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(w.connectTimeout()))
                .setSocketTimeout(Timeout.of(w.requestTimeout()))
                .build();
    }

    static final String TLS = "SSLContext trusting exactly the server's certificate, host name checked by JSSE "
            + "(HostnameVerificationPolicy.BUILTIN)";

    /**
     * https: the one SSLContext of {@link httpbench.tls.Trust}; the host name checked by JSSE's HTTPS endpoint
     * identification ({@code BUILTIN}) like every other client here, instead of Apache's own verifier on top.
     */
    static ClientTlsStrategyBuilder tls(Workload w) {
        return ClientTlsStrategyBuilder.create()
                .setSslContext(w.trust().sslContext())
                .setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN);
    }

    static RequestConfig request(Workload w) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(w.requestTimeout()))
                .setConnectionRequestTimeout(Timeout.of(w.requestTimeout()))
                .build();
    }
}
