package io.kpiengine.analysis;

/**
 * What a statistic does with missing points (NaN) in its input series.
 *
 * <p>Each statistic says which policies it accepts: dropping points shifts every later point by one period, which
 * is harmless for a sample (a t-test, a Mann–Kendall trend test that keeps each point's position) but would silently
 * change the lags of a cross-correlation or the phase of a seasonal decomposition; those accept {@link #ERROR} and
 * {@link #INTERPOLATE} only and throw {@link IllegalArgumentException} for {@link #DROP}.
 */
public enum MissingPolicy {

    /** A missing point is an {@link AnalysisException} naming the series and the index of its first missing point. */
    ERROR,

    /**
     * Missing points are left out; statistics of a position (a trend's slope) keep the index of every remaining
     * point as its position.
     */
    DROP,

    /**
     * Missing points are filled by linear interpolation between the nearest present points, and missing points
     * before the first or after the last present point take that point's value: pandas
     * {@code Series.interpolate(method="linear", limit_direction="both")}. A series with no present point at all is
     * an {@link AnalysisException}. The filled copy is the one allocation per point such a call makes.
     */
    INTERPOLATE
}
