package httpbench.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The pipeline a connection ends up with: HTTP/1.1 as before h2c existed, or HTTP/2 after the preface. */
class Http2SupportTest {
    private final List<String> got = new CopyOnWriteArrayList<>();

    private EmbeddedChannel channel() {
        Http2Support h = new Http2Support(this::handler, new ConnectionStats());
        EmbeddedChannel ch = new EmbeddedChannel();
        h.configureCleartext(ch.pipeline());
        return ch;
    }

    private ChannelHandler handler() {
        return new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                got.add(req.uri());
            }
        };
    }

    @Test
    void anHttp11ConnectionKeepsOnlyTheHandlersItHadBeforeAfterItsFirstRequest() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("GET /r/0 HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        ch.writeInbound(Unpooled.copiedBuffer("GET /r/1 HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        assertEquals(List.of("/r/0", "/r/1"), got);
        assertNull(ch.pipeline().get(CleartextHttp2ServerUpgradeHandler.class), "prior-knowledge check gone");
        assertNull(ch.pipeline().get(HttpServerUpgradeHandler.class), "upgrade handler gone after the first request");
        assertNotNull(ch.pipeline().get(HttpServerCodec.class));
        assertNotNull(ch.pipeline().get(HttpObjectAggregator.class));
        assertEquals(3, ch.pipeline().names().size() - 1, "codec, aggregator, handler (+ the tail): "
                + ch.pipeline().names());
        ch.finishAndReleaseAll();
    }

    @Test
    void thePrefaceSwitchesTheConnectionToHttp2() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", StandardCharsets.US_ASCII));
        assertNotNull(ch.pipeline().get(Http2FrameCodec.class));
        assertNotNull(ch.pipeline().get(Http2MultiplexHandler.class));
        assertNull(ch.pipeline().get(HttpServerCodec.class), "no HTTP/1.1 codec on an h2c connection");
        assertNull(ch.pipeline().get(HttpServerUpgradeHandler.class));
        ch.finishAndReleaseAll();
    }

    @Test
    void theAskedProtocolIsReadFromTheQuery() {
        assertEquals("h2", Http2Support.asked("/r/3?protocol=h2"));
        assertEquals("h2", Http2Support.asked("/r/3?x=1&protocol=h2"));
        assertNull(Http2Support.asked("/r/3"));
        assertNull(Http2Support.asked("/r/3?x=protocol"));
    }
}
