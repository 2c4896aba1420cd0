package io.kpiengine.quality;

import java.util.Arrays;
import java.util.Objects;

/**
 * A vector of strings for {@link ColumnType#TEXT} columns. A missing value is a null entry.
 *
 * <pre>{@code
 * TextVector ids = TextVector.wrap(new String[] {"O1", null, "O3"}, 3);
 * boolean missing = ids.isNull(1);   // true
 * }</pre>
 *
 * <p>Immutable and thread-safe, like every {@link Vector}.
 */
public final class TextVector extends Vector {

    private final String[] values;

    private TextVector(String[] values, int size) {
        super(size, maskOf(values, size));
        this.values = values;
    }

    private TextVector(TextVector base, int[] sel, long[] nulls, int size) {
        super(size, nulls, sel);
        this.values = base.values;
    }

    private static long[] maskOf(String[] values, int size) {
        if (values.length < size) {
            throw new IllegalArgumentException("values has " + values.length + " entries, but size is " + size);
        }
        long[] mask = null;
        for (int i = 0; i < size; i++) {
            if (values[i] == null) {
                if (mask == null) {
                    mask = Bits.newMask(size);
                }
                Bits.set(mask, i);
            }
        }
        return mask;
    }

    /**
     * Wraps an array without copying; the caller must not modify it afterwards. Null entries are missing.
     *
     * @param values the values; at least {@code size} entries
     * @param size the row count
     * @return the vector
     */
    public static TextVector wrap(String[] values, int size) {
        return new TextVector(values, size);
    }

    @Override
    public ColumnType type() {
        return ColumnType.TEXT;
    }

    /**
     * The value of a row.
     *
     * @param row 0-based row
     * @return the value, or null when missing
     */
    public String get(int row) {
        Objects.checkIndex(row, size);
        return values[at(row)];
    }

    @Override
    public Object getObject(int row) {
        return get(row);
    }

    @Override
    public TextVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    TextVector view(int[] positions, long[] selectedNulls, int count) {
        if (2L * count < values.length) {
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = values[positions[i]];
            }
            return new TextVector(out, count);
        }
        return new TextVector(this, positions, selectedNulls, count);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextVector v) || v.size != size) {
            return false;
        }
        if (sel == null && v.sel == null) {
            return Arrays.equals(values, 0, size, v.values, 0, size);
        }
        for (int i = 0; i < size; i++) {
            if (!Objects.equals(values[at(i)], v.values[v.at(i)])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = 31 * h + Objects.hashCode(values[at(i)]);
        }
        return h;
    }
}
