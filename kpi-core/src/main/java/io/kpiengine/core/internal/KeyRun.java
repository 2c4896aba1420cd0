package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An exact set of {@code long} keys kept as a sorted, duplicate-free run plus an unsorted tail of recent
 * additions, for distinct counts over many groups at once.
 *
 * <p>Why not a hash set: with thousands of groups each receiving keys in random order, every hash insert is a cache
 * miss somewhere in megabytes of tables. Appending to the tail of the group's array touches one hot cache line per
 * group instead. When the array is full the tail is sorted and merged with the run through a scratch buffer shared
 * by all runs of one thread (no allocation), dropping duplicates; the array grows only if the run is still more
 * than half full. Memory: 8 bytes per distinct key, at most twice that while growing, plus duplicates waiting in
 * the tail. Not thread-safe.
 */
final class KeyRun {

    /** A scratch buffer shared by the runs of one thread. */
    static final class Scratch {
        long[] buffer = new long[1024];

        long[] atLeast(int n) {
            if (buffer.length < n) {
                buffer = new long[Math.max(n, buffer.length * 2)];
            }
            return buffer;
        }
    }

    private long[] keys = new long[16];
    private int sorted;
    private int length;

    void add(long key, Scratch scratch) {
        if (length == keys.length) {
            makeRoom(1, scratch);
        }
        keys[length++] = key;
    }

    /** Adds every key of another run: both runs are compacted, then merged in one linear pass. */
    void addAll(KeyRun other, Scratch scratch) {
        other.compact(scratch);
        compact(scratch);
        long[] a = keys;
        long[] b = other.keys;
        int na = length;
        int nb = other.length;
        long[] out = scratch.atLeast(na + nb);
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < na || j < nb) {
            long x = j >= nb || (i < na && a[i] <= b[j]) ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != x) {
                out[n++] = x;
            }
        }
        if (keys.length < n) {
            keys = new long[Math.max(n + (n >> 2), 16)];
        }
        System.arraycopy(out, 0, keys, 0, n);
        sorted = n;
        length = n;
    }

    private void makeRoom(int needed, Scratch scratch) {
        compact(scratch);
        if (length + needed > keys.length / 2) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, length + needed + (length >> 1)));
        }
    }

    /** Sorts the tail and merges it into the run, dropping duplicates. */
    void compact(Scratch scratch) {
        if (sorted == length) {
            return;
        }
        long[] k = keys;
        Arrays.sort(k, sorted, length);
        long[] out = scratch.atLeast(length);
        int i = 0;
        int j = sorted;
        int n = 0;
        while (i < sorted && j < length) {
            long x = k[i] <= k[j] ? k[i++] : k[j++];
            if (n == 0 || out[n - 1] != x) {
                out[n++] = x;
            }
        }
        while (i < sorted) {
            long x = k[i++];
            if (n == 0 || out[n - 1] != x) {
                out[n++] = x;
            }
        }
        while (j < length) {
            long x = k[j++];
            if (n == 0 || out[n - 1] != x) {
                out[n++] = x;
            }
        }
        System.arraycopy(out, 0, k, 0, n);
        sorted = n;
        length = n;
    }

    int size(Scratch scratch) {
        compact(scratch);
        return length;
    }

    /** The distinct keys, ascending, in the first {@link #size} entries; valid until the next change. */
    long[] sortedKeys(Scratch scratch) {
        compact(scratch);
        return keys;
    }
}
