package io.kpiengine.analysis;

/**
 * An ordinary least-squares line through a series against its period index, {@code y[t] = intercept + slope t}; see
 * {@link Trend#ols(Series, double, MissingPolicy)}.
 *
 * @param observations the number of points fitted
 * @param slope the change per period
 * @param intercept the line's value at period 0
 * @param standardError the standard error of the slope ({@code stderr} of scipy's {@code linregress})
 * @param slopeInterval the confidence interval of the slope, {@code slope ± t(n-2) standardError}
 * @param rSquared the coefficient of determination; absent for a constant series
 * @param pValue the two-sided p-value of the null "slope = 0" (t test with {@code n - 2} degrees of freedom);
 *     absent for a constant series
 */
public record LinearTrend(int observations, double slope, double intercept, double standardError,
        Interval slopeInterval, Figure rSquared, Figure pValue) {
}
