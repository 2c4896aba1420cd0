package io.kpiengine.data;

import io.kpiengine.data.internal.TextHash;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
    /** 128-bit text digest lanes of each stored value (2 per entry, zeros where not computed), or null. */
    private final long @Nullable [] hashes;

    private TextVector(String[] values, long @Nullable [] hashes, int size) {
        super(size, maskOf(values, size));
        if (hashes != null && hashes.length < 2 * size) {
            throw new IllegalArgumentException("hashes has " + hashes.length + " entries, but size " + size
                    + " needs " + 2 * size);
        }
        this.values = values;
        this.hashes = hashes;
    }

    private TextVector(TextVector base, int @Nullable [] sel, long @Nullable [] nulls, int size) {
        super(size, nulls, sel);
        this.values = base.values;
        this.hashes = base.hashes;
    }

    private static long @Nullable [] maskOf(String[] values, int size) {
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
        return new TextVector(values, null, size);
    }

    /**
     * Wraps an array and the 128-bit text digest values of its entries, as a reader that hashed the bytes it parsed
     * makes them; neither array is copied, and the caller must not modify them afterwards. Entry i's lanes are
     * {@code hashes[2 * i]} and {@code hashes[2 * i + 1]}; an entry left at two zeros is hashed from its string
     * when asked. The hashes are trusted: anything but {@code TextHash} values (or zeros) makes
     * {@link #hashTo} and the exact duplicate detection built on it wrong.
     *
     * <pre>{@code
     * String[] ids = {"O1", "O2"};
     * long[] h = new long[4];
     * TextHash.of(ids[0], h, 0);                      // entry 1 left at zeros: hashed when asked
     * TextVector v = TextVector.wrap(ids, h, 2);
     * }</pre>
     *
     * @param values the values; at least {@code size} entries
     * @param hashes two lanes per value; at least {@code 2 * size} entries
     * @param size the row count
     * @return the vector
     * @throws IllegalArgumentException if an array is too short
     */
    public static TextVector wrap(String[] values, long @Nullable [] hashes, int size) {
        return new TextVector(values, Objects.requireNonNull(hashes, "hashes"), size);
    }

    /**
     * Writes the 128-bit text digest lanes of rows {@code [from, from + len)} into {@code a[0..len)} (lane 1) and
     * {@code b[0..len)} (lane 2): the ones the vector was made with, else hashed from the strings. Missing rows get
     * zeros.
     *
     * <pre>{@code
     * long[] a = new long[v.size()];
     * long[] b = new long[v.size()];
     * v.hashTo(0, v.size(), a, b);
     * }</pre>
     *
     * @param from the first row
     * @param len the number of rows
     * @param a receives lane 1
     * @param b receives lane 2
     * @throws IndexOutOfBoundsException if the rows are outside the vector or the arrays are shorter than len
     */
    public void hashTo(int from, int len, long[] a, long[] b) {
        Objects.checkFromIndexSize(from, /* size */ len, /* length */ size);
        Objects.checkFromIndexSize(0, len, a.length);
        Objects.checkFromIndexSize(0, len, b.length);
        long[] h = hashes;
        if (h != null && nulls == null && sel == null) {
            // the common case of a reader's vector: no missing values, every entry hashed (zeros: not hashed)
            boolean all = true;
            for (int i = 0, p = 2 * from; i < len; i++, p += 2) {
                long x = h[p];
                long y = h[p + 1];
                a[i] = x;
                b[i] = y;
                all &= (x | y) != 0;
            }
            if (all) {
                return;
            }
        }
        long[] pair = null;
        for (int i = 0; i < len; i++) {
            int p = at(from + i);
            String s = values[p];
            if (s == null) {
                a[i] = 0;
                b[i] = 0;
                continue;
            }
            if (h != null) {
                long x = h[2 * p];
                long y = h[2 * p + 1];
                if ((x | y) != 0) {
                    a[i] = x;
                    b[i] = y;
                    continue;
                }
            }
            if (pair == null) {
                pair = new long[2];
            }
            TextHash.of(s, pair, 0);
            a[i] = pair[0];
            b[i] = pair[1];
        }
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
    public @Nullable String get(int row) {
        Objects.checkIndex(row, size);
        return values[at(row)];
    }

    @Override
    public @Nullable Object getObject(int row) {
        return get(row);
    }

    @Override
    public TextVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    TextVector view(int[] positions, long @Nullable [] selectedNulls, int count) {
        if (2L * count < values.length) {
            String[] out = new String[count];
            long[] hs = hashes;
            long[] h = hs == null ? null : new long[2 * count];
            for (int i = 0; i < count; i++) {
                out[i] = values[positions[i]];
                if (h != null && hs != null) {
                    h[2 * i] = hs[2 * positions[i]];
                    h[2 * i + 1] = hs[2 * positions[i] + 1];
                }
            }
            return new TextVector(out, h, count);
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
