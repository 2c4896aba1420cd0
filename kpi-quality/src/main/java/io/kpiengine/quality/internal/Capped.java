package io.kpiengine.quality.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A detail list that keeps the {@code limit} entries with the smallest keys (row number, then a tie-breaker)
 * and counts all offered entries. Which entries are kept depends only on the set offered, not on the order, so
 * partitions can collect separately and {@link #mergeFrom merge}.
 *
 * <p>Callers ask {@link #count(long)} before building an entry, so rows beyond the cap cost one comparison.
 *
 * @param <T> the entry type
 */
final class Capped<T> {

    /** An entry with its sort key. */
    private record Keyed<T>(long row, long tie, T value) {
    }

    private static final Comparator<Keyed<?>> ORDER = Comparator.<Keyed<?>>comparingLong(Keyed::row)
            .thenComparingLong(Keyed::tie);

    private final int limit;
    private final PriorityQueue<Keyed<T>> heap;
    private long total;
    /** The row of the largest kept entry (the heap's head), cached for {@link #count}, which runs per row. */
    private long largestKept;

    Capped(int limit) {
        this.limit = limit;
        this.heap = new PriorityQueue<>(ORDER.reversed());
    }

    /**
     * Counts one entry of a row and tells whether it may be kept.
     *
     * @param row the row number
     * @return true if {@link #add} should be called with the entry
     */
    boolean count(long row) {
        total++;
        return keeps(row);
    }

    /** Whether an entry of a row would be kept now, without counting it. */
    private boolean keeps(long row) {
        return row <= keepLimit();
    }

    /**
     * The largest row whose entry would be kept now: every row while the list is not full, none when the limit is
     * 0; it only falls as entries are added. For loops that count their entries themselves and add the count with
     * {@link #addTotal}.
     */
    long keepLimit() {
        return heap.size() < limit ? Long.MAX_VALUE : limit > 0 ? largestKept : Long.MIN_VALUE;
    }

    /** Adds an entry counted by {@link #count}. */
    void add(long row, long tie, T value) {
        offer(new Keyed<>(row, tie, value));
    }

    private void offer(Keyed<T> k) {
        if (heap.size() < limit) {
            heap.add(k);
        } else if (limit > 0 && ORDER.compare(k, heap.peek()) < 0) {
            heap.poll();
            heap.add(k);
        }
        if (!heap.isEmpty()) {
            largestKept = heap.peek().row();
        }
    }

    /** Adds the entries and counts of another list. */
    void mergeFrom(Capped<T> other) {
        total += other.total;
        for (Keyed<T> k : other.heap) {
            offer(k);
        }
    }

    long total() {
        return total;
    }

    /** The kept entries by ascending key. */
    List<T> sorted() {
        List<Keyed<T>> all = new ArrayList<>(heap);
        all.sort(ORDER);
        List<T> out = new ArrayList<>(all.size());
        for (Keyed<T> k : all) {
            out.add(k.value());
        }
        return out;
    }

    /** Counts entries that were left out elsewhere. */
    void addTotal(long n) {
        total += n;
    }
}
