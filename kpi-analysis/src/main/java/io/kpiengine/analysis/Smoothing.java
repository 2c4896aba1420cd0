package io.kpiengine.analysis;

import java.util.Objects;

/**
 * Moving averages: simple and exponential.
 *
 * <p><b>Definitions</b> (pandas 1.5).
 * <ul>
 *   <li>{@link #sma(Series, int) sma(s, w)} is {@code s.rolling(w).mean()}: the mean of points {@code t-w+1..t};
 *       absent for the first {@code w - 1} points and for every window that holds a missing point.</li>
 *   <li>{@link #ema(Series, double, boolean) ema(s, alpha, adjust)} is {@code s.ewm(alpha=alpha,
 *       adjust=adjust).mean()}. With {@code adjust = true} it is the weighted mean
 *       {@code sum over i of (1-alpha)^i v[t-i] / sum over i of (1-alpha)^i} over {@code i = 0..t}; with
 *       {@code adjust = false} the recursion {@code e[0] = v[0]}, {@code e[t] = (1-alpha) e[t-1] + alpha v[t]}.
 *       Both are evaluated with pandas' own recursion ({@code ewma} in {@code pandas/_libs/window/aggregations}),
 *       so the results agree to the last bits. {@code alpha} from a span {@code s} is {@code 2 / (s + 1)}
 *       ({@link #alphaFromSpan(double)}), from a half-life {@code h} it is {@code 1 - exp(-ln 2 / h)}.</li>
 * </ul>
 *
 * <pre>{@code
 * Points weekly = Smoothing.sma(visits, 7);
 * Points smooth = Smoothing.ema(visits, Smoothing.alphaFromSpan(14), true);
 * }</pre>
 */
public final class Smoothing {

    private Smoothing() {
    }

    /**
     * Returns the simple moving average.
     *
     * @param series the series; a missing point makes every window that holds it absent
     * @param window the number of points averaged, at least 1
     * @return the averages, named {@code "<name> sma(<window>)"}
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public static Points sma(Series series, int window) {
        Objects.requireNonNull(series, "series");
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, but was " + window);
        }
        double[] v = series.values();
        int n = v.length;
        double[] out = new double[n];
        String[] reasons = new String[n];
        String head = "a window of " + window + " needs " + (window - 1) + " earlier point" + (window == 2 ? "" : "s");
        int lastMissing = -1;
        for (int t = 0; t < n; t++) {
            if (Double.isNaN(v[t])) {
                lastMissing = t;
            }
            if (t < window - 1) {
                reasons[t] = head;
            } else if (lastMissing > t - window) {
                reasons[t] = "the window " + (t - window + 1) + ".." + t + " holds missing point " + lastMissing;
            } else {
                // Neumaier-compensated sum of the window: exact to rounding for any window length
                double sum = 0;
                double compensation = 0;
                for (int i = t - window + 1; i <= t; i++) {
                    double x = v[i];
                    double s = sum + x;
                    compensation += Math.abs(sum) >= Math.abs(x) ? (sum - s) + x : (x - s) + sum;
                    sum = s;
                }
                out[t] = (sum + compensation) / window;
            }
        }
        return new Points(series.name() + " sma(" + window + ")", out, reasons);
    }

    /**
     * Returns the exponential moving average.
     *
     * @param series the series, without missing points (fill them first, for instance with
     *     {@code series.withMissing(MissingPolicy.INTERPOLATE)})
     * @param alpha the smoothing factor, in (0, 1]
     * @param adjust true for pandas' {@code adjust=True} (weighted mean of all points so far), false for the
     *     recursive form
     * @return the averages, named {@code "<name> ema(<alpha>)"}
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code alpha} is not in (0, 1]
     * @throws AnalysisException if a point is missing
     */
    public static Points ema(Series series, double alpha, boolean adjust) {
        Objects.requireNonNull(series, "series");
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], but was " + alpha);
        }
        double[] v = series.complete(MissingPolicy.ERROR, "ema");
        int n = v.length;
        double[] out = new double[n];
        if (n == 0) {
            return new Points(series.name() + " ema(" + alpha + ")", out, null);
        }
        double decay = 1 - alpha;
        double fresh = adjust ? 1 : alpha;
        double weighted = v[0];
        double oldWeight = 1;
        out[0] = weighted;
        for (int t = 1; t < n; t++) {
            double current = v[t];
            oldWeight *= decay;
            if (weighted != current) {
                weighted = (oldWeight * weighted + fresh * current) / (oldWeight + fresh);
            }
            oldWeight = adjust ? oldWeight + fresh : 1;
            out[t] = weighted;
        }
        return new Points(series.name() + " ema(" + alpha + ")", out, null);
    }

    /**
     * Returns the smoothing factor of a span, pandas' {@code ewm(span=s)}.
     *
     * @param span the span, at least 1
     * @return {@code 2 / (span + 1)}
     * @throws IllegalArgumentException if {@code span < 1}
     */
    public static double alphaFromSpan(double span) {
        if (!(span >= 1)) {
            throw new IllegalArgumentException("span must be at least 1, but was " + span);
        }
        return 2 / (span + 1);
    }

    /**
     * Returns the smoothing factor of a half-life, pandas' {@code ewm(halflife=h)}.
     *
     * @param halfLife the half-life in periods, positive
     * @return {@code 1 - exp(-ln 2 / halfLife)}
     * @throws IllegalArgumentException if {@code halfLife <= 0}
     */
    public static double alphaFromHalfLife(double halfLife) {
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("halfLife must be positive, but was " + halfLife);
        }
        return 1 - Math.exp(-Math.log(2) / halfLife);
    }
}
