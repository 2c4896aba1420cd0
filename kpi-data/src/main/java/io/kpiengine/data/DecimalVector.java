package io.kpiengine.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A vector of exact decimals held as unscaled {@code long}s with a fixed scale, for {@link ColumnType#DECIMAL}
 * columns that declare one (money, for instance): {@code 12.34} at scale 2 is the unscaled value {@code 1234}.
 * Sums of unscaled values are exact.
 *
 * <pre>{@code
 * DecimalVector cents = DecimalVector.wrap(new long[] {1234, 99}, null, 2, 2);
 * BigDecimal first = cents.getDecimal(0);   // 12.34
 * }</pre>
 *
 * <p>The value of a missing row is unspecified; check {@link #isNull(int)}.
 *
 * <p>Immutable and thread-safe, like every {@link Vector}.
 */
public final class DecimalVector extends Vector {

    private final long[] unscaled;
    private final int scale;

    private DecimalVector(long[] unscaled, long @Nullable [] nulls, int size, int scale) {
        super(size, nulls);
        if (scale < 0 || scale > Column.MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + Column.MAX_SCALE + ", but was " + scale);
        }
        if (unscaled.length < size) {
            throw new IllegalArgumentException("values has " + unscaled.length + " entries, but size is " + size);
        }
        this.unscaled = unscaled;
        this.scale = scale;
    }

    private DecimalVector(DecimalVector base, int @Nullable [] sel, long @Nullable [] nulls, int size) {
        super(size, nulls, sel);
        this.unscaled = base.unscaled;
        this.scale = base.scale;
    }

    /**
     * Wraps arrays without copying; the caller must not modify them afterwards.
     *
     * @param unscaled the unscaled values; at least {@code size} entries
     * @param nulls the missing-value mask, or null when nothing is missing
     * @param size the row count
     * @param scale digits after the decimal point, 0..18
     * @return the vector
     */
    public static DecimalVector wrap(long[] unscaled, long @Nullable [] nulls, int size, int scale) {
        return new DecimalVector(unscaled, nulls, size, scale);
    }

    @Override
    public ColumnType type() {
        return ColumnType.DECIMAL;
    }

    /**
     * The scale: digits after the decimal point.
     *
     * @return the scale
     */
    public int scale() {
        return scale;
    }

    /**
     * The unscaled value of a row; unspecified when the row is missing.
     *
     * @param row 0-based row
     * @return the unscaled value
     */
    public long unscaled(int row) {
        Objects.checkIndex(row, size);
        return unscaled[at(row)];
    }

    /**
     * Copies the unscaled values of rows {@code [from, from + length)} into {@code dst}.
     *
     * @param from first row
     * @param dst destination
     * @param dstOffset first destination index
     * @param length row count
     */
    public void copyTo(int from, long[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(from, /* size */ length, /* length */ size);
        if (sel == null) {
            System.arraycopy(unscaled, from, dst, dstOffset, length);
        } else {
            Objects.checkFromIndexSize(dstOffset, length, dst.length);
            for (int i = 0; i < length; i++) {
                dst[dstOffset + i] = unscaled[sel[from + i]];
            }
        }
    }

    /**
     * The value of a row as a {@code double} (rounded to the nearest double).
     *
     * @param row 0-based row
     * @return the value
     */
    public double get(int row) {
        return unscaled(row) / POWERS[scale];
    }

    /**
     * The exact value of a row.
     *
     * @param row 0-based row
     * @return the value, or null when missing
     */
    public @Nullable BigDecimal getDecimal(int row) {
        return isNull(row) ? null : BigDecimal.valueOf(unscaled[at(row)], scale);
    }

    @Override
    public @Nullable Object getObject(int row) {
        return getDecimal(row);
    }

    @Override
    public DecimalVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    DecimalVector view(int[] positions, long @Nullable [] selectedNulls, int count) {
        if (2L * count < unscaled.length) {
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = unscaled[positions[i]];
            }
            return new DecimalVector(out, selectedNulls, count, scale);
        }
        return new DecimalVector(this, positions, selectedNulls, count);
    }

    private static final double[] POWERS = new double[Column.MAX_SCALE + 1];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecimalVector v) || v.size != size || v.scale != scale) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            boolean n = isNull(i);
            if (n != v.isNull(i) || (!n && unscaled[at(i)] != v.unscaled[v.at(i)])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = scale;
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = 31 * h + Long.hashCode(unscaled[at(i)]);
        }
        return h;
    }
}
