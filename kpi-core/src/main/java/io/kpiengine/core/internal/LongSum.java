package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Exact sum (and average) of integers, booleans or scaled decimals in 64-bit unscaled arithmetic; an overflow
 * throws {@link ArithmeticException} rather than wrap.
 */
final class LongSum extends CountedAccumulator {

    private final NumericColumn col;
    private long[] sum = new long[0];

    LongSum(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
    }

    @Override
    Accumulator emptyCopy() {
        return new LongSum(spec, col);
    }

    @Override
    void resizeValues(int cap) {
        sum = Arrays.copyOf(sum, cap);
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        long[] v = col.longs;
        long[] nulls = col.nulls;
        long[] s = sum;
        long[] c = n;
        if (nulls == null) {
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                int g = slots[r];
                s[g] = Math.addExact(s[g], v[r]);
                c[g]++;
            }
        } else {
            for (int k = 0; k < count; k++) {
                int r = sel[k];
                if ((nulls[r >>> 6] & (1L << r)) == 0) {
                    int g = slots[r];
                    s[g] = Math.addExact(s[g], v[r]);
                    c[g]++;
                }
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        LongSum o = (LongSum) other;
        sum[t] = Math.addExact(sum[t], o.sum[s]);
        n[t] += o.n[s];
    }

    @Override
    public double value(int slot) {
        return exact(slot).doubleValue();
    }

    @Override
    public BigDecimal exact(int slot) {
        BigDecimal total = BigDecimal.valueOf(sum[slot], col.scale);
        if (spec.kind() == AggKind.AVG) {
            return total.divide(BigDecimal.valueOf(n[slot]), MathContext.DECIMAL64);
        }
        return total;
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        out.writeByte(col.scale);
        for (int s : order) {
            out.writeLong(sum[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        int scale = in.readByte();
        if (scale != col.scale) {
            throw new IOException("measure '" + spec.id() + "' was saved at scale " + scale + " but column '"
                    + col.name + "' has scale " + col.scale);
        }
        for (int s = 0; s < slots; s++) {
            sum[s] = in.readLong();
            n[s] = in.readLong();
        }
    }
}
