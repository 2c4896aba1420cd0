package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.LagSums;
import io.kpiengine.analysis.internal.Tails;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;
import org.jspecify.annotations.Nullable;

/**
 * The cross-correlation of a leading and a lagging series for lags {@code -maxLag..maxLag}, with its significance
 * band: which lag links the two series most strongly, and whether the leading series really moves first.
 *
 * <p><b>Definition</b> (statsmodels 0.13 {@code ccf}). With {@code x} the leading and {@code y} the lagging series
 * of {@code n} points (after pre-whitening), {@code x'} and {@code y'} the series minus their full-series means and
 * {@code sx}, {@code sy} their population standard deviations ({@code numpy.std}, ddof 0):
 * <pre>
 *   r(k) = sum over t of y'[t+k] x'[t] / (d(k) sx sy)      d(k) = n - |k| if adjusted, else n
 * </pre>
 * For {@code k >= 0}, {@code r(k)} is the correlation of the lagging series with the leading series {@code k}
 * periods earlier and equals {@code ccf(y, x, adjusted)[k]}; for {@code k < 0} it equals {@code ccf(x, y,
 * adjusted)[-k]}. A positive best lag therefore means the leading series moves first. Unadjusted (the default here;
 * statsmodels' default is adjusted) values are bounded by 1 in magnitude.
 *
 * <p>The approximate significance band is {@code ±z / sqrt(n)} with {@code z} the normal quantile of
 * {@code (1 + confidence) / 2} (1.95996 for 95 %), the band under the null of two independent white-noise series;
 * without pre-whitening, autocorrelated series exceed it far more often than the confidence level says.
 *
 * <pre>{@code
 * CrossCorrelation ccf = CrossCorrelation.of(signups, revenue, 12);
 * ccf.bestLead().ifPresent(k -> System.out.println("signups lead revenue by " + k + ": r = "
 *         + ccf.correlation(k).value()));
 * }</pre>
 *
 * <p>A constant series (after pre-whitening) has no correlation: every {@link #correlation(int)} is absent with
 * the reason. Instances are immutable and thread-safe.
 */
public final class CrossCorrelation {

    private static final String STATISTIC = "ccf";

    private final String leading;
    private final String lagging;
    private final int maxLag;
    private final boolean adjusted;
    private final Prewhitening prewhitening;
    private final int observations;
    private final double confidence;
    private final double band;
    private final double @Nullable [] r;
    private final @Nullable String reason;

    private CrossCorrelation(String leading, String lagging, int maxLag, boolean adjusted, Prewhitening prewhitening,
            int observations, double confidence, double @Nullable [] r, @Nullable String reason) {
        this.leading = leading;
        this.lagging = lagging;
        this.maxLag = maxLag;
        this.adjusted = adjusted;
        this.prewhitening = prewhitening;
        this.observations = observations;
        this.confidence = confidence;
        this.band = Tails.normalQuantile((1 + confidence) / 2) / Math.sqrt(observations);
        this.r = r;
        this.reason = reason;
    }

    /**
     * Computes the unadjusted cross-correlation without pre-whitening, 95 % band, no missing points allowed; see
     * {@link LeadLag} for the other options.
     *
     * @param leading the series expected to move first
     * @param lagging the series expected to follow, of the same length
     * @param maxLag the largest lag, at least 0
     * @return the cross-correlation
     * @throws NullPointerException if a series is null
     * @throws IllegalArgumentException if the lengths differ or {@code maxLag < 0}
     * @throws AnalysisException if the series have fewer than {@code maxLag + 2} points or a missing point
     */
    public static CrossCorrelation of(Series leading, Series lagging, int maxLag) {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        checkPair(leading, lagging);
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be at least 0, but was " + maxLag);
        }
        return compute(leading, lagging, leading.complete(MissingPolicy.ERROR, STATISTIC),
                lagging.complete(MissingPolicy.ERROR, STATISTIC), maxLag, false, Prewhitening.none(), 0.95);
    }

    static void checkPair(Series leading, Series lagging) {
        if (leading.size() != lagging.size()) {
            throw new IllegalArgumentException("series must have the same length (line them up by period first), but '"
                    + leading.name() + "' has " + leading.size() + " points and '" + lagging.name() + "' has "
                    + lagging.size());
        }
    }

    /** Returns "series 'a' and 'b'" for messages about a pair. */
    static String pairLabel(Series leading, Series lagging) {
        return "series '" + leading.name() + "' and '" + lagging.name() + "'";
    }

    /** The number of raw points a cross-correlation with these options needs. */
    static int minimumPoints(int maxLag, Prewhitening prewhitening) {
        int lost = prewhitening.lostPoints();
        int need = maxLag + 2 + lost;
        if (prewhitening.method() == Prewhitening.Method.AUTOREGRESSIVE) {
            need = Math.max(need, 2 * lost + 2);
        }
        return need;
    }

    static CrossCorrelation compute(Series leadingSeries, Series laggingSeries, double[] x, double[] y, int maxLag,
            boolean adjusted, Prewhitening prewhitening, double confidence) {
        int n = x.length;
        int need = minimumPoints(maxLag, prewhitening);
        if (n < need) {
            throw new AnalysisException(STATISTIC, pairLabel(leadingSeries, laggingSeries), "have " + n
                    + " points; maxLag " + maxLag + prewhitening.phrase() + " needs at least " + need);
        }
        String leading = leadingSeries.name();
        String lagging = laggingSeries.name();
        int q = prewhitening.lostPoints();
        int m = n - q;
        String constant = constantReason(leadingSeries, x);
        if (constant == null) {
            constant = constantReason(laggingSeries, y);
        }
        if (constant != null) {
            return new CrossCorrelation(leading, lagging, maxLag, adjusted, prewhitening, m, confidence, null,
                    constant);
        }
        double[] r = new double[2 * maxLag + 1];
        double sxx;
        double syy;
        if (q == 0) {
            double mx = LagSums.mean(x, n);
            double my = LagSums.mean(y, n);
            LagSums.cross(x, mx, y, my, n, -maxLag, maxLag, r);
            double[] own = new double[1];
            LagSums.cross(x, mx, x, mx, n, 0, 0, own);
            sxx = own[0];
            LagSums.cross(y, my, y, my, n, 0, 0, own);
            syy = own[0];
        } else {
            double[] w = filter(leadingSeries, x, prewhitening);
            double mx = filteredMean(x, w, m);
            double my = filteredMean(y, w, m);
            sxx = filteredCross(x, mx, x, mx, w, m, 0);
            syy = filteredCross(y, my, y, my, w, m, 0);
            if (!(sxx > 0) || !(syy > 0)) {
                return new CrossCorrelation(leading, lagging, maxLag, adjusted, prewhitening, m, confidence, null,
                        "series '" + (sxx > 0 ? lagging : leading) + "' is constant" + prewhitening.phrase()
                                + "; its correlation is undefined");
            }
            for (int d = -maxLag; d <= maxLag; d++) {
                r[d + maxLag] = filteredCross(x, mx, y, my, w, m, d);
            }
        }
        // r currently holds F_xy(d) at index d + maxLag; r(k) = F_xy(-k) / (d(k) sx sy)
        double scale = Math.sqrt(sxx / m) * Math.sqrt(syy / m);
        double[] out = new double[r.length];
        for (int k = -maxLag; k <= maxLag; k++) {
            double denominator = adjusted ? m - Math.abs(k) : m;
            out[k + maxLag] = r[-k + maxLag] / denominator / scale;
        }
        return new CrossCorrelation(leading, lagging, maxLag, adjusted, prewhitening, m, confidence, out, null);
    }

    /** Builds a result from lag sums computed elsewhere (the scan): fxy[d + offset] = F_xy(d). */
    static CrossCorrelation fromSums(String leading, String lagging, int n, int maxLag, boolean adjusted,
            double confidence, double[] fxy, int offset, double sxx, double syy) {
        double scale = Math.sqrt(sxx / n) * Math.sqrt(syy / n);
        double[] out = new double[2 * maxLag + 1];
        for (int k = -maxLag; k <= maxLag; k++) {
            double denominator = adjusted ? n - Math.abs(k) : n;
            out[k + maxLag] = fxy[-k + offset] / denominator / scale;
        }
        return new CrossCorrelation(leading, lagging, maxLag, adjusted, Prewhitening.none(), n, confidence, out,
                null);
    }

    static CrossCorrelation undefined(String leading, String lagging, int n, int maxLag, boolean adjusted,
            double confidence, String reason) {
        return new CrossCorrelation(leading, lagging, maxLag, adjusted, Prewhitening.none(), n, confidence, null,
                reason);
    }

    /** Returns why a raw series is constant (before any filter can change that), or null. */
    static @Nullable String constantReason(Series series, double[] v) {
        double first = v[0];
        for (double value : v) {
            if (value != first) {
                return null;
            }
        }
        return series.label() + " is constant (every point is " + Texts.number(first) + "); its correlation is"
                + " undefined";
    }


    /** The filter weights w[0..q] with e[t] = sum w[i] v[t - i]. */
    private static double[] filter(Series leadingSeries, double[] x, Prewhitening prewhitening) {
        if (prewhitening.method() == Prewhitening.Method.DIFFERENCE) {
            return new double[] {1, -1};
        }
        int p = prewhitening.lostPoints();
        double[] phi = autoregression(leadingSeries, x, p);
        double[] w = new double[p + 1];
        w[0] = 1;
        for (int i = 1; i <= p; i++) {
            w[i] = -phi[i - 1];
        }
        return w;
    }

    /**
     * Fits x[t] = c + phi1 x[t-1] + ... + phip x[t-p] by OLS on rows p..n-1 (statsmodels AutoReg(trend="c")) and
     * returns phi. The normal equations are formed on the columns centred over the window (which removes c) and
     * solved by Hipparchus' Cholesky decomposition.
     */
    static double[] autoregression(Series series, double[] x, int p) {
        int n = x.length;
        double mx = LagSums.mean(x, n);
        double total = LagSums.total(x, mx, n);
        double[] full = new double[p + 1];
        LagSums.cross(x, mx, x, mx, n, 0, p, full);
        int m = n - p;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 1; i <= p; i++) {
            double si = LagSums.windowSum(x, mx, n, p, i, total);
            for (int j = 1; j <= p; j++) {
                double sj = LagSums.windowSum(x, mx, n, p, j, total);
                a[i - 1][j - 1] = LagSums.window(x, mx, x, mx, n, p, i, j, full[Math.abs(j - i)]) - si * sj / m;
            }
            double s0 = LagSums.windowSum(x, mx, n, p, 0, total);
            b[i - 1] = LagSums.window(x, mx, x, mx, n, p, i, 0, full[i]) - si * s0 / m;
        }
        // scale to unit diagonal so that the positivity threshold is relative
        double[] root = new double[p];
        for (int i = 0; i < p; i++) {
            root[i] = Math.sqrt(a[i][i]);
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                a[i][j] /= root[i] * root[j];
            }
            b[i] /= root[i];
        }
        try {
            RealVector scaled = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 1e-13)
                    .getSolver().solve(new ArrayRealVector(b, false));
            double[] phi = scaled.toArray();
            for (int i = 0; i < p; i++) {
                phi[i] /= root[i];
            }
            return phi;
        } catch (RuntimeException singular) {
            throw new AnalysisException(STATISTIC, series.label(), "has lags 1.." + p + " that are collinear;"
                    + " an AR(" + p + ") pre-whitening filter cannot be fitted, use a smaller order or differencing");
        }
    }

    private static double filtered(double[] v, double[] w, int t) {
        int q = w.length - 1;
        double s = 0;
        for (int i = 0; i <= q; i++) {
            s += w[i] * v[t + q - i];
        }
        return s;
    }

    private static double filteredMean(double[] v, double[] w, int m) {
        double s = 0;
        for (int t = 0; t < m; t++) {
            s += filtered(v, w, t);
        }
        double mean = s / m;
        double c = 0;
        for (int t = 0; t < m; t++) {
            c += filtered(v, w, t) - mean;
        }
        return mean + c / m;
    }

    /** F(d) of the filtered series: sum over u of (fa[u+d] - ma)(fb[u] - mb). */
    private static double filteredCross(double[] a, double ma, double[] b, double mb, double[] w, int m, int d) {
        double s = 0;
        for (int u = Math.max(0, -d), top = Math.min(m - 1, m - 1 - d); u <= top; u++) {
            s += (filtered(a, w, u + d) - ma) * (filtered(b, w, u) - mb);
        }
        return s;
    }

    /**
     * Returns the name of the leading series.
     *
     * @return the name
     */
    public String leading() {
        return leading;
    }

    /**
     * Returns the name of the lagging series.
     *
     * @return the name
     */
    public String lagging() {
        return lagging;
    }

    /**
     * Returns the largest lag computed.
     *
     * @return {@code maxLag}; lags run from {@code -maxLag} to {@code maxLag}
     */
    public int maxLag() {
        return maxLag;
    }

    /**
     * Tells whether the denominators are {@code n - |k|} (adjusted) rather than {@code n}.
     *
     * @return true if adjusted
     */
    public boolean adjusted() {
        return adjusted;
    }

    /**
     * Returns the pre-whitening applied before correlating.
     *
     * @return the pre-whitening
     */
    public Prewhitening prewhitening() {
        return prewhitening;
    }

    /**
     * Returns the number of points correlated, after pre-whitening.
     *
     * @return {@code n}
     */
    public int observations() {
        return observations;
    }

    /**
     * Returns the confidence level of the band.
     *
     * @return the level, for instance 0.95
     */
    public double confidence() {
        return confidence;
    }

    /**
     * Returns the half-width of the approximate significance band, {@code z / sqrt(n)}.
     *
     * @return the band
     */
    public double band() {
        return band;
    }

    /**
     * Returns the correlation at a lag.
     *
     * @param lag the lag, in {@code [-maxLag, maxLag]}; positive when the leading series is earlier
     * @return {@code r(lag)}, absent with the reason when a series is constant
     * @throws IllegalArgumentException if {@code lag} is out of range
     */
    public Figure correlation(int lag) {
        checkLag(lag);
        return r == null ? Figure.absent(Objects.requireNonNull(reason)) : Figure.of(r[lag + maxLag]);
    }

    /**
     * Tells whether the correlation at a lag lies outside the significance band.
     *
     * @param lag the lag, in {@code [-maxLag, maxLag]}
     * @return true if {@code |r(lag)| > band}; false when the correlation is absent
     * @throws IllegalArgumentException if {@code lag} is out of range
     */
    public boolean isSignificant(int lag) {
        checkLag(lag);
        return r != null && Math.abs(r[lag + maxLag]) > band;
    }

    /**
     * Returns the lag of largest absolute correlation over {@code -maxLag..maxLag}; ties go to the smaller
     * {@code |lag|}, then to the positive lag.
     *
     * @return the lag, or empty when the correlation is undefined
     */
    public OptionalInt bestLag() {
        return best(-maxLag);
    }

    /**
     * Returns the lead time: the lag in {@code 1..maxLag} of largest absolute correlation, if it lies outside the
     * significance band; ties go to the smaller lag.
     *
     * @return the lead, or empty when no positive lag is significant or the correlation is undefined
     */
    public OptionalInt bestLead() {
        OptionalInt best = best(1);
        return best.isPresent() && isSignificant(best.getAsInt()) ? best : OptionalInt.empty();
    }

    private OptionalInt best(int from) {
        if (r == null || from > maxLag) {
            return OptionalInt.empty();
        }
        int bestLag = from;
        double bestAbs = -1;
        for (int k = from; k <= maxLag; k++) {
            double a = Math.abs(r[k + maxLag]);
            boolean better = a > bestAbs
                    || (a == bestAbs && (Math.abs(k) < Math.abs(bestLag) || (Math.abs(k) == Math.abs(bestLag) && k > 0)));
            if (better) {
                bestAbs = a;
                bestLag = k;
            }
        }
        return OptionalInt.of(bestLag);
    }

    /**
     * Returns why the correlation is undefined.
     *
     * @return the reason, or empty when the correlations are present
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Returns the correlations of lags {@code -maxLag..maxLag} in order.
     *
     * @return a new array of {@code 2 maxLag + 1} values
     * @throws IllegalStateException if the correlation is undefined; the message carries the reason
     */
    public double[] values() {
        if (r == null) {
            throw new IllegalStateException("no correlation: " + reason);
        }
        return r.clone();
    }

    private void checkLag(int lag) {
        if (lag < -maxLag || lag > maxLag) {
            throw new IllegalArgumentException("lag must be in [" + -maxLag + ", " + maxLag + "], but was " + lag);
        }
    }

    @Override
    public String toString() {
        return "CrossCorrelation[" + leading + " -> " + lagging + ", lags ±" + maxLag + ", n " + observations
                + (r == null ? ", " + reason : ", " + Arrays.toString(r)) + "]";
    }
}
