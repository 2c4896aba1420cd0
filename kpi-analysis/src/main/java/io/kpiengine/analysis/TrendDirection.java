package io.kpiengine.analysis;

/** The direction of a monotonic trend found by a test, at its significance level. */
public enum TrendDirection {
    /** A significant upward trend. */
    INCREASING,
    /** A significant downward trend. */
    DECREASING,
    /** No significant trend. */
    NONE
}
