package io.kpiengine.data;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dictionary-encoded vector for {@link ColumnType#CATEGORY} columns: one {@code int} code per row, decoded by
 * a shared {@link Dictionary}.
 *
 * <pre>{@code
 * Dictionary dict = new Dictionary();
 * int[] codes = {dict.encode("email"), dict.encode("social"), dict.encode("email")};
 * CategoryVector v = CategoryVector.wrap(codes, null, 3, dict);
 * String second = v.get(1);   // "social"
 * }</pre>
 *
 * <p>The code of a missing row is unspecified; check {@link #isNull(int)}.
 *
 * <p>Immutable and thread-safe, like every {@link Vector}; the shared {@link Dictionary} may grow concurrently
 * without changing the codes already issued.
 */
public final class CategoryVector extends Vector {

    private final int[] codes;
    private final Dictionary dictionary;

    private CategoryVector(int[] codes, long @Nullable [] nulls, int size, Dictionary dictionary) {
        super(size, nulls);
        if (codes.length < size) {
            throw new IllegalArgumentException("codes has " + codes.length + " entries, but size is " + size);
        }
        this.codes = codes;
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
    }

    private CategoryVector(CategoryVector base, int @Nullable [] sel, long @Nullable [] nulls, int size) {
        super(size, nulls, sel);
        this.codes = base.codes;
        this.dictionary = base.dictionary;
    }

    /**
     * Wraps arrays without copying; the caller must not modify them afterwards.
     *
     * @param codes dictionary codes; at least {@code size} entries
     * @param nulls the missing-value mask, or null when nothing is missing
     * @param size the row count
     * @param dictionary the dictionary that issued the codes
     * @return the vector
     */
    public static CategoryVector wrap(int[] codes, long @Nullable [] nulls, int size, Dictionary dictionary) {
        return new CategoryVector(codes, nulls, size, dictionary);
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORY;
    }

    /**
     * The dictionary that decodes the codes.
     *
     * @return the dictionary
     */
    public Dictionary dictionary() {
        return dictionary;
    }

    /**
     * The code of a row; unspecified when the row is missing.
     *
     * @param row 0-based row
     * @return the code
     */
    public int code(int row) {
        Objects.checkIndex(row, size);
        return codes[at(row)];
    }

    /**
     * Copies the codes of rows {@code [from, from + length)} into {@code dst}.
     *
     * @param from first row
     * @param dst destination
     * @param dstOffset first destination index
     * @param length row count
     */
    public void copyTo(int from, int[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(from, /* size */ length, /* length */ size);
        if (sel == null) {
            System.arraycopy(codes, from, dst, dstOffset, length);
        } else {
            Objects.checkFromIndexSize(dstOffset, length, dst.length);
            for (int i = 0; i < length; i++) {
                dst[dstOffset + i] = codes[sel[from + i]];
            }
        }
    }

    /**
     * The decoded value of a row.
     *
     * @param row 0-based row
     * @return the value, or null when missing
     */
    public @Nullable String get(int row) {
        return isNull(row) ? null : dictionary.value(codes[at(row)]);
    }

    @Override
    public @Nullable Object getObject(int row) {
        return get(row);
    }

    @Override
    public CategoryVector select(int[] rows, int count) {
        return view(positionsOf(rows, count), selectNulls(rows, count), count);
    }

    @Override
    CategoryVector view(int[] positions, long @Nullable [] selectedNulls, int count) {
        if (2L * count < codes.length) {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = codes[positions[i]];
            }
            return new CategoryVector(out, selectedNulls, count, dictionary);
        }
        return new CategoryVector(this, positions, selectedNulls, count);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CategoryVector v) || v.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!Objects.equals(get(i), v.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < Math.min(size, 16); i++) {
            h = 31 * h + Objects.hashCode(get(i));
        }
        return h;
    }
}
