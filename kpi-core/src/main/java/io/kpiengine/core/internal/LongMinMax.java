package io.kpiengine.core.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Exact minimum or maximum of integers, booleans, timestamps, dates or scaled decimals; the {@code long} twin of
 * {@link DoubleMinMax}.
 */
final class LongMinMax extends CountedAccumulator {

    private final NumericColumn col;
    private final boolean max;
    private long[] best = new long[0];

    LongMinMax(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
        this.max = spec.kind() == AggKind.MAX;
    }

    @Override
    Accumulator emptyCopy() {
        return new LongMinMax(spec, col);
    }

    @Override
    void resizeValues(int cap) {
        int old = best.length;
        best = Arrays.copyOf(best, cap);
        Arrays.fill(best, old, cap, max ? Long.MIN_VALUE : Long.MAX_VALUE);
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        long[] v = col.longs;
        long[] nulls = col.nulls;
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                int g = slots[r];
                best[g] = max ? Math.max(best[g], v[r]) : Math.min(best[g], v[r]);
                n[g]++;
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        LongMinMax o = (LongMinMax) other;
        if (o.n[s] > 0) {
            best[t] = max ? Math.max(best[t], o.best[s]) : Math.min(best[t], o.best[s]);
            n[t] += o.n[s];
        }
    }

    @Override
    public ColumnType valueType() {
        return col.temporalType();
    }

    @Override
    public double value(int slot) {
        return exact(slot).doubleValue();
    }

    @Override
    public BigDecimal exact(int slot) {
        return BigDecimal.valueOf(best[slot], col.scale);
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeLong(best[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            best[s] = in.readLong();
            n[s] = in.readLong();
        }
    }
}
