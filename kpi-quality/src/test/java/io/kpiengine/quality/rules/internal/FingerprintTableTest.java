package io.kpiengine.quality.rules.internal;

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
        check(offers, seed, new FingerprintTable());
        // presized from a row estimate, exact or far off in either direction: the same answers
        check(offers, seed, new FingerprintTable(offers.size()));
        check(offers, seed, new FingerprintTable(offers.size() / 50));
        check(offers, seed, new FingerprintTable(offers.size() * 8L));
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
            assertThat(got).as("offer %d of seed %d", k, seed).isEqualTo(expected);
        }
        assertThat(table.size()).as("seed %d", seed).isEqualTo(oracle.size());
        for (Map.Entry<Key, Long> e : oracle.entrySet()) {
            assertThat(table.minRow(e.getKey().hi(), e.getKey().loTag() | 12345))
                    .as("seed %d", seed).isEqualTo(e.getValue());
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
