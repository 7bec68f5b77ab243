package httpbench.report.stats;

import java.util.Locale;

/** How the report writes a number: three significant-looking digits, the same in every table, note and legend. */
public final class Numbers {
    private Numbers() {
    }

    /** 123.4, 12.34, 1.234, 0.123; "n/a" for NaN or infinity. */
    public static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
