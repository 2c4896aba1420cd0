package io.kpiengine.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * A metric as the engine computes it, with its dimensions resolved.
 *
 * <ul>
 *   <li>MEASURE: an aggregation ({@code measure}, whose id is the metric id) of the rows of {@code source},
 *       bucketed by {@code timeColumn}.</li>
 *   <li>RATIO: {@code numerator / denominator * scale} of two other metrics, both aggregated at this metric's
 *       dimensions (never an average of row ratios).</li>
 *   <li>DERIVED: a formula over other metrics at this metric's dimensions.</li>
 * </ul>
 *
 * @param id the metric id
 * @param kind measure, ratio or derived
 * @param dimensions the resolved dimensions
 * @param source the data source of a measure, else null
 * @param timeColumn the time column of a measure's source, else null
 * @param measure the aggregation of a measure, else null
 * @param numerator the numerator metric id of a ratio, else null
 * @param denominator the denominator metric id of a ratio, else null
 * @param scale the factor of a ratio (1 for a plain quotient, 100 for percent)
 * @param formula the formula text of a derived metric, else null
 * @param emptyPolicy what a cell without input rows shows
 * @param zeroDenominatorPolicy what a zero denominator shows
 */
public record PlannedMetric(String id, Kind kind, List<String> dimensions, String source, String timeColumn,
        MeasureSpec measure, String numerator, String denominator, double scale, String formula, Policy emptyPolicy,
        Policy zeroDenominatorPolicy) {

    /** The three shapes of metric. */
    public enum Kind {
        /** An aggregation of a column. */
        MEASURE,
        /** Aggregated numerator over aggregated denominator. */
        RATIO,
        /** A formula over other metrics. */
        DERIVED
    }

    /** What a cell without a value shows. */
    public enum Policy {
        /** No value, with the reason. */
        NO_VALUE,
        /** The value 0. */
        ZERO,
        /** The run fails with an error naming the cells. */
        ERROR
    }

    /**
     * Validates the components.
     *
     * @param id the id component
     * @param kind the kind component
     * @param dimensions the dimensions component
     * @param source the source component
     * @param timeColumn the timeColumn component
     * @param measure the measure component
     * @param numerator the numerator component
     * @param denominator the denominator component
     * @param scale the scale component
     * @param formula the formula component
     * @param emptyPolicy the emptyPolicy component
     * @param zeroDenominatorPolicy the zeroDenominatorPolicy component
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the components do not fit the kind
     */
    public PlannedMetric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(emptyPolicy, "emptyPolicy");
        Objects.requireNonNull(zeroDenominatorPolicy, "zeroDenominatorPolicy");
        boolean ok = switch (kind) {
            case MEASURE -> source != null && timeColumn != null && measure != null && numerator == null
                    && formula == null;
            case RATIO -> numerator != null && denominator != null && measure == null && formula == null;
            case DERIVED -> formula != null && measure == null && numerator == null;
        };
        if (!ok) {
            throw new IllegalArgumentException("metric '" + id + "': the components do not fit a " + kind);
        }
    }

    /**
     * A measure.
     *
     * @param measure the aggregation; its id is the metric id
     * @param source the data source
     * @param timeColumn the time column of the source
     * @param dimensions the dimensions
     * @param empty the empty policy
     * @return the metric
     */
    public static PlannedMetric measure(MeasureSpec measure, String source, String timeColumn, List<String> dimensions,
            Policy empty) {
        return new PlannedMetric(measure.id(), Kind.MEASURE, dimensions, source, timeColumn, measure, null, null, 1,
                null, empty, Policy.NO_VALUE);
    }

    /**
     * A ratio.
     *
     * @param id the id
     * @param numerator the numerator metric
     * @param denominator the denominator metric
     * @param scale the factor
     * @param dimensions the dimensions
     * @param empty the empty policy
     * @param zeroDenominator the zero-denominator policy
     * @return the metric
     */
    public static PlannedMetric ratio(String id, String numerator, String denominator, double scale,
            List<String> dimensions, Policy empty, Policy zeroDenominator) {
        return new PlannedMetric(id, Kind.RATIO, dimensions, null, null, null, numerator, denominator, scale, null,
                empty, zeroDenominator);
    }

    /**
     * A derived metric.
     *
     * @param id the id
     * @param formula the formula text
     * @param dimensions the dimensions
     * @param empty the empty policy
     * @param zeroDenominator the zero-denominator policy
     * @return the metric
     */
    public static PlannedMetric derived(String id, String formula, List<String> dimensions, Policy empty,
            Policy zeroDenominator) {
        return new PlannedMetric(id, Kind.DERIVED, dimensions, null, null, null, null, null, 1, formula, empty,
                zeroDenominator);
    }

    /**
     * The id of the accumulator of this measure aggregated at some dimensions.
     *
     * @param metricId the measure id
     * @param dims the dimensions
     * @return the accumulator id
     */
    public static String instanceId(String metricId, List<String> dims) {
        return metricId + "@" + String.join(",", dims);
    }
}
