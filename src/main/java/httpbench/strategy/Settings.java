package httpbench.strategy;

import httpbench.workload.Workload;

import java.net.URI;

/**
 * The methodology's client settings come from the configuration objects the rows build, not from prose beside them:
 * each client's {@code describe()} builds its configuration for {@link #SAMPLE} (n = 10, cleartext, HTTP/1.1) with
 * the same method its row uses and reads the values back from that object. A pool sized from the workload prints as
 * {@code n}; any other value prints as the number it is, so a changed setting changes the generated methodology
 * (and MethodologyTest's byte comparison fails until it is regenerated).
 */
final class Settings {
    /** The workload the methodology describes: the default batch of n = 10 requests, its timeouts, no server. */
    static final Workload SAMPLE = Workload.of(URI.create("http://127.0.0.1:1/"), 10, 1024);

    private Settings() {}

    /** {@code n} when a pool or limit equals the sample's capacity (the row sized it from the workload), else the number. */
    static String n(long value) {
        return value == SAMPLE.capacity() ? "n" : String.valueOf(value);
    }

    /** "a = b = n" when both read the same, else "a = x, b = y". */
    static String both(String a, long x, String b, long y) {
        return x == y ? a + " = " + b + " = " + n(x) : a + " = " + n(x) + ", " + b + " = " + n(y);
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
