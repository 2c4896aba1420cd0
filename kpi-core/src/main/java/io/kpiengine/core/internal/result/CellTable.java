package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.internal.PlannedMetric;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cells of every metric instance (metric at a set of dimensions) a run needs, each computed once: measures
 * from state ({@link StateCells}), ratios as the quotient of their numerator's and denominator's cells, derived
 * metrics by {@link DerivedCells}. A metric's inputs are computed at the metric's dimensions (a ratio by channel
 * divides the numerator by channel by the denominator by channel). One instance per run; not thread-safe.
 */
public final class CellTable {

    private final Function<String, PlannedMetric> metrics;
    private final RangePlan ranges;
    private final Timeline timeline;
    private final Coverages coverages;
    private final StateCells state;
    private final DerivedCells derived;
    private final Map<String, MetricCells> done = new HashMap<>();

    /**
     * Creates the table of a run.
     *
     * @param metrics the metric of an id
     * @param ranges the cell range
     * @param timeline names the periods
     * @param coverages where each metric's data starts
     * @param state computes measures and ratios from state
     * @param derived computes derived metrics
     */
    public CellTable(Function<String, PlannedMetric> metrics, RangePlan ranges, Timeline timeline,
            Coverages coverages, StateCells state, DerivedCells derived) {
        this.metrics = metrics;
        this.ranges = ranges;
        this.timeline = timeline;
        this.coverages = coverages;
        this.state = state;
        this.derived = derived;
    }

    /**
     * The cells of a metric at some dimensions.
     *
     * @param m the metric
     * @param dims the dimensions
     * @return the cells, computed on first use
     */
    public MetricCells cells(PlannedMetric m, List<String> dims) {
        String key = PlannedMetric.instanceId(m.id(), dims);
        MetricCells c = done.get(key);
        if (c == null) {
            switch (m.kind()) {
                case MEASURE:
                    c = measure(m, dims);
                    break;
                case RATIO:
                    c = ratio(m, dims);
                    break;
                default:
                    c = derived.cells(m, dims, this);
                    break;
            }
            done.put(key, c);
        }
        return c;
    }

    private MetricCells measure(PlannedMetric m, List<String> dims) {
        Coverage cov = coverages.of(m);
        MetricCells c = new MetricCells(dims, cov, ranges.cellStart());
        SlotIndex index = state.index(m, dims);
        if (index == null) {
            return c;
        }
        List<List<String>> tuples = index.tuples();
        if (dims.isEmpty() && tuples.isEmpty()) {
            tuples = List.of(List.of());   // a total has its one row even without data
        }
        int n = ranges.cellCount();
        for (List<String> tuple : tuples) {
            KpiValue[] values = new KpiValue[n];
            long[] rows = new long[n];
            for (int p = 0; p < n; p++) {
                long abs = ranges.cellStart() + p;
                if (abs < cov.start()) {
                    values[p] = cov.noHistory(abs, timeline);
                    continue;
                }
                StateCells.Cell cell = state.measure(m, dims, tuple, abs, abs, "");
                values[p] = cell.value();
                rows[p] = cell.rows();
            }
            c.put(tuple, values, rows);
        }
        return c;
    }

    private MetricCells ratio(PlannedMetric m, List<String> dims) {
        MetricCells num = cells(metrics.apply(m.numerator()), dims);
        MetricCells den = cells(metrics.apply(m.denominator()), dims);
        Coverage cov = coverages.of(m);
        MetricCells c = new MetricCells(dims, cov, ranges.cellStart());
        int n = ranges.cellCount();
        for (List<String> t : Tuples.union(dims, List.of(num.tuples(), den.tuples()))) {
            KpiValue[] values = new KpiValue[n];
            long[] rows = new long[n];
            long[] denRows = den.rows(t);
            for (int p = 0; p < n; p++) {
                long abs = ranges.cellStart() + p;
                values[p] = abs < cov.start() ? cov.noHistory(abs, timeline)
                        : state.quotient(m, dims, num.at(t, abs, timeline), den.at(t, abs, timeline), abs, t, "");
                rows[p] = denRows == null ? 0 : denRows[p];
            }
            c.put(t, values, rows);
        }
        return c;
    }
}
