package io.kpiengine.core.metric;

/**
 * What a metric yields when it cannot be computed from data: a period or segment without input rows, or a ratio
 * whose denominator is zero. Results always carry the reason when there is no value.
 */
public enum EmptyPolicy {
    /** No value, with the reason (no rows, zero denominator). */
    NO_VALUE,
    /** The value 0. */
    ZERO,
    /** The evaluation fails with an error naming the metric, the period and the segment. */
    ERROR
}
