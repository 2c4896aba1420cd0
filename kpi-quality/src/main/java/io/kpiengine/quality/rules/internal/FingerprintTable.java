package io.kpiengine.quality.rules.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The exact-duplicate state shared by all partitions of a run: a set of row fingerprints, each with the
 * smallest row number seen for it.
 *
 * <p><b>Layout.</b> 16 segments, each an open-addressing table of linear probing over one {@code long[]} with
 * two words per slot: word 0 holds the high 64 bits of the row's 128-bit fingerprint, word 1 holds 24 more
 * fingerprint bits above a 40-bit row number. A slot is therefore 16 bytes; a segment doubles when it is 75%
 * full, so a distinct row costs 21 to 43 bytes (16 / load factor between 0.375 and 0.75), plus the short peak of
 * one segment's resize (a sixteenth of the table). Few, large segments keep the arrays out of the young generation once the table
 * is big (the garbage collector does not copy them again and again). Row numbers must be below 2^40.
 *
 * <p><b>Exactness.</b> Two rows are taken as duplicates when 88 fingerprint bits agree. The fingerprint is
 * computed from every value of the row with two independent 64-bit mixes (see {@link Fingerprints}); for n
 * distinct rows the chance that any two of them collide is at most n^2 / 2^89 (about 1.6e-11 for 10^8 rows and
 * 1.6e-9 for 10^9). This bound holds for ordinary data; it is not a defence against input crafted to collide.
 *
 * <p><b>Concurrency and order.</b> A partition locks a segment once per batch for all its rows in that segment.
 * Keeping the smallest row number makes the account independent of the order in which partitions arrive: the
 * row kept is always reported as the one with the smallest row number (see {@link #offer}).
 */
final class FingerprintTable {

    static final long MAX_ROW = (1L << 40) - 1;
    static final int SEGMENTS = 16;
    private static final long ROW_MASK = MAX_ROW;

    private final Segment[] segments = new Segment[SEGMENTS];

    FingerprintTable() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    static int segmentOf(long hi) {
        return (int) (hi >>> 60);
    }

    Segment segment(int i) {
        return segments[i];
    }

    /** The smallest row number recorded for a fingerprint, or -1. */
    long minRow(long hi, long lo) {
        Segment s = segments[segmentOf(hi)];
        s.lock.lock();
        try {
            return s.find(hi, lo);
        } finally {
            s.lock.unlock();
        }
    }

    /** Distinct fingerprints held. */
    long size() {
        long n = 0;
        for (Segment s : segments) {
            s.lock.lock();
            try {
                n += s.size;
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    /** Bytes held by the slot arrays. */
    long bytes() {
        long n = 0;
        for (Segment s : segments) {
            s.lock.lock();
            try {
                n += 8L * s.slots.length;
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    /**
     * One segment; callers synchronize on it.
     */
    static final class Segment {
        /** Guards the segment; a partition that finds it held works on another segment first. */
        final ReentrantLock lock = new ReentrantLock();
        private long[] slots = new long[2 * 1024];
        private int capacity = 1024;
        private int size;

        /**
         * Offers a row: -1 if its fingerprint is new (the row is kept), else the row that stays reported as
         * kept for this fingerprint after the offer: either an earlier row (this row is a duplicate of it) or,
         * when this row is earlier than every row seen so far, the formerly smallest row, which is returned
         * negated minus 2 so that the caller can report that one as the duplicate instead.
         */
        long offer(long hi, long lo, long row) {
            long tag = lo & ~ROW_MASK;
            int i = probe(hi, tag);
            long w1 = slots[2 * i + 1];
            if (slots[2 * i] == 0 && w1 == 0) {
                slots[2 * i] = hi;
                slots[2 * i + 1] = tag | row;
                if (++size * 4L > capacity * 3L) {
                    grow();
                }
                return -1;
            }
            long seen = w1 & ROW_MASK;
            if (row < seen) {
                slots[2 * i + 1] = tag | row;
                return -2 - seen;
            }
            return seen;
        }

        /** The slot holding a fingerprint, or the empty slot where it would go. */
        private int probe(long hi, long tag) {
            int i = index(hi, capacity);
            while (true) {
                long w0 = slots[2 * i];
                long w1 = slots[2 * i + 1];
                if ((w0 == 0 && w1 == 0) || (w0 == hi && (w1 & ~ROW_MASK) == tag)) {
                    return i;
                }
                i = i + 1 == capacity ? 0 : i + 1;
            }
        }

        /**
         * Reads the slot where a fingerprint's probe starts. Called for a whole batch of rows before
         * {@link #offer}, these independent loads overlap in the processor (memory-level parallelism), so the
         * cache misses of a random-access table are paid in parallel instead of one after another.
         */
        long touch(long hi) {
            return slots[2 * index(hi, capacity)];
        }

        long find(long hi, long lo) {
            int i = probe(hi, lo & ~ROW_MASK);
            return slots[2 * i] == 0 && slots[2 * i + 1] == 0 ? -1 : slots[2 * i + 1] & ROW_MASK;
        }

        private static int index(long hi, int capacity) {
            return (int) Math.multiplyHigh((hi << 4) >>> 1, (long) capacity << 1);
        }

        private void grow() {
            long[] old = slots;
            int oldCapacity = capacity;
            capacity = (int) Math.min(Integer.MAX_VALUE / 2 - 8, 2L * oldCapacity);
            slots = new long[2 * capacity];
            for (int j = 0; j < oldCapacity; j++) {
                long w0 = old[2 * j];
                long w1 = old[2 * j + 1];
                if (w0 != 0 || w1 != 0) {
                    int i = index(w0, capacity);
                    while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
                        i = i + 1 == capacity ? 0 : i + 1;
                    }
                    slots[2 * i] = w0;
                    slots[2 * i + 1] = w1;
                }
            }
        }
    }
}
