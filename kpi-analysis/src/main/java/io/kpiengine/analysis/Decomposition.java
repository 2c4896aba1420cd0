package io.kpiengine.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Classical seasonal decomposition by moving averages: a series split into trend, seasonal and residual components,
 * with the seasonal indices and the seasonally adjusted series. One implementation serves analysis and the tracking
 * baseline.
 *
 * <p><b>Definition</b> (statsmodels 0.13 {@code seasonal_decompose(x, model, period=m)}, two-sided filter, no trend
 * extrapolation):
 * <ol>
 *   <li>trend: the centred moving average over one period, the "2 x m" average for even {@code m} (weights
 *       {@code 1/(2m), 1/m, ..., 1/m, 1/(2m)} over {@code m + 1} points) and the plain {@code m}-point average for odd
 *       {@code m}; it has no value at the first and last {@code floor(m / 2)} points;</li>
 *   <li>detrended: {@code x - trend} (additive) or {@code x / trend} (multiplicative);</li>
 *   <li>seasonal indices: for each phase {@code i = 0..m-1}, the mean of the detrended points {@code t} with
 *       {@code t mod m = i} that have a value, then normalised to sum 0 (additive: minus their mean) or to mean 1
 *       (multiplicative: divided by their mean);</li>
 *   <li>seasonal: {@code index[t mod m]}; residual: {@code detrended - seasonal} (additive) or
 *       {@code x / seasonal / trend} (multiplicative); seasonally adjusted: {@code x - seasonal} or
 *       {@code x / seasonal}, present at every point.</li>
 * </ol>
 * Phase 0 is the series' first point: for monthly data starting in March, {@code index(0)} is March's index. Where
 * statsmodels returns NaN (the trend and residual ends), the components here are absent points with the reason.
 *
 * <pre>{@code
 * Decomposition d = Decomposition.of(monthlySales, 12, Decomposition.Model.MULTIPLICATIVE);
 * double december = d.index(11);                 // 1.31: December sells 31 % above the trend
 * Points adjusted = d.adjusted();                // seasonally adjusted sales
 * }</pre>
 *
 * <p>The series needs at least two full periods ({@code 2m} points) and, for the multiplicative model, only positive
 * values. Allocation: the components (the output) and nothing per point besides. Instances are immutable and
 * thread-safe.
 */
public final class Decomposition implements SeasonalComponents {

    /** How the components combine. */
    public enum Model {
        /** {@code x = trend + seasonal + residual}. */
        ADDITIVE,
        /** {@code x = trend * seasonal * residual}. */
        MULTIPLICATIVE
    }

    private static final String STATISTIC = "seasonal decomposition";

    private final String name;
    private final int period;
    private final Model model;
    private final double[] indices;
    private final Points trend;
    private final Points seasonal;
    private final Points residual;
    private final Points adjusted;

    private Decomposition(String name, int period, Model model, double[] indices, Points trend, Points seasonal,
            Points residual, Points adjusted) {
        this.name = name;
        this.period = period;
        this.model = model;
        this.indices = indices;
        this.trend = trend;
        this.seasonal = seasonal;
        this.residual = residual;
        this.adjusted = adjusted;
    }

    /**
     * Decomposes plain values (named {@code "series"} in messages); a missing point (NaN) is an error.
     *
     * @param values the values in period order
     * @param period the number of periods in a season, at least 2 (12 for months in a year, 7 for days in a week)
     * @param model additive or multiplicative
     * @return the decomposition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code period < 2} or a value is infinite
     * @throws AnalysisException if there are fewer than {@code 2 period} values, a value is missing, or a value is
     *     not positive under the multiplicative model
     */
    public static Decomposition of(double[] values, int period, Model model) {
        return of(Series.of("series", values), period, model, MissingPolicy.ERROR);
    }

    /**
     * Decomposes a series; a missing point is an error.
     *
     * @param series the series
     * @param period the number of periods in a season, at least 2
     * @param model additive or multiplicative
     * @return the decomposition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code period < 2}
     * @throws AnalysisException if the series has fewer than {@code 2 period} points, a missing point, or a value
     *     that is not positive under the multiplicative model
     */
    public static Decomposition of(Series series, int period, Model model) {
        return of(series, period, model, MissingPolicy.ERROR);
    }

    /**
     * Decomposes a series with a policy for missing points.
     *
     * @param series the series
     * @param period the number of periods in a season, at least 2
     * @param model additive or multiplicative
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return the decomposition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code period < 2} or {@code missing} is {@link MissingPolicy#DROP}
     *     (dropping would shift the phase of every later point)
     * @throws AnalysisException if the series has fewer than {@code 2 period} points, a missing point under
     *     {@link MissingPolicy#ERROR}, or a value that is not positive under the multiplicative model
     */
    public static Decomposition of(Series series, int period, Model model, MissingPolicy missing) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(missing, "missing");
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2, but was " + period);
        }
        double[] x = series.complete(missing, STATISTIC);
        int n = x.length;
        if (n < 2 * period) {
            throw new AnalysisException(STATISTIC, series.label(), "has " + n + " points; period " + period
                    + " needs at least " + 2 * period + " (two full periods)");
        }
        boolean multiplicative = model == Model.MULTIPLICATIVE;
        if (multiplicative) {
            for (int t = 0; t < n; t++) {
                if (!(x[t] > 0)) {
                    throw new AnalysisException(STATISTIC, series.label(), "is " + Texts.number(x[t])
                            + " at index " + t + "; the multiplicative model needs positive values");
                }
            }
        }
        int half = period / 2;
        String endReason = "the centred moving average of " + (period % 2 == 0 ? "2x" : "") + period
                + " needs " + half + " point" + (half == 1 ? "" : "s") + " on each side";
        double[] trend = new double[n];
        String[] trendReasons = new String[n];
        for (int t = 0; t < n; t++) {
            if (t < half || t >= n - half) {
                trendReasons[t] = endReason;
                continue;
            }
            double s;
            if (period % 2 == 0) {
                s = 0.5 * x[t - half] + 0.5 * x[t + half];
                for (int i = t - half + 1; i < t + half; i++) {
                    s += x[i];
                }
            } else {
                s = 0;
                for (int i = t - half; i <= t + half; i++) {
                    s += x[i];
                }
            }
            trend[t] = s / period;
        }
        // seasonal means of the detrended points, phase by phase
        double[] indices = new double[period];
        for (int phase = 0; phase < period; phase++) {
            double sum = 0;
            int count = 0;
            for (int t = phase; t < n; t += period) {
                if (trendReasons[t] == null) {
                    sum += multiplicative ? x[t] / trend[t] : x[t] - trend[t];
                    count++;
                }
            }
            indices[phase] = sum / count;
        }
        double mean = 0;
        for (double v : indices) {
            mean += v;
        }
        mean /= period;
        for (int phase = 0; phase < period; phase++) {
            indices[phase] = multiplicative ? indices[phase] / mean : indices[phase] - mean;
        }
        double[] seasonal = new double[n];
        double[] residual = new double[n];
        double[] adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            double s = indices[t % period];
            seasonal[t] = s;
            adjusted[t] = multiplicative ? x[t] / s : x[t] - s;
            if (trendReasons[t] == null) {
                residual[t] = multiplicative ? x[t] / s / trend[t] : (x[t] - trend[t]) - s;
            }
        }
        String name = series.name();
        return new Decomposition(name, period, model, indices, new Points(name + " trend", trend, trendReasons),
                new Points(name + " seasonal", seasonal, null),
                new Points(name + " residual", residual, trendReasons.clone()),
                new Points(name + " seasonally adjusted", adjusted, null));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int period() {
        return period;
    }

    /**
     * Returns the model.
     *
     * @return additive or multiplicative
     */
    public Model model() {
        return model;
    }

    /**
     * Returns the seasonal index of a phase: how far that phase of the season lies above or below the trend.
     *
     * @param phase the phase, in {@code [0, period)}; point {@code t} has phase {@code t mod period}
     * @return the additive offset (indices sum to 0) or the multiplicative factor (indices average 1)
     * @throws IndexOutOfBoundsException if {@code phase} is out of range
     */
    public double index(int phase) {
        Objects.checkIndex(phase, period);
        return indices[phase];
    }

    /**
     * Returns all seasonal indices, by phase.
     *
     * @return a new array of {@code period} values
     */
    public double[] indices() {
        return indices.clone();
    }

    @Override
    public Points trend() {
        return trend;
    }

    @Override
    public Points seasonal() {
        return seasonal;
    }

    @Override
    public Points residual() {
        return residual;
    }

    @Override
    public Points adjusted() {
        return adjusted;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Decomposition[%s, period %d, %s, indices %s]", name, period,
                model.name().toLowerCase(Locale.ROOT), Arrays.toString(indices));
    }
}
