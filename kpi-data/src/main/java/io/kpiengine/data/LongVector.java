package io.kpiengine.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A vector of {@code long}s: {@link ColumnType#INTEGER}, {@link ColumnType#BOOLEAN} (0/1),
 * {@link ColumnType#TIMESTAMP} (microseconds since the epoch) or {@link ColumnType#DATE} (days since the epoch).
 *
 * <pre>{@code
 * LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {3, 0, 7}, null, 3);
 * long total = 0;
 * for (int i = 0; i < v.size(); i++) {
 *     if (!v.isNull(i)) total += v.get(i);
 * }
 * }</pre>
 *
 * <p>The value of a missing row is unspecified (usually 0); check {@link #isNull(int)}.
 *
 * <p>Immutable and thread-safe, like every {@link Vector}.
 */
public final class LongVector extends Vector {

    private final ColumnType type;
    private final long[] values;

    private LongVector(ColumnType type, long[] values, long @Nullable [] nulls, int size) {
        super(size, nulls);
        if (!Objects.requireNonNull(type, "type").isLongBacked()) {
            throw new IllegalArgumentException("LongVector cannot hold " + type);
        }
        if (values.length < size) {
            throw new IllegalArgumentException("values has " + values.length + " entries, but size is " + size);
        }
        this.type = type;
        this.values = values;
    }

    private LongVector(LongVector base, int @Nullable [] sel, long @Nullable [] nulls, int size) {
        super(size, nulls, sel);
        this.type = base.type;
        this.values = base.values;
    }

    /**
     * Wraps arrays without copying; the caller must not modify them afterwards.
     *
     * @param type INTEGER, BOOLEAN, TIMESTAMP or DATE
     * @param values the values; at least {@code size} entries
     * @param nulls the missing-value mask, or null when nothing is missing
     * @param size the row count
     * @return the vector
     */
    public static LongVector wrap(ColumnType type, long[] values, long @Nullable [] nulls, int size) {
        return new LongVector(type, values, nulls, size);
    }

    @Override
    public ColumnType type() {
        return type;
    }

    /**
     * The value of a row; unspecified when the row is missing.
     *
     * @param row 0-based row
     * @return the value
     */
    public long get(int row) {
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
    public void copyTo(int from, long[] dst, int dstOffset, int length) {
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
        if (isNull(row)) {
            return null;
        }
        long v = values[at(row)];
        switch (type) {
            case BOOLEAN:
                return v != 0;
            case TIMESTAMP:
                return Instant.EPOCH.plusSeconds(Math.floorDiv(v, 1_000_000L))
                        .plusNanos(Math.floorMod(v, 1_000_000L) * 1000L);
            case DATE:
                return LocalDate.ofEpochDay(v);
            default:
                return v;
        }
    }

    @Override
    public LongVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    LongVector view(int[] positions, long @Nullable [] selectedNulls, int count) {
        if (2L * count < values.length) {
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = values[positions[i]];
            }
            return new LongVector(type, out, selectedNulls, count);
        }
        return new LongVector(this, positions, selectedNulls, count);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LongVector v) || v.type != type || v.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            boolean n = isNull(i);
            if (n != v.isNull(i) || (!n && values[at(i)] != v.values[v.at(i)])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = type.hashCode();
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = 31 * h + Long.hashCode(values[at(i)]);
        }
        return h;
    }
}
