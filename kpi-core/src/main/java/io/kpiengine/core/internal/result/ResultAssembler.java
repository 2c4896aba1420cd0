package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiEvaluationException;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.EnginePlan;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.DateSpine;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p><b>Grains and grouping sets.</b> Ranges are planned in result periods; a {@link PeriodMap} sends each state
 * period to its result period (the identity, a coarser period holding it, or the whole range), so a state kept at
 * a finer grain answers a coarser one exactly: every cell merges the finer slots it contains. Each metric is laid
 * out once per instance of the plan ({@code EnginePlan.instances}): its own dimensions, or one per grouping set it
 * fits. A narrow assembly (for a live accumulator) plans the same ranges but indexes only the slots of the periods
 * its cells read.
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

    private final BusinessCalendar calendar;
    private final Grain grain;
    private final Grain stateGrain;
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
        this(calendar, grain, grain, clock, first, last, partialWindows);
    }

    /**
     * Creates an assembler of results at one grain from states kept at a finer grain (re-graining).
     *
     * @param calendar the business calendar
     * @param grain the grain of every result period
     * @param stateGrain the grain of the state's periods; one that nests in {@code grain}
     * @param clock the clock that decides the partial period
     * @param first the first period of the spine, or null for the first period with data; at the whole-range grain
     *     a period of any grain whose first date starts the range
     * @param last the last period of the spine, or null for the last period with data; at the whole-range grain a
     *     period of any grain whose last date ends the range
     * @param partialWindows whether a window that reaches before the data merges the periods that have data
     *     (true) or has no value (false)
     * @throws IllegalArgumentException if the state grain does not nest in the grain
     */
    public ResultAssembler(BusinessCalendar calendar, Grain grain, Grain stateGrain, Clock clock, Period first,
            Period last, boolean partialWindows) {
        if (grain != stateGrain && (stateGrain == Grain.WHOLE_RANGE || !calendar.nests(stateGrain, grain))) {
            throw new IllegalArgumentException("a state kept at grain " + stateGrain.id() + " cannot answer grain "
                    + grain.id() + ": " + stateGrain.id() + " periods do not nest in " + grain.id() + " periods");
        }
        this.calendar = calendar;
        this.grain = grain;
        this.stateGrain = stateGrain;
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
        return assemble(new EnginePlan(metrics, formulas, Map.of()), sourceStates);
    }

    /**
     * Assembles the cells of every instance of every metric of a plan: each metric at its own dimensions, or in
     * each grouping set it fits.
     *
     * @param plan the plan: metrics in catalog order, formulas, grouping sets
     * @param sourceStates the merged state of each source, at the state grain
     * @return the cells in table order: by metric, grouping set, dimension values, period
     * @throws KpiEvaluationException if cells under an "error" policy have no value
     */
    public List<KpiResult> assemble(EnginePlan plan, Map<String, SourceState> sourceStates) {
        return assemble(plan, sourceStates, null, false);
    }

    /**
     * Assembles the cells of some metrics only, for a question about part of the results (a live accumulator's
     * query): their inputs are computed but not laid out, and with {@code narrow} the state indexes visit only the
     * slots the output range needs.
     *
     * @param plan the plan: metrics in catalog order, formulas, grouping sets
     * @param sourceStates the merged state of each source, at the state grain
     * @param outputMetrics the ids of the metrics to lay out, or null for all
     * @param narrow whether the state indexes visit only the slots of the periods the cells read
     * @return the cells of those metrics in table order
     * @throws KpiEvaluationException if cells under an "error" policy have no value
     */
    public List<KpiResult> assemble(EnginePlan plan, Map<String, SourceState> sourceStates, Set<String> outputMetrics,
            boolean narrow) {
        List<PlannedMetric> metrics = plan.metrics();
        Map<String, DerivedFormula> formulas = plan.formulas();
        Map<String, PlannedMetric> byId = new HashMap<>();
        metrics.forEach(m -> byId.put(m.id(), m));
        Period from = first;
        Period to = last;
        PeriodMap periods;
        Timeline timeline;
        if (grain == Grain.WHOLE_RANGE) {
            Optional<Period> range = wholeRange(sourceStates.values());
            if (range.isEmpty()) {
                return List.of();
            }
            periods = PeriodMap.toRange(calendar, stateGrain, range.get());
            timeline = new Timeline(calendar, grain, range.get());
            from = range.get();
            to = range.get();
        } else {
            periods = grain == stateGrain ? PeriodMap.identity(calendar, grain)
                    : PeriodMap.regrain(calendar, stateGrain, grain);
            timeline = new Timeline(calendar, grain);
        }
        DataExtent data = DataExtent.of(sourceStates.values(), periods);
        Optional<RangePlan> planned = RangePlan.plan(metrics, formulas, data, timeline, from, to);
        if (planned.isEmpty()) {
            return List.of();
        }
        RangePlan ranges = planned.get();
        DateSpine spine = timeline.calendar().spine(timeline.period(ranges.outFirst()),
                timeline.period(ranges.outLast()), clock);
        Coverages coverages = new Coverages(byId::get, formulas, data);
        CellPolicies policies = new CellPolicies(timeline, ranges);
        StateCells state = new StateCells(sourceStates, byId::get, ranges, policies, periods, narrow);
        DerivedCells derived = new DerivedCells(byId::get, formulas, ranges, timeline, coverages, state, policies,
                partialWindows);
        CellTable table = new CellTable(byId::get, ranges, timeline, coverages, state, derived);
        List<PlannedMetric> shown = new ArrayList<>();
        for (PlannedMetric m : metrics) {
            if (outputMetrics == null || outputMetrics.contains(m.id())) {
                shown.add(m);
                for (List<String> dims : plan.instances(m)) {
                    table.cells(m, dims);
                }
            }
        }
        List<String> errors = policies.errors();
        if (!errors.isEmpty()) {
            throw new KpiEvaluationException(errors.size() + " cells have no value and their metric's policy is"
                    + " 'error':", errors);
        }
        warnings.addAll(plan.unfitWarnings());
        warnings.addAll(derived.warnings());
        List<KpiResult> out = new ArrayList<>();
        for (PlannedMetric m : shown) {
            for (List<String> dims : plan.instances(m)) {
                rows(m, table.cells(m, dims), ranges, spine, out);
            }
        }
        return out;
    }

    /**
     * The whole range: from the first date of {@code first} (or of the first state period with data) to the last
     * date of {@code last} (or of the last state period with data).
     */
    private Optional<Period> wholeRange(Collection<SourceState> states) {
        DataExtent raw = DataExtent.of(states);
        if (raw.isEmpty() && (first == null || last == null)) {
            return Optional.empty();
        }
        LocalDate start = first != null ? first.firstDate() : calendar.period(stateGrain, raw.first()).firstDate();
        LocalDate end = last != null ? last.lastDate() : calendar.period(stateGrain, raw.last()).lastDate();
        return Optional.of(calendar.range(start, end.isBefore(start) ? start : end));
    }

    /** Lays the output cells of one metric instance out as result rows. */
    private static void rows(PlannedMetric m, MetricCells c, RangePlan ranges, DateSpine spine, List<KpiResult> out) {
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

    /**
     * Observations about the assembled cells that do not stop the run: which metrics used partial windows.
     *
     * @return an immutable list of sentences
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
