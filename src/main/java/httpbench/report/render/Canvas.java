package httpbench.report.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** What the plots draw with; {@code cls} and {@code title} are SVG-only (a class for tests, a tooltip). */
public interface Canvas {
    /** Where a text sits on its point. */
    enum Anchor { START, MIDDLE, END }

    void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity, String cls,
              String title);

    void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke, double strokeWidth,
                String cls, String title);

    void rect(double x, double y, double w, double h, String fill, double opacity);

    void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold, String cls,
              String title);

    /** SVG elements with explicit attributes (no stylesheet needed: the same text works inline and as a file). */
    final class Svg implements Canvas {
        final StringBuilder b = new StringBuilder();

        static String open(double w, double h, String label) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Plots.f1(w) + " " + Plots.f1(h) + "\" width=\""
                    + Plots.f1(w) + "\" height=\"" + Plots.f1(h) + "\" role=\"img\" aria-label=\"" + Html.esc(label)
                    + "\" font-family=\"system-ui, -apple-system, Segoe UI, Roboto, sans-serif\">\n"
                    + "<rect x=\"0\" y=\"0\" width=\"" + Plots.f1(w) + "\" height=\"" + Plots.f1(h) + "\" fill=\"white\"/>\n";
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity,
                         String cls, String title) {
            b.append("<line").append(cls(cls)).append(" x1=\"").append(Plots.f1(x1)).append("\" y1=\"").append(Plots.f1(y1))
                    .append("\" x2=\"").append(Plots.f1(x2)).append("\" y2=\"").append(Plots.f1(y2)).append("\" stroke=\"")
                    .append(stroke).append("\" stroke-width=\"").append(Plots.f1(width)).append('"');
            if (opacity < 1) b.append(" stroke-opacity=\"").append(Plots.f2(opacity)).append('"');
            close("line", title);
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke,
                           double strokeWidth, String cls, String title) {
            b.append("<circle").append(cls(cls)).append(" cx=\"").append(Plots.f1(cx)).append("\" cy=\"").append(Plots.f1(cy))
                    .append("\" r=\"").append(Plots.f1(r)).append('"');
            if (stroke != null) {
                b.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(Plots.f1(strokeWidth)).append('"');
            }
            if (fillOpacity < 1) b.append(" fill-opacity=\"").append(Plots.f2(fillOpacity)).append('"');
            b.append(" fill=\"").append(fill).append('"');
            close("circle", title);
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, double opacity) {
            b.append("<rect x=\"").append(Plots.f1(x)).append("\" y=\"").append(Plots.f1(y)).append("\" width=\"").append(Plots.f1(w))
                    .append("\" height=\"").append(Plots.f1(h)).append("\" fill=\"").append(fill).append("\" fill-opacity=\"")
                    .append(Plots.f2(opacity)).append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold,
                         String cls, String title) {
            b.append("<text").append(cls(cls)).append(" x=\"").append(Plots.f1(x)).append("\" y=\"").append(Plots.f1(y))
                    .append("\" font-size=\"").append(Plots.f1(size)).append("\" fill=\"").append(fill).append('"');
            if (anchor != Anchor.START) b.append(" text-anchor=\"").append(anchor == Anchor.END ? "end" : "middle").append('"');
            if (bold) b.append(" font-weight=\"600\"");
            b.append('>').append(Html.esc(s));
            if (title != null) b.append("<title>").append(Html.esc(title)).append("</title>");
            b.append("</text>\n");
        }

        static String cls(String cls) {
            return cls == null ? "" : " class=\"" + cls + "\"";
        }

        void close(String tag, String title) {
            if (title == null) {
                b.append("/>\n");
            } else {
                b.append("><title>").append(Html.esc(title)).append("</title></").append(tag).append(">\n");
            }
        }
    }

    /** Java2D, for PNG files. */
    final class G2 implements Canvas {
        final Graphics2D g;

        G2(Graphics2D g) {
            this.g = g;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        }

        static Color colour(String hex, double opacity) {
            Color c = Color.decode(hex);
            return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, opacity))));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String stroke, double width, double opacity,
                         String cls, String title) {
            g.setColor(colour(stroke, opacity));
            g.setStroke(new BasicStroke((float) width));
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void circle(double cx, double cy, double r, String fill, double fillOpacity, String stroke,
                           double strokeWidth, String cls, String title) {
            Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            g.setColor(colour(fill, fillOpacity));
            g.fill(e);
            if (stroke != null) {
                g.setColor(colour(stroke, 1));
                g.setStroke(new BasicStroke((float) strokeWidth));
                g.draw(e);
            }
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, double opacity) {
            g.setColor(colour(fill, opacity));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void text(double x, double y, String s, Anchor anchor, String fill, double size, boolean bold,
                         String cls, String title) {
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, (int) Math.round(size)));
            g.setColor(colour(fill, 1));
            double w = g.getFontMetrics().stringWidth(s);
            double at = anchor == Anchor.END ? x - w : anchor == Anchor.MIDDLE ? x - w / 2 : x;
            g.drawString(s, (float) at, (float) y);
        }
    }
}
