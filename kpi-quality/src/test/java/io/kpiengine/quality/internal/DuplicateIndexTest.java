package io.kpiengine.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact exact-duplicate table against the plain one ({@link PlainDuplicateIndex}, a {@code HashMap} per
 * segment): on seeded random fingerprints, both give the same outcome for every offer and the same smallest row
 * for every look-up, through index growth, long probe runs (displacements beyond what a slot can store, which
 * makes growth read the log), rows offered out of order, presizing right or far off, and with or without the
 * preload. The plain index's own outcomes are checked by hand first.
 */
class DuplicateIndexTest {

    private static final long ROW_BITS = DuplicateIndex.MAX_ROW;

    @Test
    void plainIndex_handWorkedOffers_giveTheDocumentedOutcomes() {
        PlainDuplicateIndex index = new PlainDuplicateIndex();
        long hi = 3L << 60 | 42;
        long lo = 7L << 40;
        long[] his = {hi, hi, hi, hi};
        long[] los = {lo | 5, lo | 99, lo, lo ^ (1L << 41)};
        long[] rows = {5, 3, 7, 1};
        long[] outcomes = new long[4];
        index.offer(3, 0, 4, his, los, rows, outcomes);
        // new; earlier than 5 (5 becomes the duplicate); a duplicate of 3; another fingerprint (a tag bit differs)
        assertThat(outcomes).containsExactly(-1, -2 - 5, 3, -1);
        assertThat(index.minRow(hi, lo | 123)).isEqualTo(3);
        assertThat(index.minRow(hi + 1, lo)).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(2);
    }

    /** Offers every fingerprint to each index in the same batches through the cleaner's stage; same outcomes. */
    private static void check(List<long[]> offers, long seed, int batch, DuplicateIndex... indexes) {
        SplittableRandom random = new SplittableRandom(seed * 31);
        PlainDuplicateIndex oracle = new PlainDuplicateIndex();
        DuplicateStage oracleStage = new DuplicateStage();
        DuplicateStage stage = new DuplicateStage();
        for (int from = 0; from < offers.size(); from += batch) {
            int n = Math.min(batch, offers.size() - from);
            long[] hi = new long[n];
            long[] lo = new long[n];
            long[] rows = new long[n];
            int[] live = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                hi[i] = offers.get(from + i)[0];
                lo[i] = offers.get(from + i)[1];
                rows[i] = offers.get(from + i)[2];
                if (random.nextInt(20) != 0) {
                    live[count++] = i;   // some rows were removed by earlier rules and are not offered
                }
            }
            int first = random.nextInt(DuplicateIndex.SEGMENTS);
            long[] expected = byRow(oracleStage, oracleStage.offer(oracle, hi, lo, rows, live, count, first), count,
                    n);
            for (DuplicateIndex index : indexes) {
                long[] got = byRow(stage, stage.offer(index, hi, lo, rows, live, count, first), count, n);
                if (!Arrays.equals(got, expected)) {
                    assertThat(got).as("batch at %d of seed %d, %s", from, seed, index).containsExactly(expected);
                }
            }
        }
        for (DuplicateIndex index : indexes) {
            assertThat(index.size()).as("seed %d", seed).isEqualTo(oracle.size());
            for (long[] o : offers) {
                long want = oracle.minRow(o[0], o[1]);
                long got = index.minRow(o[0], o[1] ^ 12345);
                if (got != want) {
                    assertThat(got).as("seed %d, %s", seed, index).isEqualTo(want);
                }
            }
            SplittableRandom absent = new SplittableRandom(seed ^ 0x5EED);
            for (int i = 0; i < 1_000; i++) {
                long hi = absent.nextLong() | 1;
                long lo = absent.nextLong();
                assertThat(index.minRow(hi, lo)).as("seed %d", seed).isEqualTo(oracle.minRow(hi, lo));
            }
        }
    }

    /** The outcomes of the last offer by batch row (0 for rows not offered). */
    private static long[] byRow(DuplicateStage stage, long[] outcomes, int count, int n) {
        long[] out = new long[n];
        int[] order = stage.order();
        for (int p = 0; p < count; p++) {
            out[order[p]] = outcomes[p];
        }
        return out;
    }

    /** Single offers straight to the segments (no gathering) against the plain index. */
    private static void checkSingle(List<long[]> offers, long seed, FingerprintTable table) {
        PlainDuplicateIndex oracle = new PlainDuplicateIndex();
        long[] expected = new long[1];
        for (int k = 0; k < offers.size(); k++) {
            long[] o = offers.get(k);
            int s = DuplicateIndex.segmentOf(o[0]);
            oracle.offer(s, 0, 1, new long[] {o[0]}, new long[] {o[1]}, new long[] {o[2]}, expected);
            long got = table.segment(s).offer(o[0], o[1], o[2]);
            if (got != expected[0]) {
                assertThat(got).as("offer %d of seed %d", k, seed).isEqualTo(expected[0]);
            }
        }
        assertThat(table.size()).isEqualTo(oracle.size());
    }

    static List<long[]> randomOffers(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> offers = new ArrayList<>();
        List<long[]> distinct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
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
        return offers;
    }

    @Test
    void compactTable_randomFingerprintsInAnyRowOrder_sameOutcomesAsPlain() {
        for (long seed = 1; seed <= 3; seed++) {
            List<long[]> offers = randomOffers(seed, 200_000);
            check(offers, seed, 777, new FingerprintTable(), new FingerprintTable(0, false));
            check(offers, seed, 8192, new FingerprintTable(offers.size()), new FingerprintTable(offers.size() / 50),
                    new FingerprintTable(offers.size() * 8L, false));
            checkSingle(offers, seed, new FingerprintTable());
        }
    }

    @Test
    void compactTable_clusteredHomes_longProbeRunsSurviveGrowth() {
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
            check(offers, seed, 1000, new FingerprintTable(), new FingerprintTable(0, false));
            checkSingle(offers, seed, new FingerprintTable());
        }
    }
}
