package io.kpiengine.quality.rules.internal;

import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.Dictionary;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * 128-bit fingerprints of whole rows, computed column by column over a batch. Each value is reduced to a
 * 64-bit word (longs and unscaled decimals as they are, doubles by their bits with -0.0 read as 0.0, text and
 * categories by a 64-bit hash of their characters, so equal strings agree whatever their dictionary), a missing
 * value to a marker; each word is folded into two lanes with different multipliers and the murmur3 finaliser.
 * Column position is part of every fold, so the same value in two columns does not cancel out.
 */
final class Fingerprints {

    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long MISSING = 0x5DEECE66DL * 0x2545F4914F6CDD1DL;

    private final Map<Dictionary, long[]> categoryHashes = new IdentityHashMap<>();

    /** Fills {@code hi} and {@code lo} with the fingerprints of rows {@code 0..n-1} that are not removed. */
    void compute(Col[] cols, int n, long[] removed, long[] hi, long[] lo) {
        for (int r = 0; r < n; r++) {
            hi[r] = K1;
            lo[r] = K2;
        }
        for (int c = 0; c < cols.length; c++) {
            Col col = cols[c].load();
            long salt = (c + 1) * 0xD6E8FEB86659FD93L;
            long[] nulls = col.nulls;
            // categories: one cache look-up per column and batch, not per row
            long[] categoryCache = col.type == ColumnType.CATEGORY ? categoryCache(col.dict, col.dict.size()) : null;
            for (int r = 0; r < n; r++) {
                long w;
                if ((removed[r >>> 6] & (1L << r)) != 0) {
                    continue;
                }
                if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
                    w = MISSING;
                } else if (categoryCache != null) {
                    int code = col.codes[r];
                    w = code < categoryCache.length && categoryCache[code] != 0 ? categoryCache[code]
                            : categoryHash(col.dict, code);
                } else {
                    w = word(col, r);
                }
                w ^= salt;
                hi[r] = mix(hi[r] ^ w) * K1 + c;
                lo[r] = mix(lo[r] + w * K2) ^ (lo[r] >>> 29);
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

    /** The hash cache of a dictionary, at least {@code size} long. */
    private long[] categoryCache(Dictionary dict, int size) {
        long[] cache = categoryHashes.get(dict);
        if (cache == null || cache.length < size) {
            long[] grown = new long[Math.max(size, cache == null ? 16 : cache.length * 2)];
            if (cache != null) {
                System.arraycopy(cache, 0, grown, 0, cache.length);
            }
            cache = grown;
            categoryHashes.put(dict, cache);
        }
        return cache;
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
