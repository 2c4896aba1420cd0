package io.kpiengine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mask helpers against one-row-at-a-time loops, at sizes on and off word boundaries. */
class BitsTest {

    @Test
    void clearRows_listsExactlyTheRowsWhoseBitIsClear_inOrder() {
        SplittableRandom random = new SplittableRandom(64);
        for (int size : new int[] {0, 1, 63, 64, 65, 127, 128, 129, 1000, 8192}) {
            for (int density : new int[] {0, 1, 50, 99, 100}) {
                long[] mask = Bits.newMask(size);
                // bits beyond size are set too, as a reused mask may hold them; they must not produce rows
                Arrays.fill(mask, density == 100 ? -1L : 0L);
                if (mask.length > 0 && density != 100) {
                    mask[mask.length - 1] |= size % 64 == 0 ? 0 : -1L << (size % 64);
                }
                for (int r = 0; r < size; r++) {
                    if (random.nextInt(100) < density) {
                        Bits.set(mask, r);
                    }
                }
                int[] expected = new int[size];
                int n = 0;
                for (int r = 0; r < size; r++) {
                    if (!Bits.get(mask, r)) {
                        expected[n++] = r;
                    }
                }
                int[] out = new int[size];
                int k = Bits.clearRows(mask, size, out);
                assertThat(k).as("size %d, density %d", size, density).isEqualTo(n).isEqualTo(size - Bits.count(mask, size));
                assertThat(Arrays.copyOf(out, k)).as("size %d, density %d", size, density)
                        .isEqualTo(Arrays.copyOf(expected, n));
            }
        }
    }

    /** The selected rows' mask, found by search over the set bits, against a row-by-row oracle. */
    @Test
    void selectAscending_equalsTheRowByRowMask_orNullWhenNoSelectedRowIsSet() {
        long seed = 4242L;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int withNulls = 0;
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(300);
            long[] nulls = Bits.newMask(n);
            int density = 1 + random.nextInt(20);
            for (int r = 0; r < n; r++) {
                if (random.nextInt(density) == 0) {
                    Bits.set(nulls, r);
                }
            }
            int[] keep = new int[n];
            int count = 0;
            for (int r = 0; r < n; r++) {
                if (random.nextInt(4) != 0) {
                    keep[count++] = r;
                }
            }
            long[] expected = Bits.newMask(count);
            boolean any = false;
            for (int i = 0; i < count; i++) {
                if (Bits.get(nulls, keep[i])) {
                    Bits.set(expected, i);
                    any = true;
                }
            }
            long[] got = Bits.selectAscending(nulls, keep, count);
            String what = "seed " + seed + ", round " + round;
            if (any) {
                withNulls++;
                assertThat(got).as(what).containsExactly(expected);
            } else {
                assertThat(got).as(what).isNull();
            }
        }
        assertThat(withNulls).isBetween(1000, 1999);
    }
}
