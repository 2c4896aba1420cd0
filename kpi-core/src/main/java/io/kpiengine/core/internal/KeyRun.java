package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An exact set of {@code long} keys kept as a sorted, duplicate-free run plus an unsorted tail of recent
 * additions, for distinct counts over many groups at once.
 *
 * <p>Why not a hash set: with thousands of groups each receiving keys in random order, every hash insert is a cache
 * miss somewhere in megabytes of tables. Appending to the tail of the group's array touches one hot cache line per
 * group instead. When the array is full the tail is sorted and merged into the run, dropping duplicates; the array
 * grows only if the run is still more than half full. Memory: 8 bytes per distinct key, at most twice that while
 * growing, plus duplicates waiting in the tail. Not thread-safe.
 */
final class KeyRun {

    private long[] keys = new long[4];
    private int sorted;
    private int length;

    void add(long key) {
        if (length == keys.length) {
            makeRoom(1);
        }
        keys[length++] = key;
    }

    void addAll(KeyRun other) {
        other.compact();
        if (length + other.length > keys.length) {
            makeRoom(other.length);
        }
        System.arraycopy(other.keys, 0, keys, length, other.length);
        length += other.length;
    }

    private void makeRoom(int needed) {
        compact();
        if (length + needed > keys.length / 2) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, length + needed + (length >> 1)));
        }
    }

    /** Sorts the tail and merges it into the run, dropping duplicates. */
    void compact() {
        if (sorted == length) {
            return;
        }
        Arrays.sort(keys, sorted, length);
        long[] out = new long[keys.length];
        int i = 0;
        int j = sorted;
        int n = 0;
        while (i < sorted || j < length) {
            long k;
            if (j >= length || (i < sorted && keys[i] <= keys[j])) {
                k = keys[i++];
            } else {
                k = keys[j++];
            }
            if (n == 0 || out[n - 1] != k) {
                out[n++] = k;
            }
        }
        keys = out;
        sorted = n;
        length = n;
    }

    int size() {
        compact();
        return length;
    }

    /** The distinct keys, ascending; valid until the next change. */
    long[] sortedKeys() {
        compact();
        return keys;
    }
}
