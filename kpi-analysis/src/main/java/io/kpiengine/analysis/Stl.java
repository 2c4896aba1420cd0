package io.kpiengine.analysis;

import java.util.Arrays;
import java.util.Objects;

/**
 * STL, the seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae and Terpenning 1990), with the
 * defaults of statsmodels 0.13 {@code STL(x, period=m).fit()}: unlike the {@link Decomposition classical
 * decomposition}, the seasonal pattern may drift over the years, the trend reaches the ends of the series, and the
 * robust variant resists outliers.
 *
 * <p><b>Algorithm.</b> Starting from a zero trend, each inner pass: (1) detrend; (2) smooth each cycle-subseries
 * (all Januaries, all Februaries, ...) by loess of span {@code seasonal}, extended by one extrapolated point at each
 * end; (3) low-pass filter the result (moving averages of {@code m}, {@code m} and 3 points, then loess of span
 * {@code lowPass}) and subtract it, which gives the seasonal component; (4) smooth the deseasonalised series by loess
 * of span {@code trend}, which gives the trend. Loess here is the one of the original Fortran: tricube weights over
 * the {@code q} nearest points with bandwidth {@code h} the distance to the farther window end (widened by
 * {@code (q - n) / 2} when {@code q > n}), weights under {@code 0.001 h} taken as 1 and beyond {@code 0.999 h} as 0,
 * and the local line dropped for the local mean when the weighted spread of the positions is at most
 * {@code 0.001 (n - 1)}. The robust variant follows each of {@code outer} rounds by bisquare weights
 * {@code (1 - (r / 6 median|r|)^2)^2} of the residuals, used by the next round's loess fits.
 *
 * <p><b>Defaults</b> (statsmodels): {@code seasonal = 7}; {@code trend} the smallest odd integer at least
 * {@code 1.5 m / (1 - 1.5 / seasonal)}; {@code lowPass} the smallest odd integer above {@code m}; local degree 1
 * everywhere; every point fitted (no jumps); 5 inner passes and no robustness round, or 2 inner passes and 15
 * robustness rounds when robust.
 *
 * <pre>{@code
 * Stl stl = Stl.of(monthlySales, 12, false);
 * Points seasonal = stl.seasonal();     // a seasonal pattern that may change over the years
 * }</pre>
 *
 * <p>Allocation: the components and a few work arrays of {@code n + 2m} points. Instances are immutable and
 * thread-safe.
 */
public final class Stl implements SeasonalComponents {

    private static final String STATISTIC = "stl";
    /** The robustness weights of a smoothing that uses none (userWeights false). */
    private static final double[] NO_WEIGHTS = new double[0];

    private final String name;
    private final int period;
    private final boolean robust;
    private final Points trend;
    private final Points seasonal;
    private final Points residual;
    private final Points adjusted;
    private final double[] weights;

    private Stl(String name, int period, boolean robust, double[] trend, double[] seasonal, double[] y,
            double[] weights) {
        this.name = name;
        this.period = period;
        this.robust = robust;
        int n = y.length;
        double[] residual = new double[n];
        double[] adjusted = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - seasonal[i] - trend[i];
            adjusted[i] = y[i] - seasonal[i];
        }
        this.trend = new Points(name + " trend", trend, null);
        this.seasonal = new Points(name + " seasonal", seasonal, null);
        this.residual = new Points(name + " residual", residual, null);
        this.adjusted = new Points(name + " seasonally adjusted", adjusted, null);
        this.weights = weights;
    }

    /**
     * Decomposes a series with statsmodels' default settings; a missing point is an error.
     *
     * @param series the series
     * @param period the number of periods in a season, at least 2
     * @param robust true for the robust variant (2 inner passes, 15 robustness rounds)
     * @return the decomposition
     * @throws NullPointerException if {@code series} is null
     * @throws IllegalArgumentException if {@code period < 2}
     * @throws AnalysisException if the series has fewer than {@code 2 period} points or a missing point
     */
    public static Stl of(Series series, int period, boolean robust) {
        return of(series, period, robust, MissingPolicy.ERROR);
    }

    /**
     * Decomposes a series with statsmodels' default settings and a policy for missing points.
     *
     * @param series the series
     * @param period the number of periods in a season, at least 2
     * @param robust true for the robust variant
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#INTERPOLATE}
     * @return the decomposition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code period < 2} or {@code missing} is {@link MissingPolicy#DROP}
     * @throws AnalysisException if the series has fewer than {@code 2 period} points, or a missing point under
     *     {@link MissingPolicy#ERROR}
     */
    public static Stl of(Series series, int period, boolean robust, MissingPolicy missing) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(missing, "missing");
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2, but was " + period);
        }
        double[] y = series.complete(missing, STATISTIC);
        int n = y.length;
        if (n < 2 * period) {
            throw new AnalysisException(STATISTIC, series.label(), "has " + n + " points; period " + period
                    + " needs at least " + 2 * period + " (two full periods)");
        }
        int seasonalSpan = 7;
        int trendSpan = (int) Math.ceil(1.5 * period / (1 - 1.5 / seasonalSpan));
        trendSpan += trendSpan % 2 == 0 ? 1 : 0;
        int lowPassSpan = period + 1;
        lowPassSpan += lowPassSpan % 2 == 0 ? 1 : 0;
        Fit fit = new Fit(y, period, seasonalSpan, trendSpan, lowPassSpan);
        int inner = robust ? 2 : 5;
        int outer = robust ? 15 : 0;
        for (int round = 0; ; round++) {
            fit.pass(inner);
            if (round == outer) {
                break;
            }
            fit.robustnessWeights();
        }
        return new Stl(series.name(), period, robust, fit.trend, fit.season, y, fit.weights);
    }

    /** The state of one decomposition: the components, the robustness weights and the work arrays. */
    private static final class Fit {
        final double[] y;
        final int n;
        final int period;
        final int seasonalSpan;
        final int trendSpan;
        final int lowPassSpan;
        final double[] trend;
        final double[] season;
        final double[] weights;
        boolean useWeights;
        final double[] detrended;
        final double[] cycle;
        final double[] lowPass;
        final double[] scratch;
        final double[] sub;
        final double[] subWeights;
        final double[] subSmooth;
        final double[] kernel;

        Fit(double[] y, int period, int seasonalSpan, int trendSpan, int lowPassSpan) {
            this.y = y;
            this.n = y.length;
            this.period = period;
            this.seasonalSpan = seasonalSpan;
            this.trendSpan = trendSpan;
            this.lowPassSpan = lowPassSpan;
            this.trend = new double[n];
            this.season = new double[n];
            this.weights = new double[n];
            Arrays.fill(weights, 1);
            this.detrended = new double[n];
            this.cycle = new double[n + 2 * period];
            this.lowPass = new double[n + 2 * period];
            this.scratch = new double[n + 2 * period];
            int longest = (n + period - 1) / period;
            this.sub = new double[longest];
            this.subWeights = new double[longest];
            this.subSmooth = new double[longest + 2];
            this.kernel = new double[n];
        }

        void pass(int inner) {
            for (int iteration = 0; iteration < inner; iteration++) {
                for (int i = 0; i < n; i++) {
                    detrended[i] = y[i] - trend[i];
                }
                cycleSubseries();
                // low-pass: moving averages of period, period and 3 points, then loess
                int m1 = movingAverage(cycle, n + 2 * period, period, lowPass);
                int m2 = movingAverage(lowPass, m1, period, scratch);
                movingAverage(scratch, m2, 3, lowPass);
                smooth(lowPass, n, lowPassSpan, false, NO_WEIGHTS, scratch);
                for (int i = 0; i < n; i++) {
                    season[i] = cycle[period + i] - scratch[i];
                    detrended[i] = y[i] - season[i];
                }
                smooth(detrended, n, trendSpan, useWeights, weights, trend);
            }
        }

        /** Smooths each cycle-subseries into cycle[], with one extrapolated point at each end. */
        private void cycleSubseries() {
            for (int phase = 0; phase < period; phase++) {
                int k = (n - phase - 1) / period + 1;
                for (int i = 0; i < k; i++) {
                    sub[i] = detrended[i * period + phase];
                    subWeights[i] = weights[i * period + phase];
                }
                smooth(sub, k, seasonalSpan, useWeights, subWeights, subSmooth, 1);
                double first = loess(sub, k, seasonalSpan, 0, 1, Math.min(seasonalSpan, k), useWeights, subWeights);
                subSmooth[0] = Double.isNaN(first) ? subSmooth[1] : first;
                double last = loess(sub, k, seasonalSpan, k + 1, Math.max(1, k - seasonalSpan + 1), k, useWeights,
                        subWeights);
                subSmooth[k + 1] = Double.isNaN(last) ? subSmooth[k] : last;
                for (int m = 0; m < k + 2; m++) {
                    cycle[m * period + phase] = subSmooth[m];
                }
            }
        }

        void robustnessWeights() {
            for (int i = 0; i < n; i++) {
                scratch[i] = Math.abs(y[i] - trend[i] - season[i]);
            }
            double[] sorted = Arrays.copyOf(scratch, n);
            Arrays.sort(sorted);
            double sixMedian = 3 * (sorted[n / 2] + sorted[n - n / 2 - 1]);
            for (int i = 0; i < n; i++) {
                double r = scratch[i];
                if (sixMedian == 0 || r <= 0.001 * sixMedian) {
                    weights[i] = 1;
                } else if (r <= 0.999 * sixMedian) {
                    double u = r / sixMedian;
                    weights[i] = (1 - u * u) * (1 - u * u);
                } else {
                    weights[i] = 0;
                }
            }
            useWeights = true;
        }

        private void smooth(double[] v, int length, int span, boolean userWeights, double[] rw, double[] out) {
            smooth(v, length, span, userWeights, rw, out, 0);
        }

        /**
         * Loess-smooths v[0..length) into out[offset..offset+length), every point fitted; the window of span
         * points slides with the point once it is past the middle of the first window.
         */
        private void smooth(double[] v, int length, int span, boolean userWeights, double[] rw, double[] out,
                int offset) {
            if (length < 2) {
                out[offset] = v[0];
                return;
            }
            int left = 1;
            int right = Math.min(span, length);
            int half = (span + 2) / 2;
            for (int x = 1; x <= length; x++) {
                if (span < length && x > half && right != length) {
                    left++;
                    right++;
                }
                double fitted = loess(v, length, span, x, left, right, userWeights, rw);
                out[offset + x - 1] = Double.isNaN(fitted) ? v[x - 1] : fitted;
            }
        }

        /**
         * The loess fit at 1-based position x from the points left..right (1-based, inclusive) of v; NaN when every
         * weight is 0.
         */
        private double loess(double[] v, int length, int span, int x, int left, int right, boolean userWeights,
                double[] rw) {
            double[] w = kernel;
            double h = Math.max(x - left, right - x);
            if (span > length) {
                h += Math.floorDiv(span - length, 2);   // an integer half, as in the Fortran original
            }
            double near = 0.001 * h;
            double far = 0.999 * h;
            double total = 0;
            for (int j = left; j <= right; j++) {
                double r = Math.abs(j - x);
                double weight = 0;
                if (r <= far) {
                    if (r <= near) {
                        weight = 1;
                    } else {
                        double u = r / h;
                        double c = 1 - u * u * u;
                        weight = c * c * c;
                    }
                    if (userWeights) {
                        weight *= rw[j - 1];
                    }
                }
                w[j - left] = weight;
                total += weight;
            }
            if (total <= 0) {
                return Double.NaN;
            }
            for (int j = 0; j <= right - left; j++) {
                w[j] /= total;
            }
            if (h > 0) {
                double center = 0;
                for (int j = left; j <= right; j++) {
                    center += w[j - left] * j;
                }
                double spread = 0;
                for (int j = left; j <= right; j++) {
                    spread += w[j - left] * (j - center) * (j - center);
                }
                if (Math.sqrt(spread) > 0.001 * (length - 1)) {
                    double slope = (x - center) / spread;
                    for (int j = left; j <= right; j++) {
                        w[j - left] *= slope * (j - center) + 1;
                    }
                }
            }
            double fitted = 0;
            for (int j = left; j <= right; j++) {
                fitted += w[j - left] * v[j - 1];
            }
            return fitted;
        }

        /** Moving average of span points over v[0..length) into out; returns the output length. */
        private static int movingAverage(double[] v, int length, int span, double[] out) {
            int count = length - span + 1;
            double sum = 0;
            for (int i = 0; i < span; i++) {
                sum += v[i];
            }
            out[0] = sum / span;
            for (int j = 1; j < count; j++) {
                sum += v[span + j - 1] - v[j - 1];
                out[j] = sum / span;
            }
            return count;
        }
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
     * Tells whether the robust variant was used.
     *
     * @return true if robust
     */
    public boolean robust() {
        return robust;
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

    /**
     * Returns the robustness weights of the last round.
     *
     * @return a new array; all 1 unless robust
     */
    public double[] weights() {
        return weights.clone();
    }
}
