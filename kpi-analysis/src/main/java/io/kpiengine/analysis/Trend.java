package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;
import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.stat.regression.SimpleRegression;

/**
 * Trend statistics of a series against its period index {@code t = 0, 1, ...}: the least-squares slope, the robust
 * Theil–Sen slope, and the Mann–Kendall test.
 *
 * <p><b>Definitions.</b>
 * <ul>
 *   <li>{@link #ols(Series, double, MissingPolicy) ols}: scipy 1.10 {@code linregress(t, y)} (slope, intercept,
 *       {@code rvalue^2}, two-sided {@code pvalue}, {@code stderr}); the interval is
 *       {@code slope ± t((1 + confidence) / 2, n - 2) stderr}.</li>
 *   <li>{@link #theilSen(Series, double, MissingPolicy) theilSen}: scipy 1.10 {@code theilslopes(y, t, alpha)}:
 *       the median of {@code (y[j] - y[i]) / (t[j] - t[i])} over all pairs {@code i < j}; intercept
 *       {@code median(y) - slope median(t)} ({@code method="separate"}); interval from Sen (1968) eq. 2.6: with
 *       the {@code N} slopes sorted, {@code z} the normal quantile of {@code (1 - confidence) / 2} and
 *       {@code sigma^2 = (n(n-1)(2n+5) - sum over tied groups of y of g(g-1)(2g+5)) / 18}, the bounds are slopes
 *       {@code round((N + z sigma) / 2) - 1} and {@code round((N - z sigma) / 2)} (0-based, rounding half to even
 *       as numpy, clamped to the array).</li>
 *   <li>{@link #mannKendall(Series, double, MissingPolicy) mannKendall}: {@code S = sum over i < j of sign(y[j] -
 *       y[i])}; {@code Var(S) = (n(n-1)(2n+5) - sum over tied groups g(g-1)(2g+5)) / 18}; {@code Z = (S - 1) /
 *       sqrt(Var)} if {@code S > 0}, {@code (S + 1) / sqrt(Var)} if {@code S < 0}, else 0; two-sided p-value
 *       {@code 2 (1 - Phi(|Z|))}; tau {@code S / (n(n-1)/2)}. This is pymannkendall's {@code original_test} and
 *       Hipel and McLeod (1994); S equals scipy's {@code kendalltau(t, y)} statistic times
 *       {@code sqrt(n0 (n0 - n1))} ({@code n0 = n(n-1)/2}, {@code n1} the tied pairs of y).</li>
 * </ul>
 * Missing points: {@link MissingPolicy#DROP} leaves them out and keeps each remaining point at its own period
 * index (so a gap does not bend the time axis); {@link MissingPolicy#INTERPOLATE} fills them first.
 *
 * <p>Cost: {@code ols} one pass, no allocation; {@code mannKendall} {@code O(n^2)} comparisons, no allocation;
 * {@code theilSen} holds the {@code n(n-1)/2} pairwise slopes ({@code n} at most {@value #THEIL_SEN_LIMIT} points,
 * about 400 MB) and sorts them.
 *
 * <pre>{@code
 * LinearTrend line = Trend.ols(visits);
 * MannKendallTest mk = Trend.mannKendall(visits);
 * System.out.println(line.slope() + " per day, " + mk.direction());
 * }</pre>
 */
public final class Trend {

    /** The largest series {@link #theilSen} accepts. */
    public static final int THEIL_SEN_LIMIT = 10_000;

    private Trend() {
    }

    /**
     * Returns the least-squares trend line with a 95 % interval; a missing point is an error.
     *
     * @param series the series
     * @return the line
     * @throws NullPointerException if {@code series} is null
     * @throws AnalysisException if the series has fewer than 3 points or a missing point
     */
    public static LinearTrend ols(Series series) {
        return ols(series, 0.95, MissingPolicy.ERROR);
    }

    /**
     * Returns the least-squares trend line.
     *
     * @param series the series
     * @param confidence the level of the slope interval, in (0, 1)
     * @param missing the policy for missing points
     * @return the line
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     * @throws AnalysisException if fewer than 3 points remain, or a point is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public static LinearTrend ols(Series series, double confidence, MissingPolicy missing) {
        String statistic = "ols trend";
        LaggedRegression.checkConfidence(confidence);
        double[] y = present(series, missing, statistic, 3);
        SimpleRegression regression = new SimpleRegression(true);
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(y[t])) {
                regression.addData(t, y[t]);
            }
        }
        int n = (int) regression.getN();
        double slope = regression.getSlope();
        double se = regression.getSlopeStdErr();
        if (!(se >= 0)) {
            se = 0;
        }
        double half = Tails.tQuantile((1 + confidence) / 2, n - 2) * se;
        Figure r2;
        Figure p;
        if (!(regression.getTotalSumSquares() > 0)) {
            String reason = series.label() + " is constant; R² and the p-value are undefined";
            r2 = Figure.absent(reason);
            p = Figure.absent(reason);
        } else {
            r2 = Figure.of(regression.getRSquare());
            p = Figure.of(se == 0 ? 0 : Tails.tTwoSided(slope / se, n - 2));
        }
        return new LinearTrend(n, slope, regression.getIntercept(), se,
                new Interval(slope - half, slope + half, confidence), r2, p);
    }

    /**
     * Returns the Theil–Sen trend line with Sen's 95 % interval; a missing point is an error.
     *
     * @param series the series
     * @return the line
     * @throws NullPointerException if {@code series} is null
     * @throws AnalysisException if the series has fewer than 3 or more than {@value #THEIL_SEN_LIMIT} points, or a
     *     missing point
     */
    public static TheilSenTrend theilSen(Series series) {
        return theilSen(series, 0.95, MissingPolicy.ERROR);
    }

    /**
     * Returns the Theil–Sen trend line.
     *
     * @param series the series
     * @param confidence the level of the slope interval, in (0, 1)
     * @param missing the policy for missing points
     * @return the line
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
     * @throws AnalysisException if fewer than 3 or more than {@value #THEIL_SEN_LIMIT} points remain, or a point is
     *     missing under {@link MissingPolicy#ERROR}
     */
    public static TheilSenTrend theilSen(Series series, double confidence, MissingPolicy missing) {
        String statistic = "theil-sen trend";
        LaggedRegression.checkConfidence(confidence);
        double[] y = present(series, missing, statistic, 3);
        int n = countPresent(y);
        if (n > THEIL_SEN_LIMIT) {
            throw new AnalysisException(statistic, series.label(), "has " + n + " points; at most " + THEIL_SEN_LIMIT
                    + " (the slopes of all pairs are held in memory)");
        }
        int pairs = n * (n - 1) / 2;
        double[] slopes = new double[pairs];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            for (int j = i + 1; j < y.length; j++) {
                if (!Double.isNaN(y[j])) {
                    slopes[k++] = (y[j] - y[i]) / (j - i);
                }
            }
        }
        Arrays.sort(slopes);
        double slope = median(slopes);
        double[] values = new double[n];
        double medianT = 0;
        int m = 0;
        int[] middle = {(n - 1) / 2, n / 2};
        for (int t = 0; t < y.length; t++) {
            if (!Double.isNaN(y[t])) {
                if (m == middle[0]) {
                    medianT += t / 2.0;
                }
                if (m == middle[1]) {
                    medianT += t / 2.0;
                }
                values[m++] = y[t];
            }
        }
        Arrays.sort(values);
        double intercept = median(values) - slope * medianT;
        double z = Tails.normalQuantile((1 - confidence) / 2);
        double sigma = Math.sqrt((tieTerm(n) - tiedGroupsTerm(values)) / 18.0);
        int upper = (int) Math.min(Math.rint((pairs - z * sigma) / 2), pairs - 1);
        int lower = (int) Math.max(Math.rint((pairs + z * sigma) / 2) - 1, 0);
        return new TheilSenTrend(n, slope, intercept, new Interval(slopes[lower], slopes[upper], confidence));
    }

    /**
     * Returns the Mann–Kendall test at the 5 % level; a missing point is an error.
     *
     * @param series the series
     * @return the test
     * @throws NullPointerException if {@code series} is null
     * @throws AnalysisException if the series has fewer than 3 points or a missing point
     */
    public static MannKendallTest mannKendall(Series series) {
        return mannKendall(series, 0.05, MissingPolicy.ERROR);
    }

    /**
     * Returns the Mann–Kendall test.
     *
     * @param series the series
     * @param alpha the significance level of {@link MannKendallTest#direction()}, in (0, 1)
     * @param missing the policy for missing points
     * @return the test
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code alpha} is not in (0, 1)
     * @throws AnalysisException if fewer than 3 points remain, or a point is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public static MannKendallTest mannKendall(Series series, double alpha, MissingPolicy missing) {
        LaggedRegression.checkConfidence(1 - alpha);
        double[] y = present(series, missing, "mann-kendall", 3);
        long s = 0;
        double ties = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            double yi = y[i];
            if (Double.isNaN(yi)) {
                continue;
            }
            n++;
            boolean first = true;
            for (int j = 0; j < i && first; j++) {
                first = y[j] != yi;
            }
            long group = 1;
            for (int j = i + 1; j < y.length; j++) {
                double yj = y[j];
                if (yj > yi) {
                    s++;
                } else if (yj < yi) {
                    s--;
                } else if (yj == yi) {
                    group++;
                }
            }
            if (first && group > 1) {
                ties += group * (group - 1) * (2 * group + 5);
            }
        }
        double variance = (tieTerm(n) - ties) / 18.0;
        double tau = s / (n * (n - 1) / 2.0);
        if (!(variance > 0)) {
            String reason = series.label() + " is constant; the test is undefined";
            return new MannKendallTest(n, s, Figure.absent(reason), Figure.absent(reason), Figure.absent(reason), tau,
                    TrendDirection.NONE);
        }
        double z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
        double p = Tails.normalTwoSided(z);
        TrendDirection direction = p > alpha ? TrendDirection.NONE
                : z > 0 ? TrendDirection.INCREASING : TrendDirection.DECREASING;
        return new MannKendallTest(n, s, Figure.of(variance), Figure.of(z), Figure.of(p), tau, direction);
    }

    /** {@code n(n-1)(2n+5)} in double (exact up to n of about 10^5). */
    private static double tieTerm(long n) {
        return (double) (n * (n - 1) * (2 * n + 5));
    }

    /** The sum of g(g-1)(2g+5) over the groups of equal values of a sorted array. */
    private static double tiedGroupsTerm(double[] sorted) {
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            long g = (long) j - i;
            if (g > 1) {
                sum += g * (g - 1) * (2 * g + 5);
            }
            i = j;
        }
        return sum;
    }

    /** The median of a sorted array (the mean of the two middle values for an even length), as numpy's. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int countPresent(double[] y) {
        int n = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Returns the values to use: the series' own (NaN skipped by the caller under DROP), or interpolated; checks
     * the policy, the confidence and the minimum number of present points.
     */
    private static double[] present(Series series, MissingPolicy missing, String statistic, int minimum) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(missing, "missing");
        series.requireNoMissingUnless(missing, statistic);
        double[] y = missing == MissingPolicy.INTERPOLATE ? series.complete(missing, statistic) : series.values();
        int n = countPresent(y);
        if (n < minimum) {
            throw new AnalysisException(statistic, series.label(), "has " + n + " present point" + (n == 1 ? "" : "s")
                    + "; needs at least " + minimum);
        }
        return y;
    }
}
