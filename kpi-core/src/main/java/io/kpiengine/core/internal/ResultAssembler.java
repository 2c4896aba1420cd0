package io.kpiengine.core.internal;

import io.kpiengine.core.KpiEvaluationException;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.PlannedMetric.Kind;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.DateSpine;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns merged aggregation states into result cells: lays every metric over one date spine (the periods from the
 * first to the last period with data, or an explicit range) and every combination of dimension values its
 * grouping saw, applies the empty and zero-denominator policies, and evaluates derived metrics over the period
 * series (offset references read other cells; windows merge the states of their periods).
 *
 * <p>Dimension combinations are ordered by their values (missing last), so results do not depend on
 * partitioning. One instance per run; not thread-safe.
 */
public final class ResultAssembler {
    private final BusinessCalendar calendar;
    private final Grain grain;
    private final Clock clock;
    private final Period first;
    private final Period last;
    private final List<String> errors = new ArrayList<>();
    private final Map<GroupState, Map<List<String>, int[]>> slotIndex = new IdentityHashMap<>();
    private final Map<String, Cells> cells = new HashMap<>();
    private final Map<String, PlannedMetric> byId = new HashMap<>();
    private Map<String, SourceState> states;
    private Map<String, DerivedFormula> formulas;
    private long spineStart;
    private int spineSize;
    private DateSpine spine;

    /**
     * Creates an assembler.
     *
     * @param calendar the business calendar
     * @param grain the grain of every period
     * @param clock the clock that decides the partial period
     * @param first the first period of the spine, or null for the first period with data
     * @param last the last period of the spine, or null for the last period with data
     */
    public ResultAssembler(BusinessCalendar calendar, Grain grain, Clock clock, Period first, Period last) {
        this.calendar = calendar;
        this.grain = grain;
        this.clock = clock;
        this.first = first;
        this.last = last;
    }

    /** The cells of one metric: per dimension combination, one value per spine period. */
    private static final class Cells {
        final List<String> dimensions;
        final Map<List<String>, KpiValue[]> values = new LinkedHashMap<>();
        final Map<List<String>, long[]> rows = new HashMap<>();

        Cells(List<String> dimensions) {
            this.dimensions = dimensions;
        }
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
        this.states = sourceStates;
        this.formulas = formulas;
        metrics.forEach(m -> byId.put(m.id(), m));
        if (!defineSpine()) {
            return List.of();
        }
        for (PlannedMetric m : metrics) {
            cells(m, m.dimensions());
        }
        if (!errors.isEmpty()) {
            throw new KpiEvaluationException(errors.size() + " cells have no value and their metric's policy is"
                    + " 'error':", errors);
        }
        List<KpiResult> out = new ArrayList<>();
        for (PlannedMetric m : metrics) {
            Cells c = cells.get(PlannedMetric.instanceId(m.id(), m.dimensions()));
            for (Map.Entry<List<String>, KpiValue[]> e : c.values.entrySet()) {
                Map<String, String> dims = dimensionMap(c.dimensions, e.getKey());
                long[] rows = c.rows.get(e.getKey());
                for (int p = 0; p < spineSize; p++) {
                    Period period = spine.periods().get(p);
                    out.add(new KpiResult(m.id(), period, dims, e.getValue()[p], spine.status(period),
                            rows == null ? 0 : rows[p]));
                }
            }
        }
        return out;
    }

    private static Map<String, String> dimensionMap(List<String> names, List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return map;
    }

    private boolean defineSpine() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (SourceState source : states.values()) {
            for (GroupState g : source.groups()) {
                for (int s = 0; s < g.slots(); s++) {
                    min = Math.min(min, g.period(s));
                    max = Math.max(max, g.period(s));
                }
            }
        }
        if (first != null) {
            min = first.index();
        }
        if (last != null) {
            max = last.index();
        }
        if (min > max) {
            return false;
        }
        spine = calendar.spine(calendar.period(grain, min), calendar.period(grain, max), clock);
        spineStart = min;
        spineSize = spine.size();
        return true;
    }

    private Cells cells(PlannedMetric m, List<String> dims) {
        String key = PlannedMetric.instanceId(m.id(), dims);
        Cells done = cells.get(key);
        if (done != null) {
            return done;
        }
        Cells c;
        switch (m.kind()) {
            case MEASURE:
                c = aggregated(m, dims);
                break;
            case RATIO:
                c = ratio(m, dims);
                break;
            default:
                c = derived(m, dims);
                break;
        }
        cells.put(key, c);
        return c;
    }

    private GroupState group(PlannedMetric m, List<String> dims) {
        SourceState s = states.get(m.source());
        return s == null ? null : s.group(new GroupSpec(m.timeColumn(), dims));
    }

    /** Per dimension combination (sorted), the slot of each spine period or -1. */
    private Map<List<String>, int[]> index(GroupState g) {
        return slotIndex.computeIfAbsent(g, k -> {
            Map<List<String>, int[]> map = new HashMap<>();
            for (int s = 0; s < g.slots(); s++) {
                long offset = g.period(s) - spineStart;
                int[] bySlot = map.computeIfAbsent(g.dimensionValues(s), t -> {
                    int[] a = new int[spineSize];
                    Arrays.fill(a, -1);
                    return a;
                });
                if (offset >= 0 && offset < spineSize) {
                    bySlot[(int) offset] = s;
                }
            }
            List<List<String>> tuples = new ArrayList<>(map.keySet());
            tuples.sort(TUPLE_ORDER);
            Map<List<String>, int[]> sorted = new LinkedHashMap<>();
            for (List<String> t : tuples) {
                sorted.put(t, map.get(t));
            }
            return sorted;
        });
    }

    private static final Comparator<List<String>> TUPLE_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private String where(PlannedMetric m, int p, List<String> tuple) {
        String dims = m.dimensions().isEmpty() ? "" : " " + dimensionMap(m.dimensions(), tuple);
        return m.id() + " " + spine.periods().get(p) + dims;
    }

    private Cells aggregated(PlannedMetric m, List<String> dims) {
        Cells c = new Cells(dims);
        GroupState g = group(m, dims);
        if (g == null) {
            return c;
        }
        Accumulator acc = g.accumulator(PlannedMetric.instanceId(m.id(), dims));
        for (Map.Entry<List<String>, int[]> e : index(g).entrySet()) {
            KpiValue[] values = new KpiValue[spineSize];
            long[] rows = new long[spineSize];
            int[] slots = e.getValue();
            for (int p = 0; p < spineSize; p++) {
                int s = slots[p];
                values[p] = value(m, acc, s, p, e.getKey(), "");
                rows[p] = s < 0 ? 0 : acc.count(s);
            }
            c.values.put(e.getKey(), values);
            c.rows.put(e.getKey(), rows);
        }
        return c;
    }

    private Cells ratio(PlannedMetric m, List<String> dims) {
        Cells num = cells(byId.get(m.numerator()), dims);
        Cells den = cells(byId.get(m.denominator()), dims);
        Cells c = new Cells(dims);
        for (List<String> t : tuples(dims, List.of(num, den))) {
            KpiValue[] values = new KpiValue[spineSize];
            long[] rows = new long[spineSize];
            long[] denRows = den.rows.get(t);
            for (int p = 0; p < spineSize; p++) {
                values[p] = quotient(m, at(num, t, p), at(den, t, p), p, t, "");
                rows[p] = denRows == null ? 0 : denRows[p];
            }
            c.values.put(t, values);
            c.rows.put(t, rows);
        }
        return c;
    }

    /** The sorted union of the dimension combinations of some inputs ([[]] without dimensions). */
    private static List<List<String>> tuples(List<String> dims, List<Cells> inputs) {
        Set<List<String>> set = new HashSet<>();
        for (Cells in : inputs) {
            set.addAll(in.values.keySet());
        }
        if (dims.isEmpty()) {
            set.add(List.of());
        }
        List<List<String>> out = new ArrayList<>(set);
        out.sort(TUPLE_ORDER);
        return out;
    }

    private KpiValue quotient(PlannedMetric m, KpiValue num, KpiValue den, int p, List<String> tuple, String window) {
        if (!num.isPresent() || !den.isPresent()) {
            KpiValue missing = !num.isPresent() ? num : den;
            String side = !num.isPresent() ? "numerator '" + m.numerator() + "'"
                    : "denominator '" + m.denominator() + "'";
            String detail = side + " has no value: " + missing.detail();
            if (missing.reason() == NoValueReason.NO_ROWS) {
                return policy(m.emptyPolicy(), NoValueReason.NO_ROWS, detail + window, m, p, tuple, "empty");
            }
            return KpiValue.none(NoValueReason.MISSING_INPUT, detail + window);
        }
        if (den.value() == 0) {
            return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, "denominator '"
                    + m.denominator() + "' is 0" + window, m, p, tuple, "zero_denominator");
        }
        double v = num.value() / den.value() * m.scale();
        return Double.isFinite(v) ? KpiValue.of(v)
                : KpiValue.none(NoValueReason.DOMAIN_ERROR, "the ratio overflows" + window);
    }

    /** The value of a measure from an accumulator slot (-1: no rows). */
    private KpiValue value(PlannedMetric m, Accumulator acc, int slot, int p, List<String> tuple, String window) {
        if (slot < 0 || acc.count(slot) == 0) {
            return policy(m.emptyPolicy(), NoValueReason.NO_ROWS, "no rows" + window, m, p, tuple, "empty");
        }
        double v = acc.value(slot);
        if (Double.isNaN(v)) {
            return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, "the total weight is 0" + window,
                    m, p, tuple, "zero_denominator");
        }
        BigDecimal exact = acc.exact(slot);
        return exact != null ? KpiValue.of(exact) : KpiValue.of(v);
    }

    /** The value of a measure or ratio over spine periods [from, to], states merged (a window). */
    private KpiValue window(PlannedMetric m, List<String> dims, List<String> tuple, int from, int to, int p,
            String label) {
        if (m.kind() == Kind.RATIO) {
            KpiValue num = window(byId.get(m.numerator()), dims, tuple, from, to, p, label);
            KpiValue den = window(byId.get(m.denominator()), dims, tuple, from, to, p, label);
            return quotient(m, num, den, p, tuple, "");
        }
        GroupState g = group(m, dims);
        int[] slots = g == null ? null : index(g).get(tuple);
        int[] list = new int[Math.max(0, to - from + 1)];
        int n = 0;
        for (int q = Math.max(0, from); q <= to && slots != null; q++) {
            if (slots[q] >= 0) {
                list[n++] = slots[q];
            }
        }
        if (n == 0) {
            return value(m, null, -1, p, tuple, " in " + label);
        }
        Accumulator acc = g.combine(PlannedMetric.instanceId(m.id(), dims), list, n);
        return value(m, acc, 0, p, tuple, " in " + label);
    }

    private Cells derived(PlannedMetric m, List<String> dims) {
        DerivedFormula f = formulas.get(m.id());
        List<DerivedFormula.Slot> slots = f.slots();
        Cells c = new Cells(dims);
        List<Cells> inputs = new ArrayList<>();
        for (DerivedFormula.Slot s : slots) {
            inputs.add(cells(byId.get(s.metric()), dims));
        }
        double[] args = new double[slots.size()];
        KpiValue[] inputValues = new KpiValue[slots.size()];
        for (List<String> tuple : tuples(dims, inputs)) {
            KpiValue[] values = new KpiValue[spineSize];
            for (int p = 0; p < spineSize; p++) {
                for (int k = 0; k < slots.size(); k++) {
                    inputValues[k] = input(slots.get(k), inputs.get(k), dims, tuple, p);
                    args[k] = inputValues[k].isPresent() ? inputValues[k].value() : Double.NaN;
                }
                double v = f.evaluate(args);
                values[p] = Double.isNaN(v) ? explain(m, f, args, inputValues, p, tuple) : KpiValue.of(v);
            }
            c.values.put(tuple, values);
        }
        return c;
    }

    private KpiValue policy(Policy policy, NoValueReason reason, String detail, PlannedMetric m, int p,
            List<String> tuple, String key) {
        switch (policy) {
            case ZERO:
                return KpiValue.of(BigDecimal.ZERO);
            case ERROR:
                errors.add(where(m, p, tuple) + ": " + detail + " (metric policy '" + key + ": error')");
                return KpiValue.none(reason, detail);
            default:
                return KpiValue.none(reason, detail);
        }
    }

    private KpiValue explain(PlannedMetric m, DerivedFormula f, double[] args, KpiValue[] inputs, int p,
            List<String> tuple) {
        DerivedFormula.Why why = f.explain(args);
        switch (why.reason()) {
            case ZERO_DENOMINATOR:
                return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, why.detail(), m, p, tuple,
                        "zero_denominator");
            case MISSING_INPUT: {
                KpiValue in = why.slot() >= 0 ? inputs[why.slot()] : null;
                String name = why.slot() >= 0 ? slotText(f.slots().get(why.slot())) : "an input";
                String detail = "input '" + name + "' has no value"
                        + (in != null && in.detail() != null ? ": " + in.detail() : "");
                if (in != null && in.reason() == NoValueReason.NO_ROWS) {
                    return policy(m.emptyPolicy(), NoValueReason.MISSING_INPUT, detail, m, p, tuple, "empty");
                }
                if (in != null && in.reason() == NoValueReason.NO_HISTORY) {
                    return KpiValue.none(NoValueReason.NO_HISTORY, detail);
                }
                return KpiValue.none(NoValueReason.MISSING_INPUT, detail);
            }
            default:
                return KpiValue.none(why.reason(), why.detail());
        }
    }

    static String slotText(DerivedFormula.Slot s) {
        if (s.function() == null) {
            return s.metric();
        }
        switch (s.function()) {
            case "to_date":
                return "to_date(" + s.metric() + "," + s.grain() + ")";
            case "last_year":
                return "last_year(" + s.metric() + ")";
            default:
                return s.function() + "(" + s.metric() + "," + s.offset() + ")";
        }
    }

    /** The value an input slot reads for a cell. */
    private KpiValue input(DerivedFormula.Slot s, Cells in, List<String> dims, List<String> t, int p) {
        PlannedMetric im = byId.get(s.metric());
        if (s.function() == null) {
            return at(in, t, p);
        }
        Period period = spine.periods().get(p);
        switch (s.function()) {
            case "lag": {
                long q = p - s.offset();
                return q < 0 || q >= spineSize
                        ? KpiValue.none(NoValueReason.NO_HISTORY, "period " + period.plus(-s.offset())
                                + " is outside the data (" + spine.first() + " to " + spine.last() + ")")
                        : at(in, t, (int) q);
            }
            case "last_year": {
                long q = period.plusYears(-1).index() - spineStart;
                return q < 0 || q >= spineSize
                        ? KpiValue.none(NoValueReason.NO_HISTORY, "period " + period.plusYears(-1)
                                + " is outside the data (" + spine.first() + " to " + spine.last() + ")")
                        : at(in, t, (int) q);
            }
            case "to_date": {
                Period container = period.containing(Grain.valueOf(s.grain()));
                long from = calendar.period(grain, container.start()).index() - spineStart;
                return window(im, dims, t, (int) Math.max(0, from), p, p, "the " + s.grain().toLowerCase(java.util.Locale.ROOT)
                        + " to date " + container);
            }
            case "trailing":
                return window(im, dims, t, (int) Math.max(0, p - s.offset() + 1), p, p, "the trailing " + s.offset()
                        + " periods");
            default:
                throw new IllegalStateException("unknown reference function " + s.function());
        }
    }

    private static KpiValue at(Cells in, List<String> tuple, int p) {
        KpiValue[] values = in.values.get(tuple);
        return values == null ? KpiValue.none(NoValueReason.NO_ROWS, "no rows") : values[p];
    }
}
