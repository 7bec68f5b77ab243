package httpbench.workload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Reading a wire name ({@code -p scheme=https}, a server's /info) into its enum: the constant's name is the name. */
public final class Wire {
    private Wire() {}

    /** The constant named {@code v}; else one line: "{@code what} must be a or b, got 'v'". */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String v) {
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        throw new IllegalArgumentException(what + " must be " + names(type) + ", got '" + v + "'");
    }

    /** "a or b" (or "a, b or c"). */
    public static String names(Class<? extends Enum<?>> type) {
        String all = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
