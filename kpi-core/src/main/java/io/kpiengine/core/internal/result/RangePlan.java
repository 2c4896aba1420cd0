package io.kpiengine.core.internal.result;

import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Kind;
import io.kpiengine.core.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three ranges of period indexes of one result, all ending with the last output period.
 *
 * <ul>
 *   <li>the <em>output</em> range {@code outFirst..outLast}, the spine of the result table;</li>
 *   <li>the <em>cell</em> range {@code cellStart..outLast}, which starts earlier when a {@code lag} or
 *       {@code last_year} in the output reads cells before it (followed recursively through the formulas that
 *       reference other formulas);</li>
 *   <li>the <em>slot</em> range {@code slotStart..outLast}, which starts earlier still when a window of a computed
 *       cell reaches before the cell range: windows merge aggregation slots, not cells.</li>
 * </ul>
 *
 * <p>None starts before the first period with data (or the output start, if that is earlier), so the work depends
 * on the output and on how far its references reach back, never on how much older history the state holds, and a
 * reference reads all the aggregated data whatever the output range. Immutable.
 *
 * @param outFirst the first output period
 * @param outLast the last output period, also the last cell and slot
 * @param cellStart the first computed cell, at most {@code outFirst}
 * @param slotStart the first indexed slot, at most {@code cellStart}
 */
public record RangePlan(long outFirst, long outLast, long cellStart, long slotStart) {

    /**
     * Checks the order of the ranges.
     *
     * @param outFirst the outFirst component
     * @param outLast the outLast component
     * @param cellStart the cellStart component
     * @param slotStart the slotStart component
     * @throws IllegalArgumentException if a range starts after the one it contains, or the ranges are longer than
     *     an {@code int} can index
     */
    public RangePlan {
        if (slotStart > cellStart || cellStart > outFirst) {
            throw new IllegalArgumentException("ranges must nest (slotStart <= cellStart <= outFirst), but were "
                    + slotStart + ", " + cellStart + ", " + outFirst);
        }
    }

    /**
     * Plans the ranges of a run.
     *
     * @param metrics the metrics in catalog order
     * @param formulas the compiled formula of each derived metric
     * @param data where the data lies
     * @param timeline the calendar and grain of the periods
     * @param first the first output period, or null for the first period with data
     * @param last the last output period, or null for the last period with data
     * @return the ranges, or empty when there is no data and no fixed first period (the result has no rows)
     * @throws IllegalArgumentException if a range holds more than {@link Integer#MAX_VALUE} periods
     */
    public static Optional<RangePlan> plan(List<PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
            DataExtent data, Timeline timeline, Period first, Period last) {
        if (data.isEmpty() && first == null) {
            return Optional.empty();
        }
        long outFirst = first != null ? first.index() : data.first();
        long outLast = last != null ? last.index() : data.last();
        long floor = Math.min(outFirst, data.first());
        Map<String, PlannedMetric> byId = new HashMap<>();
        metrics.forEach(m -> byId.put(m.id(), m));
        long needCells = outFirst;
        for (PlannedMetric m : metrics) {
            needCells = Math.min(needCells, earliestCell(m, outFirst, byId, formulas, timeline));
        }
        long cellStart = Math.max(needCells, floor);
        long needSlots = cellStart;
        for (PlannedMetric m : metrics) {
            if (m.kind() == Kind.DERIVED) {
                for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
                    if (s.isWindow()) {
                        needSlots = Math.min(needSlots, timeline.windowStart(s, cellStart));
                    }
                }
            }
        }
        long slotStart = Math.min(cellStart, Math.max(needSlots, floor));
        size(cellStart, outLast, timeline);
        size(slotStart, outLast, timeline);
        return Optional.of(new RangePlan(outFirst, outLast, cellStart, slotStart));
    }

    /**
     * The earliest period whose cell of {@code m} must be computed when its cells are needed from {@code from} on:
     * lags and last_year of derived metrics read earlier cells (recursively); windows read slots, not cells.
     */
    private static long earliestCell(PlannedMetric m, long from, Map<String, PlannedMetric> byId,
            Map<String, DerivedFormula> formulas, Timeline timeline) {
        if (m.kind() != Kind.DERIVED) {
            return from;
        }
        long earliest = from;
        for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
            if (s.isWindow()) {
                continue;
            }
            long target = s.function() == null ? from : timeline.offsetTarget(s, from);
            earliest = Math.min(earliest, earliestCell(byId.get(s.metric()), target, byId, formulas, timeline));
        }
        return earliest;
    }

    private static void size(long start, long end, Timeline timeline) {
        long n = end - start + 1;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the periods from " + timeline.period(start) + " to "
                    + timeline.period(end) + " must be at most " + Integer.MAX_VALUE + ", but were " + n);
        }
    }

    /**
     * The number of computed cells per dimension combination.
     *
     * @return {@code outLast - cellStart + 1}
     */
    public int cellCount() {
        return (int) (outLast - cellStart + 1);
    }

    /**
     * The number of indexed slot periods.
     *
     * @return {@code outLast - slotStart + 1}
     */
    public int slotCount() {
        return (int) (outLast - slotStart + 1);
    }

    /**
     * Whether a period is in the output.
     *
     * @param abs the period index
     * @return true from {@code outFirst} on
     */
    public boolean isOutput(long abs) {
        return abs >= outFirst && abs <= outLast;
    }
}
