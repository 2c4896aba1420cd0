package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.DerivedFormula;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.time.Grain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The cells of derived metrics: per cell, the value of every input slot of the formula, then the formula.
 *
 * <ul>
 *   <li>A plain input reads the input metric's cell of the same period.</li>
 *   <li>{@code lag} and {@code last_year} read the input's cell of another period ({@link Timeline#offsetTarget});
 *       before the input's data that cell has no value ({@link NoValueReason#NO_HISTORY}).</li>
 *   <li>{@code trailing} and {@code to_date} merge the input's state over the window ({@link StateCells#merged}):
 *       a window wholly before the data has no history; one that starts before it is incomplete
 *       ({@link NoValueReason#INCOMPLETE_WINDOW}) unless partial windows are allowed, in which case it merges the
 *       periods that have data and the metric gets one warning naming the cells.</li>
 * </ul>
 *
 * <p>A NaN result is explained by the formula ({@link DerivedFormula#explain}) and mapped onto the metric's
 * policies: a missing input that had no rows follows the empty policy, a zero denominator the zero-denominator
 * policy. One instance per run; not thread-safe.
 */
public final class DerivedCells {

    private final Function<String, PlannedMetric> metrics;
    private final Map<String, DerivedFormula> formulas;
    private final RangePlan ranges;
    private final Timeline timeline;
    private final Coverages coverages;
    private final StateCells state;
    private final CellPolicies policies;
    private final boolean partialWindows;
    private final List<String> warnings = new ArrayList<>();

    /**
     * Creates the evaluator of a run.
     *
     * @param metrics the metric of an id
     * @param formulas the compiled formula of each derived metric
     * @param ranges the cell range and output start
     * @param timeline names the periods and places references
     * @param coverages where each metric's data starts
     * @param state merges windows from state
     * @param policies the policies for cells without a value
     * @param partialWindows whether a window that starts before the data merges the periods that have data
     */
    public DerivedCells(Function<String, PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
            RangePlan ranges, Timeline timeline, Coverages coverages, StateCells state, CellPolicies policies,
            boolean partialWindows) {
        this.metrics = metrics;
        this.formulas = formulas;
        this.ranges = ranges;
        this.timeline = timeline;
        this.coverages = coverages;
        this.state = state;
        this.policies = policies;
        this.partialWindows = partialWindows;
    }

    /**
     * Computes the cells of a derived metric.
     *
     * @param m the derived metric
     * @param dims the dimensions to compute it at
     * @param table the cells of its inputs
     * @return the cells (without row counts)
     */
    MetricCells cells(PlannedMetric m, List<String> dims, CellTable table) {
        DerivedFormula f = formulas.get(m.id());
        List<DerivedFormula.Slot> slots = f.slots();
        MetricCells c = new MetricCells(dims, coverages.of(m), ranges.cellStart());
        List<MetricCells> inputs = new ArrayList<>();
        List<Set<List<String>>> inputTuples = new ArrayList<>();
        for (DerivedFormula.Slot s : slots) {
            MetricCells in = table.cells(metrics.apply(s.metric()), dims);
            inputs.add(in);
            inputTuples.add(in.tuples());
        }
        double[] args = new double[slots.size()];
        KpiValue[] inputValues = new KpiValue[slots.size()];
        long partialCells = 0;
        long partialFirst = Coverage.NONE;
        long partialLast = 0;
        int n = ranges.cellCount();
        for (List<String> tuple : Tuples.union(dims, inputTuples)) {
            KpiValue[] values = new KpiValue[n];
            for (int p = 0; p < n; p++) {
                long abs = ranges.cellStart() + p;
                boolean partial = false;
                for (int k = 0; k < slots.size(); k++) {
                    DerivedFormula.Slot s = slots.get(k);
                    inputValues[k] = input(s, inputs.get(k), dims, tuple, abs);
                    args[k] = inputValues[k].isPresent() ? inputValues[k].value() : Double.NaN;
                    partial |= isPartial(s, abs);
                }
                double v = f.evaluate(args);
                values[p] = Double.isNaN(v) ? explain(m, dims, f, args, inputValues, abs, tuple) : KpiValue.of(v);
                if (partial && abs >= ranges.outFirst()) {
                    partialCells++;
                    partialFirst = Math.min(partialFirst, abs);
                    partialLast = Math.max(partialLast, abs);
                }
            }
            c.put(tuple, values, null);
        }
        if (partialCells > 0 && dims.equals(m.dimensions())) {
            warnings.add("metric '" + m.id() + "': " + (partialCells == 1
                    ? "the window of 1 cell (" + timeline.period(partialFirst) + ") starts before the data"
                            + " and merges"
                    : "the windows of " + partialCells + " cells (" + timeline.period(partialFirst) + " to "
                            + timeline.period(partialLast) + ") start before the data and merge")
                    + " only the periods that have data (partial windows are on)");
        }
        return c;
    }

    /**
     * Observations that do not stop the run: which metrics merged partial windows.
     *
     * @return an immutable list of sentences
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Whether a window slot merges only part of its periods at a cell (partial windows on, data starts inside). */
    private boolean isPartial(DerivedFormula.Slot s, long abs) {
        if (!partialWindows || !s.isWindow()) {
            return false;
        }
        long start = coverages.of(metrics.apply(s.metric())).start();
        return start <= abs && timeline.windowStart(s, abs) < start;
    }

    /** The value an input slot reads for the cell at an absolute period index. */
    private KpiValue input(DerivedFormula.Slot s, MetricCells in, List<String> dims, List<String> t, long abs) {
        PlannedMetric im = metrics.apply(s.metric());
        if (s.function() == null) {
            return in.at(t, abs, timeline);
        }
        switch (s.function()) {
            case "lag":
            case "last_year": {
                long target = timeline.offsetTarget(s, abs);
                Coverage cov = coverages.of(im);
                if (target < cov.start()) {
                    return KpiValue.none(NoValueReason.NO_HISTORY, cov.before("period " + timeline.period(target)
                            + " is", timeline));
                }
                // a cell whose reference reaches before the cell range is never read nor output (see RangePlan)
                return target < ranges.cellStart()
                        ? KpiValue.none(NoValueReason.NO_HISTORY, "outside the computed range")
                        : in.at(t, target, timeline);
            }
            case "to_date": {
                Grain g = Grain.valueOf(s.grain());
                return window(im, dims, t, timeline.windowStart(s, abs), abs, "the " + g.id().replace('_', '-')
                        + "-to-date window of " + timeline.period(abs).containing(g));
            }
            case "trailing":
                return window(im, dims, t, timeline.windowStart(s, abs), abs, "the trailing window of "
                        + s.offset() + " periods");
            default:
                throw new IllegalStateException("unknown reference function " + s.function());
        }
    }

    /**
     * The value of a window of a measure or ratio: the periods {@code from..abs}, checked against the data's
     * start, then merged.
     */
    private KpiValue window(PlannedMetric m, List<String> dims, List<String> tuple, long from, long abs,
            String label) {
        Coverage cov = coverages.of(m);
        if (cov.start() > abs) {
            return KpiValue.none(NoValueReason.NO_HISTORY, cov.before(timeline.range(label, from, abs) + " lies",
                    timeline));
        }
        if (from < cov.start()) {
            if (!partialWindows) {
                return KpiValue.none(NoValueReason.INCOMPLETE_WINDOW, cov.before(timeline.range(label, from, abs)
                        + " starts", timeline) + ": " + (abs - cov.start() + 1) + " of " + (abs - from + 1)
                        + " periods have data, and partial windows are off");
            }
            from = cov.start();
        }
        return state.merged(m, dims, tuple, from, abs, " in " + label);
    }

    private KpiValue explain(PlannedMetric m, List<String> dims, DerivedFormula f, double[] args, KpiValue[] inputs,
            long abs, List<String> tuple) {
        DerivedFormula.Why why = f.explain(args);
        switch (why.reason()) {
            case ZERO_DENOMINATOR:
                return policies.apply(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, why.detail(), m,
                        dims, abs, tuple, "zero_denominator");
            case MISSING_INPUT: {
                KpiValue in = why.slot() >= 0 ? inputs[why.slot()] : null;
                String name = why.slot() >= 0 ? slotText(f.slots().get(why.slot())) : "an input";
                String detail = "input '" + name + "' has no value"
                        + (in != null && in.detail().isPresent() ? ": " + in.detail().get() : "");
                NoValueReason inReason = in == null ? null : in.reason().orElse(null);
                if (inReason == NoValueReason.NO_ROWS) {
                    return policies.apply(m.emptyPolicy(), NoValueReason.MISSING_INPUT, detail, m, dims, abs, tuple,
                            "empty");
                }
                if (inReason == NoValueReason.NO_HISTORY || inReason == NoValueReason.INCOMPLETE_WINDOW) {
                    return KpiValue.none(inReason, detail);
                }
                return KpiValue.none(NoValueReason.MISSING_INPUT, detail);
            }
            default:
                return KpiValue.none(why.reason(), why.detail());
        }
    }

    /**
     * A slot as written in a formula: {@code revenue}, {@code lag(revenue,7)}, {@code to_date(revenue,month)}.
     *
     * @param s the slot
     * @return the text
     */
    static String slotText(DerivedFormula.Slot s) {
        if (s.function() == null) {
            return s.metric();
        }
        switch (s.function()) {
            case "to_date":
                return "to_date(" + s.metric() + "," + s.grain().toLowerCase(Locale.ROOT) + ")";
            case "last_year":
                return "last_year(" + s.metric() + ")";
            default:
                return s.function() + "(" + s.metric() + "," + s.offset() + ")";
        }
    }
}
