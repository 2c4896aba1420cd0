package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Exact minimum or maximum of doubles ({@code Math.min}/{@code Math.max} order, so -0.0 &lt; 0.0). The twin of
 * {@link LongMinMax}, kept apart on purpose: each per-row loop runs on one primitive array type, without boxing or
 * a call per value.
 */
final class DoubleMinMax extends CountedAccumulator {

    private final NumericColumn col;
    private final boolean max;
    private double[] best = new double[0];

    DoubleMinMax(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
        this.max = spec.kind() == AggKind.MAX;
    }

    @Override
    Accumulator emptyCopy() {
        return new DoubleMinMax(spec, col);
    }

    @Override
    void resizeValues(int cap) {
        int old = best.length;
        best = Arrays.copyOf(best, cap);
        Arrays.fill(best, old, cap, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        double[] v = col.doubles;
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
        DoubleMinMax o = (DoubleMinMax) other;
        if (o.n[s] > 0) {
            best[t] = max ? Math.max(best[t], o.best[s]) : Math.min(best[t], o.best[s]);
            n[t] += o.n[s];
        }
    }

    @Override
    public double value(int slot) {
        return best[slot];
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeDouble(best[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            best[s] = in.readDouble();
            n[s] = in.readLong();
        }
    }
}
