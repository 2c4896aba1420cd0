package io.kpiengine.quality.internal;

import io.kpiengine.base.internal.Pow10;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The currency rule divides unscaled products by powers of ten ({@link RoundedDivision}: through a 64-bit
 * reciprocal, or by plain division); these seeded properties compare both with {@link BigDecimal#setScale(int, RoundingMode)}, the definition of each rounding mode,
 * around every boundary where the estimated quotient could be one off: exact multiples, halves, one unit beside
 * them, and the largest products the fast path takes.
 */
class CurrencyDivideTest {

    private static final RoundingMode[] MODES = {RoundingMode.UP, RoundingMode.DOWN, RoundingMode.CEILING,
        RoundingMode.FLOOR, RoundingMode.HALF_UP, RoundingMode.HALF_DOWN, RoundingMode.HALF_EVEN};

    private static long expected(long p, int k, RoundingMode mode) {
        return new BigDecimal(p).movePointLeft(k).setScale(0, mode).longValueExact();
    }

    @Test
    void divide_equalsBigDecimal_onRandomAndBoundaryProducts() {
        long seed = 20261127L;
        SplittableRandom random = new SplittableRandom(seed);
        int checked = 0;
        for (int i = 0; i < 200_000; i++) {
            int k = random.nextInt(0, 19);
            long d = Pow10.asLong(k);
            long m = Math.max(1, (1L << 50) / d);
            long p;
            switch (i % 5) {
                case 0 -> p = random.nextLong(-(1L << 50) + 1, 1L << 50);
                case 1 -> p = random.nextLong(-m, m) * d;                                   // exact multiple
                case 2 -> p = random.nextLong(-m, m) * d + (random.nextBoolean() ? d / 2 : -(d / 2));   // half
                case 3 -> p = random.nextLong(-m, m) * d + (random.nextBoolean() ? 1 : -1);   // beside a multiple
                default -> p = (random.nextBoolean() ? 1 : -1) * ((1L << 50) - 1 - random.nextInt(1_000_000));
            }
            for (RoundingMode mode : MODES) {
                long want = expected(p, k, mode);
                assertThat(RoundedDivision.byPowerOfTen(p, k, mode)).as("seed %d: %d / 10^%d rounded %s", seed, p, k,
                        mode).isEqualTo(want);
                assertThat(RoundedDivision.plain(p, d, mode)).as("plain, seed %d: %d / 10^%d rounded %s", seed, p, k,
                        mode).isEqualTo(want);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(200_000 * MODES.length);
    }

    @Test
    void divide_largeProducts_takeTheIntegerPath_andStayExact() {
        long[] products = {Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 50, -(1L << 50), 999_999_999_999_999_999L};
        for (long p : products) {
            for (int k = 0; k < 19; k++) {
                for (RoundingMode mode : MODES) {
                    assertThat(RoundedDivision.byPowerOfTen(p, k, mode)).as("%d / 10^%d %s", p, k, mode)
                            .isEqualTo(expected(p, k, mode));
                    assertThat(RoundedDivision.plain(p, Pow10.asLong(k), mode)).as("plain %d / 10^%d %s", p, k, mode)
                            .isEqualTo(expected(p, k, mode));
                }
            }
        }
    }
}
