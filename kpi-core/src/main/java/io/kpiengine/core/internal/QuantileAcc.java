package io.kpiengine.core.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.RecordBatch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Exact quantile: every value is kept (8 bytes each) and merged by concatenation. The result is DuckDB's
 * {@code quantile_cont(x, q)} and pandas' default {@code Series.quantile(q)} (linear interpolation): with the n
 * values sorted ascending as v[0..n-1], position p = q * (n - 1), lo = floor(p), hi = ceil(p), d = p - lo, the
 * value is {@code v[lo] * (1 - d) + v[hi] * d}, DuckDB's expression for doubles (pandas computes
 * {@code v[lo] + (v[hi] - v[lo]) * d}, which can differ in the last bit). Scaled decimals are interpolated on their unscaled values and scaled
 * at the end.
 */
final class QuantileAcc extends Accumulator {

    private final NumericColumn col;
    private double[][] values = new double[0][];
    private int[] len = new int[0];
    private boolean[] sorted = new boolean[0];

    QuantileAcc(MeasureSpec spec, NumericColumn col) {
        super(spec);
        this.col = col;
    }

    @Override
    Accumulator emptyCopy() {
        return new QuantileAcc(spec, col);
    }

    @Override
    void resize(int cap) {
        values = Arrays.copyOf(values, cap);
        len = Arrays.copyOf(len, cap);
        sorted = Arrays.copyOf(sorted, cap);
    }

    @Override
    void finish() {
        for (int s = 0; s < values.length; s++) {
            if (values[s] != null && !sorted[s]) {
                Arrays.sort(values[s], 0, len[s]);
                sorted[s] = true;
            }
        }
    }

    private void push(int g, double x) {
        double[] a = values[g];
        int n = len[g];
        if (a == null) {
            a = new double[8];
            values[g] = a;
        } else if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            values[g] = a;
        }
        a[n] = x;
        len[g] = n + 1;
        sorted[g] = false;
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        long[] nulls = col.nulls;
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (nulls == null || (nulls[r >>> 6] & (1L << r)) == 0) {
                push(slots[r], col.isDouble ? col.doubles[r] : (double) col.longs[r]);
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        QuantileAcc o = (QuantileAcc) other;
        int n = o.len[s];
        double[] src = o.values[s];
        for (int i = 0; i < n; i++) {
            push(t, src[i]);
        }
    }

    @Override
    public long count(int slot) {
        return len[slot];
    }

    @Override
    public double value(int slot) {
        int n = len[slot];
        double[] a = values[slot];
        if (!sorted[slot]) {
            Arrays.sort(a, 0, n);
            sorted[slot] = true;
        }
        double pos = spec.quantile() * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        double d = pos - lo;
        double v = lo == hi ? a[lo] : a[lo] * (1.0 - d) + a[hi] * d;
        return col.isDouble || col.scale == 0 ? v : v / Pow10.asDouble(col.scale);
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            if (!sorted[s] && len[s] > 0) {
                Arrays.sort(values[s], 0, len[s]);
                sorted[s] = true;
            }
            out.writeInt(len[s]);
            for (int i = 0; i < len[s]; i++) {
                out.writeDouble(values[s][i]);
            }
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            int n = StateIo.readCount(in, "quantile values");
            for (int i = 0; i < n; i++) {
                push(s, in.readDouble());
            }
        }
    }
}
