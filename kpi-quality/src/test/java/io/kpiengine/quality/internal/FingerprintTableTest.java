package io.kpiengine.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact-duplicate table against a {@link HashMap} oracle: the same answer for every offer and every look-up,
 * through index growth, long probe runs (displacements beyond what a slot can store, which makes growth read
 * the log) and rows offered out of order.
 */
class FingerprintTableTest {

    private static final long ROW_BITS = (1L << 40) - 1;

    private record Key(long hi, long loTag) {
    }

    /** Offers every fingerprint to the table and to the oracle, asserting that both give the same outcome. */
    private static void check(List<long[]> offers, long seed) {
        checkBatched(offers, seed, new FingerprintTable(), 777);
        check(offers, seed, new FingerprintTable());
    }

    /** Also presized from a row estimate, exact or far off in either direction: the same answers. */
    private static void checkPresized(List<long[]> offers, long seed) {
        checkBatched(offers, seed, new FingerprintTable(offers.size()), 8192);
        checkBatched(offers, seed, new FingerprintTable(offers.size() / 50), 8192);
        check(offers, seed, new FingerprintTable(offers.size()));
        check(offers, seed, new FingerprintTable(offers.size() * 8L));
    }

    /**
     * Offers the fingerprints batch by batch through {@code offerAll}, the path the cleaning stage takes (rows
     * grouped by segment, home slots computed and preloaded first), against the oracle fed in the same
     * order.
     */
    private static void checkBatched(List<long[]> offers, long seed, FingerprintTable table, int batch) {
        Map<Key, Long> oracle = new HashMap<>();
        for (int from = 0; from < offers.size(); from += batch) {
            int n = Math.min(batch, offers.size() - from);
            long[] hi = new long[n];
            long[] lo = new long[n];
            long[] rows = new long[n];
            for (int i = 0; i < n; i++) {
                hi[i] = offers.get(from + i)[0];
                lo[i] = offers.get(from + i)[1];
                rows[i] = offers.get(from + i)[2];
            }
            long[] result = new long[n];
            for (int s = 0; s < FingerprintTable.SEGMENTS; s++) {
                int[] order = new int[n];
                long[] gHi = new long[n + 1];
                long[] gLo = new long[n + 1];
                long[] gRows = new long[n + 1];
                long[] gResult = new long[n + 1];
                // the segment's rows gathered at an offset, as the stage gathers each segment after the previous
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (FingerprintTable.segmentOf(hi[i]) == s) {
                        order[count] = i;
                        gHi[count + 1] = hi[i];
                        gLo[count + 1] = lo[i];
                        gRows[count + 1] = rows[i];
                        count++;
                    }
                }
                table.segment(s).offerAll(1, count + 1, gHi, gLo, gRows, gResult, new int[n + 1]);
                for (int k = 0; k < count; k++) {
                    result[order[k]] = gResult[k + 1];
                }
                for (int k = 0; k < count; k++) {
                    int i = order[k];
                    Key key = new Key(hi[i], lo[i] & ~ROW_BITS);
                    Long seen = oracle.get(key);
                    long expected;
                    if (seen == null) {
                        expected = -1;
                        oracle.put(key, rows[i]);
                    } else if (rows[i] < seen) {
                        expected = -2 - seen;
                        oracle.put(key, rows[i]);
                    } else {
                        expected = seen;
                    }
                    if (result[i] != expected) {
                        assertThat(result[i]).as("batched offer %d of seed %d", from + i, seed).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(table.size()).as("seed %d", seed).isEqualTo(oracle.size());
        for (Map.Entry<Key, Long> e : oracle.entrySet()) {
            long got = table.minRow(e.getKey().hi(), e.getKey().loTag());
            if (got != e.getValue()) {
                assertThat(got).as("seed %d", seed).isEqualTo(e.getValue());
            }
        }
    }

    private static void check(List<long[]> offers, long seed, FingerprintTable table) {
        Map<Key, Long> oracle = new HashMap<>();
        for (int k = 0; k < offers.size(); k++) {
            long hi = offers.get(k)[0];
            long lo = offers.get(k)[1];
            long row = offers.get(k)[2];
            Key key = new Key(hi, lo & ~ROW_BITS);
            Long seen = oracle.get(key);
            long expected;
            if (seen == null) {
                expected = -1;
                oracle.put(key, row);
            } else if (row < seen) {
                expected = -2 - seen;
                oracle.put(key, row);
            } else {
                expected = seen;
            }
            long got = table.segment(FingerprintTable.segmentOf(hi)).offer(hi, lo, row);
            if (got != expected) {
                assertThat(got).as("offer %d of seed %d", k, seed).isEqualTo(expected);
            }
        }
        assertThat(table.size()).as("seed %d", seed).isEqualTo(oracle.size());
        for (Map.Entry<Key, Long> e : oracle.entrySet()) {
            long got = table.minRow(e.getKey().hi(), e.getKey().loTag() | 12345);
            if (got != e.getValue()) {
                assertThat(got).as("seed %d", seed).isEqualTo(e.getValue());
            }
        }
        SplittableRandom absent = new SplittableRandom(seed ^ 0x5EED);
        for (int i = 0; i < 1_000; i++) {
            long hi = absent.nextLong() | 1;
            long lo = absent.nextLong();
            if (!oracle.containsKey(new Key(hi, lo & ~ROW_BITS))) {
                assertThat(table.minRow(hi, lo)).as("seed %d", seed).isEqualTo(-1);
            }
        }
    }

    @Test
    void randomFingerprints_withDuplicatesInAnyRowOrder_matchTheOracle() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<long[]> offers = new ArrayList<>();
            List<long[]> distinct = new ArrayList<>();
            for (int i = 0; i < 200_000; i++) {
                long row = 1 + random.nextLong(1L << 39);
                if (!distinct.isEmpty() && random.nextInt(10) == 0) {
                    // a duplicate: same high word and tag bits, other bits of the low word differ (ignored)
                    long[] d = distinct.get(random.nextInt(distinct.size()));
                    offers.add(new long[] {d[0], (d[1] & ~ROW_BITS) | random.nextLong(1L << 40), row});
                } else {
                    long[] d = {random.nextLong() | 1, random.nextLong()};
                    distinct.add(d);
                    offers.add(new long[] {d[0], d[1], row});
                }
            }
            check(offers, seed);
            checkPresized(offers, seed);
        }
    }

    @Test
    void clusteredHomes_longProbeRuns_survivesGrowth() {
        for (long seed = 11; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<long[]> offers = new ArrayList<>();
            for (int i = 0; i < 40_000; i++) {
                // 2 segments x 16 clusters: bits 34 to 55 stay 0, so every fingerprint of a cluster has the same
                // home slot at every index size this test reaches (a home takes bits 59 down to 60 - index bits),
                // a run of about 1,000 slots per cluster; the bits below vary, some of them in the tag
                long hi = (long) random.nextInt(2) << 60 | (long) random.nextInt(16) << 56 | random.nextLong(1L << 34)
                        | 1;
                long lo = random.nextLong();
                offers.add(new long[] {hi, lo, 1 + random.nextLong(1L << 39)});
                if (random.nextInt(8) == 0) {
                    // same high word, different tag in the low word: a different row
                    offers.add(new long[] {hi, lo ^ (1L << 50), 1 + random.nextLong(1L << 39)});
                }
                if (random.nextInt(8) == 0) {
                    offers.add(new long[] {hi, lo, 1 + random.nextLong(1L << 39)});
                }
            }
            check(offers, seed);
        }
    }
}
