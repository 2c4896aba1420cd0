package io.kpiengine.analysis;

import java.util.Locale;

/**
 * An exponentially weighted moving average (EWMA) control chart with its standard time-varying limits (Roberts 1959;
 * NIST/SEMATECH e-Handbook of Statistical Methods, 6.3.2.4; Montgomery, Introduction to Statistical Quality Control,
 * 9.2).
 *
 * <p>With target mean {@code mu0}, process standard deviation {@code sigma}, weight {@code 0 < lambda <= 1} and
 * width {@code L}: the statistic starts at {@code z(0) = mu0} and is {@code z(t) = lambda x(t) + (1 - lambda)
 * z(t-1)}; its standard deviation after {@code t} points is {@code sigma_z(t) = sigma sqrt(lambda / (2 - lambda)
 * (1 - (1 - lambda)^(2t)))}, and the control limits are {@code mu0 +- L sigma_z(t)}. The chart signals when
 * {@code z(t)} leaves them; {@link #score(double, long)} is {@code (z(t) - mu0) / sigma_z(t)}, which signals
 * beyond {@code L}. {@link #calibrate} estimates {@code mu0} and {@code sigma} as the mean and the sample standard
 * deviation ({@code ddof = 1}) of a phase-I window.
 *
 * <pre>{@code
 * EwmaChart chart = EwmaChart.calibrate(history, 0, 12, 0.2, 3);   // mean and s of the first 12 points
 * double z = chart.mean();
 * for (int t = 1; t <= later.length; t++) {
 *     z = chart.next(z, later[t - 1]);
 *     if (Math.abs(chart.score(z, t)) > chart.width()) { ... }     // out of control
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param mean the target mean {@code mu0}
 * @param sigma the process standard deviation, positive
 * @param lambda the weight of the newest point, in (0, 1]
 * @param width the limit width {@code L} in standard deviations of the statistic, positive
 */
public record EwmaChart(double mean, double sigma, double lambda, double width) {

    /**
     * Validates the chart.
     *
     * @param mean the target mean
     * @param sigma the process standard deviation
     * @param lambda the weight
     * @param width the limit width
     * @throws IllegalArgumentException if mean is not finite, sigma or width is not positive and finite, or lambda
     *     is outside (0, 1]
     */
    public EwmaChart {
        if (!Double.isFinite(mean) || !(sigma > 0 && Double.isFinite(sigma)) || !(lambda > 0 && lambda <= 1)
                || !(width > 0 && Double.isFinite(width))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "an EWMA chart needs a finite mean, sigma > 0,"
                    + " 0 < lambda <= 1 and width > 0, but got mean %s, sigma %s, lambda %s, width %s", mean, sigma,
                    lambda, width));
        }
    }

    /**
     * A chart whose mean and standard deviation are estimated from a phase-I window {@code x[from..to)}.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index; at least two values
     * @param lambda the weight
     * @param width the limit width
     * @return the chart
     * @throws IllegalArgumentException if the window has fewer than two values or no spread, or a parameter is out
     *     of range
     */
    public static EwmaChart calibrate(double[] x, int from, int to, double lambda, double width) {
        double s = AnomalyScore.standardDeviation(x, from, to);
        if (!(s > 0)) {
            throw new IllegalArgumentException("an EWMA chart needs a phase-I window of at least two values with"
                    + " spread, but " + (to - from) + " value" + (to - from == 1 ? "" : "s") + " had standard"
                    + " deviation " + s);
        }
        return new EwmaChart(AnomalyScore.mean(x, from, to), s, lambda, width);
    }

    /**
     * The next value of the statistic: {@code lambda x + (1 - lambda) previous}.
     *
     * @param previous {@code z(t-1)}; {@link #mean()} before the first point
     * @param x the new point
     * @return {@code z(t)}
     */
    public double next(double previous, double x) {
        return lambda * x + (1 - lambda) * previous;
    }

    /**
     * The standard deviation of the statistic after {@code t} points.
     *
     * @param t 1 or more
     * @return {@code sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2t)))}
     * @throws IllegalArgumentException if t is less than 1
     */
    public double statisticSigma(long t) {
        if (t < 1) {
            throw new IllegalArgumentException("t must be at least 1, but was " + t);
        }
        return sigma * Math.sqrt(lambda / (2 - lambda) * (1 - Math.pow(1 - lambda, 2.0 * t)));
    }

    /**
     * The upper control limit after {@code t} points.
     *
     * @param t 1 or more
     * @return {@code mu0 + L sigma_z(t)}
     */
    public double upperLimit(long t) {
        return mean + width * statisticSigma(t);
    }

    /**
     * The lower control limit after {@code t} points.
     *
     * @param t 1 or more
     * @return {@code mu0 - L sigma_z(t)}
     */
    public double lowerLimit(long t) {
        return mean - width * statisticSigma(t);
    }

    /**
     * The statistic in units of its standard deviation: beyond {@link #width()} it is out of control.
     *
     * @param statistic {@code z(t)}
     * @param t the number of points it holds, 1 or more
     * @return {@code (z(t) - mu0) / sigma_z(t)}
     */
    public double score(double statistic, long t) {
        return (statistic - mean) / statisticSigma(t);
    }
}
