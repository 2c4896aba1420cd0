package io.kpiengine.quality;

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
}
