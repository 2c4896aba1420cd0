package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.stat.regression.SimpleRegression;

/**
 * A regression that forecasts the lagging series from the leading series {@code lag} periods earlier:
 * {@code y[t] = a + b x[t - lag] + e}, fitted by ordinary least squares over every {@code t} where both exist.
 *
 * <p>The series enter on one of two {@link Scale scales}: as levels, or as period-over-period changes
 * {@code v[t] / v[t-1] - 1} (fractions), which is what an early warning speaks of ("signups fell 10 %; revenue is
 * expected to fall 4.2 %").
 *
 * <p><b>Definitions</b> (statsmodels {@code OLS(y, add_constant(x)).fit()}, with {@code m} observations,
 * {@code s^2 = SSE / (m - 2)}, {@code Sxx = sum (x - mean x)^2} and {@code t} the Student quantile of
 * {@code (1 + confidence) / 2} with {@code m - 2} degrees of freedom):
 * <ul>
 *   <li>slope interval {@code b ± t s / sqrt(Sxx)} ({@code conf_int()});</li>
 *   <li>prediction interval at {@code x0}: {@code a + b x0 ± t s sqrt(1 + 1/m + (x0 - mean x)^2 / Sxx)}
 *       ({@code get_prediction(...).summary_frame()["obs_ci_lower"/"obs_ci_upper"]});</li>
 *   <li>{@link #forecast()} predicts the lagging series {@code lag} periods after the last point from the last
 *       point of the leading series.</li>
 * </ul>
 * The sums are accumulated by Hipparchus' {@link SimpleRegression} (updating formulas, one pass, no storage).
 *
 * <pre>{@code
 * LaggedRegression fit = LaggedRegression.fit(signups, revenue, 2, LaggedRegression.Scale.PERCENT_CHANGES, 0.95);
 * Forecast next = fit.forecast();   // revenue's change 2 periods after the last one, with a 95 % interval
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LaggedRegression {

    /** How the series enter the regression. */
    public enum Scale {
        /** The values as they are. */
        LEVELS,
        /** Period-over-period changes {@code v[t] / v[t-1] - 1}, as fractions; a zero value is an error. */
        PERCENT_CHANGES
    }

    static final String STATISTIC = "lagged regression";

    private final String leading;
    private final String lagging;
    private final int lag;
    private final Scale scale;
    private final int observations;
    private final double intercept;
    private final double slope;
    private final Interval slopeInterval;
    private final Figure rSquared;
    private final double residualStandardError;
    private final double meanX;
    private final double sxx;
    private final double tQuantile;
    private final double confidence;
    private final double lastLeading;

    private LaggedRegression(String leading, String lagging, int lag, Scale scale, double confidence,
            SimpleRegression regression, double meanX, double lastLeading, String laggingLabel) {
        this.leading = leading;
        this.lagging = lagging;
        this.lag = lag;
        this.scale = scale;
        this.confidence = confidence;
        this.observations = (int) regression.getN();
        this.intercept = regression.getIntercept();
        this.slope = regression.getSlope();
        this.meanX = meanX;
        this.sxx = regression.getXSumSquares();
        double mse = Math.max(0, regression.getMeanSquareError());
        this.residualStandardError = Math.sqrt(mse);
        this.tQuantile = Tails.tQuantile((1 + confidence) / 2, observations - 2);
        double halfWidth = tQuantile * residualStandardError / Math.sqrt(sxx);
        this.slopeInterval = new Interval(slope - halfWidth, slope + halfWidth, confidence);
        double r2 = regression.getRSquare();
        this.rSquared = Double.isFinite(r2) ? Figure.of(r2)
                : Figure.absent(laggingLabel + " is constant over the fitted rows; R² is undefined");
        this.lastLeading = lastLeading;
    }

    /**
     * Fits the regression of the lagging series on the leading series {@code lag} periods earlier.
     *
     * @param leading the leading series
     * @param lagging the lagging series, of the same length
     * @param lag the lead in periods, at least 0
     * @param scale levels or percent changes
     * @param confidence the level of the intervals, in (0, 1)
     * @return the fitted regression
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code lag < 0} or {@code confidence} is not in (0, 1)
     * @throws AnalysisException if fewer than 3 rows remain, a point is missing, the leading series is constant, or
     *     a value is 0 under {@link Scale#PERCENT_CHANGES}
     */
    public static LaggedRegression fit(Series leading, Series lagging, int lag, Scale scale, double confidence) {
        Objects.requireNonNull(leading, "leading");
        Objects.requireNonNull(lagging, "lagging");
        Objects.requireNonNull(scale, "scale");
        CrossCorrelation.checkPair(leading, lagging);
        if (lag < 0) {
            throw new IllegalArgumentException("lag must be at least 0, but was " + lag);
        }
        checkConfidence(confidence);
        return compute(leading, lagging, leading.complete(MissingPolicy.ERROR, STATISTIC),
                lagging.complete(MissingPolicy.ERROR, STATISTIC), lag, scale, confidence);
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), but was " + confidence);
        }
    }

    static LaggedRegression compute(Series leadingSeries, Series laggingSeries, double[] x, double[] y, int lag,
            Scale scale, double confidence) {
        int n = x.length;
        boolean changes = scale == Scale.PERCENT_CHANGES;
        int length = changes ? n - 1 : n;
        int need = lag + 3 + (changes ? 1 : 0);
        if (n < need) {
            throw new AnalysisException(STATISTIC, CrossCorrelation.pairLabel(leadingSeries, laggingSeries), "have "
                    + n + " points; lag " + lag + (changes ? " on percent changes" : "") + " needs at least " + need);
        }
        if (changes) {
            requireNonZero(leadingSeries, x);
            requireNonZero(laggingSeries, y);
        }
        SimpleRegression regression = new SimpleRegression(true);
        double sumX = 0;
        for (int t = lag; t < length; t++) {
            double xv = value(x, t - lag, changes);
            sumX += xv;
            regression.addData(xv, value(y, t, changes));
        }
        if (!(regression.getXSumSquares() > 0)) {
            throw new AnalysisException(STATISTIC, leadingSeries.label(), "is constant" + (changes
                    ? " in its percent changes" : "") + " over the fitted rows; the slope is undefined");
        }
        return new LaggedRegression(leadingSeries.name(), laggingSeries.name(), lag, scale, confidence, regression,
                sumX / (length - lag), value(x, length - 1, changes), laggingSeries.label());
    }

    private static double value(double[] v, int i, boolean changes) {
        return changes ? v[i + 1] / v[i] - 1 : v[i];
    }

    private static void requireNonZero(Series series, double[] v) {
        for (int i = 0; i < v.length - 1; i++) {
            if (v[i] == 0) {
                throw new AnalysisException(STATISTIC, series.label(), "is 0 at index " + i + "; percent changes need"
                        + " non-zero values, use Scale.LEVELS");
            }
        }
    }

    /**
     * Returns the name of the leading series (the regressor).
     *
     * @return the name
     */
    public String leading() {
        return leading;
    }

    /**
     * Returns the name of the lagging series (the response).
     *
     * @return the name
     */
    public String lagging() {
        return lagging;
    }

    /**
     * Returns the lead in periods.
     *
     * @return the lag of the regressor
     */
    public int lag() {
        return lag;
    }

    /**
     * Returns the scale the series entered on.
     *
     * @return levels or percent changes
     */
    public Scale scale() {
        return scale;
    }

    /**
     * Returns the number of rows fitted.
     *
     * @return {@code m}
     */
    public int observations() {
        return observations;
    }

    /**
     * Returns the intercept {@code a}.
     *
     * @return the intercept
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns the slope {@code b}: the change of the lagging series per unit of the leading series.
     *
     * @return the slope
     */
    public double slope() {
        return slope;
    }

    /**
     * Returns the confidence interval of the slope.
     *
     * @return {@code b ± t s / sqrt(Sxx)}
     */
    public Interval slopeInterval() {
        return slopeInterval;
    }

    /**
     * Returns the coefficient of determination.
     *
     * @return R², absent when the lagging series is constant over the fitted rows
     */
    public Figure rSquared() {
        return rSquared;
    }

    /**
     * Returns the residual standard error {@code s = sqrt(SSE / (m - 2))}.
     *
     * @return {@code s}
     */
    public double residualStandardError() {
        return residualStandardError;
    }

    /**
     * Returns the confidence level of the intervals.
     *
     * @return the level
     */
    public double confidence() {
        return confidence;
    }

    /**
     * Predicts the lagging series {@code lag} periods after its last point from the last point of the leading
     * series (its last change under {@link Scale#PERCENT_CHANGES}).
     *
     * @return the forecast with its prediction interval
     */
    public Forecast forecast() {
        return predict(lastLeading);
    }

    /**
     * Predicts the lagging series from a value of the leading series.
     *
     * @param leadingValue the value of the leading series, on the regression's scale
     * @return the forecast with its prediction interval
     * @throws IllegalArgumentException if {@code leadingValue} is not finite
     */
    public Forecast predict(double leadingValue) {
        if (!Double.isFinite(leadingValue)) {
            throw new IllegalArgumentException("leadingValue must be finite, but was " + leadingValue);
        }
        double expected = intercept + slope * leadingValue;
        double dx = leadingValue - meanX;
        double half = tQuantile * residualStandardError * Math.sqrt(1 + 1.0 / observations + dx * dx / sxx);
        return new Forecast(leadingValue, expected, new Interval(expected - half, expected + half, confidence));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LaggedRegression[%s(t) = %.6g + %.6g %s(t-%d), %s, m %d]", lagging,
                intercept, slope, leading, lag, scale, observations);
    }
}
