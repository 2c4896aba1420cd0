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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns merged aggregation states into result cells: lays every metric over one date spine (the periods from the
 * first to the last period with data, or an explicit range) and every combination of dimension values its
 * grouping saw, applies the empty and zero-denominator policies, and evaluates derived metrics over the period
 * series (offset references read other cells; windows merge the states of their periods).
 *
 * <p><b>Ranges.</b> Three ranges of period indexes are involved, all ending with the last output period:
 * <ul>
 *   <li>the <em>output</em> range, the spine of the result table;</li>
 *   <li>the <em>cell</em> range, which starts earlier when a {@code lag} or {@code last_year} in the output reads
 *       cells before it (computed from the reference structure, see {@code earliestCell});</li>
 *   <li>the <em>slot</em> range, which starts earlier still when a window of a computed cell reaches before the
 *       cell range: windows merge aggregation slots, not cells.</li>
 * </ul>
 * None starts before the first period with data (or the output start, if that is earlier), so the work depends
 * on the output and on how far its references reach back, never on how much older history the state holds, and
 * a reference reads all the aggregated data whatever the output range.
 *
 * <p><b>Coverage.</b> The data of a source starts at its first period with rows. A cell, reference or window
 * before that start has no value: {@link NoValueReason#NO_HISTORY} for a cell or a reference that lies wholly
 * before it, {@link NoValueReason#INCOMPLETE_WINDOW} for a window that reaches partly before it, unless partial
 * windows are allowed (then the window merges the periods that have data). A ratio's or formula's coverage is the
 * latest start among its inputs.
 *
 * <p>Dimension combinations are ordered by their values (missing last), so results do not depend on
 * partitioning. One instance per run; not thread-safe.
 */
public final class ResultAssembler {
    private static final long NONE = Long.MAX_VALUE;

    private final BusinessCalendar calendar;
    private final Grain grain;
    private final Clock clock;
    private final Period first;
    private final Period last;
    private final boolean partialWindows;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<GroupState, Map<List<String>, int[]>> slotIndex = new IdentityHashMap<>();
    private final Map<String, Cells> cells = new HashMap<>();
    private final Map<String, PlannedMetric> byId = new HashMap<>();
    private final Map<String, Long> sourceStart = new HashMap<>();
    private final Map<String, Coverage> coverage = new HashMap<>();
    private Map<String, SourceState> states;
    private Map<String, DerivedFormula> formulas;
    /** Absolute index of the first and last output period. */
    private long outFirst;
    private long outLast;
    /** Absolute index of the first computed cell; cell arrays are indexed by {@code abs - cellStart}. */
    private long cellStart;
    private int cellSize;
    /** Absolute index of the first indexed slot; slot arrays are indexed by {@code abs - slotStart}. */
    private long slotStart;
    private int slotSize;
    private DateSpine spine;
    /** Set by a window that merged fewer periods than it declares (partial windows allowed). */
    private boolean partialUsed;

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
        this.calendar = calendar;
        this.grain = grain;
        this.clock = clock;
        this.first = first;
        this.last = last;
        this.partialWindows = partialWindows;
    }

    /** The cells of one metric: per dimension combination, one value per period of the cell range. */
    private static final class Cells {
        final List<String> dimensions;
        final Coverage coverage;
        final Map<List<String>, KpiValue[]> values = new LinkedHashMap<>();
        final Map<List<String>, long[]> rows = new HashMap<>();

        Cells(List<String> dimensions, Coverage coverage) {
            this.dimensions = dimensions;
            this.coverage = coverage;
        }
    }

    /**
     * Where the data behind a metric starts.
     *
     * @param start the absolute index of the first period with data, or {@link #NONE} when a source has none
     * @param source the source whose data starts last among the metric's inputs
     */
    private record Coverage(long start, String source) {
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
        if (!defineRanges(metrics)) {
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
                for (long abs = outFirst; abs <= outLast; abs++) {
                    Period period = spine.periods().get((int) (abs - outFirst));
                    int p = (int) (abs - cellStart);
                    out.add(new KpiResult(m.id(), period, dims, e.getValue()[p], spine.status(period),
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

    private static Map<String, String> dimensionMap(List<String> names, List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return map;
    }

    private boolean defineRanges(List<PlannedMetric> metrics) {
        long dataFirst = NONE;
        long dataLast = Long.MIN_VALUE;
        for (SourceState source : states.values()) {
            long start = NONE;
            for (GroupState g : source.groups()) {
                for (int s = 0; s < g.slots(); s++) {
                    start = Math.min(start, g.period(s));
                    dataLast = Math.max(dataLast, g.period(s));
                }
            }
            if (start != NONE) {
                sourceStart.put(source.source(), start);
                dataFirst = Math.min(dataFirst, start);
            }
        }
        if (dataFirst == NONE && first == null) {
            return false;
        }
        outFirst = first != null ? first.index() : dataFirst;
        outLast = last != null ? last.index() : dataLast;
        spine = calendar.spine(calendar.period(grain, outFirst), calendar.period(grain, outLast), clock);
        long floor = Math.min(outFirst, dataFirst);
        long needCells = outFirst;
        for (PlannedMetric m : metrics) {
            needCells = Math.min(needCells, earliestCell(m, outFirst));
        }
        cellStart = Math.max(needCells, floor);
        long needSlots = cellStart;
        for (PlannedMetric m : metrics) {
            DerivedFormula f = m.kind() == Kind.DERIVED ? formulas.get(m.id()) : null;
            for (DerivedFormula.Slot s : f == null ? List.<DerivedFormula.Slot>of() : f.slots()) {
                if (s.isWindow()) {
                    needSlots = Math.min(needSlots, windowStart(s, cellStart));
                }
            }
        }
        slotStart = Math.min(cellStart, Math.max(needSlots, floor));
        cellSize = size(cellStart);
        slotSize = size(slotStart);
        return true;
    }

    private int size(long start) {
        long n = outLast - start + 1;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the periods from " + calendar.period(grain, start) + " to "
                    + calendar.period(grain, outLast) + " must be at most " + Integer.MAX_VALUE + ", but were " + n);
        }
        return (int) n;
    }

    /**
     * The earliest period whose cell of {@code m} must be computed when its cells are needed from {@code from}
     * on: lags and last_year of derived metrics read earlier cells (recursively); windows read slots, not cells.
     */
    private long earliestCell(PlannedMetric m, long from) {
        if (m.kind() != Kind.DERIVED) {
            return from;
        }
        long earliest = from;
        for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
            if (s.isWindow()) {
                continue;
            }
            long target = s.function() == null ? from : referenceTarget(s, from);
            earliest = Math.min(earliest, earliestCell(byId.get(s.metric()), target));
        }
        return earliest;
    }

    /** The absolute period index an offset reference ({@code lag}, {@code last_year}) reads for a cell. */
    private long referenceTarget(DerivedFormula.Slot s, long abs) {
        if ("lag".equals(s.function())) {
            return abs - s.offset();
        }
        if ("last_year".equals(s.function())) {
            return calendar.period(grain, abs).plusYears(-1).index();
        }
        throw new IllegalStateException("not an offset reference: " + s.function());
    }

    /** The absolute index of the first period of a window ({@code to_date}, {@code trailing}) for a cell. */
    private long windowStart(DerivedFormula.Slot s, long abs) {
        if ("trailing".equals(s.function())) {
            return abs - s.offset() + 1;
        }
        if ("to_date".equals(s.function())) {
            Period container = calendar.period(grain, abs).containing(Grain.valueOf(s.grain()));
            return calendar.period(grain, container.start()).index();
        }
        throw new IllegalStateException("not a window: " + s.function());
    }

    /** Where the data behind a metric starts: its source's first period, or the latest among its inputs. */
    private Coverage coverage(PlannedMetric m) {
        Coverage done = coverage.get(m.id());
        if (done != null) {
            return done;
        }
        Coverage c;
        switch (m.kind()) {
            case MEASURE:
                c = new Coverage(sourceStart.getOrDefault(m.source(), NONE), m.source());
                break;
            case RATIO:
                c = later(coverage(byId.get(m.numerator())), coverage(byId.get(m.denominator())));
                break;
            default:
                c = null;
                for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
                    Coverage in = coverage(byId.get(s.metric()));
                    c = c == null ? in : later(c, in);
                }
                if (c == null) {
                    c = new Coverage(Long.MIN_VALUE, "");   // a formula without inputs needs no data
                }
                break;
        }
        coverage.put(m.id(), c);
        return c;
    }

    private static Coverage later(Coverage a, Coverage b) {
        return b.start() > a.start() ? b : a;
    }

    /**
     * Why something at or before a period has no data behind it: {@code "<subject> is before the data of source
     * 'events', which starts at 2025-01-03"}, or {@code "source 'events' has no data"}.
     */
    private String beforeText(String subject, Coverage c) {
        return c.start() == NONE ? "source '" + c.source() + "' has no data"
                : subject + " before the data of source '" + c.source() + "', which starts at "
                        + calendar.period(grain, c.start());
    }

    /** The no-value of a cell before the data behind its metric. */
    private KpiValue beforeData(long abs, Coverage c) {
        return KpiValue.none(NoValueReason.NO_HISTORY, beforeText(calendar.period(grain, abs) + " is", c));
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

    /** Per dimension combination (sorted), the slot of each period of the slot range, or -1. */
    private Map<List<String>, int[]> index(GroupState g) {
        return slotIndex.computeIfAbsent(g, k -> {
            Map<List<String>, int[]> map = new HashMap<>();
            for (int s = 0; s < g.slots(); s++) {
                long offset = g.period(s) - slotStart;
                int[] bySlot = map.computeIfAbsent(g.dimensionValues(s), t -> {
                    int[] a = new int[slotSize];
                    Arrays.fill(a, -1);
                    return a;
                });
                if (offset >= 0 && offset < slotSize) {
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

    private String where(PlannedMetric m, long abs, List<String> tuple) {
        String dims = m.dimensions().isEmpty() ? "" : " " + dimensionMap(m.dimensions(), tuple);
        return m.id() + " " + calendar.period(grain, abs) + dims;
    }

    private Cells aggregated(PlannedMetric m, List<String> dims) {
        Coverage cov = coverage(m);
        Cells c = new Cells(dims, cov);
        GroupState g = group(m, dims);
        if (g == null) {
            return c;
        }
        Accumulator acc = g.accumulator(PlannedMetric.instanceId(m.id(), dims));
        Map<List<String>, int[]> tuples = index(g);
        if (dims.isEmpty() && tuples.isEmpty()) {
            int[] none = new int[slotSize];
            Arrays.fill(none, -1);
            tuples = Map.of(List.of(), none);   // a total has its one row even without data
        }
        for (Map.Entry<List<String>, int[]> e : tuples.entrySet()) {
            KpiValue[] values = new KpiValue[cellSize];
            long[] rows = new long[cellSize];
            int[] slots = e.getValue();
            for (int p = 0; p < cellSize; p++) {
                long abs = cellStart + p;
                if (abs < cov.start()) {
                    values[p] = beforeData(abs, cov);
                    continue;
                }
                int s = slots[(int) (abs - slotStart)];
                values[p] = value(m, acc, s, abs, e.getKey(), "");
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
        Coverage cov = coverage(m);
        Cells c = new Cells(dims, cov);
        for (List<String> t : tuples(dims, List.of(num, den))) {
            KpiValue[] values = new KpiValue[cellSize];
            long[] rows = new long[cellSize];
            long[] denRows = den.rows.get(t);
            for (int p = 0; p < cellSize; p++) {
                long abs = cellStart + p;
                values[p] = abs < cov.start() ? beforeData(abs, cov)
                        : quotient(m, at(num, t, abs), at(den, t, abs), abs, t, "");
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

    private KpiValue quotient(PlannedMetric m, KpiValue num, KpiValue den, long abs, List<String> tuple,
            String window) {
        if (!num.isPresent() || !den.isPresent()) {
            KpiValue missing = !num.isPresent() ? num : den;
            String side = !num.isPresent() ? "numerator '" + m.numerator() + "'"
                    : "denominator '" + m.denominator() + "'";
            String detail = side + " has no value: " + missing.detail();
            if (missing.reason() == NoValueReason.NO_ROWS) {
                return policy(m.emptyPolicy(), NoValueReason.NO_ROWS, detail + window, m, abs, tuple, "empty");
            }
            return KpiValue.none(NoValueReason.MISSING_INPUT, detail + window);
        }
        if (den.value() == 0) {
            return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, "denominator '"
                    + m.denominator() + "' is 0" + window, m, abs, tuple, "zero_denominator");
        }
        double v = num.value() / den.value() * m.scale();
        return Double.isFinite(v) ? KpiValue.of(v)
                : KpiValue.none(NoValueReason.DOMAIN_ERROR, "the ratio overflows" + window);
    }

    /** The value of a measure from an accumulator slot (-1: no rows). */
    private KpiValue value(PlannedMetric m, Accumulator acc, int slot, long abs, List<String> tuple,
            String window) {
        if (slot < 0 || acc.count(slot) == 0) {
            return policy(m.emptyPolicy(), NoValueReason.NO_ROWS, "no rows" + window, m, abs, tuple, "empty");
        }
        double v = acc.value(slot);
        if (Double.isNaN(v)) {
            return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, "the total weight is 0" + window,
                    m, abs, tuple, "zero_denominator");
        }
        BigDecimal exact = acc.exact(slot);
        return exact != null ? KpiValue.of(exact) : KpiValue.of(v);
    }

    /**
     * The value of a window of a measure or ratio: the periods {@code from..abs} (absolute indexes), checked
     * against the data's start, then merged.
     */
    private KpiValue window(PlannedMetric m, List<String> dims, List<String> tuple, long from, long abs,
            String label) {
        Coverage cov = coverage(m);
        if (cov.start() > abs) {
            return KpiValue.none(NoValueReason.NO_HISTORY, beforeText(range(label, from, abs) + " lies", cov));
        }
        if (from < cov.start()) {
            if (!partialWindows) {
                return KpiValue.none(NoValueReason.INCOMPLETE_WINDOW, beforeText(range(label, from, abs)
                        + " starts", cov) + ": " + (abs - cov.start() + 1) + " of " + (abs - from + 1)
                        + " periods have data, and partial windows are off");
            }
            partialUsed = true;
            from = cov.start();
        }
        return merged(m, dims, tuple, from, abs, " in " + label);
    }

    private String range(String label, long from, long to) {
        return label + " (" + calendar.period(grain, from) + " to " + calendar.period(grain, to) + ")";
    }

    /** The value of a measure or ratio over the periods {@code from..to} (absolute indexes), states merged. */
    private KpiValue merged(PlannedMetric m, List<String> dims, List<String> tuple, long from, long to,
            String window) {
        if (m.kind() == Kind.RATIO) {
            KpiValue num = merged(byId.get(m.numerator()), dims, tuple, from, to, window);
            KpiValue den = merged(byId.get(m.denominator()), dims, tuple, from, to, window);
            return quotient(m, num, den, to, tuple, "");
        }
        GroupState g = group(m, dims);
        int[] slots = g == null ? null : index(g).get(tuple);
        int[] list = new int[(int) (to - from + 1)];
        int n = 0;
        for (long q = from; q <= to && slots != null; q++) {
            int s = slots[(int) (q - slotStart)];
            if (s >= 0) {
                list[n++] = s;
            }
        }
        if (n == 0) {
            return value(m, null, -1, to, tuple, window);
        }
        Accumulator acc = g.combine(PlannedMetric.instanceId(m.id(), dims), list, n);
        return value(m, acc, 0, to, tuple, window);
    }

    private Cells derived(PlannedMetric m, List<String> dims) {
        DerivedFormula f = formulas.get(m.id());
        List<DerivedFormula.Slot> slots = f.slots();
        Cells c = new Cells(dims, coverage(m));
        List<Cells> inputs = new ArrayList<>();
        for (DerivedFormula.Slot s : slots) {
            inputs.add(cells(byId.get(s.metric()), dims));
        }
        double[] args = new double[slots.size()];
        KpiValue[] inputValues = new KpiValue[slots.size()];
        long partialCells = 0;
        long partialFirst = NONE;
        long partialLast = 0;
        for (List<String> tuple : tuples(dims, inputs)) {
            KpiValue[] values = new KpiValue[cellSize];
            for (int p = 0; p < cellSize; p++) {
                long abs = cellStart + p;
                partialUsed = false;
                for (int k = 0; k < slots.size(); k++) {
                    inputValues[k] = input(slots.get(k), inputs.get(k), dims, tuple, abs);
                    args[k] = inputValues[k].isPresent() ? inputValues[k].value() : Double.NaN;
                }
                double v = f.evaluate(args);
                values[p] = Double.isNaN(v) ? explain(m, f, args, inputValues, abs, tuple) : KpiValue.of(v);
                if (partialUsed && abs >= outFirst) {
                    partialCells++;
                    partialFirst = Math.min(partialFirst, abs);
                    partialLast = Math.max(partialLast, abs);
                }
            }
            c.values.put(tuple, values);
        }
        if (partialCells > 0 && dims.equals(m.dimensions())) {
            warnings.add("metric '" + m.id() + "': " + (partialCells == 1
                    ? "the window of 1 cell (" + calendar.period(grain, partialFirst) + ") starts before the data"
                            + " and merges"
                    : "the windows of " + partialCells + " cells (" + calendar.period(grain, partialFirst) + " to "
                            + calendar.period(grain, partialLast) + ") start before the data and merge")
                    + " only the periods that have data (partial windows are on)");
        }
        return c;
    }

    private KpiValue policy(Policy policy, NoValueReason reason, String detail, PlannedMetric m, long abs,
            List<String> tuple, String key) {
        switch (policy) {
            case ZERO:
                return KpiValue.of(BigDecimal.ZERO);
            case ERROR:
                if (abs >= outFirst) {
                    errors.add(where(m, abs, tuple) + ": " + detail + " (metric policy '" + key + ": error')");
                }
                return KpiValue.none(reason, detail);
            default:
                return KpiValue.none(reason, detail);
        }
    }

    private KpiValue explain(PlannedMetric m, DerivedFormula f, double[] args, KpiValue[] inputs, long abs,
            List<String> tuple) {
        DerivedFormula.Why why = f.explain(args);
        switch (why.reason()) {
            case ZERO_DENOMINATOR:
                return policy(m.zeroDenominatorPolicy(), NoValueReason.ZERO_DENOMINATOR, why.detail(), m, abs, tuple,
                        "zero_denominator");
            case MISSING_INPUT: {
                KpiValue in = why.slot() >= 0 ? inputs[why.slot()] : null;
                String name = why.slot() >= 0 ? slotText(f.slots().get(why.slot())) : "an input";
                String detail = "input '" + name + "' has no value"
                        + (in != null && in.detail() != null ? ": " + in.detail() : "");
                if (in != null && in.reason() == NoValueReason.NO_ROWS) {
                    return policy(m.emptyPolicy(), NoValueReason.MISSING_INPUT, detail, m, abs, tuple, "empty");
                }
                if (in != null && (in.reason() == NoValueReason.NO_HISTORY
                        || in.reason() == NoValueReason.INCOMPLETE_WINDOW)) {
                    return KpiValue.none(in.reason(), detail);
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
                return "to_date(" + s.metric() + "," + s.grain().toLowerCase(Locale.ROOT) + ")";
            case "last_year":
                return "last_year(" + s.metric() + ")";
            default:
                return s.function() + "(" + s.metric() + "," + s.offset() + ")";
        }
    }

    /** The value an input slot reads for the cell at an absolute period index. */
    private KpiValue input(DerivedFormula.Slot s, Cells in, List<String> dims, List<String> t, long abs) {
        PlannedMetric im = byId.get(s.metric());
        if (s.function() == null) {
            return at(in, t, abs);
        }
        switch (s.function()) {
            case "lag":
            case "last_year": {
                long target = referenceTarget(s, abs);
                Coverage cov = coverage(im);
                if (target < cov.start()) {
                    return KpiValue.none(NoValueReason.NO_HISTORY, beforeText("period "
                            + calendar.period(grain, target) + " is", cov));
                }
                // a cell whose reference reaches before the cell range is never read nor output (see earliestCell)
                return target < cellStart ? KpiValue.none(NoValueReason.NO_HISTORY, "outside the computed range")
                        : at(in, t, target);
            }
            case "to_date": {
                Grain g = Grain.valueOf(s.grain());
                Period container = calendar.period(grain, abs).containing(g);
                return window(im, dims, t, windowStart(s, abs), abs, "the " + g.id().replace('_', '-')
                        + "-to-date window of " + container);
            }
            case "trailing":
                return window(im, dims, t, windowStart(s, abs), abs, "the trailing window of " + s.offset()
                        + " periods");
            default:
                throw new IllegalStateException("unknown reference function " + s.function());
        }
    }

    private KpiValue at(Cells in, List<String> tuple, long abs) {
        KpiValue[] values = in.values.get(tuple);
        if (values == null) {
            return abs < in.coverage.start() ? beforeData(abs, in.coverage)
                    : KpiValue.none(NoValueReason.NO_ROWS, "no rows");
        }
        return values[(int) (abs - cellStart)];
    }
}
