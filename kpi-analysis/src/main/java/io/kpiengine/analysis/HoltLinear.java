package io.kpiengine.analysis;

import java.util.Locale;
import java.util.Objects;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Holt's linear trend method (additive trend, no damping, no seasonality), fitted by least squares as statsmodels'
 * {@code Holt(y, initialization_method="estimated").fit()} defines the fit, with forecasts and the prediction
 * intervals of the equivalent ETS(A,A,N) model.
 *
 * <p><b>Model</b> (statsmodels 0.13 {@code holtwinters}, {@code smoothing_level} alpha, {@code smoothing_trend}
 * beta): with initial level {@code l0} and trend {@code b0}, for {@code t = 0..n-1} the one-step forecast is
 * {@code f(t) = l(t) + b(t)}, then {@code l(t+1) = alpha y(t) + (1 - alpha) (l(t) + b(t))} and
 * {@code b(t+1) = beta (l(t+1) - l(t)) + (1 - beta) b(t)}. The forecast {@code h} steps after the last point is
 * {@code l(n) + h b(n)}.
 *
 * <p><b>Fit.</b> The objective is statsmodels': the sum of squared one-step errors {@code SSE = sum (y(t) - f(t))^2}
 * over {@code alpha} in {@code [sqrt(eps), 1 - sqrt(eps)]}, {@code beta} in {@code [0, alpha]} (statsmodels'
 * bounds and its constraint {@code smoothing_trend <= smoothing_level}) and free {@code l0}, {@code b0}
 * ("estimated" initial values: optimised with the smoothing weights). The forecasts are affine in
 * {@code (l0, b0)}, so for given weights the best initial values solve a 2 x 2 least-squares problem exactly; the
 * weights are then found by a grid of 25 x 21 points ({@code alpha}, {@code beta / alpha}) and Nelder-Mead from the
 * three best grid points, within the bounds, to a simplex of size 1e-10. This reaches the minimum of the objective;
 * statsmodels 0.13.5 reaches it too when its SLSQP run converges (for instance on a trending series, where both give
 * {@code SSE = 417.7329477951}), but often stops at its brute-force starting point (on lmtest's egg series after 5
 * iterations at {@code SSE = 1,637,242.2}, where the minimum is {@code 1,532,656.8}); the tests show both cases.
 *
 * <p><b>Intervals.</b> As statsmodels' {@code ETSModel(error="add", trend="add")} with {@code smoothing_trend =
 * alpha beta}: {@code sigma^2 = SSE / n}, the forecast error variance {@code h} steps ahead
 * {@code v(h) = sigma^2 (1 + sum_{j=1}^{h-1} (alpha + alpha beta j)^2)} (Hyndman et al. 2008, class 1), and for a
 * weighted sum of future values {@code sum_h w(h) y(n+h)} the variance {@code sigma^2 sum_k (w(k) + sum_{h>k} w(h)
 * (alpha + alpha beta (h - k)))^2}, from the innovations representation. Intervals are normal:
 * {@code forecast +- z((1 + level) / 2) sqrt(v)}.
 *
 * <pre>{@code
 * HoltLinear holt = HoltLinear.fit(monthlyLeads);
 * double next = holt.forecast(1);
 * Interval pi = holt.interval(3, 0.8);                // 80% prediction interval three periods ahead
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HoltLinear {

    /** The smallest smoothing level, as statsmodels' {@code LOWER_BOUND}: the square root of the double epsilon. */
    public static final double LOWER_BOUND = Math.sqrt(Math.ulp(1.0));
    /** The fewest points a fit needs. */
    public static final int MIN_POINTS = 4;

    private static final int GRID_ALPHA = 25;
    private static final int GRID_RATIO = 21;

    private final double alpha;
    private final double beta;
    private final double level0;
    private final double trend0;
    private final double sse;
    private final int n;
    private final double level;
    private final double trend;

    private HoltLinear(double[] y, double alpha, double beta, double level0, double trend0) {
        this.alpha = alpha;
        this.beta = beta;
        this.level0 = level0;
        this.trend0 = trend0;
        this.n = y.length;
        double l = level0;
        double b = trend0;
        double s = 0;
        for (double v : y) {
            double e = v - (l + b);
            s += e * e;
            double next = alpha * v + (1 - alpha) * (l + b);
            b = beta * (next - l) + (1 - beta) * b;
            l = next;
        }
        this.sse = s;
        this.level = l;
        this.trend = b;
    }

    /**
     * Fits the model to a series by least squares (see the class comment).
     *
     * @param y the points in time order, at least {@value #MIN_POINTS}, all finite
     * @return the fitted model
     * @throws NullPointerException if y is null
     * @throws IllegalArgumentException if there are fewer than {@value #MIN_POINTS} points or a point is not finite
     */
    public static HoltLinear fit(double... y) {
        check(y);
        double[] best = {Double.POSITIVE_INFINITY, 0, 0, 0, 0};
        double[][] starts = new double[3][];
        double[] startSse = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] scratch = new double[3];
        for (int i = 0; i < GRID_ALPHA; i++) {
            double a = LOWER_BOUND + (1 - 2 * LOWER_BOUND) * i / (GRID_ALPHA - 1);
            for (int j = 0; j < GRID_RATIO; j++) {
                double r = (double) j / (GRID_RATIO - 1);
                double s = profile(y, a, a * r, scratch);
                for (int k = 0; k < 3; k++) {
                    if (s < startSse[k]) {
                        for (int m = 2; m > k; m--) {
                            startSse[m] = startSse[m - 1];
                            starts[m] = starts[m - 1];
                        }
                        startSse[k] = s;
                        starts[k] = new double[] {a, r};
                        break;
                    }
                }
            }
        }
        for (double[] start : starts) {
            if (start != null) {
                double[] found = nelderMead(y, start);
                if (found[0] < best[0]) {
                    best = found;
                }
            }
        }
        double a = best[1];
        double b = a * best[2];
        profile(y, a, b, scratch);
        return new HoltLinear(y.clone(), a, b, scratch[0], scratch[1]);
    }

    /**
     * The model with given weights and initial values, not fitted: for forecasts from known parameters, and to
     * check a fit against another tool.
     *
     * @param y the points in time order, at least {@value #MIN_POINTS}, all finite
     * @param alpha the smoothing level, in (0, 1)
     * @param beta the smoothing trend, in [0, alpha]
     * @param level0 the initial level
     * @param trend0 the initial trend
     * @return the model
     * @throws NullPointerException if y is null
     * @throws IllegalArgumentException if the points or parameters are out of range
     */
    public static HoltLinear of(double[] y, double alpha, double beta, double level0, double trend0) {
        check(y);
        if (!(alpha > 0 && alpha < 1) || !(beta >= 0 && beta <= alpha) || !Double.isFinite(level0)
                || !Double.isFinite(trend0)) {
            throw new IllegalArgumentException("Holt parameters must satisfy 0 < alpha < 1, 0 <= beta <= alpha and"
                    + " finite initial values, but were alpha " + alpha + ", beta " + beta + ", level " + level0
                    + ", trend " + trend0);
        }
        return new HoltLinear(y.clone(), alpha, beta, level0, trend0);
    }

    private static void check(double[] y) {
        Objects.requireNonNull(y, "y");
        if (y.length < MIN_POINTS) {
            throw new IllegalArgumentException("Holt's method needs at least " + MIN_POINTS + " points, but got "
                    + y.length);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " must be finite, but was " + y[i]);
            }
        }
    }

    /**
     * The SSE at the best initial values for given weights; {@code out[0..1]} receive those initial values.
     *
     * <p>Every state is affine in {@code (l0, b0)}: it is carried as three channels (constant, l0 coefficient, b0
     * coefficient), and the one-step errors {@code r(t) - u(t) l0 - w(t) b0} give the normal equations.
     */
    static double profile(double[] y, double a, double b, double[] out) {
        double lc = 0;
        double lu = 1;
        double lw = 0;
        double tc = 0;
        double tu = 0;
        double tw = 1;
        double suu = 0;
        double suw = 0;
        double sww = 0;
        double sur = 0;
        double swr = 0;
        double srr = 0;
        for (double v : y) {
            double fc = lc + tc;
            double fu = lu + tu;
            double fw = lw + tw;
            double r = v - fc;
            suu += fu * fu;
            suw += fu * fw;
            sww += fw * fw;
            sur += fu * r;
            swr += fw * r;
            srr += r * r;
            double nc = a * v + (1 - a) * fc;
            double nu = (1 - a) * fu;
            double nw = (1 - a) * fw;
            tc = b * (nc - lc) + (1 - b) * tc;
            tu = b * (nu - lu) + (1 - b) * tu;
            tw = b * (nw - lw) + (1 - b) * tw;
            lc = nc;
            lu = nu;
            lw = nw;
        }
        double det = suu * sww - suw * suw;
        double l0;
        double b0;
        if (Math.abs(det) > 1e-12 * (suu * sww + Double.MIN_NORMAL)) {
            l0 = (sww * sur - suw * swr) / det;
            b0 = (suu * swr - suw * sur) / det;
        } else {
            // the two columns are (nearly) collinear: the minimum-norm solution along their common direction
            double norm = suu + sww;
            l0 = norm == 0 ? 0 : sur / norm;
            b0 = norm == 0 ? 0 : swr / norm;
        }
        out[0] = l0;
        out[1] = b0;
        return Math.max(0, srr - 2 * (l0 * sur + b0 * swr) + l0 * l0 * suu + 2 * l0 * b0 * suw + b0 * b0 * sww);
    }

    /** Nelder-Mead over (alpha, beta / alpha) within the bounds; returns {sse, alpha, ratio}. */
    private static double[] nelderMead(double[] y, double[] start) {
        double[] scratch = new double[3];
        double[][] simplex = {
            {start[0], start[1]},
            {start[0] + (start[0] < 0.5 ? 0.04 : -0.04), start[1]},
            {start[0], start[1] + (start[1] < 0.5 ? 0.05 : -0.05)},
        };
        double[] f = new double[3];
        for (int i = 0; i < 3; i++) {
            clamp(simplex[i]);
            f[i] = profile(y, simplex[i][0], simplex[i][0] * simplex[i][1], scratch);
        }
        for (int iter = 0; iter < 1000; iter++) {
            sort(simplex, f);
            double size = Math.max(Math.abs(simplex[1][0] - simplex[0][0]) + Math.abs(simplex[1][1] - simplex[0][1]),
                    Math.abs(simplex[2][0] - simplex[0][0]) + Math.abs(simplex[2][1] - simplex[0][1]));
            if (size < 1e-10) {
                break;
            }
            double[] c = {(simplex[0][0] + simplex[1][0]) / 2, (simplex[0][1] + simplex[1][1]) / 2};
            double[] xr = point(c, simplex[2], -1);
            double fr = profile(y, xr[0], xr[0] * xr[1], scratch);
            if (fr < f[0]) {
                double[] xe = point(c, simplex[2], -2);
                double fe = profile(y, xe[0], xe[0] * xe[1], scratch);
                simplex[2] = fe < fr ? xe : xr;
                f[2] = Math.min(fe, fr);
            } else if (fr < f[1]) {
                simplex[2] = xr;
                f[2] = fr;
            } else {
                double[] xc = point(c, simplex[2], fr < f[2] ? -0.5 : 0.5);
                double fc = profile(y, xc[0], xc[0] * xc[1], scratch);
                if (fc < Math.min(fr, f[2])) {
                    simplex[2] = xc;
                    f[2] = fc;
                } else {
                    for (int i = 1; i < 3; i++) {
                        simplex[i] = new double[] {(simplex[i][0] + simplex[0][0]) / 2,
                            (simplex[i][1] + simplex[0][1]) / 2};
                        f[i] = profile(y, simplex[i][0], simplex[i][0] * simplex[i][1], scratch);
                    }
                }
            }
        }
        sort(simplex, f);
        return new double[] {f[0], simplex[0][0], simplex[0][1]};
    }

    /** The point c + t (x - c), clamped to the bounds. */
    private static double[] point(double[] c, double[] x, double t) {
        double[] p = {c[0] + t * (x[0] - c[0]), c[1] + t * (x[1] - c[1])};
        clamp(p);
        return p;
    }

    private static void clamp(double[] p) {
        p[0] = Math.min(1 - LOWER_BOUND, Math.max(LOWER_BOUND, p[0]));
        p[1] = Math.min(1, Math.max(0, p[1]));
    }

    private static void sort(double[][] simplex, double[] f) {
        for (int i = 1; i < 3; i++) {
            for (int j = i; j > 0 && f[j] < f[j - 1]; j--) {
                double t = f[j];
                f[j] = f[j - 1];
                f[j - 1] = t;
                double[] p = simplex[j];
                simplex[j] = simplex[j - 1];
                simplex[j - 1] = p;
            }
        }
    }

    /**
     * The smoothing level (statsmodels {@code smoothing_level}).
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The smoothing trend (statsmodels {@code smoothing_trend}, Hyndman's beta*).
     *
     * @return beta
     */
    public double beta() {
        return beta;
    }

    /**
     * The initial level (statsmodels {@code initial_level}).
     *
     * @return l0
     */
    public double initialLevel() {
        return level0;
    }

    /**
     * The initial trend (statsmodels {@code initial_trend}).
     *
     * @return b0
     */
    public double initialTrend() {
        return trend0;
    }

    /**
     * The sum of squared one-step errors over the fitted points.
     *
     * @return the SSE
     */
    public double sse() {
        return sse;
    }

    /**
     * The number of fitted points.
     *
     * @return n
     */
    public int points() {
        return n;
    }

    /**
     * The innovation variance, {@code SSE / n} (statsmodels ETS {@code mse}).
     *
     * @return sigma squared
     */
    public double sigma2() {
        return sse / n;
    }

    /**
     * The point forecast {@code h} steps after the last point: {@code l(n) + h b(n)}.
     *
     * @param h 1 or more
     * @return the forecast
     * @throws IllegalArgumentException if h is less than 1
     */
    public double forecast(int h) {
        steps(h);
        return level + h * trend;
    }

    /**
     * The forecast error variance {@code h} steps ahead: {@code sigma^2 (1 + sum_{j=1}^{h-1} (alpha + alpha beta
     * j)^2)}.
     *
     * @param h 1 or more
     * @return the variance
     * @throws IllegalArgumentException if h is less than 1
     */
    public double variance(int h) {
        steps(h);
        double sum = 1;
        for (int j = 1; j < h; j++) {
            double c = alpha + alpha * beta * j;
            sum += c * c;
        }
        return sigma2() * sum;
    }

    /**
     * The variance of a weighted sum of the next values, {@code sum_{h=1}^{H} w(h) y(n+h)} (see the class comment):
     * with all weights 1, the variance of the total of the next H values.
     *
     * @param weights {@code weights[h - 1]} is {@code w(h)}; at least one
     * @return the variance
     * @throws IllegalArgumentException if there are no weights or one is not finite
     */
    public double sumVariance(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("weights must hold at least one weight, but were empty");
        }
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            if (!Double.isFinite(weights[k])) {
                throw new IllegalArgumentException("weight " + (k + 1) + " must be finite, but was " + weights[k]);
            }
            double coefficient = weights[k];
            for (int h = k + 1; h < weights.length; h++) {
                coefficient += weights[h] * (alpha + alpha * beta * (h - k));
            }
            total += coefficient * coefficient;
        }
        return sigma2() * total;
    }

    /**
     * The normal prediction interval of the forecast {@code h} steps ahead.
     *
     * @param h 1 or more
     * @param level in (0, 1), e.g. 0.8
     * @return the interval
     * @throws IllegalArgumentException if h is less than 1 or level is out of range
     */
    public Interval interval(int h, double level) {
        return normalInterval(forecast(h), variance(h), level);
    }

    /**
     * A normal interval {@code mean +- z((1 + level) / 2) sqrt(variance)}.
     *
     * @param mean the centre
     * @param variance the variance, at least 0
     * @param level in (0, 1)
     * @return the interval
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval normalInterval(double mean, double variance, double level) {
        if (!(level > 0 && level < 1) || !(variance >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("a normal interval needs a finite mean, a variance >= 0 and a level in"
                    + " (0, 1), but got " + mean + ", " + variance + ", " + level);
        }
        double half = new NormalDistribution(0, 1).inverseCumulativeProbability((1 + level) / 2) * Math.sqrt(variance);
        return new Interval(mean - half, mean + half, level);
    }

    private static void steps(int h) {
        if (h < 1) {
            throw new IllegalArgumentException("steps ahead must be at least 1, but was " + h);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Holt linear (alpha %.4f, beta %.4f) on %d points, SSE %.6g", alpha, beta, n,
                sse);
    }
}
