package httpbench.server;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Ways the embedded server can misbehave on purpose, so tests prove that no broken run produces a number. */
public enum Fault {
    /** Normal operation. */
    none,
    /** Respond 500 (to every k-th request, see {@link ServerConfig#faultEvery}). */
    status500,
    /** Send the headers and half the body, then reset the connection (SO_LINGER 0). */
    reset,
    /** Accept the request and never answer. */
    stall,
    /** Announce a Content-Length larger than the body sent, then close. */
    truncated,
    /** Right status and length, wrong bytes. */
    wrongBody,
    /** Answer correctly but only after {@link ServerConfig#faultDelayMs} (longer than any client timeout). */
    slowHeaders;

    public static Fault parse(String s) {
        for (Fault f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) return f;
        }
        throw new IllegalArgumentException("unknown fault mode '" + s + "'; known: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
