package io.kpiengine.quality.rules.internal;

import io.kpiengine.quality.CategoryVector;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.DecimalVector;
import io.kpiengine.quality.Dictionary;
import io.kpiengine.quality.DoubleVector;
import io.kpiengine.quality.LongVector;
import io.kpiengine.quality.TextVector;
import io.kpiengine.quality.Vector;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * 128-bit fingerprints of whole rows, computed column by column over a batch. Each value is reduced to a
 * 64-bit word (longs and unscaled decimals as they are, doubles by their bits with -0.0 read as 0.0, text and
 * categories by a 64-bit hash of their characters, so equal strings agree whatever their dictionary), a missing
 * value to a marker; each word, salted by its column position, is folded into two lanes (multiply and xor-shift
 * with different constants), and each lane ends with the murmur3 finaliser, the low lane also taking in the high
 * one. Removed rows get fingerprints that are never read.
 */
final class Fingerprints {

    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long MISSING = 0x5DEECE66DL * 0x2545F4914F6CDD1DL;

    private final Map<Dictionary, long[]> categoryHashes = new IdentityHashMap<>();

    private long[] words = new long[0];
    private long[] scratchHi = new long[0];
    private long[] scratchLo = new long[0];

    /** A reusable array of at least n fingerprints (high words); valid until the next batch. */
    long[] scratchHi(int n) {
        if (scratchHi.length < n) {
            scratchHi = new long[n];
        }
        return scratchHi;
    }

    /** A reusable array of at least n fingerprints (low words); valid until the next batch. */
    long[] scratchLo(int n) {
        if (scratchLo.length < n) {
            scratchLo = new long[n];
        }
        return scratchLo;
    }

    /**
     * Fills {@code hi} and {@code lo} with the fingerprints of rows {@code 0..n-1} that are not removed. Columns
     * that no rule loaded are read from their vectors into scratch arrays, not copied into the batch.
     */
    void compute(Col[] cols, int n, long[] removed, long[] hi, long[] lo) {
        for (int r = 0; r < n; r++) {
            hi[r] = K1;
            lo[r] = K2;
        }
        if (words.length < n) {
            words = new long[n];
        }
        for (int c = 0; c < cols.length; c++) {
            Col col = cols[c];
            long[] w = words(col, n, removed);
            long salt = (c + 1) * 0xD6E8FEB86659FD93L;
            boolean nulls = col.hasNulls();
            for (int r = 0; r < n; r++) {
                long x = (nulls && col.isNull(r) ? MISSING : w[r]) ^ salt;
                long a = (hi[r] ^ x) * K1;
                hi[r] = a ^ (a >>> 29);
                long b = (lo[r] + Long.rotateLeft(x, 31)) * K2;
                lo[r] = b ^ (b >>> 32);
            }
        }
        for (int r = 0; r < n; r++) {
            hi[r] = mix(hi[r]);
            lo[r] = mix(lo[r] ^ hi[r] * K2);
            if (hi[r] == 0) {
                hi[r] = K1;
            }
        }
    }

    /** The 64-bit word of every row of a column (garbage for missing rows), in a scratch array. */
    private long[] words(Col col, int n, long[] removed) {
        long[] w = words;
        Vector v = col.loaded() ? null : col.origin();
        if (v instanceof LongVector lv) {
            lv.copyTo(0, w, 0, n);
        } else if (v instanceof DecimalVector dv) {
            dv.copyTo(0, w, 0, n);
        } else if (v instanceof DoubleVector dv) {
            for (int r = 0; r < n; r++) {
                double d = dv.get(r);
                w[r] = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
            }
        } else if (v instanceof CategoryVector cv) {
            for (int r = 0; r < n; r++) {
                w[r] = cv.isNull(r) ? 0 : categoryHash(cv.dictionary(), cv.code(r));
            }
        } else if (v instanceof TextVector tv) {
            for (int r = 0; r < n; r++) {
                String s = tv.get(r);
                w[r] = s == null ? 0 : hash(s);
            }
        } else {
            for (int r = 0; r < n; r++) {
                w[r] = col.isNull(r) || (removed[r >>> 6] & (1L << r)) != 0 ? 0 : word(col, r);
            }
        }
        return w;
    }

    private long word(Col col, int r) {
        ColumnType t = col.type;
        if (t == ColumnType.TEXT) {
            return hash(col.texts[r]);
        }
        if (t == ColumnType.CATEGORY) {
            return categoryHash(col.dict, col.codes[r]);
        }
        if (t == ColumnType.DECIMAL && col.scale < 0) {
            double d = col.doubles[r];
            return Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        }
        return col.longs[r];
    }

    private long categoryHash(Dictionary dict, int code) {
        long[] cache = categoryHashes.get(dict);
        if (cache == null || code >= cache.length) {
            long[] grown = new long[Math.max(code + 1, cache == null ? 16 : cache.length * 2)];
            if (cache != null) {
                System.arraycopy(cache, 0, grown, 0, cache.length);
            }
            cache = grown;
            categoryHashes.put(dict, cache);
        }
        if (cache[code] == 0) {
            long h = hash(dict.value(code));
            cache[code] = h == 0 ? 1 : h;
        }
        return cache[code];
    }

    static long hash(String s) {
        long h = 0xCBF29CE484222325L ^ s.length();
        int i = 0;
        int n = s.length();
        for (; i + 3 < n; i += 4) {
            long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            h = (h ^ mix(w)) * K1;
        }
        long w = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            w |= (long) s.charAt(i) << shift;
        }
        return mix(h ^ w * K2);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
