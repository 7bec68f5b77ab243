package httpbench.strategy;

import httpbench.workload.BatchFailure;
import httpbench.workload.ResponseCheck;
import httpbench.workload.Workload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;

/**
 * Reference row, not a strategy to pick: the cheapest possible client for this workload. One plain
 * {@link Socket}, HTTP/1.1 keep-alive, n GETs one after another, the body validated like every other row.
 * Every strategy's per-request cost is reported as a multiple of this floor. Over https the socket is an
 * {@link SSLSocket} layered on it, from the same trust material as every client, with JSSE's HTTPS host-name check,
 * its handshake done in {@link #open} (once per trial, like the pooled clients' connections).
 */
public final class FloorStrategy implements Strategy {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[][] requests;
    private byte[] body;


    @Override
    public void open(Workload w) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) w.requestTimeout().toMillis());
        socket.connect(new InetSocketAddress(w.base().getHost(), w.base().getPort()),
                (int) w.connectTimeout().toMillis());
        if (w.https()) {
            SSLSocket tls = (SSLSocket) w.trust().sslContext().getSocketFactory()
                    .createSocket(socket, w.base().getHost(), w.base().getPort(), true);
            tls.setSSLParameters(w.trust().sslParameters());
            try {
                tls.startHandshake();
            } catch (IOException e) {
                tls.close();
                throw BatchFailure.of(name(), w, 0, e);
            }
            socket = tls;
        }
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        requests = new byte[w.requests()][];
        String host = w.base().getHost() + ":" + w.base().getPort();
        for (int i = 0; i < requests.length; i++) {
            requests[i] = ("GET " + w.uri(i).getRawPath() + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        body = new byte[w.payloadBytes()];
    }

    @Override
    public BatchResult run(Workload w) {
        long bytes = 0;
        for (int i = 0; i < requests.length; i++) {
            try {
                out.write(requests[i]);
                out.flush();
                int status = readHead();
                int len = contentLength;
                if (len < 0) throw new IOException("no Content-Length");
                if (body.length < len) body = new byte[len];
                int got = in.readNBytes(body, 0, len);
                if (got < len) throw new IOException("connection closed after " + got + " of " + len + " body bytes");
                bytes += ResponseCheck.check(name(), w, i, status, body, 0, len);
            } catch (BatchFailure e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw BatchFailure.of(name(), w, i, e);
            }
        }
        return new BatchResult(requests.length, bytes);
    }

    private int contentLength;
    private final StringBuilder line = new StringBuilder(64);

    /** Reads status line and headers; returns the status, sets {@link #contentLength}. */
    private int readHead() throws IOException {
        contentLength = -1;
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) throw new IOException("bad status line: " + status);
        int code = Integer.parseInt(status.substring(9, 12));
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                contentLength = Integer.parseInt(h.substring(15).trim());
            }
        }
        return code;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed while reading headers");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    @Override
    public String describe() {
        return "reference: one java.net.Socket, HTTP/1.1 keep-alive, serial, hand-parsed status and Content-Length, "
                + "same body validation; https: an SSLSocket over it, trusting exactly the server's certificate, HTTPS "
                + "host-name check";
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to do
            }
            socket = null;
        }
    }
}
