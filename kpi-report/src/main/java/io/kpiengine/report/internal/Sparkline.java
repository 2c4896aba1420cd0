package io.kpiengine.report.internal;

import java.util.Locale;

/**
 * A sparkline drawn on the server as inline SVG: a polyline of the values (gaps where a value is missing), the
 * target as a dashed line when it is in range, and a dot on the last value in its status colour. It needs no
 * script, is painted with the first frame and prints sharp.
 */
final class Sparkline {

    static final int WIDTH = 120;
    static final int HEIGHT = 32;

    private Sparkline() {
    }

    static void write(StringBuilder out, Line l, int last, String label) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = last + 1;
        for (int i = 0; i < n; i++) {
            double v = l.value[i];
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double t = l.target[last];
        boolean target = Double.isFinite(t) && Double.isFinite(min) && t >= min - (max - min) * 0.5
                && t <= max + (max - min) * 0.5;
        if (target) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        out.append("<svg class=\"spark\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(Html.escape(label))
                .append("\">");
        if (!Double.isFinite(min)) {
            out.append("</svg>");
            return;
        }
        double span = max - min == 0 ? 1 : max - min;
        double dx = n > 1 ? (WIDTH - 6) / (double) (n - 1) : 0;
        if (target) {
            double y = y(t, min, span);
            out.append("<line class=\"spark-target\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>");
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double v = l.value[i];
            if (Double.isFinite(v)) {
                points.append(num(3 + i * dx)).append(',').append(num(y(v, min, span))).append(' ');
            } else if (points.length() > 0) {
                polyline(out, points);
                points.setLength(0);
            }
        }
        polyline(out, points);
        if (Double.isFinite(l.value[last])) {
            out.append("<circle class=\"spark-dot s-").append(l.status[last].id()).append("\" cx=\"")
                    .append(num(3 + last * dx)).append("\" cy=\"").append(num(y(l.value[last], min, span)))
                    .append("\" r=\"2.6\"/>");
        }
        out.append("</svg>");
    }

    private static void polyline(StringBuilder out, StringBuilder points) {
        if (points.length() > 0) {
            out.append("<polyline class=\"spark-line\" points=\"").append(points.toString().trim()).append("\"/>");
        }
    }

    private static double y(double v, double min, double span) {
        return 3 + (HEIGHT - 6) * (1 - (v - min) / span);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
