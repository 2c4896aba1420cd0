package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to dense {@code int} ids 0, 1, 2, ... in insertion order.
 *
 * <p>Design: linear probing over a power-of-two table of keys and ids; an id of -1 marks an empty bucket, so
 * every long (including 0) is a valid key. The table doubles when three quarters full. No allocation per lookup.
 * Not thread-safe.
 */
public final class LongIntMap {

    private long[] keys;
    private int[] ids;
    private int mask;
    private int size;
    private int growAt;

    /**
     * Creates a map sized for about {@code expected} keys.
     *
     * @param expected expected key count
     */
    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        ids = new int[cap];
        Arrays.fill(ids, -1);
        mask = cap - 1;
        growAt = cap / 4 * 3;
    }

    /** MurmurHash3's 64-bit finalizer: every key bit affects every hash bit, so masking low bits is safe. */
    static int hash(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * The id of a key, adding the key with the next id if absent.
     *
     * @param key the key
     * @return its id
     */
    public int getOrAdd(long key) {
        int i = hash(key) & mask;
        while (true) {
            int id = ids[i];
            if (id < 0) {
                ids[i] = size;
                keys[i] = key;
                int added = size++;
                if (size > growAt) {
                    grow();
                }
                return added;
            }
            if (keys[i] == key) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * The id of a key.
     *
     * @param key the key
     * @return its id, or -1 if absent
     */
    public int get(long key) {
        int i = hash(key) & mask;
        while (true) {
            int id = ids[i];
            if (id < 0 || keys[i] == key) {
                return id;
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
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        allocate(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldIds[j] >= 0) {
                int i = hash(oldKeys[j]) & mask;
                while (ids[i] >= 0) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[j];
                keys[i] = oldKeys[j];
            }
        }
    }
}
