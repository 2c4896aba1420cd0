package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells of one metric at one set of dimensions: per tuple (in {@link Tuples#ORDER}), one value and one row
 * count per period of the cell range. Filled once by {@link CellTable}, then only read.
 */
public final class MetricCells {

    private final List<String> dimensions;
    private final Coverage coverage;
    private final long cellStart;
    private final Map<List<String>, KpiValue[]> values = new LinkedHashMap<>();
    private final Map<List<String>, long[]> rows = new HashMap<>();

    /**
     * Creates empty cells.
     *
     * @param dimensions the dimensions of the tuples
     * @param coverage where the data behind the metric starts
     * @param cellStart the period index of the first cell of every series
     */
    public MetricCells(List<String> dimensions, Coverage coverage, long cellStart) {
        this.dimensions = List.copyOf(dimensions);
        this.coverage = coverage;
        this.cellStart = cellStart;
    }

    /**
     * Adds the series of one tuple.
     *
     * @param tuple the dimension values
     * @param series one value per cell
     * @param rowCounts one row count per cell, or null when the metric counts no rows (derived metrics)
     */
    void put(List<String> tuple, KpiValue[] series, long[] rowCounts) {
        values.put(tuple, series);
        if (rowCounts != null) {
            rows.put(tuple, rowCounts);
        }
    }

    /**
     * The dimensions of the tuples.
     *
     * @return the names
     */
    public List<String> dimensions() {
        return dimensions;
    }

    /**
     * Where the data behind the metric starts.
     *
     * @return the coverage
     */
    public Coverage coverage() {
        return coverage;
    }

    /**
     * The tuples, in order.
     *
     * @return a live view of the keys
     */
    public Set<List<String>> tuples() {
        return values.keySet();
    }

    /**
     * The value series of a tuple.
     *
     * @param tuple the dimension values
     * @return one value per cell, or null when the tuple has no series
     */
    public KpiValue[] series(List<String> tuple) {
        return values.get(tuple);
    }

    /**
     * The row counts of a tuple.
     *
     * @param tuple the dimension values
     * @return one count per cell, or null when the metric counts no rows or the tuple has no series
     */
    public long[] rows(List<String> tuple) {
        return rows.get(tuple);
    }

    /**
     * The cell of a tuple at a period: a tuple the metric never saw has no rows there (or no history before the
     * data).
     *
     * @param tuple the dimension values
     * @param abs the period index, in the cell range
     * @param timeline names the periods
     * @return the value
     */
    public KpiValue at(List<String> tuple, long abs, Timeline timeline) {
        KpiValue[] series = values.get(tuple);
        if (series == null) {
            return abs < coverage.start() ? coverage.noHistory(abs, timeline)
                    : KpiValue.none(NoValueReason.NO_ROWS, "no rows");
        }
        return series[(int) (abs - cellStart)];
    }
}
