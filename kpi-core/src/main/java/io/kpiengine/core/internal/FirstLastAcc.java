package io.kpiengine.core.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The value at the earliest ({@link AggKind#FIRST}) or latest ({@link AggKind#LAST}) order timestamp of a slot,
 * for semi-additive measures such as balances. Rows whose value or timestamp is missing are skipped. Ties on the
 * timestamp go to the earlier (FIRST) or later (LAST) source position ({@code RecordBatch.rowNumber}), then to
 * the smaller (FIRST) or larger (LAST) value, so the result does not depend on partitioning or order.
 */
final class FirstLastAcc extends CountedAccumulator {

    private final NumericColumn col;
    private final NumericColumn order;
    private final boolean last;
    private long[] ts = new long[0];
    private long[] pos = new long[0];
    private double[] dv = new double[0];
    private long[] lv = new long[0];

    FirstLastAcc(MeasureSpec spec, Schema schema) {
        this(spec, new NumericColumn(schema, spec.column(), "measure '" + spec.id() + "':"),
                new NumericColumn(schema, spec.orderColumn(), "measure '" + spec.id() + "': order"));
        if (order.isDouble) {
            throw new IllegalArgumentException("measure '" + spec.id() + "': order column '" + spec.orderColumn()
                    + "' must be a TIMESTAMP, DATE or INTEGER column, but was a DECIMAL");
        }
    }

    private FirstLastAcc(MeasureSpec spec, NumericColumn col, NumericColumn order) {
        super(spec);
        this.col = col;
        this.order = order;
        this.last = spec.kind() == AggKind.LAST;
    }

    @Override
    Accumulator emptyCopy() {
        return new FirstLastAcc(spec, col, order);
    }

    @Override
    void resizeValues(int cap) {
        ts = Arrays.copyOf(ts, cap);
        pos = Arrays.copyOf(pos, cap);
        dv = Arrays.copyOf(dv, cap);
        lv = Arrays.copyOf(lv, cap);
    }

    /** Whether (t, p, value) beats the current holder of slot g. */
    private boolean beats(int g, long t, long p, double d, long l) {
        if (n[g] == 0) {
            return true;
        }
        int c = Long.compare(t, ts[g]);
        if (c == 0) {
            c = Long.compare(p, pos[g]);
        }
        if (c == 0) {
            c = col.isDouble ? Double.compare(d, dv[g]) : Long.compare(l, lv[g]);
        }
        return last ? c > 0 : c < 0;
    }

    private void offer(int g, long t, long p, double d, long l, long count) {
        if (beats(g, t, p, d, l)) {
            ts[g] = t;
            pos[g] = p;
            dv[g] = d;
            lv[g] = l;
        }
        n[g] += count;
    }

    @Override
    void add(RecordBatch batch, int[] slots, int[] sel, int count) {
        col.load(batch);
        order.load(batch);
        for (int k = 0; k < count; k++) {
            int r = sel[k];
            if (!NumericColumn.isNull(col.nulls, r) && !NumericColumn.isNull(order.nulls, r)) {
                offer(slots[r], order.longs[r], batch.rowNumber(r), col.isDouble ? col.doubles[r] : 0,
                        col.isDouble ? 0 : col.longs[r], 1);
            }
        }
    }

    @Override
    void mergeSlot(Accumulator other, int s, int t) {
        FirstLastAcc o = (FirstLastAcc) other;
        if (o.n[s] > 0) {
            offer(t, o.ts[s], o.pos[s], o.dv[s], o.lv[s], o.n[s]);
        }
    }

    @Override
    public ColumnType valueType() {
        return col.temporalType();
    }

    @Override
    public double value(int slot) {
        return col.isDouble ? dv[slot] : exact(slot).doubleValue();
    }

    @Override
    public BigDecimal exact(int slot) {
        return col.isDouble ? null : BigDecimal.valueOf(lv[slot], col.scale);
    }

    @Override
    void write(DataOutput out, int[] order) throws IOException {
        for (int s : order) {
            out.writeLong(ts[s]);
            out.writeLong(pos[s]);
            out.writeDouble(dv[s]);
            out.writeLong(lv[s]);
            out.writeLong(n[s]);
        }
    }

    @Override
    void read(DataInput in, int slots) throws IOException {
        for (int s = 0; s < slots; s++) {
            ts[s] = in.readLong();
            pos[s] = in.readLong();
            dv[s] = in.readDouble();
            lv[s] = in.readLong();
            n[s] = in.readLong();
        }
    }
}
