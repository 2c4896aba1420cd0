package io.kpiengine.core.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The aggregation state of the measures that share one grouping (time column, dimensions) over one schema: a
 * group table from (period index, dimension values) to a dense slot, and one {@link Accumulator} per measure.
 *
 * <p>Hot path, per batch: period indexes of the time column; local ids of each dimension
 * ({@link DimCoder}); the tuple id of the dimension ids (a chain of pair tables, one per extra dimension: tuple =
 * pair(tuple of the first k-1 dims, id of dim k)); the slot of the key {@code period << 32 | tuple} in a
 * {@link LongIntMap}; then every accumulator runs one tight loop over the rows its filter keeps. Nothing is
 * allocated per row. Rows with a missing time value belong to no period and are counted in
 * {@link #rowsWithoutPeriod()}.
 *
 * <p>Merging maps every slot of the other state through its canonical dimension texts, so states built on
 * different dictionaries (threads, files, days) merge correctly. Not thread-safe: one instance per thread.
 */
public final class GroupState {

    private final GroupSpec spec;
    private final Schema schema;
    private final PeriodIndexer indexer;
    private final int timeColumn;
    private final boolean timeIsDate;
    private final DimCoder[] dims;
    private final LongIntMap[] pairs;
    private final List<int[]> pairParts;
    private final LongIntMap slotOf = new LongIntMap(1024);
    private final Map<String, Accumulator> accumulators = new LinkedHashMap<>();
    private final Accumulator[] accs;
    private final RowFilter[] filters;
    private final RowFilter.Bound[] boundFilters;
    private final int[] filterOfAcc;
    private int[] slotPeriod = new int[64];
    private int[] slotTuple = new int[64];
    private long[] slotRows = new long[64];
    /** Per slot, the previous slot of the same period (-1: none): the slots of a period as a chain. */
    private int[] prevInPeriod = new int[64];
    /** Period index to the dense id of the period; {@link #lastOfPeriod} by that id. */
    private final LongIntMap periodIds = new LongIntMap(64);
    private int[] lastOfPeriod = new int[64];
    private int slots;
    private long rowsWithoutPeriod;
    private long rowsSeen;

    private long[] times = new long[0];
    private int[] periods = new int[0];
    private int[] tuple = new int[0];
    private int[] dimIds = new int[0];
    private int[] rowSlots = new int[0];
    private int[] base = new int[0];
    private int[][] selected = new int[0][];
    private int[] selectedCount = new int[0];

    /**
     * Creates an empty state.
     *
     * @param spec the grouping
     * @param measures the measures; ids must be unique
     * @param schema the schema of the batches
     * @param indexer the calendar
     * @throws IllegalArgumentException if a column is missing or of the wrong type, or ids repeat
     */
    public GroupState(GroupSpec spec, List<MeasureSpec> measures, Schema schema, PeriodIndexer indexer) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.indexer = Objects.requireNonNull(indexer, "indexer");
        Column time = schema.find(spec.timeColumn()).orElseThrow(() -> new IllegalArgumentException(
                "time column '" + spec.timeColumn() + "' is not in the schema " + schema.names()));
        if (time.type() != ColumnType.TIMESTAMP && time.type() != ColumnType.DATE) {
            throw new IllegalArgumentException("time column '" + spec.timeColumn()
                    + "' must be a TIMESTAMP or DATE column, but was " + time.type());
        }
        this.timeColumn = schema.indexOf(spec.timeColumn());
        this.timeIsDate = time.type() == ColumnType.DATE;
        this.dims = new DimCoder[spec.dimensions().size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = DimCoder.create(schema, spec.dimensions().get(i));
        }
        this.pairs = new LongIntMap[Math.max(0, dims.length - 1)];
        this.pairParts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new LongIntMap(64);
            pairParts.add(new int[128]);
        }
        List<RowFilter> distinctFilters = new ArrayList<>();
        this.accs = new Accumulator[measures.size()];
        this.filterOfAcc = new int[measures.size()];
        for (int i = 0; i < accs.length; i++) {
            MeasureSpec m = measures.get(i);
            Accumulator a = Accumulator.create(m, schema);
            if (accumulators.putIfAbsent(m.id(), a) != null) {
                throw new IllegalArgumentException("measure ids must be unique, but '" + m.id() + "' repeats");
            }
            accs[i] = a;
            int f = distinctFilters.indexOf(m.filter());
            if (f < 0) {
                f = distinctFilters.size();
                distinctFilters.add(m.filter());
            }
            filterOfAcc[i] = f;
        }
        this.filters = distinctFilters.toArray(new RowFilter[0]);
        this.boundFilters = new RowFilter.Bound[filters.length];
        for (int i = 0; i < filters.length; i++) {
            boundFilters[i] = filters[i].bind();
        }
    }

    /**
     * A new, empty state with the same grouping, measures, schema and calendar.
     *
     * @return the empty state
     */
    public GroupState emptyCopy() {
        List<MeasureSpec> specs = new ArrayList<>();
        for (Accumulator a : accs) {
            specs.add(a.spec());
        }
        return new GroupState(spec, specs, schema, indexer);
    }

    /**
     * The grouping.
     *
     * @return the spec
     */
    public GroupSpec spec() {
        return spec;
    }

    /**
     * The schema of the batches.
     *
     * @return the schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * Aggregates a batch.
     *
     * @param batch a batch of the state's schema
     * @throws ArithmeticException if an exact sum overflows 64 bits
     */
    public void add(RecordBatch batch) {
        int n = batch.size();
        if (n == 0) {
            return;
        }
        ensureScratch(n);
        rowsSeen += n;
        LongVector time = (LongVector) batch.column(timeColumn);
        time.copyTo(0, times, 0, n);
        if (timeIsDate) {
            for (int i = 0; i < n; i++) {
                periods[i] = indexer.indexOfEpochDay(times[i]);
            }
        } else {
            indexer.indexMicros(times, n, periods);
        }
        computeTuples(batch, n);
        long[] timeNulls = time.hasNulls() ? time.nullMask() : null;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (timeNulls != null && (timeNulls[i >>> 6] & (1L << i)) != 0) {
                rowSlots[i] = -1;
                rowsWithoutPeriod++;
                continue;
            }
            long key = ((long) periods[i] << 32) | (tuple[i] & 0xFFFFFFFFL);
            int s = slotOf.getOrAdd(key);
            if (s == slots) {
                newSlot(periods[i], tuple[i]);
            }
            slotRows[s]++;
            rowSlots[i] = s;
            base[count++] = i;
        }
        for (int f = 0; f < filters.length; f++) {
            selectedCount[f] = boundFilters[f].filter(batch, base, count, selected[f]);
        }
        for (int a = 0; a < accs.length; a++) {
            int f = filterOfAcc[a];
            accs[a].ensureCapacity(slots);
            try {
                accs[a].add(batch, rowSlots, selected[f], selectedCount[f]);
            } catch (ArithmeticException e) {
                throw overflow(accs[a].spec(), "in the batch starting at row " + batch.rowNumber(0));
            }
        }
    }

    private void ensureScratch(int n) {
        if (times.length < n) {
            times = new long[n];
            periods = new int[n];
            tuple = new int[n];
            dimIds = new int[n];
            rowSlots = new int[n];
            base = new int[n];
            selected = new int[filters.length][n];
            selectedCount = new int[filters.length];
        }
    }

    private void computeTuples(RecordBatch batch, int n) {
        if (dims.length == 0) {
            Arrays.fill(tuple, 0, n, 0);
            return;
        }
        dims[0].encode(batch, n, tuple);
        for (int d = 1; d < dims.length; d++) {
            dims[d].encode(batch, n, dimIds);
            for (int i = 0; i < n; i++) {
                tuple[i] = pair(d - 1, tuple[i], dimIds[i]);
            }
        }
    }

    private int pair(int level, int left, int right) {
        LongIntMap map = pairs[level];
        int before = map.size();
        int id = map.getOrAdd(((long) left << 32) | (right & 0xFFFFFFFFL));
        if (id == before) {
            int[] parts = pairParts.get(level);
            if (2 * id + 1 >= parts.length) {
                parts = Arrays.copyOf(parts, parts.length * 2);
                pairParts.set(level, parts);
            }
            parts[2 * id] = left;
            parts[2 * id + 1] = right;
        }
        return id;
    }

    private void newSlot(int period, int tupleId) {
        if (slots == slotPeriod.length) {
            int cap = slots * 2;
            slotPeriod = Arrays.copyOf(slotPeriod, cap);
            slotTuple = Arrays.copyOf(slotTuple, cap);
            slotRows = Arrays.copyOf(slotRows, cap);
            prevInPeriod = Arrays.copyOf(prevInPeriod, cap);
        }
        slotPeriod[slots] = period;
        slotTuple[slots] = tupleId;
        int before = periodIds.size();
        int id = periodIds.getOrAdd(period);
        if (id == before) {
            if (id == lastOfPeriod.length) {
                lastOfPeriod = Arrays.copyOf(lastOfPeriod, id * 2);
            }
            lastOfPeriod[id] = -1;
        }
        prevInPeriod[slots] = lastOfPeriod[id];
        lastOfPeriod[id] = slots;
        slots++;
    }

    /**
     * Calls the consumer with every slot whose period lies in {@code lo..hi}: through the per-period chains when
     * the range is narrower than the slot count, else by one pass over all slots. Read-only.
     *
     * @param lo the first period index
     * @param hi the last period index
     * @param consumer receives each slot
     */
    public void forEachSlot(long lo, long hi, IntConsumer consumer) {
        if (hi < lo) {
            return;
        }
        if (hi - lo + 1 >= slots) {
            for (int s = 0; s < slots; s++) {
                if (slotPeriod[s] >= lo && slotPeriod[s] <= hi) {
                    consumer.accept(s);
                }
            }
            return;
        }
        for (long p = lo; p <= hi; p++) {
            int id = periodIds.get(p);
            if (id >= 0) {
                for (int s = lastOfPeriod[id]; s >= 0; s = prevInPeriod[s]) {
                    consumer.accept(s);
                }
            }
        }
    }

    /**
     * The number of dimension-value combinations (tuples) this state has seen, each with an id
     * {@code 0 .. tupleCount() - 1} ({@link #tupleValues(int)}); with no dimensions the one empty tuple.
     *
     * @return the count
     */
    public int tupleCount() {
        if (dims.length == 0) {
            return 1;
        }
        return dims.length == 1 ? dims[0].values.size() : pairs[dims.length - 2].size();
    }

    /**
     * The canonical dimension texts of a tuple, in dimension order; null stands for a missing value.
     *
     * @param tupleId a tuple id, {@code 0 .. tupleCount() - 1}
     * @return a new list
     */
    public List<String> tupleValues(int tupleId) {
        String[] out = new String[dims.length];
        int t = Objects.checkIndex(tupleId, tupleCount());
        for (int d = dims.length - 1; d >= 1; d--) {
            int[] parts = pairParts.get(d - 1);
            out[d] = dims[d].values.get(parts[2 * t + 1]);
            t = parts[2 * t];
        }
        if (dims.length > 0) {
            out[0] = dims[0].values.get(t);
        }
        return Arrays.asList(out);
    }

    private int slotFor(int period, int tupleId) {
        long key = ((long) period << 32) | (tupleId & 0xFFFFFFFFL);
        int s = slotOf.getOrAdd(key);
        if (s == slots) {
            newSlot(period, tupleId);
        }
        return s;
    }

    /** Puts every accumulator in its final form; call on the thread that filled this state, before merging. */
    public void finish() {
        for (Accumulator a : accs) {
            a.ensureCapacity(slots);
            a.finish();
        }
    }

    /**
     * The number of slots (distinct period and dimension values seen).
     *
     * @return the slot count
     */
    public int slots() {
        return slots;
    }

    /**
     * The period index of a slot.
     *
     * @param slot the slot
     * @return the period index
     */
    public int period(int slot) {
        return slotPeriod[Objects.checkIndex(slot, slots)];
    }

    /**
     * The rows (before filters) that fell into a slot.
     *
     * @param slot the slot
     * @return the row count
     */
    public long rows(int slot) {
        return slotRows[Objects.checkIndex(slot, slots)];
    }

    /**
     * The canonical dimension texts of a slot, in dimension order; null stands for a missing value.
     *
     * @param slot the slot
     * @return a new list
     */
    public List<String> dimensionValues(int slot) {
        return tupleValues(slotTuple[Objects.checkIndex(slot, slots)]);
    }

    /**
     * The tuple id of a slot.
     *
     * @param slot the slot
     * @return its tuple id
     */
    public int tuple(int slot) {
        return slotTuple[Objects.checkIndex(slot, slots)];
    }

    private int tupleOf(List<String> values) {
        if (dims.length == 0) {
            return 0;
        }
        int t = dims[0].intern(values.get(0));
        for (int d = 1; d < dims.length; d++) {
            t = pair(d - 1, t, dims[d].intern(values.get(d)));
        }
        return t;
    }

    /**
     * Rows whose time value was missing, so that they belong to no period.
     *
     * @return the count
     */
    public long rowsWithoutPeriod() {
        return rowsWithoutPeriod;
    }

    /**
     * All rows aggregated, including those without a period.
     *
     * @return the count
     */
    public long rowsSeen() {
        return rowsSeen;
    }

    /**
     * The accumulator of a measure.
     *
     * @param id the measure id
     * @return the accumulator
     * @throws IllegalArgumentException if there is no such measure
     */
    public Accumulator accumulator(String id) {
        Accumulator a = accumulators.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no measure '" + id + "' in " + accumulators.keySet());
        }
        a.ensureCapacity(slots);
        return a;
    }

    /**
     * Whether this state holds a measure.
     *
     * @param id the measure id
     * @return true if {@link #accumulator(String)} finds it
     */
    public boolean hasMeasure(String id) {
        return accumulators.containsKey(id);
    }

    /**
     * The measures of this state, in order.
     *
     * @return the specs
     */
    public List<MeasureSpec> measures() {
        List<MeasureSpec> out = new ArrayList<>();
        for (Accumulator a : accs) {
            out.add(a.spec());
        }
        return out;
    }

    /**
     * Merges another state of the same grouping and measures into this one.
     *
     * @param other the other state
     * @throws IllegalArgumentException if the groupings or measures differ
     */
    public void mergeFrom(GroupState other) {
        if (!other.spec.equals(spec) || !signatures(other).equals(signatures(this))) {
            throw new IllegalArgumentException("cannot merge states of different groupings or measures: "
                    + spec + " " + signatures(this) + " vs " + other.spec + " " + signatures(other));
        }
        int[] map = new int[other.slots];
        for (int s = 0; s < other.slots; s++) {
            map[s] = slotFor(other.slotPeriod[s], tupleOf(other.dimensionValues(s)));
            slotRows[map[s]] += other.slotRows[s];
        }
        for (int a = 0; a < accs.length; a++) {
            accs[a].ensureCapacity(slots);
            other.accs[a].ensureCapacity(other.slots);
            try {
                accs[a].mergeFrom(other.accs[a], map, other.slots);
            } catch (ArithmeticException e) {
                throw overflow(accs[a].spec(), "when the partial sums of threads, files or runs are added");
            }
        }
        rowsWithoutPeriod += other.rowsWithoutPeriod;
        rowsSeen += other.rowsSeen;
    }

    /** The overflow of an exact sum, naming the metric and column and how to declare the column instead. */
    private ArithmeticException overflow(MeasureSpec m, String where) {
        String id = m.id().contains("@") ? m.id().substring(0, m.id().indexOf('@')) : m.id();
        io.kpiengine.data.Column c = schema.find(m.column()).orElse(null);
        String fix = c == null ? "" : c.type() == io.kpiengine.data.ColumnType.INTEGER
                ? "; declare the column as decimal (a double sum, exact to about 15 digits)"
                : c.isExactDecimal() ? "; declare the column with fewer decimal places than " + c.scale()
                        + ", or as decimal without places (a double sum)" : "";
        return new ArithmeticException("metric '" + id + "': the exact sum of column '" + m.column()
                + "' overflows 64 bits " + where + fix);
    }

    private static List<String> signatures(GroupState g) {
        List<String> out = new ArrayList<>();
        for (Accumulator a : g.accs) {
            out.add(a.spec().id() + "=" + a.spec().signature());
        }
        return out;
    }

    /**
     * The state of one measure over a set of slots merged into one, for windows (period-to-date, trailing).
     *
     * @param id the measure id
     * @param slotList the slots to merge
     * @param count how many entries of {@code slotList} to use
     * @return a one-slot accumulator (slot 0)
     */
    public Accumulator combine(String id, int[] slotList, int count) {
        Accumulator src = accumulator(id);
        Accumulator out = src.emptyCopy();
        out.ensureCapacity(1);
        for (int i = 0; i < count; i++) {
            out.mergeSlot(src, slotList[i], 0);
        }
        return out;
    }

    /**
     * Writes this state (format: see {@code docs/state-format.md}).
     *
     * @param out the output
     * @throws IOException if writing fails
     */
    public void write(DataOutput out) throws IOException {
        int[] order = canonicalOrder();
        out.writeInt(slots);
        out.writeLong(rowsWithoutPeriod);
        out.writeLong(rowsSeen);
        for (int s : order) {
            out.writeInt(slotPeriod[s]);
            out.writeLong(slotRows[s]);
            for (String v : dimensionValues(s)) {
                StateIo.writeString(out, v);
            }
        }
        for (Accumulator a : accs) {
            a.ensureCapacity(slots);
            a.write(out, order);
        }
    }

    /**
     * The slots ordered by period, then dimension values (missing last), so that equal states write equal bytes
     * whatever the order their rows arrived in.
     */
    private int[] canonicalOrder() {
        List<List<String>> dimsOf = new ArrayList<>(slots);
        Integer[] boxed = new Integer[slots];
        for (int s = 0; s < slots; s++) {
            dimsOf.add(dimensionValues(s));
            boxed[s] = s;
        }
        Arrays.sort(boxed, (x, y) -> {
            int c = Integer.compare(slotPeriod[x], slotPeriod[y]);
            if (c != 0) {
                return c;
            }
            List<String> a = dimsOf.get(x);
            List<String> b = dimsOf.get(y);
            for (int i = 0; i < a.size(); i++) {
                String u = a.get(i);
                String v = b.get(i);
                c = u == null ? (v == null ? 0 : 1) : v == null ? -1 : u.compareTo(v);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        int[] order = new int[slots];
        for (int s = 0; s < slots; s++) {
            order[s] = boxed[s];
        }
        return order;
    }

    /**
     * Reads a state written by {@link #write(DataOutput)} into this empty state.
     *
     * @param in the input
     * @throws IOException if reading fails or the data is inconsistent
     */
    public void read(DataInput in) throws IOException {
        if (slots != 0) {
            throw new IllegalStateException("read() needs an empty state, but this one has " + slots + " slots");
        }
        int n = StateIo.readCount(in, "slot");
        rowsWithoutPeriod = in.readLong();
        rowsSeen = in.readLong();
        List<String> values = new ArrayList<>(dims.length);
        for (int s = 0; s < n; s++) {
            int period = in.readInt();
            long rows = in.readLong();
            values.clear();
            for (int d = 0; d < dims.length; d++) {
                values.add(StateIo.readString(in));
            }
            int slot = slotFor(period, tupleOf(values));
            if (slot != s) {
                throw new IOException("slot " + s + " repeats the key of slot " + slot);
            }
            slotRows[slot] = rows;
        }
        for (Accumulator a : accs) {
            a.ensureCapacity(slots);
            a.read(in, slots);
        }
    }
}
