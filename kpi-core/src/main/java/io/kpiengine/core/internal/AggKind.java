package io.kpiengine.core.internal;

/** The aggregation functions the engine computes from a column, each with a mergeable state. */
public enum AggKind {
    /** Sum of non-missing values: exact for integers and scaled decimals, compensated for doubles. */
    SUM,
    /** Count of rows (no column) or of non-missing values. */
    COUNT,
    /** Exact count of distinct non-missing values. */
    COUNT_DISTINCT,
    /** Arithmetic mean of non-missing values. */
    AVG,
    /** Smallest non-missing value. */
    MIN,
    /** Largest non-missing value. */
    MAX,
    /** Exact quantile with linear interpolation (DuckDB {@code quantile_cont}, pandas {@code quantile}). */
    QUANTILE,
    /** Value at the earliest timestamp of the period. */
    FIRST,
    /** Value at the latest timestamp of the period. */
    LAST,
    /** Sum of value times weight divided by the sum of weights. */
    WEIGHTED_AVG,
    /** Sample variance (ddof 1). */
    VARIANCE,
    /** Population variance (ddof 0). */
    VARIANCE_POP,
    /** Sample standard deviation (ddof 1). */
    STDDEV,
    /** Population standard deviation (ddof 0). */
    STDDEV_POP,
    /** Sample standard deviation over the mean. */
    CV,
    /** Population standard deviation over the mean. */
    CV_POP;

    /**
     * Whether this is a spread statistic, kept as {@code (n, mean, M2)} per slot.
     *
     * @return true for the variance, standard deviation and coefficient of variation kinds
     */
    public boolean isSpread() {
        return switch (this) {
            case VARIANCE, VARIANCE_POP, STDDEV, STDDEV_POP, CV, CV_POP -> true;
            default -> false;
        };
    }
}
