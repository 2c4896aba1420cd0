package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An open-addressing hash set of {@code long}s for exact distinct counts.
 *
 * <p>Design: linear probing over a power-of-two {@code long[]}; 0 marks an empty bucket and the key 0 itself is
 * kept in a flag. The table doubles when three quarters full, so it holds between 8 / 0.75 and 8 / 0.375 bytes per
 * key (about 11 to 21 bytes). No allocation per insert. Not thread-safe.
 */
public final class LongSet {

    private static final int MIN_CAPACITY = 8;

    private long[] table;
    private int mask;
    private int size;
    private boolean hasZero;

    /** Creates an empty set. */
    public LongSet() {
        table = new long[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
    }

    /**
     * Adds a key.
     *
     * @param key the key
     * @return true if it was absent
     */
    public boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int i = LongIntMap.hash(key) & mask;
        long[] t = table;
        while (true) {
            long k = t[i];
            if (k == 0) {
                t[i] = key;
                if (++size > (t.length >>> 2) * 3) {
                    grow();
                }
                return true;
            }
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if present
     */
    public boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        int i = LongIntMap.hash(key) & mask;
        while (true) {
            long k = table[i];
            if (k == 0) {
                return false;
            }
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * The number of keys.
     *
     * @return the size
     */
    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    /**
     * Adds every key of another set.
     *
     * @param other the other set
     */
    public void addAll(LongSet other) {
        if (other.hasZero) {
            hasZero = true;
        }
        for (long k : other.table) {
            if (k != 0) {
                add(k);
            }
        }
    }

    /**
     * The keys in ascending order.
     *
     * @return a new array
     */
    public long[] toSortedArray() {
        long[] out = new long[size()];
        int n = 0;
        if (hasZero) {
            out[n++] = 0;
        }
        for (long k : table) {
            if (k != 0) {
                out[n++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Bytes held by the table, for memory accounting.
     *
     * @return the table size in bytes
     */
    public long tableBytes() {
        return 8L * table.length;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = LongIntMap.hash(k) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
            }
        }
    }
}
