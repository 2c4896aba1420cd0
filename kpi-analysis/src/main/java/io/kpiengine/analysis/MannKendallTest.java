package io.kpiengine.analysis;

/**
 * The Mann–Kendall test of a monotonic trend; see {@link Trend#mannKendall(Series, double, MissingPolicy)}.
 *
 * @param observations the number of points
 * @param s the statistic {@code S = sum over i < j of sign(y[j] - y[i])}
 * @param variance the variance of S under no trend, corrected for ties; absent when every point is equal
 * @param z the continuity-corrected normal score; absent when every point is equal
 * @param pValue the two-sided p-value; absent when every point is equal
 * @param tau Kendall's tau-a, {@code S / (n (n - 1) / 2)}
 * @param direction the trend at the test's significance level
 */
public record MannKendallTest(int observations, long s, Figure variance, Figure z, Figure pValue, double tau,
        TrendDirection direction) {
}
