package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * OkHttp {@code Call.enqueue}: n calls handed to the Dispatcher, n callbacks awaited. OkHttp has no non-blocking
 * I/O: the Dispatcher runs each enqueued call on one of its own threads doing blocking socket I/O, so this row is
 * "async API, thread per in-flight call" underneath (up to n Dispatcher threads, cached between batches).
 */
public final class OkHttpAsyncStrategy implements Strategy {
    private OkHttpClient client;


    @Override
    public void open(Workload w) {
        client = OkHttpClients.build(w, JdkClients.executor("bench-okhttp-dispatcher"));
    }

    /** The response of one call; cancelling it cancels the call (after a failure, the batch's other calls). */
    private static final class CallFuture extends CompletableFuture<Response> implements Callback {
        private final Call call;

        CallFuture(Call call) { this.call = call; }

        @Override
        public void onFailure(Call c, IOException e) {
            completeExceptionally(e);
        }

        @Override
        public void onResponse(Call c, okhttp3.Response r) {
            try (r) {
                complete(new Response(r.code(), r.body().bytes()));
            } catch (IOException | RuntimeException e) {
                completeExceptionally(e);
            }
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            call.cancel();
            return super.cancel(mayInterrupt);
        }
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        CallFuture[] futures = new CallFuture[n];
        for (int i = 0; i < n; i++) {
            Call call = client.newCall(new Request.Builder().url(w.uri(i).toString()).build());
            futures[i] = new CallFuture(call);
            call.enqueue(futures[i]);
        }
        return Await.all(name(), w, futures, (i, r) -> ResponseCheck.check(name(), w, i, r.status(), r.body()));
    }

    @Override
    public String describe() {
        return "Call.enqueue() on " + OkHttpClients.describe() + "; the Dispatcher runs each call on its own "
                + "thread (blocking socket I/O, cached executor)";
    }

    @Override
    public void close() {
        if (client != null) {
            OkHttpClients.close(client);
            client = null;
        }
    }
}
