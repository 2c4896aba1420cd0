package io.kpiengine.core.analyze;

import io.kpiengine.base.KpiException;
import io.kpiengine.core.time.Period;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A statistic needs a value that a cell of the result table does not have: a series with missing periods under
 * {@link io.kpiengine.analysis.MissingPolicy#ERROR}, or a driver or segment without a value in a period compared.
 * The message names the metric, the segment, the period and the cell's reason, for instance
 * {@code "lead/lag: series 'revenue' has no value in 2 of 104 periods, the first 2024-W01 (NO_HISTORY: ...);
 * choose other periods, or pass MissingPolicy.INTERPOLATE to fill them"}.
 *
 * <pre>{@code
 * try {
 *     results.leadLag("signups", "revenue").run();
 * } catch (MissingValueException e) {
 *     System.err.println(e.metric() + " has no value in " + e.period());
 * }
 * }</pre>
 */
public final class MissingValueException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The metric without a value. */
    private final String metric;
    /** Its segment. */
    private final transient Map<String, String> segment;
    /** The first period without a value. */
    private final transient Period period;

    /**
     * Creates the exception.
     *
     * @param metric the metric without a value
     * @param segment its segment, empty for a metric without dimensions
     * @param period the (first) period without a value
     * @param message the whole message: statistic, series, period, reason and what to do
     * @throws NullPointerException if an argument is null
     */
    public MissingValueException(String metric, Map<String, String> segment, Period period, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.metric = Objects.requireNonNull(metric, "metric");
        this.segment = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(segment, "segment")));
        this.period = Objects.requireNonNull(period, "period");
    }

    /**
     * Returns the metric without a value.
     *
     * @return the metric id
     */
    public String metric() {
        return metric;
    }

    /**
     * Returns the segment of the metric.
     *
     * @return dimension name to value, empty for a metric without dimensions
     */
    public Map<String, String> segment() {
        return segment;
    }

    /**
     * Returns the first period without a value.
     *
     * @return the period
     */
    public Period period() {
        return period;
    }
}
