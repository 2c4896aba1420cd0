package io.kpiengine.analysis;

/**
 * A Theil–Sen line through a series against its period index: the median of the slopes between all pairs of
 * points, robust to outliers; see {@link Trend#theilSen(Series, double, MissingPolicy)}.
 *
 * @param observations the number of points
 * @param slope the median pairwise slope
 * @param intercept {@code median(y) - slope median(t)} (scipy's {@code method="separate"})
 * @param slopeInterval Sen's (1968) distribution-free confidence interval of the slope
 */
public record TheilSenTrend(int observations, double slope, double intercept, Interval slopeInterval) {
}
