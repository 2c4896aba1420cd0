package io.kpiengine.core.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The mergeable state of one measure for every group slot of a {@link GroupState}: column-wise primitive arrays
 * indexed by slot, filled a batch at a time without per-row allocation.
 *
 * <p>Invariant: merging the accumulators of any partition of the rows (in any order and grouping) gives the state
 * one pass over all rows gives, exactly for everything but compensated floating sums (see {@link DoubleSum}) and
 * the spread statistics (see {@link SpreadAcc}), which merge to within rounding.
 * Not thread-safe: one instance per thread; merge at the end.
 */
public abstract class Accumulator {

    final MeasureSpec spec;
    int capacity;

    Accumulator(MeasureSpec spec) {
        this.spec = spec;
    }

    /**
     * Creates the accumulator of a measure for batches of a schema.
     *
     * @param spec the measure
     * @param schema the schema of the batches
     * @return a new, empty accumulator
     * @throws IllegalArgumentException if a column is missing or of the wrong type
     */
    public static Accumulator create(MeasureSpec spec, Schema schema) {
        switch (spec.kind()) {
            case COUNT:
                return new CountAcc(spec, schema);
            case COUNT_DISTINCT:
                return new DistinctAcc(spec, schema);
            case SUM:
            case AVG: {
                NumericColumn c = new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':");
                return c.isDouble ? new DoubleSum(spec, c) : new LongSum(spec, c);
            }
            case MIN:
            case MAX: {
                NumericColumn c = new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':");
                return c.isDouble ? new DoubleMinMax(spec, c) : new LongMinMax(spec, c);
            }
            case QUANTILE:
                return new QuantileAcc(spec, new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':"));
            case FIRST:
            case LAST:
                return new FirstLastAcc(spec, schema);
            case WEIGHTED_AVG:
                return new WeightedAvgAcc(spec, schema);
            case VARIANCE:
            case VARIANCE_POP:
            case STDDEV:
            case STDDEV_POP:
            case CV:
            case CV_POP:
                return new SpreadAcc(spec, new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':"));
            default:
                throw new IllegalArgumentException("unknown aggregation " + spec.kind());
        }
    }

    /**
     * The measure.
     *
     * @return the spec
     */
    public MeasureSpec spec() {
        return spec;
    }

    /** A new, empty accumulator of the same measure and column types. */
    abstract Accumulator emptyCopy();

    /** Makes room for slots {@code 0 .. slots - 1}. */
    final void ensureCapacity(int slots) {
        if (slots > capacity) {
            int cap = Math.max(slots, Math.max(16, capacity + (capacity >> 1)));
            resize(cap);
            capacity = cap;
        }
    }

    abstract void resize(int newCapacity);

    /**
     * Puts the state in its final form (sorted runs, sorted values) at the end of a partition, so that this work
     * runs on the partition's thread rather than in the serial merge.
     */
    void finish() {
    }

    /**
     * Adds the selected rows of a batch.
     *
     * @param batch the batch
     * @param slots the slot of every row of the batch
     * @param sel the selected rows, ascending
     * @param count how many entries of {@code sel} to use
     */
    abstract void add(RecordBatch batch, int[] slots, int[] sel, int count);

    /**
     * Merges another accumulator of the same measure into this one.
     *
     * @param other the other state
     * @param slotMap for each slot of {@code other}, the slot of this state it merges into, or -1 to skip
     * @param otherSlots the number of slots of {@code other}
     */
    final void mergeFrom(Accumulator other, int[] slotMap, int otherSlots) {
        for (int s = 0; s < otherSlots; s++) {
            int t = slotMap[s];
            if (t >= 0) {
                mergeSlot(other, s, t);
            }
        }
    }

    /**
     * Merges one slot of another accumulator of the same measure into one slot of this one: the step every merge
     * (threads, resumed runs, windows, roll-ups, coarser periods) is made of.
     *
     * @param other the other state
     * @param s the slot of {@code other}
     * @param t the slot of this state
     */
    abstract void mergeSlot(Accumulator other, int s, int t);

    /**
     * The number of input values aggregated in a slot; 0 means the slot is empty for this measure.
     *
     * @param slot the slot
     * @return the count
     */
    public abstract long count(int slot);

    /**
     * The value of a non-empty slot; NaN when a weighted average has a zero total weight.
     *
     * @param slot the slot
     * @return the value
     */
    public abstract double value(int slot);

    /**
     * What the values of this accumulator are: {@link ColumnType#DATE} or {@link ColumnType#TIMESTAMP} for the
     * minimum, maximum, first or last of such a column (the value is an epoch day or epoch microseconds), null for
     * numbers.
     *
     * @return the type of the values, or null for plain numbers
     */
    public ColumnType valueType() {
        return null;
    }

    /**
     * Why a non-empty slot has no value ({@link #value(int)} is NaN), as a sentence for people.
     *
     * @param slot the slot
     * @return the reason, e.g. {@code "the total weight is 0"}
     */
    public String whyNoValue(int slot) {
        return "the total weight is 0";
    }

    /**
     * The exact value of a non-empty slot, when the aggregation is exact in decimal.
     *
     * @param slot the slot
     * @return the exact value, or null
     */
    public BigDecimal exact(int slot) {
        return null;
    }

    /** Writes the state of the slots in the given order. */
    abstract void write(DataOutput out, int[] order) throws IOException;

    abstract void read(DataInput in, int slots) throws IOException;

    static boolean isTextual(Schema schema, String column) {
        ColumnType t = schema.find(column).map(c -> c.type()).orElse(null);
        return t == ColumnType.TEXT || t == ColumnType.CATEGORY;
    }
}
