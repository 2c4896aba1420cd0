package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Sum (and average) of doubles with Neumaier's compensated summation: each slot keeps a running sum and a
 * running compensation of the rounding errors.
 *
 * <p>Error bound: for n values the result differs from the exact real sum by at most
 * {@code 2u * sum|x_i| + O(n u^2) * sum|x_i|} with u = 2^-53 (Higham, Accuracy and Stability of Numerical
 * Algorithms, 4.3), independent of the order. Merging partitions adds the partial (sum, compensation) pairs with the
 * same algorithm, so any partitioning stays within that bound of the exact sum; two partitionings differ by at
 * most twice the bound. The engine states and tests {@code 4u * sum|x_i|} (plus a tiny n u^2 slack).
 */
final class DoubleSum extends CountedAccumulator {

    private final NumericColumn col;
    private double[] sum = new double[0];
    private double[] comp = new double[0];

    DoubleSum(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
    }

    @Override
    Accumulator emptyCopy() {
        return new DoubleSum(spec, col);
    }

    @Override
    void resizeValues(int cap) {
        sum = Arrays.copyOf(sum, cap);
        comp = Arrays.copyOf(comp, cap);
    }

    static void add(double[] sum, double[] comp, int g, double x) {
        double s = sum[g];
        double t = s + x;
        if (Math.abs(s) >= Math.abs(x)) {
            comp[g] += (s - t) + x;
        } else {
            comp[g] += (x - t) + s;
        }
        sum[g] = t;
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        double[] v = col.doubles;
        long[] nulls = col.nulls;
        double[] s = sum;
        double[] c = comp;
        long[] cnt = n;
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                int g = slots[r];
                add(s, c, g, v[r]);
                cnt[g]++;
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        DoubleSum o = (DoubleSum) other;
        add(sum, comp, t, o.sum[s]);
        add(sum, comp, t, o.comp[s]);
        n[t] += o.n[s];
    }

    @Override
    public double value(int slot) {
        double total = sum[slot] + comp[slot];
        return spec.kind() == AggKind.AVG ? total / n[slot] : total;
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeDouble(sum[s]);
            out.writeDouble(comp[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            sum[s] = in.readDouble();
            comp[s] = in.readDouble();
            n[s] = in.readLong();
        }
    }
}
