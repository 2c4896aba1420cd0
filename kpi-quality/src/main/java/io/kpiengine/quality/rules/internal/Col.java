package io.kpiengine.quality.rules.internal;

import io.kpiengine.quality.Bits;
import io.kpiengine.quality.CategoryVector;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.DecimalVector;
import io.kpiengine.quality.Dictionary;
import io.kpiengine.quality.DoubleVector;
import io.kpiengine.quality.LongVector;
import io.kpiengine.quality.TextVector;
import io.kpiengine.quality.Vector;
import java.math.BigDecimal;
import java.time.LocalDate;

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

    /** A loaded column of {@code size} rows, all missing. */
    static Col empty(ColumnType type, int scale, int size, Dictionary dict) {
        Col c = new Col(size);
        c.type = type;
        c.scale = scale;
        c.loaded = true;
        c.dirty = true;
        c.nulls = Bits.newMask(size);
        java.util.Arrays.fill(c.nulls, -1L);
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
            cv.copyCodesTo(0, codes, 0, n);
        } else {
            TextVector tv = (TextVector) v;
            texts = new String[n];
            for (int i = 0; i < n; i++) {
                texts[i] = tv.get(i);
            }
        }
        return this;
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
            return scale >= 0 ? longs[r] / Fmt.POW10D[scale] : doubles[r];
        }
        return longs[r];
    }

    /** A value as text for reports; null when missing. */
    String text(int r) {
        if (isNull(r)) {
            return null;
        }
        load();
        switch (type) {
            case TEXT:
            case CATEGORY:
                return string(r);
            case DECIMAL:
                return scale >= 0 ? BigDecimal.valueOf(longs[r], scale).toPlainString() : Fmt.number(doubles[r]);
            case BOOLEAN:
                return longs[r] != 0 ? "true" : "false";
            case TIMESTAMP:
                return Fmt.instant(longs[r]);
            case DATE:
                return LocalDate.ofEpochDay(longs[r]).toString();
            default:
                return Long.toString(longs[r]);
        }
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
        if (keep != null) {
            mask = null;
            if (nulls != null) {
                mask = Bits.newMask(count);
                for (int i = 0; i < count; i++) {
                    if (Bits.get(nulls, keep[i])) {
                        Bits.set(mask, i);
                    }
                }
            }
        }
        int n = keep == null ? size : count;
        switch (type) {
            case TEXT: {
                String[] out = keep == null ? texts : new String[count];
                if (keep != null) {
                    for (int i = 0; i < count; i++) {
                        out[i] = texts[keep[i]];
                    }
                }
                return TextVector.wrap(out, n);
            }
            case CATEGORY: {
                int[] out = keep == null ? codes : new int[count];
                if (keep != null) {
                    for (int i = 0; i < count; i++) {
                        out[i] = codes[keep[i]];
                    }
                }
                return CategoryVector.wrap(out, mask, n, dict);
            }
            case DECIMAL:
                if (scale < 0) {
                    double[] out = keep == null ? doubles : new double[count];
                    if (keep != null) {
                        for (int i = 0; i < count; i++) {
                            out[i] = doubles[keep[i]];
                        }
                    }
                    return DoubleVector.wrap(out, mask, n);
                }
                return DecimalVector.wrap(selectLongs(keep, count), mask, n, scale);
            default:
                return LongVector.wrap(type, selectLongs(keep, count), mask, n);
        }
    }

    private long[] selectLongs(int[] keep, int count) {
        if (keep == null) {
            return longs;
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = longs[keep[i]];
        }
        return out;
    }
}
