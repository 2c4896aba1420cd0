package io.kpiengine.quality.internal;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exact-duplicate state shared by all partitions of a run: a set of row fingerprints, each with the
 * smallest row number seen for it.
 *
 * <p><b>Layout.</b> {@value DuplicateIndex#SEGMENTS} segments, chosen by the top 4 bits of the fingerprint's high
 * word. Each segment keeps its entries in an append-only <em>log</em> (two {@code long}s per entry: the high 64
 * bits of the row's 128-bit fingerprint, then 24 more fingerprint bits above a 40-bit row number; written in
 * arrival order into fixed-size chunks, so the log is never copied) and finds them through a compact
 * <em>index</em>: an open-addressing table of linear probing over an {@code int[]} of 2^b slots. The home slot of
 * a fingerprint is given by the b high-word bits below the segment bits. A slot holds, from the bottom: the
 * entry's position in the log plus one (b bits: a segment holds fewer than 2^b entries), the entry's displacement
 * from its home slot (4 bits, 15 standing for 15 or more), and a tag of the next 28 - b high-word bits (those
 * right after the home bits); 0 is empty. The index doubles when it is 75% full and is rebuilt from the old
 * index alone (the home is the position minus the displacement, the new home takes the top tag bit), reading the
 * log only for the rare entry displaced by 15 or more.
 *
 * <p><b>Why.</b> Inserting millions of distinct rows is bound by one random memory access per row. The index is a
 * quarter of the size of a table of 16-byte slots (4 bytes per slot, sixteen slots per cache line, so a probe
 * sequence rarely leaves its line), it fits the caches and the translation buffers far better, and the log is
 * written sequentially. A probe reads the log only when a slot's tag and displacement both match: for a true
 * duplicate, or for an entry of the same home slot whose tag agrees by chance (probability 2^-(28-b) per such
 * entry: b = 18 and 10 tag bits for 2,000,000 rows, with about one other entry per home slot at that load).
 *
 * <p><b>Memory.</b> 16 bytes of log per distinct row plus 4 bytes of index per slot at a load between 37.5% and
 * 75%: 21.3 to 26.7 bytes per distinct row once segments are large, plus at most one partly filled log chunk per
 * segment ({@value #CHUNK} entries) and the short peak of one segment's index rebuild. Row numbers must be below
 * 2^40.
 *
 * <p><b>Exactness.</b> Two rows are taken as duplicates when 88 fingerprint bits agree (the 64 bits of the high
 * word and 24 of the low word, all stored in the log and compared there; the tag in the index only filters). The
 * fingerprint is computed from every value of the row with two independent 64-bit mixes (see
 * {@link Fingerprints}); for n distinct rows the chance that any two of them collide is at most n^2 / 2^89 (about
 * 1.6e-11 for 10^8 rows and 1.6e-9 for 10^9). This bound holds for ordinary data; it is not a defence against
 * input crafted to collide.
 *
 * <p><b>Concurrency and order.</b> A partition locks a segment once per batch for all its rows in that segment.
 * Keeping the smallest row number makes the account independent of the
 * order in which partitions arrive: the row kept is always reported as the one with the smallest row number (see
 * {@link Segment#offer}).
 */
public final class FingerprintTable implements DuplicateIndex {

    private static final long ROW_MASK = MAX_ROW;
    private static final int CHUNK_BITS = 13;
    /** Entries per log chunk (128 KiB): small enough for the young generation, large enough to be rare. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_INDEX_BITS = 8;
    /** At most 2^27 index slots per segment, so that a slot keeps at least one tag bit. */
    private static final int MAX_INDEX_BITS = 27;
    /** Displacements from the home slot are stored up to this value; larger ones are stored as this value. */
    private static final int MAX_DISPLACEMENT = 15;


    private final Segment[] segments = new Segment[SEGMENTS];
    private final boolean preload;

    /** An empty table that starts small. */
    public FingerprintTable() {
        this(0);
    }

    /**
     * A table whose index starts large enough for {@code expectedRows} distinct rows (a hint: the table still grows
     * past it, and a wrong hint costs only memory or rebuilds).
     *
     * @param expectedRows the distinct rows expected, 0 when unknown
     */
    public FingerprintTable(long expectedRows) {
        this(expectedRows, true);
    }

    /**
     * A presized table that does or does not load the home slots of a segment's rows before it offers them (see
     * {@link Segment#offerAll}); without the preload only for the benchmark that measures what it buys.
     *
     * @param expectedRows the distinct rows expected, 0 when unknown
     * @param preload whether {@link #offer} loads the home slots first
     */
    public FingerprintTable(long expectedRows, boolean preload) {
        int bits = FIRST_INDEX_BITS;
        long perSegment = expectedRows / SEGMENTS;
        while (bits < MAX_INDEX_BITS && perSegment * 4 > (3L << bits)) {
            bits++;
        }
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(bits);
        }
        this.preload = preload;
    }

    Segment segment(int i) {
        return segments[i];
    }

    @Override
    public Lock lock(int segment) {
        return segments[segment].lock;
    }

    @Override
    public void offer(int segment, int from, int to, long[] hi, long[] lo, long[] rows, long[] outcomes) {
        Segment s = segments[segment];
        if (preload) {
            s.offerAll(from, to, hi, lo, rows, outcomes);
        } else {
            for (int k = from; k < to; k++) {
                outcomes[k] = s.offer(hi[k], lo[k], rows[k]);
            }
        }
    }

    @Override
    public long minRow(long hi, long lo) {
        Segment s = segments[DuplicateIndex.segmentOf(hi)];
        s.lock.lock();
        try {
            return s.find(hi, lo);
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public long size() {
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

    /** Bytes held by the index and log arrays. */
    @Override
    public long bytes() {
        long n = 0;
        for (Segment s : segments) {
            s.lock.lock();
            try {
                n += s.bytes();
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    /** One segment; callers hold its lock. */
    static final class Segment {
        /** Guards the segment; a partition that finds it held works on another segment first. */
        final ReentrantLock lock = new ReentrantLock();
        /** Log position + 1 in the low {@code bits} bits, the tag above; 0 is an empty slot. */
        private int[] index;
        private int bits;
        /** Entry e: {@code chunks[e >>> CHUNK_BITS][2 * (e & (CHUNK - 1))]} = high word, then tag | row. */
        private long[][] chunks = {new long[2 * (1 << (FIRST_INDEX_BITS - 1))]};
        private int size;
        /** The log chunk that entry {@code size} goes into while {@code size < tailEnd}; found again after that. */
        private long[] tail;
        private int tailEnd;
        /** Past this entry the index is more than 75% full and doubles; follows the index's size. */
        private int growAt;
        /** The home slots of the rows being offered (see {@link #offerAll}). */
        private int[] homes = new int[0];
        /** The sum of the preloaded index slots, kept so that the compiler does not drop the loads. */
        @SuppressWarnings("UnusedVariable") // written only: the store keeps the preloading loads alive
        private int sink;

        Segment(int bits) {
            this.bits = bits;
            this.growAt = 3 << (bits - 2);
        }

        /**
         * The index, made on first use: a presized index is allocated (and zeroed) by the partition that first
         * reaches the segment, so that the partitions share that work instead of the thread that starts the run.
         */
        private int[] index() {
            int[] idx = index;
            if (idx == null) {
                idx = index = new int[1 << bits];
            }
            return idx;
        }

        /** The home slot of a fingerprint: the {@code bits} bits below the 4 segment bits. */
        private static int home(long hi, int bits) {
            return (int) ((hi << 4) >>> (64 - bits));
        }

        /** The tag of a fingerprint: the {@code 28 - bits} bits after those of the home slot. */
        private static int tag(long hi, int bits) {
            return (int) ((hi << 4 << bits) >>> (36 + bits));
        }

        /** The slot's check bits (tag and displacement) that a fingerprint with this tag and home has at slot i. */
        private static int check(int tag, int home, int i, int mask) {
            return tag << 4 | Math.min(MAX_DISPLACEMENT, (i - home) & mask);
        }

        /**
         * Offers the rows {@code [from, to)} of a batch, gathered by segment into contiguous arrays (see
         * {@link #offer}), their outcomes into {@code result[from..to)}; the caller holds the lock. The home slots
         * of all rows are computed first, then loaded in a loop that does nothing else, then the rows are offered:
         * the loads are independent, so the processor overlaps their cache misses (memory-level parallelism,
         * limited by how many loop iterations fit its reorder window, hence the bare loop), and the offers find
         * their slots in cache. Reading the rows in sequence, not through positions scattered over the batch,
         * keeps the offers from touching a new cache line per array and row.
         */
        void offerAll(int from, int to, long[] hi, long[] lo, long[] rows, long[] result) {
            int[] idx = index();
            int b = bits;
            int[] h = homes.length < to - from ? (homes = new int[Math.max(to - from, 2 * homes.length)]) : homes;
            for (int k = from; k < to; k++) {
                h[k - from] = home(hi[k], b);
            }
            int touched = 0;
            for (int k = 0; k < to - from; k++) {
                touched += idx[h[k]];
            }
            sink += touched;
            for (int k = from; k < to; k++) {
                result[k] = offer(hi[k], lo[k], rows[k]);
            }
        }

        /**
         * Offers a row: -1 if its fingerprint is new (the row is kept), else the row that stays reported as
         * kept for this fingerprint after the offer: either an earlier row (this row is a duplicate of it) or,
         * when this row is earlier than every row seen so far, the formerly smallest row, which is returned
         * negated minus 2 so that the caller can report that one as the duplicate instead.
         */
        long offer(long hi, long lo, long row) {
            // kept small (the rare paths are methods of their own) so that the compiler inlines it into offerAll
            int[] idx = index();
            int b = bits;
            int mask = idx.length - 1;
            int t = tag(hi, b);
            int h = home(hi, b);
            int i = h;
            for (int slot; (slot = idx[i]) != 0; i = (i + 1) & mask) {
                if (slot >>> b == check(t, h, i, mask)) {
                    long seen = matched((slot & mask) - 1, hi, lo, row);
                    if (seen != NOT_SEEN) {
                        return seen;
                    }
                }
            }
            int e = size;
            long[] chunk = e < tailEnd ? tail : nextChunk(e);
            int o = 2 * (e & (CHUNK - 1));
            chunk[o] = hi;
            chunk[o + 1] = (lo & ~ROW_MASK) | row;
            idx[i] = check(t, h, i, mask) << b | (e + 1);
            size = e + 1;
            if (e >= growAt) {
                grow();
            }
            return -1;
        }

        /** Marks a tag match whose log entry holds another fingerprint. */
        private static final long NOT_SEEN = Long.MIN_VALUE;

        /**
         * The outcome of {@link #offer} when the index slot of log entry e matched the tag: the row seen for the
         * fingerprint (updated if this row is smaller), or {@link #NOT_SEEN} if the entry is another fingerprint.
         */
        private long matched(int e, long hi, long lo, long row) {
            long fpTag = lo & ~ROW_MASK;
            long[] chunk = chunks[e >>> CHUNK_BITS];
            int o = 2 * (e & (CHUNK - 1));
            long w1 = chunk[o + 1];
            if (chunk[o] != hi || (w1 & ~ROW_MASK) != fpTag) {
                return NOT_SEEN;
            }
            long seen = w1 & ROW_MASK;
            if (row < seen) {
                chunk[o + 1] = fpTag | row;
                return -2 - seen;
            }
            return seen;
        }

        /** The log chunk of entry e, the first past {@code tailEnd}, which becomes the tail. */
        private long[] nextChunk(int e) {
            long[] chunk = tail = chunkFor(e);
            tailEnd = (e & ~(CHUNK - 1)) + chunk.length / 2;
            return chunk;
        }

        /** The smallest row number recorded for a fingerprint, or -1. */
        long find(long hi, long lo) {
            long fpTag = lo & ~ROW_MASK;
            int[] idx = index();
            int b = bits;
            int mask = idx.length - 1;
            int t = tag(hi, b);
            int h = home(hi, b);
            for (int i = h; idx[i] != 0; i = (i + 1) & mask) {
                int slot = idx[i];
                if (slot >>> b == check(t, h, i, mask)) {
                    int e = (slot & mask) - 1;
                    long[] chunk = chunks[e >>> CHUNK_BITS];
                    int o = 2 * (e & (CHUNK - 1));
                    if (chunk[o] == hi && (chunk[o + 1] & ~ROW_MASK) == fpTag) {
                        return chunk[o + 1] & ROW_MASK;
                    }
                }
            }
            return -1;
        }

        /** The log chunk that entry {@code e} (the next one) goes into, made or enlarged if needed. */
        private long[] chunkFor(int e) {
            int c = e >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, 2 * c);
            }
            long[] chunk = chunks[c];
            int o = 2 * (e & (CHUNK - 1));
            if (chunk == null) {
                chunk = new long[2 * CHUNK];
                chunks[c] = chunk;
            } else if (o == chunk.length) {
                // only the first chunk starts small (small runs stay small) and doubles up to CHUNK entries
                chunk = Arrays.copyOf(chunk, Math.min(2 * CHUNK, 2 * chunk.length));
                chunks[c] = chunk;
            }
            return chunk;
        }

        /**
         * Doubles the index. A slot's home is its position minus its displacement, and the home of the larger index
         * is that home with the top tag bit appended, so the old index is read in order and its entries land in
         * nearly ascending positions of the new one: a streaming pass that reads the log only for the rare entry
         * displaced by {@value #MAX_DISPLACEMENT} or more.
         */
        private void grow() {
            int b = bits;
            if (b + 1 > MAX_INDEX_BITS) {
                throw new Full("exact duplicate detection holds " + size + " distinct rows in one of its "
                        + SEGMENTS + " segments, the most it can");
            }
            int[] old = index();
            int oldMask = old.length - 1;
            int tagBits = 28 - b;
            int[] idx = new int[2 * old.length];
            int mask = idx.length - 1;
            for (int p = 0; p < old.length; p++) {
                int slot = old[p];
                if (slot == 0) {
                    continue;
                }
                int e = slot & oldMask;
                int check = slot >>> b;
                int displacement = check & MAX_DISPLACEMENT;
                int t = check >>> 4;
                int h;
                if (displacement < MAX_DISPLACEMENT) {
                    h = (p - displacement) & oldMask;
                } else {
                    long hi = chunks[(e - 1) >>> CHUNK_BITS][2 * ((e - 1) & (CHUNK - 1))];
                    h = home(hi, b);
                }
                int nh = h << 1 | t >>> (tagBits - 1);
                int nt = t & ((1 << (tagBits - 1)) - 1);
                int i = nh;
                while (idx[i] != 0) {
                    i = (i + 1) & mask;
                }
                idx[i] = check(nt, nh, i, mask) << (b + 1) | e;
            }
            bits = b + 1;
            growAt = 3 << (b - 1);
            index = idx;
        }

        private long bytes() {
            long n = index == null ? 0 : 4L * index.length;
            for (long[] c : chunks) {
                n += c == null ? 0 : 8L * c.length;
            }
            return n;
        }
    }
}
