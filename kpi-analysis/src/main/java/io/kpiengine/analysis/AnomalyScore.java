package io.kpiengine.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.hipparchus.special.Erf;

/**
 * Anomaly scores of one value against a window of earlier values, and their normal p-values.
 *
 * <ul>
 *   <li>{@link #sigmaZ sigma}: {@code (value - centre) / s}, {@code s} the sample standard deviation of the window
 *       ({@code numpy.std(window, ddof=1)}); the centre is the caller's baseline (or the window mean).</li>
 *   <li>{@link #robustZ robust}: {@code (value - median) / (1.4826 MAD)}, with {@code MAD = median |x - median|}
 *       ({@code scipy.stats.median_abs_deviation(window, scale=1)}); 1.4826 is the usual rounding of
 *       {@code 1 / Phi^-1(3/4) = 1.482602...}, which makes the scaled MAD estimate the standard deviation of normal
 *       data.</li>
 *   <li>{@link #pValue p-value}: the tail probability of the score under the standard normal distribution: both
 *       tails {@code 2 Phi(-|z|)}, the upper tail {@code Phi(-z)}, the lower tail {@code Phi(z)}, computed with
 *       {@code erfc} so that far tails keep their precision.</li>
 * </ul>
 * A score is NaN (no score) when the window holds fewer than two values or has no spread (s = 0, MAD = 0).
 *
 * <pre>{@code
 * double z = AnomalyScore.robustZ(5400, last12, 0, 12);
 * double p = AnomalyScore.pValue(z, AnomalyScore.Tail.BOTH);
 * }</pre>
 */
public final class AnomalyScore {

    /** The factor that turns a median absolute deviation into a standard deviation estimate. */
    public static final double MAD_SCALE = 1.4826;

    /** Which tail of the normal distribution a p-value measures. */
    public enum Tail {
        /** Both tails: large scores of either sign are anomalous. */
        BOTH,
        /** The upper tail: only large positive scores are anomalous. */
        UPPER,
        /** The lower tail: only large negative scores are anomalous. */
        LOWER
    }

    private AnomalyScore() {
    }

    private static void range(double[] x, int from, int to) {
        Objects.requireNonNull(x, "x");
        if (from < 0 || to > x.length || from > to) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "range must lie within 0..%d with from <= to, but was %d..%d", x.length, from, to));
        }
    }

    /**
     * The median of {@code x[from..to)}: the middle value, or the mean of the two middle values.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index
     * @return the median, NaN for an empty range
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double median(double[] x, int from, int to) {
        range(x, from, to);
        return sortedMedian(Arrays.copyOfRange(x, from, to));
    }

    private static double sortedMedian(double[] v) {
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The median absolute deviation of {@code x[from..to)} from its median, unscaled.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index
     * @return the MAD, NaN for an empty range
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double mad(double[] x, int from, int to) {
        double m = median(x, from, to);
        double[] dev = new double[to - from];
        for (int i = from; i < to; i++) {
            dev[i - from] = Math.abs(x[i] - m);
        }
        return sortedMedian(dev);
    }

    /**
     * The median and the median absolute deviation of an ascending range {@code sorted[from..to)}, in linear time
     * and without changing it: the absolute deviations from the median ascend outwards from the middle, so the
     * smaller half of them is merged from both sides (for a rolling window kept in order, as an anomaly detector
     * does).
     *
     * @param sorted values in ascending order
     * @param from the first index
     * @param to one past the last index
     * @param out receives the median in {@code out[0]} and the MAD in {@code out[1]} (NaN for an empty range)
     * @throws IllegalArgumentException if the range is out of bounds or out holds fewer than two values
     */
    public static void medianAndMadOfSorted(double[] sorted, int from, int to, double[] out) {
        range(sorted, from, to);
        if (out.length < 2) {
            throw new IllegalArgumentException("out must hold 2 values, but holds " + out.length);
        }
        int n = to - from;
        if (n == 0) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double m = n % 2 == 1 ? sorted[from + n / 2] : (sorted[from + n / 2 - 1] + sorted[from + n / 2]) / 2;
        int left = from + (n - 1) / 2;
        int right = left + 1;
        int want = n / 2;                       // the 0-based rank of the upper middle deviation
        double previous = Double.NaN;
        double current = Double.NaN;
        for (int k = 0; k <= want; k++) {
            double dl = left >= from ? m - sorted[left] : Double.POSITIVE_INFINITY;
            double dr = right < to ? sorted[right] - m : Double.POSITIVE_INFINITY;
            previous = current;
            if (dl <= dr) {
                current = dl;
                left--;
            } else {
                current = dr;
                right++;
            }
        }
        out[0] = m;
        out[1] = n % 2 == 1 ? current : (previous + current) / 2;
    }

    /**
     * The robust z-score {@code (value - median) / (1.4826 MAD)} of a value against {@code x[from..to)}.
     *
     * @param value the value scored
     * @param x the window
     * @param from the first index
     * @param to one past the last index
     * @return the score, NaN with fewer than two values or a MAD of 0
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double robustZ(double value, double[] x, int from, int to) {
        if (to - from < 2) {
            range(x, from, to);
            return Double.NaN;
        }
        double m = median(x, from, to);
        double mad = mad(x, from, to);
        return mad > 0 ? (value - m) / (MAD_SCALE * mad) : Double.NaN;
    }

    /**
     * The z-score {@code (value - centre) / s} of a value against {@code x[from..to)}, {@code s} the sample standard
     * deviation (two passes: mean, then squared deviations).
     *
     * @param value the value scored
     * @param centre the expected value (a baseline, or the window mean)
     * @param x the window
     * @param from the first index
     * @param to one past the last index
     * @return the score, NaN with fewer than two values or no spread
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double sigmaZ(double value, double centre, double[] x, int from, int to) {
        double s = standardDeviation(x, from, to);
        return s > 0 ? (value - centre) / s : Double.NaN;
    }

    /**
     * The sample standard deviation ({@code ddof = 1}) of {@code x[from..to)}, by two passes.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index
     * @return the standard deviation, NaN with fewer than two values
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double standardDeviation(double[] x, int from, int to) {
        range(x, from, to);
        int n = to - from;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = mean(x, from, to);
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }

    /**
     * The mean of {@code x[from..to)}.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index
     * @return the mean, NaN for an empty range
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static double mean(double[] x, int from, int to) {
        range(x, from, to);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return to > from ? sum / (to - from) : Double.NaN;
    }

    /**
     * The normal tail probability of a score.
     *
     * @param z the score
     * @param tail which tail
     * @return the p-value in [0, 1], NaN for a NaN score
     * @throws NullPointerException if tail is null
     */
    public static double pValue(double z, Tail tail) {
        Objects.requireNonNull(tail, "tail");
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        switch (tail) {
            case BOTH:
                return Math.min(1, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
            case UPPER:
                return Erf.erfc(z / Math.sqrt(2)) / 2;
            default:
                return Erf.erfc(-z / Math.sqrt(2)) / 2;
        }
    }
}
