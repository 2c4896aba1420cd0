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
 * 128-bit fingerprints of whole rows, computed column by column over a batch, plus the reusable scratch arrays
 * of a partition's exact-duplicate stage.
 *
 * <p>Each value becomes two 64-bit words, one per lane: longs and unscaled decimals are the word of both lanes
 * as they are, doubles their bits (-0.0 read as 0.0, one NaN), text and categories two independent 64-bit hashes
 * of their characters (so equal strings agree whatever their dictionary, and two different strings agree only if
 * both hashes collide), a missing value a marker. Each word, salted by its column position, is folded into its
 * lane by a step that is a bijection of the lane for a fixed word and of the word for a fixed lane (xor or add,
 * multiply by an odd constant, xor-shift; different constants per lane), and each lane ends with the murmur3
 * finaliser, the low lane also taking in the high one. Two rows that differ in exactly one numeric value therefore
 * never collide; other pairs collide in a lane with probability about 2^-64. Rows removed before this stage get
 * fingerprints that are never read.
 *
 * <p>The loops run column by column over primitive arrays without branches, so the compiler can keep them tight
 * (and vectorise them where the processor allows).
 */
final class Fingerprints {

    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long K3 = 0xD6E8FEB86659FD93L;
    private static final long K4 = 0xFF51AFD7ED558CCDL;
    private static final long MISSING = 0x5DEECE66DL * 0x2545F4914F6CDD1DL;

    /** Per dictionary: the two text hashes of each code ({hashes A..., hashes B...}), 0 where not yet computed. */
    private final Map<Dictionary, long[][]> categoryHashes = new IdentityHashMap<>();

    private long[] wordsA = new long[0];
    private long[] wordsB = new long[0];
    private int[] codes = new int[0];
    private long[] scratchHi = new long[0];
    private long[] scratchLo = new long[0];
    private int[] order = new int[0];
    private long[] results = new long[0];
    private int[] homes = new int[0];
    private final int[] segmentStarts = new int[FingerprintTable.SEGMENTS + 1];
    private final int[] segmentFill = new int[FingerprintTable.SEGMENTS + 1];
    private final int[] skipped = new int[FingerprintTable.SEGMENTS];
    /** The sum of the index slots the duplicate stage preloads; kept so that the loads are not optimised away. */
    int sink;

    /** Reusable scratch of the exact-duplicate stage: row positions grouped by segment, at least n. */
    int[] order(int n) {
        if (order.length < n) {
            order = new int[n];
        }
        return order;
    }

    /** Reusable scratch of the exact-duplicate stage: the outcome of each row's offer, at least n. */
    long[] results(int n) {
        if (results.length < n) {
            results = new long[n];
        }
        return results;
    }

    /** Reusable scratch of the exact-duplicate stage: the home slot of each row, in the order, at least n. */
    int[] homes(int n) {
        if (homes.length < n) {
            homes = new int[n];
        }
        return homes;
    }

    /** Reusable scratch of the exact-duplicate stage: where each segment's rows start in the order. */
    int[] segmentStarts() {
        return segmentStarts;
    }

    /** Reusable scratch of the exact-duplicate stage: the next free position per segment. */
    int[] segmentFill() {
        return segmentFill;
    }

    /** Reusable scratch of the exact-duplicate stage: segments skipped because another partition held them. */
    int[] skipped() {
        return skipped;
    }

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
     * Fills {@code hi} and {@code lo} with the fingerprints of rows {@code 0..n-1}. Columns that no rule loaded
     * are read from their vectors, not copied into the batch.
     */
    void compute(Col[] cols, int n, long[] hi, long[] lo) {
        if (wordsA.length < n) {
            wordsA = new long[n];
            wordsB = new long[n];
            codes = new int[n];
        }
        long[] a = wordsA;
        long[] b = wordsB;
        for (int r = 0; r < n; r++) {
            hi[r] = K1;
            lo[r] = K2;
        }
        for (int c = 0; c < cols.length; c++) {
            long salt = (c + 1) * K3;
            if (words(cols[c], n, a, b)) {
                for (int r = 0; r < n; r++) {
                    long x = a[r] ^ salt;
                    long h = (hi[r] ^ x) * K1;
                    hi[r] = h ^ (h >>> 29);
                    long y = b[r] ^ salt;
                    long l = (lo[r] + Long.rotateLeft(y, 31)) * K2;
                    lo[r] = l ^ (l >>> 32);
                }
            } else {
                for (int r = 0; r < n; r++) {
                    long x = a[r] ^ salt;
                    long h = (hi[r] ^ x) * K1;
                    hi[r] = h ^ (h >>> 29);
                    long l = (lo[r] + Long.rotateLeft(x, 31)) * K2;
                    lo[r] = l ^ (l >>> 32);
                }
            }
        }
        for (int r = 0; r < n; r++) {
            long h = mix(hi[r]);
            hi[r] = h;
            lo[r] = mix(lo[r] ^ h * K2);
        }
    }

    /**
     * Puts the words of every row of a column into {@code a} (and {@code b}), {@link #MISSING} for missing rows.
     *
     * @return true if the column has a second word per row (text), in {@code b}; else {@code a} serves both lanes
     */
    private boolean words(Col col, int n, long[] a, long[] b) {
        Vector v = col.loaded() ? null : col.origin();
        long[] nulls;
        boolean two = false;
        if (v != null) {
            nulls = v.hasNulls() ? v.nullMask() : null;
            if (v instanceof LongVector lv) {
                lv.copyTo(0, a, 0, n);
            } else if (v instanceof DecimalVector dv) {
                dv.copyTo(0, a, 0, n);
            } else if (v instanceof DoubleVector dv) {
                for (int r = 0; r < n; r++) {
                    a[r] = doubleWord(dv.get(r));
                }
            } else if (v instanceof CategoryVector cv) {
                int[] k = codes;
                cv.copyTo(0, k, 0, n);
                categoryWords(cv.dictionary(), k, n, nulls, a, b);
                two = true;
            } else {
                TextVector tv = (TextVector) v;
                for (int r = 0; r < n; r++) {
                    textWords(tv.get(r), a, b, r);
                }
                two = true;
            }
        } else {
            nulls = col.nulls;
            ColumnType t = col.type;
            if (t == ColumnType.TEXT) {
                String[] texts = col.texts;
                for (int r = 0; r < n; r++) {
                    textWords(texts[r], a, b, r);
                }
                two = true;
            } else if (t == ColumnType.CATEGORY) {
                categoryWords(col.dict, col.codes, n, nulls, a, b);
                two = true;
            } else if (t == ColumnType.DECIMAL && col.scale < 0) {
                double[] d = col.doubles;
                for (int r = 0; r < n; r++) {
                    a[r] = doubleWord(d[r]);
                }
            } else {
                System.arraycopy(col.longs, 0, a, 0, n);
            }
        }
        if (nulls != null) {
            for (int k = 0; k < nulls.length && k << 6 < n; k++) {
                for (long m = nulls[k]; m != 0; m &= m - 1) {
                    int r = k << 6 | Long.numberOfTrailingZeros(m);
                    if (r < n) {
                        a[r] = MISSING;
                        b[r] = MISSING;
                    }
                }
            }
        }
        return two;
    }

    private static long doubleWord(double d) {
        return Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
    }

    private void categoryWords(Dictionary dict, int[] k, int n, long[] nulls, long[] a, long[] b) {
        long[][] cache = categoryHashes.get(dict);
        if (cache == null) {
            cache = new long[][] {new long[16], new long[16]};
            categoryHashes.put(dict, cache);
        }
        long[] ca = cache[0];
        long[] cb = cache[1];
        for (int r = 0; r < n; r++) {
            int code = k[r];
            long x;
            if (code >= 0 && code < ca.length && (x = ca[code]) != 0) {
                a[r] = x;
                b[r] = cb[code];
            } else if (nulls != null && (nulls[r >>> 6] & (1L << r)) != 0) {
                a[r] = MISSING;
            } else {
                if (code >= ca.length) {
                    int len = Math.max(code + 1, 2 * ca.length);
                    cache[0] = ca = java.util.Arrays.copyOf(ca, len);
                    cache[1] = cb = java.util.Arrays.copyOf(cb, len);
                }
                textWords(dict.value(code), ca, cb, code);
                if (ca[code] == 0) {
                    ca[code] = 1;
                }
                a[r] = ca[code];
                b[r] = cb[code];
            }
        }
    }

    /**
     * Two independent 64-bit hashes of a text into {@code a[i]} and {@code b[i]} (MISSING for null): the
     * characters four at a time, each lane folding the 64-bit word by a step that is a bijection of both the lane
     * and the word (different constants per lane), seeded with the length. Two texts of the same length that
     * differ in one group of four characters therefore never agree in either lane.
     */
    static void textWords(String s, long[] a, long[] b, int i) {
        if (s == null) {
            a[i] = MISSING;
            b[i] = MISSING;
            return;
        }
        int n = s.length();
        long h1 = K3 ^ n;
        long h2 = K4 + n;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            long w = s.charAt(j) | (long) s.charAt(j + 1) << 16 | (long) s.charAt(j + 2) << 32
                    | (long) s.charAt(j + 3) << 48;
            long x = (h1 ^ w) * K1;
            h1 = x ^ (x >>> 32);
            long y = (h2 + Long.rotateLeft(w, 23)) * K2;
            h2 = y ^ (y >>> 29);
        }
        if (j < n) {
            long w = 0;
            for (int shift = 0; j < n; j++, shift += 16) {
                w |= (long) s.charAt(j) << shift;
            }
            long x = (h1 ^ w) * K1;
            h1 = x ^ (x >>> 32);
            long y = (h2 + Long.rotateLeft(w, 23)) * K2;
            h2 = y ^ (y >>> 29);
        }
        // no finaliser: it is a bijection, so it would not change which texts agree, and the row lanes mix anyway
        a[i] = h1;
        b[i] = h2;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
