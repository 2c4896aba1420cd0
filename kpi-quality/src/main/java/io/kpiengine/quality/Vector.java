package io.kpiengine.quality;

import java.util.Objects;

/**
 * A column of values inside a {@link RecordBatch}: fixed size, typed, with a missing-value mask.
 *
 * <p>Vectors are immutable once built. Factories named {@code wrap} take ownership of the arrays they are given:
 * the caller must not modify them afterwards. A missing value ("null") is recorded in a bit mask, one bit per
 * row, where a set bit means missing; a vector without missing values has no mask.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract sealed class Vector permits LongVector, DoubleVector, DecimalVector, CategoryVector, TextVector {

    final int size;
    /** Bit i set means row i is missing; null when no row is missing. */
    final long[] nulls;

    Vector(int size, long[] nulls) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, but was " + size);
        }
        if (nulls != null && nulls.length < Bits.words(size)) {
            throw new IllegalArgumentException("null mask has " + nulls.length + " words, but " + size
                    + " rows need " + Bits.words(size));
        }
        this.size = size;
        this.nulls = nulls == null || Bits.isEmpty(nulls, size) ? null : nulls;
    }

    /**
     * The logical type of the values.
     *
     * @return the column type
     */
    public abstract ColumnType type();

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public final int size() {
        return size;
    }

    /**
     * Whether the value of a row is missing.
     *
     * @param row 0-based row
     * @return true if missing
     */
    public final boolean isNull(int row) {
        Objects.checkIndex(row, size);
        return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    /**
     * Whether any row is missing.
     *
     * @return true if at least one value is missing
     */
    public final boolean hasNulls() {
        return nulls != null;
    }

    /**
     * The number of missing values.
     *
     * @return the count of rows whose value is missing
     */
    public final int nullCount() {
        return nulls == null ? 0 : Bits.count(nulls, size);
    }

    /**
     * A copy of the missing-value mask (bit i set means row i is missing), or null when nothing is missing.
     *
     * @return a fresh array, or null
     */
    public final long[] nullMask() {
        return nulls == null ? null : nulls.clone();
    }

    /**
     * The value of a row as an object, for casual use: {@code Long}, {@code Double}, {@code BigDecimal},
     * {@code Boolean}, {@code String}, {@code Instant} or {@code LocalDate}; null when missing.
     *
     * @param row 0-based row
     * @return the boxed value, or null
     */
    public abstract Object getObject(int row);

    /**
     * A new vector holding the given rows, in the given order.
     *
     * @param rows 0-based row indexes
     * @param count how many entries of {@code rows} to use
     * @return a vector of {@code count} rows
     */
    public abstract Vector select(int[] rows, int count);

    final long[] selectNulls(int[] rows, int count) {
        if (nulls == null) {
            return null;
        }
        long[] out = new long[Bits.words(count)];
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if ((nulls[r >>> 6] & (1L << r)) != 0) {
                out[i >>> 6] |= 1L << i;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type().name()).append('[');
        int shown = Math.min(size, 10);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(getObject(i));
        }
        return sb.append(size > shown ? ", ... (" + size + " rows)]" : "]").toString();
    }
}
