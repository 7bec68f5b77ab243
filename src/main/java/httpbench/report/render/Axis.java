package httpbench.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A value axis between pixels x0 and x1. */
abstract class Axis {
    final double x0;
    final double x1;

    Axis(double x0, double x1) {
        this.x0 = x0;
        this.x1 = x1;
    }

    abstract double x(double v);

    abstract List<Double> ticks();

    abstract String scale();

    void draw(Canvas c, double top, double bottom, String unit) {
        for (double t : ticks()) {
            double x = x(t);
            c.line(x, top, x, bottom, Plots.GRID, 1, 1, null, null);
            c.text(x, bottom + 16, Plots.tick(t), Canvas.Anchor.MIDDLE, Plots.INK, 12, false, null, null);
        }
        c.line(x0, bottom, x1, bottom, Plots.ITERATION, 1, 1, null, null);
        c.text((x0 + x1) / 2, bottom + 34, unit + scale(), Canvas.Anchor.MIDDLE, Plots.INK, 12, false, null, null);
    }


    /** Logarithmic over [lo, hi], padded a little; at least ±5 % around a very precise value. */
    static final class Log extends Axis {
        final double lo;
        final double hi;

        Log(double lo, double hi, double x0, double x1) {
            super(x0, x1);
            if (hi / lo < 1.1) {
                double mid = Math.sqrt(lo * hi);
                lo = mid / 1.05;
                hi = mid * 1.05;
            }
            double pad = Math.pow(hi / lo, 0.04);
            this.lo = lo / pad;
            this.hi = hi * pad;
        }

        @Override
        double x(double v) {
            return x0 + (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) * (x1 - x0);
        }

        /** 1-2-5 ticks inside the axis (1-1.2-1.5... on a narrow one); three spread ticks when fewer than two fit. */
        @Override
        List<Double> ticks() {
            double[] steps = hi / lo > 4 ? new double[] {1, 2, 5} : new double[] {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
            List<Double> t = new ArrayList<>();
            for (int d = (int) Math.floor(Math.log10(lo)); d <= (int) Math.ceil(Math.log10(hi)); d++) {
                for (double m : steps) {
                    double v = m * Math.pow(10, d);
                    if (v >= lo && v <= hi) t.add(v);
                }
            }
            if (t.size() < 2) {
                t.clear();
                for (double q : new double[] {0.15, 0.5, 0.85}) t.add(lo * Math.pow(hi / lo, q));
            }
            return t;
        }

        @Override
        String scale() {
            return " (log scale)";
        }
    }

    /** Linear from 0 to a little above hi, with 1-2-5 steps. */
    static final class Linear extends Axis {
        final double hi;
        final double step;

        Linear(double hi, double x0, double x1) {
            super(x0, x1);
            double raw = hi * 1.05 / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double m = raw / mag;
            this.step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag;
            this.hi = Math.max(hi * 1.05, step);
        }

        @Override
        double x(double v) {
            return x0 + v / hi * (x1 - x0);
        }

        @Override
        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            for (int i = 0; i * step <= hi * (1 + 1e-9); i++) t.add(i * step);
            return t;
        }

        @Override
        String scale() {
            return "";
        }
    }
}
