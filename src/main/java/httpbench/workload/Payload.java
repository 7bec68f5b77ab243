package httpbench.workload;

import java.util.zip.CRC32;

/**
 * The deterministic response body: the server sends it, the client side checks its length and CRC32.
 * Same function on both sides, so a standalone server and a benchmark on another machine agree as long as
 * they were given the same size.
 */
public final class Payload {
    private Payload() {}

    public static byte[] bytes(int size) {
        if (size < 0) throw new IllegalArgumentException("payload size must be >= 0, got " + size);
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + (i * 7 + i / 26) % 26);
        }
        return b;
    }

    public static long crc32(byte[] body) {
        return crc32(body, 0, body.length);
    }

    public static long crc32(byte[] body, int off, int len) {
        CRC32 c = new CRC32();
        c.update(body, off, len);
        return c.getValue();
    }
}
