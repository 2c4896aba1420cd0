package io.kpiengine.data;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for missing-value masks: {@code long[]} words where bit i (word {@code i >>> 6}, bit {@code i & 63})
 * stands for row i.
 *
 * <pre>{@code
 * long[] mask = Bits.newMask(rows);
 * Bits.set(mask, 17);            // row 17 is missing
 * boolean missing = Bits.get(mask, 17);
 * }</pre>
 *
 * <p>Stateless; thread-safe as far as the masks passed in are not written by another thread at the same time.
 */
public final class Bits {

    private Bits() {
    }

    /**
     * The number of words a mask for {@code size} rows needs.
     *
     * @param size the row count
     * @return the word count
     */
    public static int words(int size) {
        return (size + 63) >>> 6;
    }

    /**
     * A new, all-clear mask for {@code size} rows.
     *
     * @param size the row count
     * @return a zeroed array of {@link #words(int)} words
     */
    public static long[] newMask(int size) {
        return new long[words(size)];
    }

    /**
     * Sets the bit of a row.
     *
     * @param mask the mask
     * @param row the row
     */
    public static void set(long[] mask, int row) {
        mask[row >>> 6] |= 1L << row;
    }

    /**
     * Clears the bit of a row.
     *
     * @param mask the mask
     * @param row the row
     */
    public static void clear(long[] mask, int row) {
        mask[row >>> 6] &= ~(1L << row);
    }

    /**
     * Reads the bit of a row; a null mask reads as all clear.
     *
     * @param mask the mask, or null
     * @param row the row
     * @return true if set
     */
    public static boolean get(long @Nullable [] mask, int row) {
        return mask != null && (mask[row >>> 6] & (1L << row)) != 0;
    }

    /**
     * Counts the set bits among the first {@code size} rows.
     *
     * @param mask the mask
     * @param size the row count
     * @return the number of set bits
     */
    public static int count(long[] mask, int size) {
        int full = size >>> 6;
        int n = 0;
        for (int i = 0; i < full; i++) {
            n += Long.bitCount(mask[i]);
        }
        int rest = size & 63;
        if (rest != 0) {
            n += Long.bitCount(mask[full] & ((1L << rest) - 1));
        }
        return n;
    }

    /**
     * Whether no bit among the first {@code size} rows is set.
     *
     * @param mask the mask
     * @param size the row count
     * @return true if all clear
     */
    public static boolean isEmpty(long[] mask, int size) {
        return count(mask, size) == 0;
    }

    /**
     * Writes the rows of {@code 0..size-1} whose bit is clear, in ascending order, into {@code out}, a word of the
     * mask at a time (the rows that stay when the mask marks rows to drop).
     *
     * <pre>{@code
     * int kept = Bits.clearRows(removed, rows, keep);   // keep[0..kept) are the rows not removed
     * }</pre>
     *
     * @param mask the mask, at least {@link #words(int) words(size)} long
     * @param size the row count
     * @param out at least as many entries as there are clear bits
     * @return the number of rows written
     */
    public static int clearRows(long[] mask, int size, int[] out) {
        int k = 0;
        int words = words(size);
        for (int word = 0; word < words; word++) {
            long m = ~mask[word];
            if (word == words - 1 && (size & 63) != 0) {
                m &= (1L << size) - 1;
            }
            for (; m != 0; m &= m - 1) {
                out[k++] = word << 6 | Long.numberOfTrailingZeros(m);
            }
        }
        return k;
    }

    /**
     * The mask of selected rows: bit i is set when row {@code rows[i]} is set in {@code mask}, for rows in strictly
     * ascending order (as a filter keeps them). Visits only the set bits of the mask, each found among the selected
     * rows by binary search, so a sparse mask (missing values) costs its set bits, not the selected rows.
     *
     * <pre>{@code
     * long[] keptNulls = Bits.selectAscending(nulls, keep, count);   // null when no kept row is set
     * }</pre>
     *
     * @param mask the mask of the rows selected from
     * @param rows the selected rows, strictly ascending; only the first count are read
     * @param count the number of selected rows
     * @return a mask of {@link #words(int) words(count)} words, or null when no selected row is set
     */
    public static long @Nullable [] selectAscending(long[] mask, int[] rows, int count) {
        long[] out = null;
        int lo = 0;
        for (int word = 0; word < mask.length && lo < count; word++) {
            for (long m = mask[word]; m != 0 && lo < count; m &= m - 1) {
                int r = word << 6 | Long.numberOfTrailingZeros(m);
                int i = Arrays.binarySearch(rows, lo, count, r);
                if (i >= 0) {
                    if (out == null) {
                        out = newMask(count);
                    }
                    out[i >>> 6] |= 1L << i;
                    lo = i + 1;
                } else {
                    lo = -i - 1;
                }
            }
        }
        return out;
    }
}
