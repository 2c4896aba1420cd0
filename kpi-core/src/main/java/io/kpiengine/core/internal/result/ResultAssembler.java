package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiEvaluationException;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.DateSpine;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns merged aggregation states into result cells: lays every metric over one date spine (the periods from the
 * first to the last period with data, or an explicit range) and every combination of dimension values its
 * grouping saw, applies the empty and zero-denominator policies, and evaluates derived metrics over the period
 * series (offset references read other cells; windows merge the states of their periods).
 *
 * <p>The work is split along its seams, each a class of this package with its own tests:
 * {@link DataExtent} (where the data lies) and {@link RangePlan} (the output, cell and slot ranges: how far back
 * references reach), {@link SlotIndex} (the state slots behind a cell), {@link StateCells} (a measure or ratio
 * over a set of slots) with {@link CellPolicies}, {@link CellTable} (every metric instance once) and
 * {@link DerivedCells} (formulas, references and windows). This class only runs them in order and lays the cells
 * of the output range out as result rows.
 *
 * <p><b>Coverage.</b> The data of a source starts at its first period with rows. A cell, reference or window
 * before that start has no value: {@link io.kpiengine.core.NoValueReason#NO_HISTORY} for a cell or a reference
 * that lies wholly before it, {@link io.kpiengine.core.NoValueReason#INCOMPLETE_WINDOW} for a window that reaches
 * partly before it, unless partial windows are allowed (then the window merges the periods that have data). A
 * ratio's or formula's coverage is the latest start among its inputs ({@link Coverages}).
 *
 * <p>Dimension combinations are ordered by their values (missing last), so results do not depend on
 * partitioning. One instance per run; not thread-safe.
 */
public final class ResultAssembler {

    private final Timeline timeline;
    private final Clock clock;
    private final Period first;
    private final Period last;
    private final boolean partialWindows;
    private final List<String> warnings = new ArrayList<>();

    /**
     * Creates an assembler.
     *
     * @param calendar the business calendar
     * @param grain the grain of every period
     * @param clock the clock that decides the partial period
     * @param first the first period of the spine, or null for the first period with data
     * @param last the last period of the spine, or null for the last period with data
     * @param partialWindows whether a window that reaches before the data merges the periods that have data
     *     (true) or has no value (false)
     */
    public ResultAssembler(BusinessCalendar calendar, Grain grain, Clock clock, Period first, Period last,
            boolean partialWindows) {
        this.timeline = new Timeline(calendar, grain);
        this.clock = clock;
        this.first = first;
        this.last = last;
        this.partialWindows = partialWindows;
    }

    /**
     * Assembles the cells of every metric.
     *
     * @param metrics the metrics in catalog order
     * @param sourceStates the merged state of each source
     * @param formulas the compiled formula of each derived metric
     * @return the cells in table order
     * @throws KpiEvaluationException if cells under an "error" policy have no value
     */
    public List<KpiResult> assemble(List<PlannedMetric> metrics, Map<String, SourceState> sourceStates,
            Map<String, DerivedFormula> formulas) {
        Map<String, PlannedMetric> byId = new HashMap<>();
        metrics.forEach(m -> byId.put(m.id(), m));
        DataExtent data = DataExtent.of(sourceStates.values());
        Optional<RangePlan> planned = RangePlan.plan(metrics, formulas, data, timeline, first, last);
        if (planned.isEmpty()) {
            return List.of();
        }
        RangePlan ranges = planned.get();
        DateSpine spine = timeline.calendar().spine(timeline.period(ranges.outFirst()),
                timeline.period(ranges.outLast()), clock);
        Coverages coverages = new Coverages(byId::get, formulas, data);
        CellPolicies policies = new CellPolicies(timeline, ranges);
        StateCells state = new StateCells(sourceStates, byId::get, ranges, policies);
        DerivedCells derived = new DerivedCells(byId::get, formulas, ranges, timeline, coverages, state, policies,
                partialWindows);
        CellTable table = new CellTable(byId::get, ranges, timeline, coverages, state, derived);
        for (PlannedMetric m : metrics) {
            table.cells(m, m.dimensions());
        }
        List<String> errors = policies.errors();
        if (!errors.isEmpty()) {
            throw new KpiEvaluationException(errors.size() + " cells have no value and their metric's policy is"
                    + " 'error':", errors);
        }
        warnings.addAll(derived.warnings());
        List<KpiResult> out = new ArrayList<>();
        for (PlannedMetric m : metrics) {
            MetricCells c = table.cells(m, m.dimensions());
            for (List<String> tuple : c.tuples()) {
                Map<String, String> dims = Tuples.dimensionMap(c.dimensions(), tuple);
                KpiValue[] values = c.series(tuple);
                long[] rows = c.rows(tuple);
                for (long abs = ranges.outFirst(); abs <= ranges.outLast(); abs++) {
                    Period period = spine.periods().get((int) (abs - ranges.outFirst()));
                    int p = (int) (abs - ranges.cellStart());
                    out.add(new KpiResult(m.id(), period, dims, values[p], spine.status(period),
                            rows == null ? 0 : rows[p]));
                }
            }
        }
        return out;
    }

    /**
     * Observations about the assembled cells that do not stop the run: which metrics used partial windows.
     *
     * @return an immutable list of sentences
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
