package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.net.http.HttpResponse;

/** {@code java.net.http.HttpClient.sendAsync}: n CompletableFutures, all joined. */
public final class JdkAsyncStrategy implements Strategy {
    private JdkClients.Handle handle;


    @Override
    public void open(Workload w) {
        handle = JdkClients.build(w, "bench-jdk-async");
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        return Await.<HttpResponse<byte[]>>sent(name(), w,
                i -> handle.client().sendAsync(JdkClients.request(w, i), HttpResponse.BodyHandlers.ofByteArray()),
                (i, r) -> ResponseCheck.check(name(), w, i, r.statusCode(), r.body()));
    }

    @Override
    public String describe() {
        return "sendAsync(): " + JdkClients.describe() + JdkClients.describeH2();
    }

    @Override
    public void close() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }
}
