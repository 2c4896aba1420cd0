package io.kpiengine.core;

/**
 * Why a KPI cell has no value.
 *
 * <pre>{@code
 * KpiValue v = results.value("conversion_rate", period, Map.of("channel", "email")).orElseThrow().value();
 * if (!v.isPresent() && v.reason() == NoValueReason.ZERO_DENOMINATOR) { ... }
 * }</pre>
 */
public enum NoValueReason {
    /** No input rows for the metric in this period and segment, and the metric's empty policy is "no value". */
    NO_ROWS,
    /** A ratio or formula divided by zero, and the metric's zero-denominator policy is "no value". */
    ZERO_DENOMINATOR,
    /** A metric the formula reads has no value here (the detail names it and its reason). */
    MISSING_INPUT,
    /** A reference to a period before the first period of the data ({@code lag}, {@code last_year}). */
    NO_HISTORY,
    /** A formula hit a domain error ({@code sqrt(-1)}, {@code ln(0)}) or overflowed. */
    DOMAIN_ERROR
}
