package io.kpiengine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A column of values inside a {@link RecordBatch}: fixed size, typed, with a missing-value mask.
 *
 * <p>Vectors are immutable once built. Factories named {@code wrap} take ownership of the arrays they are given:
 * the caller must not modify them afterwards. A missing value ("null") is recorded in a bit mask, one bit per
 * row, where a set bit means missing; a vector without missing values has no mask.
 *
 * <p>{@link #select} does not copy values when it keeps at least half of the storage: the vector it returns reads
 * the same (immutable) storage through the positions of the selected rows, so dropping a few rows of a batch costs
 * one {@code int} per kept row instead of a copy of every column; a smaller selection is copied, so that it never
 * keeps a large array alive. Every accessor, including the bulk {@code copyTo} methods, reads a selected vector
 * exactly like a vector built from the selected values.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract sealed class Vector permits LongVector, DoubleVector, DecimalVector, CategoryVector, TextVector {

    final int size;
    /** Bit i set means row i is missing; null when no row is missing. */
    final long @Nullable [] nulls;
    /**
     * The storage position of each row, for a vector made by {@link #select}; null when row i is stored at i.
     * Shared between the columns of a selected batch; never modified.
     */
    final int @Nullable [] sel;

    Vector(int size, long @Nullable [] nulls) {
        this(size, nulls, null);
    }

    /** A vector whose row i is stored at {@code sel[i]} (validated by the caller), or at i when sel is null. */
    Vector(int size, long @Nullable [] nulls, int @Nullable [] sel) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, but was " + size);
        }
        if (nulls != null && nulls.length < Bits.words(size)) {
            throw new IllegalArgumentException("null mask has " + nulls.length + " words, but " + size
                    + " rows need " + Bits.words(size));
        }
        this.size = size;
        this.nulls = nulls == null || Bits.isEmpty(nulls, size) ? null : nulls;
        this.sel = sel;
    }

    /** The storage position of a row that was already checked against {@link #size}. */
    final int at(int row) {
        return sel == null ? row : sel[row];
    }

    /**
     * The storage positions of {@code rows[0..count)}, each checked against this vector's size.
     *
     * @throws IndexOutOfBoundsException naming the first row out of range
     */
    final int[] positionsOf(int[] rows, int count) {
        Objects.checkFromIndexSize(0, count, rows.length);
        int[] out = new int[count];
        int[] s = sel;
        for (int i = 0; i < count; i++) {
            int r = Objects.checkIndex(rows[i], size);
            out[i] = s == null ? r : s[r];
        }
        return out;
    }

    /**
     * This vector's rows at the given storage positions (already checked) with the given null mask: a view that
     * shares the storage (the positions may be shared with other vectors of the same storage layout), or, when the
     * rows are fewer than half of the storage, a compact copy, so that a small selection never keeps a large array
     * alive.
     */
    abstract Vector view(int[] positions, long @Nullable [] selectedNulls, int count);

    /**
     * Selects the same rows of the vectors of one batch (all of one size); {@code rows[0..count)} must already be
     * checked against that size. The vectors that are not themselves selected share one array of positions.
     */
    static List<Vector> selectAll(List<Vector> columns, int[] rows, int count, boolean ascending) {
        int[] shared = Arrays.copyOf(rows, count);
        List<Vector> out = new ArrayList<>(columns.size());
        for (Vector v : columns) {
            int[] positions = shared;
            if (v.sel != null) {
                positions = new int[count];
                for (int i = 0; i < count; i++) {
                    positions[i] = v.sel[rows[i]];
                }
            }
            long[] nulls = ascending ? (v.nulls == null ? null : Bits.selectAscending(v.nulls, rows, count))
                    : v.selectNulls(rows, count);
            out.add(v.view(positions, nulls, count));
        }
        return out;
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
    public final long @Nullable [] nullMask() {
        return nulls == null ? null : nulls.clone();
    }

    /**
     * The value of a row as an object, for casual use: {@code Long}, {@code Double}, {@code BigDecimal},
     * {@code Boolean}, {@code String}, {@code Instant} or {@code LocalDate}; null when missing.
     *
     * @param row 0-based row
     * @return the boxed value, or null
     */
    public abstract @Nullable Object getObject(int row);

    /**
     * A vector holding the given rows, in the given order (rows may repeat). When the rows are at least half of
     * this vector's storage it shares that storage instead of copying values, and keeps its own copy of the row
     * positions; otherwise it copies the selected values. Either way, later changes to {@code rows} do not affect
     * it.
     *
     * <pre>{@code
     * LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {10, 20, 30}, null, 3);
     * LongVector ends = v.select(new int[] {0, 2}, 2);   // 10, 30
     * }</pre>
     *
     * @param rows 0-based row indexes
     * @param count how many entries of {@code rows} to use
     * @return a vector of {@code count} rows
     * @throws IndexOutOfBoundsException if a row is outside {@code 0..size()-1} or {@code count} exceeds
     *     {@code rows.length}
     */
    public abstract Vector select(int[] rows, int count);

    /** The missing-value mask of the selected rows (already checked), or null. */
    final long @Nullable [] selectNulls(int[] rows, int count) {
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
