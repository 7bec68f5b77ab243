package httpbench.strategy;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Jetty's mid-response EOF becomes one short line; other failures pass unchanged. */
class JettyClientsTest {
    static final String DUMP = "oejcti.HttpConnectionOverHTTP@3b6e6dd::oeji.SocketChannelEndPoint@d7108db[{l=/127.0.0.1:1,"
            + "ISHUT}]->[...recv=oejcti.HttpReceiverOverHTTP@100a68cc(rsp=CONTENT,failure=null)"
            + "[oejh.HttpParser{s=CLOSED,2048 of 4096}]]]";

    @Test
    void midResponseEofIsOneShortLine() {
        Throwable t = JettyClients.readable(new CompletionException(new EOFException(DUMP)));
        assertEquals("connection closed by the server before the response ended (body: 2048 of 4096 bytes)",
                t.getMessage());
        assertEquals(DUMP, t.getCause().getMessage());
    }

    @Test
    void otherFailuresAreUnchanged() {
        IOException io = new IOException("Connection refused");
        assertSame(io, JettyClients.readable(new CompletionException(io)));
        EOFException plain = new EOFException("plain");
        assertSame(plain, JettyClients.readable(plain));
    }
}
