package io.kpiengine.analysis;

/**
 * A two-sided interval for an estimate: a confidence interval for a parameter or a prediction interval for a new
 * observation.
 *
 * @param low the lower bound
 * @param high the upper bound, at least {@code low}
 * @param level the confidence level, in (0, 1), for instance 0.95
 */
public record Interval(double low, double high, double level) {

    /**
     * Checks the bounds.
     *
     * @param low the lower bound
     * @param high the upper bound, at least {@code low}
     * @param level the confidence level, in (0, 1), for instance 0.95
     * @throws IllegalArgumentException if a bound is not finite, {@code high < low} or {@code level} is not in (0, 1)
     */
    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low) {
            throw new IllegalArgumentException("interval must have finite bounds low <= high, but was ["
                    + low + ", " + high + "]");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), but was " + level);
        }
    }

    /**
     * Returns half the width of the interval, the "± margin" of a symmetric interval.
     *
     * @return {@code (high - low) / 2}
     */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /**
     * Tells whether the interval contains a value, bounds included.
     *
     * @param value the value
     * @return true if {@code low <= value <= high}
     */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
