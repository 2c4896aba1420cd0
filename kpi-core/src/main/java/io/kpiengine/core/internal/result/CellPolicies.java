package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cell without a value shows under its metric's policy: no value with the reason, zero, or an error that
 * fails the run. Errors are collected (only for output cells: a cell computed for a reference but not shown never
 * fails the run) so that one exception lists them all. One instance per run; not thread-safe.
 */
public final class CellPolicies {

    private final Timeline timeline;
    private final RangePlan ranges;
    private final List<String> errors = new ArrayList<>();

    /**
     * Creates the policies of a run.
     *
     * @param timeline names the periods in error messages
     * @param ranges decides which cells are output
     */
    public CellPolicies(Timeline timeline, RangePlan ranges) {
        this.timeline = timeline;
        this.ranges = ranges;
    }

    /**
     * Applies a policy to a cell that has no value.
     *
     * @param policy the metric's policy for this case
     * @param reason why the cell has no value
     * @param detail the sentence that explains it
     * @param m the metric
     * @param abs the cell's period index
     * @param tuple the cell's dimension values
     * @param key the policy's name in catalogs ({@code empty}, {@code zero_denominator}), for the error text
     * @return zero under {@link Policy#ZERO}, else no value with the reason and detail
     */
    public KpiValue apply(Policy policy, NoValueReason reason, String detail, PlannedMetric m, long abs,
            List<String> tuple, String key) {
        return apply(policy, reason, detail, m, m.dimensions(), abs, tuple, key);
    }

    /**
     * Applies a policy to a cell of a metric instance at some dimensions (a grouping set) that has no value.
     *
     * @param policy the metric's policy for this case
     * @param reason why the cell has no value
     * @param detail the sentence that explains it
     * @param m the metric
     * @param dims the dimensions of the cell's tuple
     * @param abs the cell's period index
     * @param tuple the cell's dimension values
     * @param key the policy's name in catalogs, for the error text
     * @return zero under {@link Policy#ZERO}, else no value with the reason and detail
     */
    public KpiValue apply(Policy policy, NoValueReason reason, String detail, PlannedMetric m, List<String> dims,
            long abs, List<String> tuple, String key) {
        switch (policy) {
            case ZERO:
                return KpiValue.of(BigDecimal.ZERO);
            case ERROR:
                if (abs >= ranges.outFirst()) {
                    errors.add(where(m, dims, abs, tuple) + ": " + detail + " (metric policy '" + key + ": error')");
                }
                return KpiValue.none(reason, detail);
            default:
                return KpiValue.none(reason, detail);
        }
    }

    private String where(PlannedMetric m, List<String> dims, long abs, List<String> tuple) {
        String text = dims.isEmpty() ? "" : " " + Tuples.dimensionMap(dims, tuple);
        return m.id() + " " + timeline.period(abs) + text;
    }

    /**
     * The output cells that had no value under an "error" policy, one line each.
     *
     * @return an immutable list
     */
    public List<String> errors() {
        return List.copyOf(errors);
    }
}
