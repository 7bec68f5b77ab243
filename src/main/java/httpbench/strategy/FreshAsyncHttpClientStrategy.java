package httpbench.strategy;

import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Like the Python article's {@code aiohttp.ClientSession()} per request: a new AsyncHttpClient (new pool, so a
 * new connection) for every request, closed at the end of the batch. As with aiohttp, the event loop is shared:
 * one Netty I/O thread and one timer per trial, so the row shows what connection reuse saves, not thread
 * creation. close() returns once the client has asked its channels to close; they close on the shared event
 * loop (as {@code freshJdkAsync} requests shutdownNow() and does not wait for its termination). The shared loop
 * is of the transport {@code -p transport} names (AHC picks its channel class from the group's).
 */
public final class FreshAsyncHttpClientStrategy implements Strategy {
    private EventLoopGroup group;
    private HashedWheelTimer timer;
    private TransportSeen seen;


    @Override
    public void open(Workload w) {
        seen = new TransportSeen(name(), w.transport().name());
        group = NettyTransport.of(w).ahcGroup(AsyncHttpClientStrategy.IO_THREADS,
                new DefaultThreadFactory("bench-fresh-ahc", true));
        timer = new HashedWheelTimer(new DefaultThreadFactory("bench-fresh-ahc-timer", true));
        timer.start();
    }

    @Override
    public BatchResult run(Workload w) throws Exception {
        int n = w.requests();
        AsyncHttpClient[] clients = new AsyncHttpClient[n];
        @SuppressWarnings("unchecked")
        Future<org.asynchttpclient.Response>[] futures = new Future[n];
        try {
            for (int i = 0; i < n; i++) {
                clients[i] = Dsl.asyncHttpClient(AsyncHttpClientStrategy.config(w, 1)
                        .setEventLoopGroup(group).setNettyTimer(timer)
                        .setHttpAdditionalChannelInitializer(seen::record).build());
                futures[i] = clients[i].prepareGet(w.uri(i).toString()).execute();
            }
            BatchResult r = Await.all(name(), w, futures,
                    (i, res) -> ResponseCheck.check(name(), w, i, res.getStatusCode(), res.getResponseBodyAsBytes()));
            seen.check();
            return r;
        } finally {
            for (AsyncHttpClient c : clients) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        // a fresh client that failed: nothing more to close
                    }
                }
            }
        }
    }

    @Override
    public Optional<TransportSeen.Seen> transportSeen() {
        return seen == null ? Optional.empty() : seen.seen();
    }

    @Override
    public String describe() {
        return "a new org.asynchttpclient client per request (new pool, new connection), close() at the end of "
                + "the batch (its channels close on the event loop); one shared Netty I/O thread and timer per trial "
                + "(as aiohttp sessions share the asyncio loop); https: as asyncHttpClient, every fresh client on the one "
                + "Netty SslContext, whose session cache lets some handshakes resume (the server counts them)";
    }

    @Override
    public void close() {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }
}
