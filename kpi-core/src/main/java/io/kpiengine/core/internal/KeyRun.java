package io.kpiengine.core.internal;

import java.util.Arrays;

/**
 * An exact set of {@code long} keys kept as a sorted, duplicate-free run plus a tail of recent additions, for
 * distinct counts over many groups at once.
 *
 * <p>Layout of {@code keys}: {@code [0, sorted)} the run (ascending, no duplicates); {@code [sorted, counted)}
 * keys already counted by {@link #size} (ascending, no duplicates, none in the run); {@code [counted, length)}
 * keys appended since, in any order and possibly repeated. So {@code size} after a few additions to a large set
 * costs the additions (and a linear pass over the counted keys), however often it is asked, as a live accumulator
 * asks after every batch.
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
    private int counted;
    private int length;

    void add(long key, Scratch scratch) {
        if (length == keys.length) {
            makeRoom(1, scratch);
        }
        keys[length++] = key;
    }

    /**
     * Adds every key of another run. A run much smaller than this one is appended to the tail (as single adds
     * would be), so that merging many small runs into a large one, as a live accumulator does, costs the keys
     * added and not the large run each time; otherwise both runs are compacted, then merged in one linear pass.
     */
    void addAll(KeyRun other, Scratch scratch) {
        if (other.length * 8L < length) {
            for (int i = 0; i < other.length; i++) {
                add(other.keys[i], scratch);
            }
            return;
        }
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
        counted = n;
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
        counted = n;
        length = n;
    }

    /**
     * The number of distinct keys. A tail short against the run is not merged into it: the keys added since the last
     * count are sorted, looked up in the run, and merged with the keys counted before (which stay apart from the
     * run), so that reading a large set after a few additions costs the additions, not the set.
     */
    int size(Scratch scratch) {
        if (counted == length) {
            return length;
        }
        if ((length - sorted) * 8L >= sorted) {
            compact(scratch);
            return length;
        }
        long[] k = keys;
        Arrays.sort(k, counted, length);
        long[] out = scratch.atLeast(length - sorted);
        int i = sorted;
        int n = 0;
        for (int j = counted; j < length; j++) {
            long x = k[j];
            if (j > counted && k[j - 1] == x) {
                continue;
            }
            while (i < counted && k[i] < x) {
                out[n++] = k[i++];
            }
            if (i < counted && k[i] == x || Arrays.binarySearch(k, 0, sorted, x) >= 0) {
                continue;
            }
            out[n++] = x;
        }
        while (i < counted) {
            out[n++] = k[i++];
        }
        System.arraycopy(out, 0, k, sorted, n);
        counted = sorted + n;
        length = counted;
        return length;
    }

    /** The distinct keys, ascending, in the first {@link #size} entries; valid until the next change. */
    long[] sortedKeys(Scratch scratch) {
        compact(scratch);
        return keys;
    }
}
