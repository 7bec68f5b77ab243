package httpbench.jmh;

import java.util.List;

/**
 * The steady warm-up's trend test: over the trailing windows, the least-squares trend of log(window median) per
 * block with its 90 % interval, shown within a tolerance on both sides (an equivalence test), the windows' noise
 * setting how many windows it needs, a step at either end refused, and the margin widened where the level comes and
 * goes ({@link #margin}).
 */
final class TrendRule {
    private TrendRule() {}

    /** z of the 90 % two-sided interval: two one-sided tests at 5 %, the equivalence test's usual level. */
    static final double Z = 1.6449;
    /** The trend window is never shorter than this many blocks (the old rule's three). */
    static final int MIN_TREND_BLOCKS = 3;
    /**
     * A step, not a trend: the first or the last block of the trend window is further off the fitted line than this
     * many of its sds (z at 1 %, two-sided). Why: a line fitted across a 10 % step with a block or two of the old
     * level at one end tilts less than the tolerance at 5 % noise and passed (12 % of simulated runs); its end
     * blocks sit well off the line.
     */
    static final double STEP_Z = 2.576;
    /** Nor longer: noisier windows than this allows for wait for the cap rather than for ever-longer fits. */
    static final int MAX_TREND_BLOCKS = 16;

    /**
     * The rule's verdict on the trailing {@code windows} windows: the fitted change of the window median per block
     * ({@code perBlock} windows) and its 90 % interval, as fractions, against {@code ±tolerance}; {@code needed}:
     * how many windows the windows' noise ({@code noise}, log sd per window) asks for.
     */
    record Trend(int windows, int needed, int perBlock, double noise, double change, double lo, double hi,
            double tolerance, boolean step) {
        /** Equivalence: enough windows, no step at an end, and the whole interval within the tolerance, both sides. */
        boolean steady() {
            return windows >= needed && !step && lo > -tolerance && hi < tolerance;
        }

        /** e.g. "-0.12 %/block [-0.48, +0.25] over 36 windows (noise 2.9 %), tolerance ±1 %: steady". */
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%+.2f %%/block [%+.2f, %+.2f] over %d windows%s (blocks of %d, noise %.1f %%), tolerance ±%s %%: %s",
                    100 * change, 100 * lo, 100 * hi, windows, windows < needed ? " of " + needed + " needed" : "",
                    perBlock, 100 * noise, new java.math.BigDecimal(100 * tolerance).setScale(1, java.math.RoundingMode.HALF_UP)
                            .stripTrailingZeros().toPlainString(),
                    steady() ? "steady" : step ? "a step at an end of the trend window" : lo <= -tolerance && hi >= tolerance ? "too noisy"
                            : hi >= tolerance && lo > -tolerance ? (lo > 0 ? "rising" : "not shown flat (rise?)")
                            : lo <= -tolerance && hi < tolerance ? (hi < 0 ? "falling" : "not shown flat (fall?)")
                            : "too few windows");
        }
    }

    /**
     * The two-sided, noise-scaled trend test (see {@link WarmupRules#steady(List, List)}) over blocks of {@code b}
     * windows, or null with fewer than {@link #MIN_TREND_BLOCKS} blocks of windows (or {@code b} = 0).
     */
    static Trend trend(List<Double> medians, int b, double tolerance) {
        int n = medians.size();
        if (b == 0 || n < MIN_TREND_BLOCKS * b) return null;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.log(medians.get(i));
        // the noise over as many windows as the longest trend window: over three blocks only, a run of quiet
        // windows now and then made the trend window short and its own residuals small, and a rise passed
        double sigma = noise(y, Math.max(0, n - MAX_TREND_BLOCKS * b), n);
        int needed = trendWindows(sigma, b, tolerance);
        int k = Math.min(n, needed);
        double[] fit = ols(y, n - k, n, sigma, b);
        boolean step = Math.abs(fit[3]) > STEP_Z * fit[5] / Math.sqrt(b)
                || Math.abs(fit[4]) > STEP_Z * fit[5] / Math.sqrt(b);
        double margin = margin(y, n, b, sigma, tolerance);
        return new Trend(k, needed, b, sigma, Math.expm1(b * fit[0]), Math.expm1(b * fit[1]), Math.expm1(b * fit[2]),
                margin, step);
    }

    /**
     * The margin per block the trend must be shown within: {@code tolerance}, or {@link #NOISE_MARGIN} of the
     * block-to-block noise when that is larger, at most {@link #MAX_MARGIN} (never below {@code tolerance}). Why:
     * on 2 cores several rows at latency 0 switch between two levels for seconds at a time (serial on JDK 17: window
     * medians 0.83 or 1.08 ms, in runs of 5-20 windows, the client and server threads sharing a core's wake-ups or
     * not), so block means differ by 5-10 % with no trend at all, and a ±1 % margin could never be shown: 10 of the
     * 78 steady warm-ups of the 2026-12-02 default runs hit their 40 s cap that way, and many more ran 30 s. A drift
     * smaller than half the noise between blocks is one the measured iterations (two windows each) cannot show
     * either; the row's fork-level interval carries that noise. Under independent window noise (3-5 %, blocks of 6)
     * the block noise is 1.2-2 %, so the margin stays at the tolerance and the simulated descent and rise tests are
     * unchanged.
     */
    static double margin(double[] y, int n, int b, double sigma, double tolerance) {
        double bn = blockNoise(y, n, b);
        double noise = bn > REGIME * sigma / Math.sqrt(b) ? bn : 0; // beyond what the windows' own noise explains
        return Math.max(tolerance, Math.min(Math.max(tolerance, MAX_MARGIN), NOISE_MARGIN * noise));
    }

    /** The block noise needs this many blocks (fewer: the margin is the tolerance); over 3-5 it is a guess. */
    static final int NOISE_BLOCKS = 8;
    /**
     * A level that comes and goes crosses the median of the block means at least this often; a step crosses it once
     * and a trend once, so neither widens the margin (a late 10 % drop under 5 % noise passed with a block of the
     * old level in the trend window in 8.5 % of simulated runs with no such condition, 5 % with it, as before).
     */
    static final int CROSSINGS = 4;
    /**
     * The block noise widens the margin only beyond this many times what independent window noise would give
     * ({@code sigma / √b}): under 5 % independent noise, an estimate from 8-16 blocks exceeds the window noise's share
     * now and then, and at 2.5 times a 1.5 %-per-block rise passed in 7.5 % of simulated runs (3 times: 3 %).
     */
    static final double REGIME = 3;
    /** The margin is this share of the block-to-block noise when that is above the tolerance. */
    static final double NOISE_MARGIN = 0.5;
    /** The noise-scaled margin never exceeds this per block (the code warm-ups keep their own 5 %). */
    static final double MAX_MARGIN = 0.03;

    /**
     * The noise of block means (log, as a fraction): over the last up to {@link #MAX_TREND_BLOCKS} whole blocks of
     * {@code b} windows, the median absolute difference of successive block means from their mean (a trend shifts
     * every difference alike and so does not count as noise), times 1.4826, over √2; 0 with fewer than
     * {@link #NOISE_BLOCKS} blocks or when the block means cross their median fewer than {@link #CROSSINGS} times.
     */
    static double blockNoise(double[] y, int n, int b) {
        int blocks = Math.min(MAX_TREND_BLOCKS, n / b);
        if (blocks < NOISE_BLOCKS) return 0;
        double[] mean = new double[blocks];
        for (int k = 0; k < blocks; k++) {
            for (int i = 0; i < b; i++) mean[k] += y[n - 1 - k * b - i];
            mean[k] /= b;
        }
        // a level that comes and goes, not a step or a trend: the block means cross their median several times
        double mid = median(mean.clone());
        int crossings = 0;
        for (int k = 1; k < blocks; k++) if ((mean[k - 1] - mid) * (mean[k] - mid) < 0) crossings++;
        if (crossings < CROSSINGS) return 0;
        double[] d = new double[blocks - 1];
        for (int k = 1; k < blocks; k++) d[k - 1] = mean[k - 1] - mean[k];
        double drift = (mean[0] - mean[blocks - 1]) / (blocks - 1); // their mean: the trend's share of each
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i] - drift);
        return 1.4826 * median(d) / Math.sqrt(2);
    }

    private static double median(double[] d) {
        java.util.Arrays.sort(d);
        int m = d.length;
        return m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    }

    /**
     * How many trailing windows the trend is fitted on: enough that, at noise {@code sigma} (log sd per window), the
     * 90 % interval's half-width per block is about half the tolerance (the fitted change then has the other half to
     * fall in: a flat series passes a check about nine times in ten), between {@link #MIN_TREND_BLOCKS} and
     * {@link #MAX_TREND_BLOCKS} blocks. A slope's sd over k windows is sigma·sqrt(12/k³) per window.
     */
    static int trendWindows(double sigma, int perBlock, double tolerance) {
        double perWindow = tolerance / 2 / Z / perBlock; // the slope's sd per window that gives that half-width
        int k = (int) Math.ceil(Math.cbrt(12 * Math.pow(sigma / perWindow, 2)));
        return Math.max(MIN_TREND_BLOCKS * perBlock, Math.min(MAX_TREND_BLOCKS * perBlock, k));
    }

    /**
     * The windows' noise (log sd per window) from the successive differences over {@code [from, to)}: 1.4826 times
     * their median absolute value, over √2. Why differences: a trend barely moves them, and a median ignores the odd
     * stalled window.
     */
    static double noise(double[] y, int from, int to) {
        double[] d = new double[to - from - 1];
        for (int i = from + 1; i < to; i++) d[i - from - 1] = Math.abs(y[i] - y[i - 1]);
        java.util.Arrays.sort(d);
        int m = d.length;
        double med = m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
        return 1.4826 * med / Math.sqrt(2);
    }

    /**
     * Least-squares slope of {@code y} on its index over {@code [from, to)} with its 90 % interval from the residuals
     * (Student's t, k - 2 degrees of freedom; the residual sd at least {@code noiseFloor}): {slope, lower, upper}
     * per window, then the mean residuals of the first and the last {@code blockOf} windows and the sd used. Why least squares and not a robust
     * fit (Theil–Sen was tried): a step of 10 % with three windows of the old level left in a trend window of 36
     * still tilts this line past the tolerance and widens its interval, where a rank-based fit calls the old level
     * an outlier until a quarter of the window is on it; a stalled window delays the stop, it cannot bring it
     * forward.
     */
    static double[] ols(double[] y, int from, int to, double noiseFloor, int blockOf) {
        int k = to - from;
        double mx = (k - 1) / 2.0;
        double my = 0;
        for (int i = from; i < to; i++) my += y[i];
        my /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            double dx = i - from - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int i = from; i < to; i++) {
            double r = y[i] - my - slope * (i - from - mx);
            rss += r * r;
        }
        // the residual sd, but never below the noise the longer stretch shows: a few quiet windows are luck
        double sd = Math.max(Math.sqrt(rss / (k - 2)), noiseFloor);
        double half = t95(k - 2) * sd / Math.sqrt(sxx);
        int b = Math.max(1, Math.min(k / MIN_TREND_BLOCKS, blockOf));
        double first = 0;
        double last = 0;
        for (int i = 0; i < b; i++) {
            first += y[from + i] - my - slope * (i - mx);
            last += y[to - 1 - i] - my - slope * (k - 1 - i - mx);
        }
        return new double[] {slope, slope - half, slope + half, first / b, last / b, sd};
    }

    /** Student's t 95 % quantile (the 90 % interval's), Cornish–Fisher from {@link #Z}: within 0.2 % for df ≥ 4. */
    static double t95(int df) {
        double z = Z;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * df * df * df);
    }
}
