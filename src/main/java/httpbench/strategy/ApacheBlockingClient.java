package httpbench.strategy;

import httpbench.workload.Workload;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

import java.net.URI;

/** Apache HttpClient5 classic, pool of n connections per route, no automatic retries. */
record ApacheBlockingClient(CloseableHttpClient client) implements BlockingClient {
    ApacheBlockingClient(Workload w) {
        this(build(w));
    }

    @Override
    public Response get(URI uri) throws Exception {
        return client.execute(new HttpGet(uri), res -> new Response(res.getCode(),
                res.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(res.getEntity())));
    }

    static String description() {
        return "Apache HttpClient5 classic (pool of n per route and total, HTTP/1.1, keep-alive, "
                + "no automatic retries, socket/response timeout and connect timeout from the workload; https: "
                + ApacheSettings.TLS + ")";
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }

    private static CloseableHttpClient build(Workload w) {
        int pool = w.capacity();
        PoolingHttpClientConnectionManagerBuilder cmb = PoolingHttpClientConnectionManagerBuilder.create();
        if (w.https()) cmb.setTlsSocketStrategy(ApacheSettings.tls(w).buildClassic());
        PoolingHttpClientConnectionManager cm = cmb
                .setMaxConnTotal(pool)
                .setMaxConnPerRoute(pool)
                .setDefaultConnectionConfig(ApacheSettings.connection(w))
                .build();
        return HttpClients.custom()
                .setConnectionManager(cm)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .setDefaultRequestConfig(ApacheSettings.request(w))
                .build();
    }
}
