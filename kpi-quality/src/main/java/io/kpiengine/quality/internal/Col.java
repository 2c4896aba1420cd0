package io.kpiengine.quality.internal;

import io.kpiengine.base.internal.Pow10;
import io.kpiengine.data.Bits;
import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A mutable working column of one batch. It starts as a view of an immutable {@link Vector} and copies the
 * values into primitive arrays on first use ({@link #load()}); an untouched column is passed on as the original
 * vector. The representation follows the column type: {@code longs} for long-backed types and exact decimals
 * (unscaled), {@code doubles} for DECIMAL without scale, {@code codes} plus {@code dict} for CATEGORY,
 * {@code texts} for TEXT (null = missing); {@code nulls} is the missing mask (null when nothing is missing; TEXT
 * keeps it in step with null entries).
 */
final class Col {

    ColumnType type;
    int scale;
    Dictionary dict;
    long[] longs;
    double[] doubles;
    int[] codes;
    String[] texts;
    long[] nulls;
    final int size;
    private Vector origin;
    private boolean loaded;
    boolean dirty;
    /** Whether {@link #toVector} may reorder this column's arrays in place (the batch is emitted only once). */
    boolean compactable = true;

    private Col(int size) {
        this.size = size;
    }

    static Col of(Vector v, int scale) {
        Col c = new Col(v.size());
        c.origin = v;
        c.type = v.type();
        c.scale = scale;
        if (v instanceof CategoryVector cv) {
            c.dict = cv.dictionary();
        }
        return c;
    }

    /** A loaded, modified CATEGORY column of {@code size} rows that all hold one code, none missing. */
    static Col filled(int code, Dictionary dict, int size, int scale) {
        Col c = filled(ColumnType.CATEGORY, size, scale);
        c.codes = new int[size];
        Arrays.fill(c.codes, code);
        c.dict = dict;
        return c;
    }

    /** A loaded, modified TEXT column of {@code size} rows that all hold one text, none missing. */
    static Col filled(String text, int size, int scale) {
        Col c = filled(ColumnType.TEXT, size, scale);
        c.texts = new String[size];
        Arrays.fill(c.texts, text);
        return c;
    }

    private static Col filled(ColumnType type, int size, int scale) {
        Col c = new Col(size);
        c.type = type;
        c.scale = scale;
        c.loaded = true;
        c.dirty = true;
        return c;
    }

    /** A loaded column of {@code size} rows, all missing. */
    static Col empty(ColumnType type, int scale, int size, Dictionary dict) {
        Col c = new Col(size);
        c.type = type;
        c.scale = scale;
        c.loaded = true;
        c.dirty = true;
        c.nulls = Bits.newMask(size);
        Arrays.fill(c.nulls, -1L);
        switch (type) {
            case TEXT:
                c.texts = new String[size];
                break;
            case CATEGORY:
                c.codes = new int[size];
                c.dict = dict == null ? new Dictionary() : dict;
                break;
            case DECIMAL:
                if (scale >= 0) {
                    c.longs = new long[size];
                } else {
                    c.doubles = new double[size];
                }
                break;
            default:
                c.longs = new long[size];
                break;
        }
        return c;
    }

    /** Copies the original vector into arrays, once. */
    Col load() {
        if (loaded) {
            return this;
        }
        loaded = true;
        Vector v = origin;
        int n = size;
        nulls = v.nullMask();
        if (v instanceof LongVector lv) {
            longs = new long[n];
            lv.copyTo(0, longs, 0, n);
        } else if (v instanceof DoubleVector dv) {
            doubles = new double[n];
            dv.copyTo(0, doubles, 0, n);
        } else if (v instanceof DecimalVector dv) {
            longs = new long[n];
            dv.copyTo(0, longs, 0, n);
        } else if (v instanceof CategoryVector cv) {
            codes = new int[n];
            cv.copyTo(0, codes, 0, n);
        } else {
            TextVector tv = (TextVector) v;
            texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = tv.get(i);
            }
        }
        return this;
    }

    /** Whether the values are in arrays (else only in the original vector). */
    boolean loaded() {
        return loaded;
    }

    /** The original vector, or null for a column made by a rule. */
    Vector origin() {
        return origin;
    }

    /** Loads and marks the column as modified. */
    Col write() {
        load();
        dirty = true;
        return this;
    }

    boolean isNull(int r) {
        if (!loaded) {
            return origin.isNull(r);
        }
        return nulls != null && (nulls[r >>> 6] & (1L << r)) != 0;
    }

    void setNull(int r) {
        if (nulls == null) {
            nulls = Bits.newMask(size);
        }
        Bits.set(nulls, r);
        if (texts != null) {
            texts[r] = null;
        }
    }

    void clearNull(int r) {
        if (nulls != null) {
            Bits.clear(nulls, r);
        }
    }

    boolean hasNulls() {
        return loaded ? nulls != null && !Bits.isEmpty(nulls, size) : origin.hasNulls();
    }

    int nullCount() {
        return loaded ? (nulls == null ? 0 : Bits.count(nulls, size)) : origin.nullCount();
    }

    /** The text of a CATEGORY or TEXT value; the column must be loaded. */
    String string(int r) {
        return type == ColumnType.CATEGORY ? dict.value(codes[r]) : texts[r];
    }

    /** The numeric value of a row as a double (exact decimals divided by their scale). */
    double number(int r) {
        if (type == ColumnType.DECIMAL) {
            return scale >= 0 ? longs[r] / Pow10.asDouble(scale) : doubles[r];
        }
        return longs[r];
    }

    /** A value as text for reports (numbers in plain notation); null when missing. */
    String text(int r) {
        Object o = object(r);
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (o instanceof Double d) {
            return Fmt.number(d);
        }
        return o == null ? null : o.toString();
    }

    /** The value of a row boxed as the row view would give it. */
    Object object(int r) {
        if (isNull(r)) {
            return null;
        }
        load();
        switch (type) {
            case TEXT:
            case CATEGORY:
                return string(r);
            case DECIMAL:
                return scale >= 0 ? BigDecimal.valueOf(longs[r], scale) : (Object) doubles[r];
            case BOOLEAN:
                return longs[r] != 0;
            case TIMESTAMP:
                return Fmt.toInstant(longs[r]);
            case DATE:
                return LocalDate.ofEpochDay(longs[r]);
            default:
                return longs[r];
        }
    }

    /** Copies the value of row {@code from} of another loaded column of the same type into row {@code to}. */
    void copyFrom(Col src, int from, int to) {
        if (src.isNull(from)) {
            setNull(to);
            return;
        }
        clearNull(to);
        switch (type) {
            case TEXT:
                texts[to] = src.texts[from];
                break;
            case CATEGORY:
                codes[to] = src.dict == dict ? src.codes[from] : dict.encode(src.string(from));
                break;
            case DECIMAL:
                if (scale >= 0) {
                    longs[to] = src.longs[from];
                } else {
                    doubles[to] = src.doubles[from];
                }
                break;
            default:
                longs[to] = src.longs[from];
                break;
        }
    }

    /**
     * The column as an immutable vector of the given rows.
     *
     * @param keep the rows to keep, in order, or null for all
     * @param count the number of rows kept
     * @return the vector
     */
    Vector toVector(int[] keep, int count) {
        if (!dirty && origin != null) {
            return keep == null ? origin : origin.select(keep, count);
        }
        long[] mask = nulls;
        int n = size;
        if (keep != null) {
            if (!compactable) {
                return copy().toVector(keep, count);
            }
            compact(keep, count);
            n = count;
            if (nulls != null) {
                mask = Bits.selectAscending(nulls, keep, count);
            }
        }
        switch (type) {
            case TEXT:
                return TextVector.wrap(texts, n);
            case CATEGORY:
                return CategoryVector.wrap(codes, mask, n, dict);
            case DECIMAL:
                return scale < 0 ? DoubleVector.wrap(doubles, mask, n) : DecimalVector.wrap(longs, mask, n, scale);
            default:
                return LongVector.wrap(type, longs, mask, n);
        }
    }

    /** A loaded, modifiable copy of this column. */
    private Col copy() {
        load();
        Col c = new Col(size);
        c.type = type;
        c.scale = scale;
        c.dict = dict;
        c.loaded = true;
        c.dirty = true;
        c.nulls = nulls == null ? null : nulls.clone();
        c.longs = longs == null ? null : longs.clone();
        c.doubles = doubles == null ? null : doubles.clone();
        c.codes = codes == null ? null : codes.clone();
        c.texts = texts == null ? null : texts.clone();
        return c;
    }

    /**
     * Moves the kept rows to the front of this column's own arrays ({@code keep} is ascending, so every row moves
     * down or stays); the column must not be used afterwards except through the vector made of it.
     */
    private void compact(int[] keep, int count) {
        switch (type) {
            case TEXT:
                for (int i = 0; i < count; i++) {
                    texts[i] = texts[keep[i]];
                }
                break;
            case CATEGORY:
                for (int i = 0; i < count; i++) {
                    codes[i] = codes[keep[i]];
                }
                break;
            default:
                if (type == ColumnType.DECIMAL && scale < 0) {
                    for (int i = 0; i < count; i++) {
                        doubles[i] = doubles[keep[i]];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        longs[i] = longs[keep[i]];
                    }
                }
                break;
        }
    }
}
