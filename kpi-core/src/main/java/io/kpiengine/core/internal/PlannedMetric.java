package io.kpiengine.core.internal;

import java.util.List;
import java.util.Objects;

/**
 * A metric as the engine computes it: where its rows come from, how they are grouped, which accumulators hold
 * its state, and its no-value policies.
 *
 * @param id the metric id
 * @param kind measure, ratio or derived
 * @param source the data source (null for derived metrics)
 * @param timeColumn the time column of the source (null for derived metrics)
 * @param dimensions the dimensions (for derived metrics: those of its inputs)
 * @param measure the accumulator of a measure, or the numerator of a ratio
 * @param denominator the denominator of a ratio, else null
 * @param formula the formula of a derived metric, else null
 * @param emptyPolicy what a cell without input rows shows
 * @param zeroDenominatorPolicy what a zero denominator shows
 */
public record PlannedMetric(String id, Kind kind, String source, String timeColumn, List<String> dimensions,
        MeasureSpec measure, MeasureSpec denominator, String formula, Policy emptyPolicy,
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
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the components do not fit the kind
     */
    public PlannedMetric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(emptyPolicy, "emptyPolicy");
        Objects.requireNonNull(zeroDenominatorPolicy, "zeroDenominatorPolicy");
        boolean aggregated = kind != Kind.DERIVED;
        if (aggregated && (source == null || timeColumn == null || measure == null)) {
            throw new IllegalArgumentException("metric '" + id + "': a " + kind
                    + " needs a source, a time column and a measure");
        }
        if ((kind == Kind.RATIO) != (denominator != null)) {
            throw new IllegalArgumentException("metric '" + id + "': only a RATIO has a denominator");
        }
        if ((kind == Kind.DERIVED) != (formula != null)) {
            throw new IllegalArgumentException("metric '" + id + "': only a DERIVED metric has a formula");
        }
    }

    /**
     * The grouping of an aggregated metric.
     *
     * @return the group spec
     */
    public GroupSpec group() {
        return new GroupSpec(timeColumn, dimensions);
    }
}
