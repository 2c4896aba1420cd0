package io.kpiengine.core;

import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One cell of a KPI result table: a metric in a period for one combination of dimension values.
 *
 * <pre>{@code
 * for (KpiResult r : results.series("revenue", Map.of("channel", "email"))) {
 *     System.out.println(r.period() + " " + r.value());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric id
 * @param period the period
 * @param dimensions dimension name to value, in the metric's dimension order; a value is null when the source
 *     value was missing; empty for a metric without dimensions
 * @param value the value or the reason for none
 * @param status whether the period is complete, partial (holds "now") or in the future
 * @param rows the input rows (after the metric's filter) aggregated into the cell; 0 for spine cells and
 *     derived metrics
 */
public record KpiResult(String metric, Period period, Map<String, @Nullable String> dimensions, KpiValue value,
        PeriodStatus status, long rows) {

    /**
     * Validates and copies the components.
     *
     * @param metric the metric id
     * @param period the period
     * @param dimensions dimension name to value, in the metric's dimension order; a value is null when the source value
     *     was missing; empty for a metric without dimensions
     * @param value the value or the reason for none
     * @param status whether the period is complete, partial (holds "now") or in the future
     * @param rows the input rows (after the metric's filter) aggregated into the cell; 0 for spine cells and derived
     *     metrics
     * @throws NullPointerException if a component is null
     */
    public KpiResult {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    /**
     * The grouping set the cell belongs to: the names of its dimensions, in order (its metric's own dimensions,
     * then those of the requested grouping set); empty for a grand total. Two cells of one metric with different
     * grouping sets are different levels of the same roll-up.
     *
     * <pre>{@code
     * results.metric("sales").stream().filter(c -> c.groupingSet().equals(List.of("region"))).toList();
     * }</pre>
     *
     * @return an immutable list
     */
    public List<String> groupingSet() {
        return List.copyOf(dimensions.keySet());
    }

    /**
     * Whether the period is not complete yet.
     *
     * @return true for a partial period
     */
    public boolean isPartial() {
        return status == PeriodStatus.PARTIAL;
    }
}
