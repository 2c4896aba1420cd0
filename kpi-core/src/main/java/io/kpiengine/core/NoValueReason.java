package io.kpiengine.core;

/**
 * Why a KPI cell has no value.
 *
 * <pre>{@code
 * KpiValue v = results.value("conversion_rate", period, Map.of("channel", "email")).orElseThrow().value();
 * if (v.reason().orElse(null) == NoValueReason.ZERO_DENOMINATOR) { ... }
 * }</pre>
 */
public enum NoValueReason {
    /** No input rows for the metric in this period and segment, and the metric's empty policy is "no value". */
    NO_ROWS,
    /** A ratio or formula divided by zero, and the metric's zero-denominator policy is "no value". */
    ZERO_DENOMINATOR,
    /** A metric the formula reads has no value here (the detail names it and its reason). */
    MISSING_INPUT,
    /**
     * The cell, or the period a {@code lag} or {@code last_year} reads, or the whole window of a {@code trailing} or
     * {@code to_date}, lies before the first period with data of the metric's source (or the source has no data):
     * there is no data to tell "nothing happened" from "not recorded".
     */
    NO_HISTORY,
    /**
     * A window ({@code trailing(m, n)}, {@code to_date(m, grain)}) starts before the first period with data of the
     * metric's source, so fewer periods than it declares have data; the detail says how many. Allow partial windows
     * ({@link KpiEngine.Builder#partialWindows(boolean)}) to merge the periods that have data instead.
     */
    INCOMPLETE_WINDOW,
    /** A formula hit a domain error ({@code sqrt(-1)}, {@code ln(0)}) or overflowed. */
    DOMAIN_ERROR
}
