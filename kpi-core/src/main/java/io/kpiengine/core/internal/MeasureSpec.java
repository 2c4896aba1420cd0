package io.kpiengine.core.internal;

import java.util.Objects;

/**
 * What one accumulator computes: an aggregation of a column, with its parameters, over the rows a filter keeps.
 *
 * @param id the key of the accumulator inside its group state (the metric id, or a derived internal name)
 * @param kind the aggregation
 * @param column the input column, or null for {@link AggKind#COUNT} of rows
 * @param weightColumn the weight column of {@link AggKind#WEIGHTED_AVG}, else null
 * @param orderColumn the timestamp column of {@link AggKind#FIRST}/{@link AggKind#LAST}, else null
 * @param quantile the quantile in [0, 1] of {@link AggKind#QUANTILE}, else NaN
 * @param filter the row filter, {@link RowFilter#ALL} for every row
 */
public record MeasureSpec(String id, AggKind kind, String column, String weightColumn, String orderColumn,
        double quantile, RowFilter filter) {

    /**
     * Validates the components.
     *
     * @param id the id component
     * @param kind the kind component
     * @param column the column component
     * @param weightColumn the weightColumn component
     * @param orderColumn the orderColumn component
     * @param quantile the quantile component
     * @param filter the filter component
     * @throws NullPointerException if id, kind or filter is null
     * @throws IllegalArgumentException if a parameter the kind needs is missing or out of range
     */
    public MeasureSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(filter, "filter");
        if (column == null && kind != AggKind.COUNT) {
            throw new IllegalArgumentException("measure '" + id + "': " + kind + " needs a column");
        }
        if ((kind == AggKind.WEIGHTED_AVG) != (weightColumn != null)) {
            throw new IllegalArgumentException("measure '" + id + "': a weight column is required for WEIGHTED_AVG"
                    + " and only for it, but was " + weightColumn + " for " + kind);
        }
        boolean ordered = kind == AggKind.FIRST || kind == AggKind.LAST;
        if (ordered != (orderColumn != null)) {
            throw new IllegalArgumentException("measure '" + id + "': an order column is required for FIRST/LAST"
                    + " and only for them, but was " + orderColumn + " for " + kind);
        }
        if (kind == AggKind.QUANTILE ? !(quantile >= 0 && quantile <= 1) : !Double.isNaN(quantile)) {
            throw new IllegalArgumentException("measure '" + id + "': quantile must be in [0, 1] for QUANTILE"
                    + " and NaN otherwise, but was " + quantile);
        }
    }

    /**
     * A measure without extra parameters.
     *
     * @param id the id
     * @param kind the aggregation
     * @param column the column, or null for a count of rows
     * @return the spec, keeping every row
     */
    public static MeasureSpec of(String id, AggKind kind, String column) {
        return new MeasureSpec(id, kind, column, null, null, Double.NaN, RowFilter.ALL);
    }

    /**
     * This spec with another filter.
     *
     * @param rowFilter the filter
     * @return a new spec
     */
    public MeasureSpec withFilter(RowFilter rowFilter) {
        return new MeasureSpec(id, kind, column, weightColumn, orderColumn, quantile, rowFilter);
    }

    /**
     * A text that identifies the computation (not the id), used to check that a saved state fits.
     *
     * @return the signature
     */
    public String signature() {
        return kind + "(" + column + (weightColumn == null ? "" : "," + weightColumn)
                + (orderColumn == null ? "" : ",by " + orderColumn)
                + (Double.isNaN(quantile) ? "" : ",q=" + quantile) + ")" + filter.describe();
    }
}
