package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.Vector;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** Count of rows (no column) or of non-missing values of a column of any type; exact. */
final class CountAcc extends CountedAccumulator {

    private final int column;

    CountAcc(MeasureSpec spec, Schema schema) {
        super(spec);
        if (spec.column() != null && !schema.contains(spec.column())) {
            throw new IllegalArgumentException("measure '" + spec.id() + "': column '" + spec.column()
                    + "' is not in the schema " + schema.names());
        }
        this.column = spec.column() == null ? -1 : schema.indexOf(spec.column());
    }

    private CountAcc(MeasureSpec spec, int column) {
        super(spec);
        this.column = column;
    }

    @Override
    Accumulator emptyCopy() {
        return new CountAcc(spec, column);
    }

    @Override
    void resizeValues(int cap) {
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        long[] c = n;
        Vector v = column < 0 ? null : batch.column(column);
        long[] nulls = v != null && v.hasNulls() ? v.nullMask() : null;
        if (nulls == null) {
            for (int k = 0; k < count; k++) {
                c[slots[sel[k]]]++;
            }
        } else {
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                if ((nulls[r >>> 6] & (1L << r)) == 0) {
                    c[slots[r]]++;
                }
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        long[] o = ((CountAcc) other).n;
        n[t] += o[s];
    }

    @Override
    public double value(int slot) {
        return n[slot];
    }

    @Override
    public BigDecimal exact(int slot) {
        return BigDecimal.valueOf(n[slot]);
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            n[s] = in.readLong();
        }
    }
}
