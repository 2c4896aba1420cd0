package io.kpiengine.core.internal;

import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Weighted average {@code sum(value * weight) / sum(weight)} over rows where both are present, with both sums
 * compensated as in {@link DoubleSum}. A zero total weight gives NaN, which the engine reports as a zero
 * denominator.
 */
final class WeightedAvgAcc extends CountedAccumulator {

    private final NumericColumn col;
    private final NumericColumn weight;
    private double[] vw = new double[0];
    private double[] vwc = new double[0];
    private double[] w = new double[0];
    private double[] wc = new double[0];

    WeightedAvgAcc(MeasureSpec spec, Schema schema) {
        this(spec, new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':"),
                new NumericColumn(schema, spec.weightColumn(), "measure '" + spec.id() + "': weight"));
    }

    private WeightedAvgAcc(MeasureSpec spec, NumericColumn col, NumericColumn weight) {
        super(spec);
        this.col = col;
        this.weight = weight;
    }

    @Override
    Accumulator emptyCopy() {
        return new WeightedAvgAcc(spec, col, weight);
    }

    @Override
    void resizeValues(int cap) {
        vw = Arrays.copyOf(vw, cap);
        vwc = Arrays.copyOf(vwc, cap);
        w = Arrays.copyOf(w, cap);
        wc = Arrays.copyOf(wc, cap);
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        weight.load(batch);
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (!NumericColumn.isNull(col.nulls, r) && !NumericColumn.isNull(weight.nulls, r)) {
                int g = slots[r];
                double x = col.doubleAt(r);
                double wt = weight.doubleAt(r);
                DoubleSum.add(vw, vwc, g, x * wt);
                DoubleSum.add(w, wc, g, wt);
                n[g]++;
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        WeightedAvgAcc o = (WeightedAvgAcc) other;
        DoubleSum.add(vw, vwc, t, o.vw[s]);
        DoubleSum.add(vw, vwc, t, o.vwc[s]);
        DoubleSum.add(w, wc, t, o.w[s]);
        DoubleSum.add(w, wc, t, o.wc[s]);
        n[t] += o.n[s];
    }

    @Override
    public double value(int slot) {
        double den = w[slot] + wc[slot];
        return den == 0 ? Double.NaN : (vw[slot] + vwc[slot]) / den;
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeDouble(vw[s]);
            out.writeDouble(vwc[s]);
            out.writeDouble(w[s]);
            out.writeDouble(wc[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            vw[s] = in.readDouble();
            vwc[s] = in.readDouble();
            w[s] = in.readDouble();
            wc[s] = in.readDouble();
            n[s] = in.readLong();
        }
    }
}
