package io.kpiengine.quality.internal;

import java.util.concurrent.locks.Lock;

/**
 * The exact-duplicate state that all partitions of a cleaning run share: per row fingerprint, the smallest row
 * number offered with it.
 *
 * <p><b>Fingerprint.</b> Two rows are duplicates when 88 bits of their 128-bit fingerprints agree: the whole high
 * word and the bits of the low word above {@link #MAX_ROW} ({@link #FINGERPRINT_LOW}); an implementation ignores
 * the low 40 bits of the low word.
 *
 * <p><b>Protocol.</b> Fingerprints fall into {@value #SEGMENTS} segments by the top bits of the high word
 * ({@link #segmentOf}). A partition gathers the rows of a batch by segment into contiguous arrays, takes the
 * segment's {@link #lock}, and offers that segment's rows in one call to {@link #offer}. Every outcome says which
 * row stays reported as kept, so that the account does not depend on the order in which partitions arrive:
 * <ul>
 *   <li>{@code -1}: the fingerprint is new; the row is kept;</li>
 *   <li>{@code r >= 0}: an earlier row {@code r} holds the fingerprint; this row is its duplicate;</li>
 *   <li>{@code o <= -2}: this row is earlier than every row seen with the fingerprint so far; it becomes the kept
 *       one and the former smallest row, {@code -2 - o}, is the duplicate.</li>
 * </ul>
 *
 * <p>{@link FingerprintTable} is the compact implementation the cleaner uses; {@link PlainDuplicateIndex} (a
 * {@code HashMap} per segment) is the reference it is tested and measured against.
 */
public interface DuplicateIndex {

    /** The number of segments. */
    int SEGMENTS = 16;

    /** The largest row number an index holds (40 bits). */
    long MAX_ROW = (1L << 40) - 1;

    /** The bits of the low fingerprint word that count (the 24 above the row number). */
    long FINGERPRINT_LOW = ~MAX_ROW;

    /**
     * The segment of a fingerprint.
     *
     * @param hi the high word
     * @return 0 to {@value #SEGMENTS} - 1
     */
    static int segmentOf(long hi) {
        return (int) (hi >>> 60);
    }

    /**
     * The lock a partition holds while it offers rows of a segment.
     *
     * @param segment the segment
     * @return its lock
     */
    Lock lock(int segment);

    /**
     * Offers rows {@code [from, to)} of gathered arrays, all of one segment; the caller holds its lock.
     *
     * @param segment the segment of every row offered
     * @param from the first position
     * @param to the position after the last
     * @param hi the high fingerprint words
     * @param lo the low fingerprint words
     * @param rows the row numbers, 1 to {@link #MAX_ROW}
     * @param outcomes receives the outcome of each row (see the class comment) at its position
     * @throws Full if the index cannot hold more rows
     */
    void offer(int segment, int from, int to, long[] hi, long[] lo, long[] rows, long[] outcomes);

    /**
     * The smallest row number recorded for a fingerprint; takes the segment's lock.
     *
     * @param hi the high word
     * @param lo the low word (its low 40 bits are ignored)
     * @return the row, or -1 when the fingerprint was never offered
     */
    long minRow(long hi, long lo);

    /**
     * The number of distinct fingerprints held.
     *
     * @return the count
     */
    long size();

    /**
     * The bytes the index holds in its arrays (an estimate for the reference implementation).
     *
     * @return the bytes
     */
    long bytes();

    /** The index cannot grow further; the cleaning run names the source and rethrows it as a CleaningException. */
    final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is full
         */
        public Full(String message) {
            super(message, null, false, false);
        }
    }
}
