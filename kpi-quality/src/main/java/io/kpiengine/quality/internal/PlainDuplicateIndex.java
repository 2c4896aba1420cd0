package io.kpiengine.quality.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reference {@link DuplicateIndex}: one {@link HashMap} per segment from the 88 fingerprint bits to the
 * smallest row. It is the oracle of {@link FingerprintTable}'s tests and the baseline of its benchmark; it holds
 * about 100 bytes per distinct row (boxed keys and values, map entries), five times the compact table.
 */
public final class PlainDuplicateIndex implements DuplicateIndex {

    private record Key(long hi, long lo) {
    }

    private final ReentrantLock[] locks = new ReentrantLock[SEGMENTS];
    private final List<Map<Key, Long>> maps = new ArrayList<>();

    /** Creates an empty index. */
    public PlainDuplicateIndex() {
        for (int s = 0; s < SEGMENTS; s++) {
            locks[s] = new ReentrantLock();
            maps.add(new HashMap<>());
        }
    }

    @Override
    public Lock lock(int segment) {
        return locks[segment];
    }

    @Override
    public void offer(int segment, int from, int to, long[] hi, long[] lo, long[] rows, long[] outcomes) {
        Map<Key, Long> map = maps.get(segment);
        for (int k = from; k < to; k++) {
            Key key = new Key(hi[k], lo[k] & FINGERPRINT_LOW);
            long row = rows[k];
            Long seen = map.putIfAbsent(key, row);
            if (seen == null) {
                outcomes[k] = -1;
            } else if (row < seen) {
                map.put(key, row);
                outcomes[k] = -2 - seen;
            } else {
                outcomes[k] = seen;
            }
        }
    }

    @Override
    public long minRow(long hi, long lo) {
        int s = DuplicateIndex.segmentOf(hi);
        locks[s].lock();
        try {
            Long row = maps.get(s).get(new Key(hi, lo & FINGERPRINT_LOW));
            return row == null ? -1 : row;
        } finally {
            locks[s].unlock();
        }
    }

    @Override
    public long size() {
        long n = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            locks[s].lock();
            try {
                n += maps.get(s).size();
            } finally {
                locks[s].unlock();
            }
        }
        return n;
    }

    /** About 100 bytes per entry: a 32-byte key, a 16-byte value, a 32-byte map node and its table slot. */
    @Override
    public long bytes() {
        return 100 * size();
    }
}
