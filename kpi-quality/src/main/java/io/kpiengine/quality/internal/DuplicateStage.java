package io.kpiengine.quality.internal;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;

/**
 * A partition's side of exact duplicate detection: offers the rows of a batch to the run's shared
 * {@link DuplicateIndex} and returns the outcomes, with reusable scratch arrays (one instance per partition; not
 * thread-safe).
 *
 * <p>The rows are gathered by segment (one counting pass), so that a partition takes each segment's lock once per
 * batch and reads the gathered fingerprints in sequence. Gathering them further by the top bits of their home
 * slot, so that the offers walk a segment's slots upwards, was measured and removed: it bought nothing
 * ({@code DuplicateIndexBenchmark}: 38.1 ± 8.4 ns per row with 8 home bits, 35.7 ± 3.3 ns without; BENCHMARKS.md,
 * "Cleaning"). Partitions
 * start at different segments and skip a segment another partition holds, coming back to it at the end, so that
 * two threads rarely wait for each other; the outcomes do not depend on that order (the smallest row wins).
 */
public final class DuplicateStage {

    /** The shift that leaves the segment of a fingerprint's high word: its top 4 bits. */
    private static final int SHIFT = 60;

    private final int[] segmentStarts = new int[DuplicateIndex.SEGMENTS + 1];
    private final int[] buckets = new int[DuplicateIndex.SEGMENTS + 1];
    private final int[] skipped = new int[DuplicateIndex.SEGMENTS];
    private int[] order = new int[0];
    private long[] gatheredHi = new long[0];
    private long[] gatheredLo = new long[0];
    private long[] gatheredRows = new long[0];
    private long[] gatheredOutcomes = new long[0];

    /** Creates a stage with empty scratch. */
    public DuplicateStage() {
    }

    /**
     * Offers some rows of a batch.
     *
     * @param index the run's index
     * @param hi the high fingerprint words of the batch's rows
     * @param lo the low fingerprint words
     * @param rows the row numbers of the batch's rows, 1 to {@link DuplicateIndex#MAX_ROW} where offered
     * @param live the positions of the rows to offer, ascending
     * @param count how many entries of {@code live} to use
     * @param firstSegment the segment to start with (partitions start at different ones)
     * @return the outcomes (see {@link DuplicateIndex}) in the order of {@link #order()}; valid until the next
     *     call
     */
    public long[] offer(DuplicateIndex index, long[] hi, long[] lo, long[] rows, int[] live, int count,
            int firstSegment) {
        int segments = DuplicateIndex.SEGMENTS;
        int[] b = buckets;
        Arrays.fill(b, 0);
        int sh = SHIFT;
        for (int k = 0; k < count; k++) {
            b[(int) (hi[live[k]] >>> sh) + 1]++;
        }
        for (int i = 0; i < DuplicateIndex.SEGMENTS; i++) {
            b[i + 1] += b[i];
        }
        int[] start = segmentStarts;
        for (int s = 0; s <= segments; s++) {
            start[s] = b[s];
        }
        if (order.length < count) {
            int n = Math.max(count, 2 * order.length);
            order = new int[n];
            gatheredHi = new long[n];
            gatheredLo = new long[n];
            gatheredRows = new long[n];
            gatheredOutcomes = new long[n];
        }
        int[] ord = order;
        long[] gHi = gatheredHi;
        long[] gLo = gatheredLo;
        long[] gRows = gatheredRows;
        for (int k = 0; k < count; k++) {
            int r = live[k];
            long h = hi[r];
            int p = b[(int) (h >>> sh)]++;
            ord[p] = r;
            gHi[p] = h;
            gLo[p] = lo[r];
            gRows[p] = rows[r];
        }
        int skippedCount = 0;
        for (int k = 0; k < segments; k++) {
            int s = (firstSegment + k) % segments;
            if (start[s] == start[s + 1]) {
                continue;
            }
            Lock lock = index.lock(s);
            if (lock.tryLock()) {
                offerLocked(index, s, lock);
            } else {
                skipped[skippedCount++] = s;
            }
        }
        for (int k = 0; k < skippedCount; k++) {
            Lock lock = index.lock(skipped[k]);
            lock.lock();
            offerLocked(index, skipped[k], lock);
        }
        return gatheredOutcomes;
    }

    /** Offers the gathered rows of one segment whose lock the caller took, and releases it. */
    private void offerLocked(DuplicateIndex index, int s, Lock lock) {
        try {
            index.offer(s, segmentStarts[s], segmentStarts[s + 1], gatheredHi, gatheredLo, gatheredRows,
                    gatheredOutcomes);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batch positions of the outcomes of the last {@link #offer}: entry {@code p} is the row of outcome
     * {@code p}.
     *
     * @return the positions; valid until the next call
     */
    public int[] order() {
        return order;
    }

    /**
     * The row numbers in the order of the outcomes of the last {@link #offer}.
     *
     * @return the rows; valid until the next call
     */
    public long[] gatheredRows() {
        return gatheredRows;
    }
}
