package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.Accumulator;
import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Kind;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.data.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * The value of a measure or ratio over a set of aggregation slots: one period of one tuple (a cell), the periods of
 * a window, or whatever a {@link SlotIndex} gathers (a roll-up, a coarser period). One slot is read in place;
 * several are merged into a one-slot state first ({@link GroupState#combine}), so that every aggregation, distinct
 * counts and quantiles included, is exact over the set.
 *
 * <p>A ratio over a set of periods is the quotient of its merged numerator and denominator, never an average of
 * per-period ratios. Empty sets, zero weights and zero denominators go through the metric's policies
 * ({@link CellPolicies}). Each state's index is built once. One instance per run; not thread-safe.
 */
public final class StateCells {

    private static final int[] NONE = new int[0];

    private final Map<String, SourceState> states;
    private final Function<String, PlannedMetric> metrics;
    private final RangePlan ranges;
    private final CellPolicies policies;
    private final PeriodMap periods;
    private final boolean narrow;
    private final Map<GroupState, Map<List<String>, SlotIndex>> indexes = new IdentityHashMap<>();
    private final Map<PlannedMetric, Map<List<String>, Holder>> holders = new IdentityHashMap<>();

    /** The grouping that holds a measure instance, the id of its accumulator there, and its slot index. */
    private record Holder(GroupState group, String accumulator, SlotIndex index) {
    }

    /**
     * A cell computed from state.
     *
     * @param value the value, or no value with its reason
     * @param rows the input values aggregated (for a ratio, its denominator's)
     */
    public record Cell(KpiValue value, long rows) {
    }

    /**
     * Creates the computer of a run.
     *
     * @param states the merged state of each source
     * @param metrics the metric of an id
     * @param ranges the slot range to index
     * @param policies the policies for cells without a value
     */
    public StateCells(Map<String, SourceState> states, Function<String, PlannedMetric> metrics, RangePlan ranges,
            CellPolicies policies) {
        this(states, metrics, ranges, policies, null);
    }

    /**
     * Creates the computer of a run whose state periods map to the result periods (re-graining).
     *
     * @param states the merged state of each source
     * @param metrics the metric of an id
     * @param ranges the slot range to index, in result periods
     * @param policies the policies for cells without a value
     * @param periods the map from state periods to result periods, or null for the identity
     */
    public StateCells(Map<String, SourceState> states, Function<String, PlannedMetric> metrics, RangePlan ranges,
            CellPolicies policies, PeriodMap periods) {
        this(states, metrics, ranges, policies, periods, false);
    }

    /**
     * Creates the computer of a run that may visit only the slots of its slot range ({@code narrow}): for results
     * over a short range of a large state, every tuple the state has seen is still listed.
     *
     * @param states the merged state of each source
     * @param metrics the metric of an id
     * @param ranges the slot range to index, in result periods
     * @param policies the policies for cells without a value
     * @param periods the map from state periods to result periods, or null for the identity
     * @param narrow whether indexes visit only the slots of the slot range
     */
    public StateCells(Map<String, SourceState> states, Function<String, PlannedMetric> metrics, RangePlan ranges,
            CellPolicies policies, PeriodMap periods, boolean narrow) {
        this.states = states;
        this.metrics = metrics;
        this.ranges = ranges;
        this.policies = policies;
        this.periods = periods;
        this.narrow = narrow;
    }

    /**
     * The slot index of a measure at some dimensions: the slots of the grouping that holds it, viewed by those
     * dimensions and through the period map.
     *
     * @param m a measure
     * @param dims the dimensions it is aggregated at
     * @return the index, or null when its source has no state
     */
    public SlotIndex index(PlannedMetric m, List<String> dims) {
        Holder h = holder(m, dims);
        return h == null ? null : h.index();
    }

    private SlotIndex index(GroupState g, List<String> dims) {
        return indexes.computeIfAbsent(g, k -> new HashMap<>()).computeIfAbsent(dims, d -> {
            LongUnaryOperator map = periods == null ? LongUnaryOperator.identity() : periods;
            if (narrow) {
                long[] range = periods == null ? new long[] {ranges.slotStart(), ranges.outLast()}
                        : periods.stateRange(ranges.slotStart(), ranges.outLast());
                return SlotIndex.of(g, d, map, ranges.slotStart(), ranges.slotCount(), range[0], range[1]);
            }
            if (periods == null || periods.isIdentity()) {
                if (d.equals(g.spec().dimensions())) {
                    return SlotIndex.of(g, ranges.slotStart(), ranges.slotCount());
                }
                return SlotIndex.of(g, d, LongUnaryOperator.identity(), ranges.slotStart(), ranges.slotCount());
            }
            return SlotIndex.of(g, d, periods, ranges.slotStart(), ranges.slotCount());
        });
    }

    /**
     * The grouping holding a measure at some dimensions: the grouping of exactly those dimensions when the plan
     * made one, else the smallest grouping of the measure's time column whose dimensions include them (grouping
     * sets roll every instance up from the measure's finest grouping).
     */
    private Holder holder(PlannedMetric m, List<String> dims) {
        Map<List<String>, Holder> byDims = holders.computeIfAbsent(m, k -> new HashMap<>());
        if (byDims.containsKey(dims)) {
            return byDims.get(dims);
        }
        SourceState s = states.get(m.source());
        Holder found = null;
        if (s != null) {
            for (GroupState g : s.groups()) {
                List<String> own = g.spec().dimensions();
                String id = PlannedMetric.instanceId(m.id(), own);
                if (!g.spec().timeColumn().equals(m.timeColumn()) || !own.containsAll(dims) || !g.hasMeasure(id)) {
                    continue;
                }
                if (found == null || own.size() < found.group().spec().dimensions().size()) {
                    found = new Holder(g, id, null);
                }
            }
            if (found == null) {
                throw new IllegalStateException("source '" + m.source() + "' has no grouping that holds measure '"
                        + m.id() + "' by " + dims);
            }
        }
        if (found != null) {
            found = new Holder(found.group(), found.accumulator(), index(found.group(), dims));
        }
        byDims.put(dims, found);
        return found;
    }

    /**
     * A measure over the periods {@code from..to} of one tuple.
     *
     * @param m a measure
     * @param dims the dimensions it is aggregated at
     * @param tuple the dimension values
     * @param from the first period index
     * @param to the last period index (where a policy error is reported)
     * @param window appended to the detail of a missing value ({@code " in the trailing window of ..."}, or empty)
     * @return the value and the count of its input values
     */
    public Cell measure(PlannedMetric m, List<String> dims, List<String> tuple, long from, long to, String window) {
        Holder h = holder(m, dims);
        GroupState g = h == null ? null : h.group();
        int[] slots = g == null ? NONE : h.index().slots(tuple, from, to);
        String id = h == null ? null : h.accumulator();
        if (slots.length == 0) {
            return new Cell(value(m, dims, null, -1, to, tuple, window), 0);
        }
        Accumulator acc;
        int slot;
        if (slots.length == 1) {
            acc = g.accumulator(id);
            slot = slots[0];
        } else {
            acc = g.combine(id, slots, slots.length);
            slot = 0;
        }
        return new Cell(value(m, dims, acc, slot, to, tuple, window), acc.count(slot));
    }

    /**
     * A measure or ratio over the periods {@code from..to} of one tuple, states merged.
     *
     * @param m a measure or ratio
     * @param dims the dimensions it is aggregated at
     * @param tuple the dimension values
     * @param from the first period index
     * @param to the last period index
     * @param window appended to the detail of a missing value
     * @return the value
     */
    public KpiValue merged(PlannedMetric m, List<String> dims, List<String> tuple, long from, long to,
            String window) {
        if (m.kind() == Kind.RATIO) {
            KpiValue num = merged(metrics.apply(m.numerator()), dims, tuple, from, to, window);
            KpiValue den = merged(metrics.apply(m.denominator()), dims, tuple, from, to, window);
            return quotient(m, dims, num, den, to, tuple, "");
        }
        return measure(m, dims, tuple, from, to, window).value();
    }

    /**
     * The value of a ratio from its numerator's and denominator's values.
     *
     * @param m the ratio
     * @param dims the dimensions of the tuple
     * @param num the numerator's value
     * @param den the denominator's value
     * @param abs the cell's period index
     * @param tuple the cell's dimension values
     * @param window appended to the detail of a missing value
     * @return {@code num / den * scale}, or no value with the reason (an input without value, a zero
     *     denominator, an overflow)
     */
    public KpiValue quotient(PlannedMetric m, List<String> dims, KpiValue num, KpiValue den, long abs,
            List<String> tuple, String window) {
        if (!num.isPresent() || !den.isPresent()) {
            KpiValue missing = !num.isPresent() ? num : den;
            String side = !num.isPresent() ? "numerator '" + m.numerator() + "'"
                    : "denominator '" + m.denominator() + "'";
            String detail = side + " has no value: " + missing.detail().orElse("");
            if (missing.reason().orElse(null) == NoValueReason.NO_ROWS) {
                return policies.apply(m.emptyPolicy(), NoValueReason.NO_ROWS, detail + window, m, dims, abs, tuple,
                        "empty");
            }
            return KpiValue.none(NoValueReason.MISSING_INPUT, detail + window);
        }
        if (den.value() == 0) {
            return policies.apply(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, "denominator '"
                    + m.denominator() + "' is 0" + window, m, dims, abs, tuple, "zero_denominator");
        }
        double v = num.value() / den.value() * m.scale();
        return Double.isFinite(v) ? KpiValue.of(v)
                : KpiValue.none(NoValueReason.DOMAIN_ERROR, "the ratio overflows" + window);
    }

    /** The value of a measure from an accumulator slot (-1: no rows). */
    private KpiValue value(PlannedMetric m, List<String> dims, Accumulator acc, int slot, long abs,
            List<String> tuple, String window) {
        if (slot < 0 || acc.count(slot) == 0) {
            return policies.apply(m.emptyPolicy(), NoValueReason.NO_ROWS, "no rows" + window, m, dims, abs, tuple,
                    "empty");
        }
        double v = acc.value(slot);
        if (Double.isNaN(v)) {
            return policies.apply(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, acc.whyNoValue(slot)
                    + window, m, dims, abs, tuple, "zero_denominator");
        }
        ColumnType type = acc.valueType();
        if (type == ColumnType.DATE) {
            return KpiValue.of(LocalDate.ofEpochDay((long) v));
        }
        if (type == ColumnType.TIMESTAMP) {
            long micros = acc.exact(slot).longValueExact();
            return KpiValue.of(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000L));
        }
        BigDecimal exact = acc.exact(slot);
        return exact != null ? KpiValue.of(exact) : KpiValue.of(v);
    }
}
