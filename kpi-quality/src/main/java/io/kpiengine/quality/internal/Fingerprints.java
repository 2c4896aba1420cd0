package io.kpiengine.quality.internal;

import io.kpiengine.data.CategoryVector;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.DecimalVector;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.DoubleVector;
import io.kpiengine.data.LongVector;
import io.kpiengine.data.internal.TextHash;
import io.kpiengine.data.TextVector;
import io.kpiengine.data.Vector;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * 128-bit fingerprints of whole rows, computed column by column over a batch, and a partition's
 * {@link DuplicateStage}.
 *
 * <p>Each value becomes two 64-bit words, one per lane: longs and unscaled decimals are the word of both lanes
 * as they are, doubles their bits (-0.0 read as 0.0, one NaN), text and categories the two lanes of their
 * {@link TextHash} (so equal strings agree whatever their dictionary or source, and two different strings agree
 * only if both lanes collide; a CSV reader attaches them to text vectors, hashed from the bytes it parsed), a
 * missing value a marker. Each word, salted by its column position, is folded into its
 * lane by a step that is a bijection of the lane for a fixed word and of the word for a fixed lane (xor or add,
 * multiply by an odd constant, rotate; different constants per lane), and each lane ends with the murmur3
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
    /** The word of a missing value: 0x5DEECE66D * 0x2545F4914F6CDD1D, wrapped to 64 bits. */
    private static final long MISSING = 0xBE79A0E69CBE3359L;

    /** Per dictionary: the two text hashes of each code ({hashes A..., hashes B...}), 0 where not yet computed. */
    private final Map<Dictionary, long[][]> categoryHashes = new IdentityHashMap<>();

    private long[] wordsA = new long[0];
    private long[] wordsB = new long[0];
    /** The lanes of the rows of one block, indexed from 0 like the words, so that the loops can be vectorised. */
    private long[] blockHi = new long[0];
    private long[] blockLo = new long[0];
    private int[] codes = new int[0];
    private final long[] pair = new long[2];
    private long[] scratchHi = new long[0];
    private long[] scratchLo = new long[0];
    private int[] live = new int[0];
    private final DuplicateStage duplicates = new DuplicateStage();
    private Vector maskOwner;
    private long[] mask;

    /** Reusable scratch of the exact-duplicate stage: the positions of the rows not removed, at least n. */
    int[] live(int n) {
        return live = live.length < n ? new int[n] : live;
    }

    /** The partition's side of exact duplicate detection. */
    DuplicateStage duplicates() {
        return duplicates;
    }

    /** A reusable array of at least n fingerprints (high words); valid until the next batch. */
    long[] scratchHi(int n) {
        return scratchHi = scratchHi.length < n ? new long[n] : scratchHi;
    }

    /** A reusable array of at least n fingerprints (low words); valid until the next batch. */
    long[] scratchLo(int n) {
        return scratchLo = scratchLo.length < n ? new long[n] : scratchLo;
    }

    /** Rows per block: the words, lanes and values of a block stay in the first-level cache across columns. */
    private static final int BLOCK = 1024;

    /**
     * Fills {@code hi} and {@code lo} with the fingerprints of rows {@code 0..n-1}. Columns that no rule loaded
     * are read from their vectors, not copied into the batch. The rows are taken in blocks of {@value #BLOCK},
     * every column per block, so that each pass over a column works on data in the first-level cache.
     */
    void compute(Col[] cols, int n, long[] hi, long[] lo) {
        if (wordsA.length < BLOCK) {
            wordsA = new long[BLOCK];
            wordsB = new long[BLOCK];
            codes = new int[BLOCK];
            blockHi = new long[BLOCK];
            blockLo = new long[BLOCK];
        }
        long[] a = wordsA;
        long[] b = wordsB;
        long[] bh = blockHi;
        long[] bl = blockLo;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            int len = to - from;
            for (int i = 0; i < len; i++) {
                bh[i] = K1;
                bl[i] = K2;
            }
            for (int c = 0; c < cols.length; c++) {
                long salt = (c + 1) * K3;
                if (words(cols[c], from, len, a, b)) {
                    for (int i = 0; i < len; i++) {
                        bh[i] = Long.rotateLeft((bh[i] ^ a[i] ^ salt) * K1, 29);
                        bl[i] = Long.rotateLeft((bl[i] + (b[i] ^ salt)) * K2, 32);
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        long x = a[i] ^ salt;
                        bh[i] = Long.rotateLeft((bh[i] ^ x) * K1, 29);
                        bl[i] = Long.rotateLeft((bl[i] + x) * K2, 32);
                    }
                }
            }
            for (int i = 0; i < len; i++) {
                long h = mix(bh[i]);
                bh[i] = h;
                bl[i] = mix(bl[i] ^ h * K2);
            }
            System.arraycopy(bh, 0, hi, from, len);
            System.arraycopy(bl, 0, lo, from, len);
        }
    }

    /**
     * Puts the words of rows {@code [from, from + len)} of a column into {@code a[0..len)} (and {@code b}),
     * {@link #MISSING} for missing rows.
     *
     * @return true if the column has a second word per row (text), in {@code b}; else {@code a} serves both lanes
     */
    private boolean words(Col col, int from, int len, long[] a, long[] b) {
        Vector v = col.loaded() ? null : col.origin();
        long[] nulls;
        boolean two = false;
        if (v != null) {
            nulls = v.hasNulls() ? nullsOf(v) : null;
            if (v instanceof LongVector lv) {
                lv.copyTo(from, a, 0, len);
            } else if (v instanceof DecimalVector dv) {
                dv.copyTo(from, a, 0, len);
            } else if (v instanceof DoubleVector dv) {
                for (int i = 0; i < len; i++) {
                    a[i] = doubleWord(dv.get(from + i));
                }
            } else if (v instanceof CategoryVector cv) {
                int[] k = codes;
                cv.copyTo(from, k, 0, len);
                categoryWords(cv.dictionary(), k, len, a, b);
                two = true;
            } else {
                ((TextVector) v).hashTo(from, len, a, b);
                two = true;
            }
        } else {
            nulls = col.nulls;
            ColumnType t = col.type;
            if (t == ColumnType.TEXT) {
                String[] texts = col.texts;
                for (int i = 0; i < len; i++) {
                    textWords(texts[from + i], a, b, i);
                }
                two = true;
            } else if (t == ColumnType.CATEGORY) {
                int[] k = codes;
                System.arraycopy(col.codes, from, k, 0, len);
                categoryWords(col.dict, k, len, a, b);
                two = true;
            } else if (t == ColumnType.DECIMAL && col.scale < 0) {
                double[] d = col.doubles;
                for (int i = 0; i < len; i++) {
                    a[i] = doubleWord(d[from + i]);
                }
            } else {
                System.arraycopy(col.longs, from, a, 0, len);
            }
        }
        if (nulls != null) {
            // from is a multiple of 64 (BLOCK is), so word k of the block is word (from >> 6) + k of the mask
            int base = from >>> 6;
            for (int k = 0; k << 6 < len && base + k < nulls.length; k++) {
                for (long m = nulls[base + k]; m != 0; m &= m - 1) {
                    int i = k << 6 | Long.numberOfTrailingZeros(m);
                    if (i < len) {
                        a[i] = MISSING;
                        b[i] = MISSING;
                    }
                }
            }
        }
        return two;
    }

    /** The null mask of a vector, cloned once per batch and column (not once per block). */
    private long[] nullsOf(Vector v) {
        if (v != maskOwner) {
            maskOwner = v;
            mask = v.nullMask();
        }
        return mask;
    }

    private static long doubleWord(double d) {
        return Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
    }

    /**
     * The words of dictionary codes, from a per-dictionary cache of both text hashes of each code. Missing rows
     * may hold any code (their words are replaced by {@link #MISSING} afterwards), so codes outside the
     * dictionary are given a marker word here instead of a hash.
     */
    private void categoryWords(Dictionary dict, int[] k, int n, long[] a, long[] b) {
        long[][] cache = categoryHashes.get(dict);
        if (cache == null) {
            cache = new long[][] {new long[0], new long[0]};
            categoryHashes.put(dict, cache);
        }
        int size = dict.size();
        if (cache[0].length < size) {
            int from = cache[0].length;
            long[] ca = java.util.Arrays.copyOf(cache[0], Math.max(size, 2 * from));
            long[] cb = java.util.Arrays.copyOf(cache[1], ca.length);
            for (int code = from; code < size; code++) {
                textWords(dict.value(code), ca, cb, code);
            }
            cache[0] = ca;
            cache[1] = cb;
        }
        long[] ca = cache[0];
        long[] cb = cache[1];
        for (int r = 0; r < n; r++) {
            int code = k[r];
            if (code >= 0 && code < size) {
                a[r] = ca[code];
                b[r] = cb[code];
            } else {
                a[r] = MISSING;
                b[r] = MISSING;
            }
        }
    }

    /** The two words of a text, its {@link TextHash} lanes, into {@code a[i]} and {@code b[i]} (MISSING for null). */
    private void textWords(String s, long[] a, long[] b, int i) {
        if (s == null) {
            a[i] = MISSING;
            b[i] = MISSING;
            return;
        }
        TextHash.of(s, pair, 0);
        a[i] = pair[0];
        b[i] = pair[1];
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
