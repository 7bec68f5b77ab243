package httpbench.workload;

/**
 * The one place that validates a response, so a broken client can never look fast: status 200, body length
 * and CRC32 of the deterministic payload. Under {@code -p protocol=h2} the request's URI names the protocol and
 * the server answers 505 to one that arrived over HTTP/1.1, so a response over the wrong protocol fails here.
 */
public final class ResponseCheck {
    private ResponseCheck() {}

    /** Validates response {@code index} of a batch run by {@code strategy}; returns the body length. */
    public static int check(String strategy, Workload w, int index, int status, byte[] body) {
        return check(strategy, w, index, status, body, 0, body == null ? -1 : body.length);
    }

    public static int check(String strategy, Workload w, int index, int status, byte[] body, int off, int len) {
        if (status == 505 && w.h2()) {
            throw new BatchFailure(strategy, index, w.uri(index), "status 505: the server received this request "
                    + "over HTTP/1.1, but the row runs -p protocol=h2 (the client fell back from HTTP/2)");
        }
        if (status != 200) {
            throw new BatchFailure(strategy, index, w.uri(index), "status " + status + ", expected 200");
        }
        if (body == null) {
            throw new BatchFailure(strategy, index, w.uri(index), "no body");
        }
        if (len != w.payloadBytes()) {
            throw new BatchFailure(strategy, index, w.uri(index), "body length " + len + ", expected "
                    + w.payloadBytes() + " (does the server's --payload-bytes match -p payloadBytes?)");
        }
        long crc = Payload.crc32(body, off, len);
        if (crc != w.expectedCrc()) {
            throw new BatchFailure(strategy, index, w.uri(index), String.format(
                    "body checksum %08x, expected %08x (right length, wrong bytes)", crc, w.expectedCrc()));
        }
        return len;
    }
}
