package io.kpiengine.data;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A vector of {@code double}s for {@link ColumnType#DECIMAL} columns without a declared scale.
 *
 * <pre>{@code
 * DoubleVector v = DoubleVector.wrap(new double[] {1.5, 2.25}, null, 2);
 * double first = v.get(0);
 * }</pre>
 *
 * <p>The value of a missing row is unspecified; check {@link #isNull(int)}.
 *
 * <p>Immutable and thread-safe, like every {@link Vector}.
 */
public final class DoubleVector extends Vector {

    private final double[] values;

    private DoubleVector(double[] values, long @Nullable [] nulls, int size) {
        super(size, nulls);
        if (values.length < size) {
            throw new IllegalArgumentException("values has " + values.length + " entries, but size is " + size);
        }
        this.values = values;
    }

    private DoubleVector(DoubleVector base, int @Nullable [] sel, long @Nullable [] nulls, int size) {
        super(size, nulls, sel);
        this.values = base.values;
    }

    /**
     * Wraps arrays without copying; the caller must not modify them afterwards.
     *
     * @param values the values; at least {@code size} entries
     * @param nulls the missing-value mask, or null when nothing is missing
     * @param size the row count
     * @return the vector
     */
    public static DoubleVector wrap(double[] values, long @Nullable [] nulls, int size) {
        return new DoubleVector(values, nulls, size);
    }

    @Override
    public ColumnType type() {
        return ColumnType.DECIMAL;
    }

    /**
     * The value of a row; unspecified when the row is missing.
     *
     * @param row 0-based row
     * @return the value
     */
    public double get(int row) {
        Objects.checkIndex(row, size);
        return values[at(row)];
    }

    /**
     * Copies the values of rows {@code [from, from + length)} into {@code dst}.
     *
     * @param from first row
     * @param dst destination
     * @param dstOffset first destination index
     * @param length row count
     */
    public void copyTo(int from, double[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(from, /* size */ length, /* length */ size);
        if (sel == null) {
            System.arraycopy(values, from, dst, dstOffset, length);
        } else {
            Objects.checkFromIndexSize(dstOffset, length, dst.length);
            for (int i = 0; i < length; i++) {
                dst[dstOffset + i] = values[sel[from + i]];
            }
        }
    }

    @Override
    public @Nullable Object getObject(int row) {
        return isNull(row) ? null : values[at(row)];
    }

    @Override
    public DoubleVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    DoubleVector view(int[] positions, long @Nullable [] selectedNulls, int count) {
        if (2L * count < values.length) {
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = values[positions[i]];
            }
            return new DoubleVector(out, selectedNulls, count);
        }
        return new DoubleVector(this, positions, selectedNulls, count);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DoubleVector v) || v.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            boolean n = isNull(i);
            if (n != v.isNull(i) || (!n && Double.compare(values[at(i)], v.values[v.at(i)]) != 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = 31 * h + Double.hashCode(values[at(i)]);
        }
        return h;
    }
}
