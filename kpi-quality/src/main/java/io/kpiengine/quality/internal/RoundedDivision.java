package io.kpiengine.quality.internal;

import io.kpiengine.base.internal.Pow10;
import java.math.RoundingMode;

/**
 * Integer division rounded by a {@link RoundingMode}, as the currency rule needs it to bring an unscaled product
 * to the target scale: {@link #plain} divides with the processor's 64-bit division and rounds by the remainder;
 * {@link #byPowerOfTen} divides by 10^k through a precomputed 64-bit reciprocal and rounds without branches on the
 * data (rows whose currencies and remainders alternate do not mispredict). Both give exactly
 * {@code BigDecimal.valueOf(p).movePointLeft(k).setScale(0, mode)} ({@code CurrencyDivideTest}).
 *
 * <p>Why the reciprocal stays: alone in a tight loop ({@code RoundingBenchmark}) the plain division is faster
 * (2.2 against 3.0 ns per row on the test VM), but inside the currency rule, where the mode switch and the
 * remainder branches of {@link #plain} meet rows of alternating currencies, the reference job's fill, currency and
 * time-zone rules add 4% to the read time with the reciprocal and 8 to 9% with the plain division
 * ({@code CleanBenchmark}, side by side; BENCHMARKS.md, "Cleaning").
 */
public final class RoundedDivision {

    private RoundedDivision() {
    }

    /**
     * floor((2^64 - 1) / 10^k) for k >= 1, for {@link #byPowerOfTen}: the high word of |p| times it is |p| / 10^k or one
     * less (it is at most 2^64 / 10^k and at least 2^64 / 10^k - 1, and |p| < 2^63).
     */
    private static final long[] MAGIC = new long[19];
    /** All ones for k = 0 (the quotient is |p|), else 0. */
    private static final long[] SELF = new long[19];

    static {
        for (int k = 1; k < MAGIC.length; k++) {
            MAGIC[k] = Long.divideUnsigned(-1L, Pow10.asLong(k));
        }
        SELF[0] = -1L;
    }

    /**
     * p / 10^k rounded by the mode, without a 64-bit integer division: the quotient of |p| is the high word of
     * |p| times a precomputed reciprocal, corrected by one step, which gives exactly the truncated quotient of
     * {@code p / d} for every p but {@code Long.MIN_VALUE} (which takes the division).
     */
    public static long byPowerOfTen(long p, int k, RoundingMode mode) {
        long d = Pow10.asLong(k);
        if (p == Long.MIN_VALUE) {
            return plain(p, d, mode);
        }
        // no branch on the data: k = 0 takes |p| itself (MAGIC[0] is 0, SELF[0] all ones), and the one-step
        // correction is a mask, so that rows whose currencies and remainders alternate do not mispredict
        long ap = Math.abs(p);
        long q = Math.multiplyHigh(ap, MAGIC[k]) + (ap & SELF[k]);
        long rem = ap - q * d;
        long over = ~((rem - d) >> 63);
        q -= over;
        rem -= d & over;
        // the magnitude moves away from zero when 2 rem + bias > d (no overflow: d <= 10^18)
        boolean negative = p < 0;
        long magnitude = q + (2 * rem + bias(mode, negative, q, d) > d ? 1 : 0);
        return negative ? -magnitude : magnitude;
    }

    /**
     * The bias of {@link #byPowerOfTen}: d rounds every remainder away from zero, -d none, 1
     * halves and above, 0 above halves only, and half-even adds the quotient's parity. Directed modes are away or
     * toward zero by the sign. UNNECESSARY never gets here (the rule refuses it).
     */
    private static long bias(RoundingMode mode, boolean negative, long q, long d) {
        switch (mode) {
            case UP:
                return d;
            case DOWN:
                return -d;
            case CEILING:
                return negative ? -d : d;
            case FLOOR:
                return negative ? d : -d;
            case HALF_UP:
                return 1;
            case HALF_DOWN:
                return 0;
            default:
                return q & 1;
        }
    }

    /** p / d rounded by the mode; d > 0. */
    public static long plain(long p, long d, RoundingMode mode) {
        long q = p / d;
        return round(p, q, p - q * d, d, mode);
    }

    /** The quotient q = trunc(p / d) with remainder rem, rounded by the mode. */
    private static long round(long p, long q, long rem, long d, RoundingMode mode) {
        if (rem == 0) {
            return q;
        }
        int sign = p < 0 ? -1 : 1;
        int half = Long.compare(Math.abs(rem), d - Math.abs(rem));
        boolean away;
        switch (mode) {
            case UP:
                away = true;
                break;
            case DOWN:
                away = false;
                break;
            case CEILING:
                away = sign > 0;
                break;
            case FLOOR:
                away = sign < 0;
                break;
            case HALF_UP:
                away = half >= 0;
                break;
            case HALF_DOWN:
                away = half > 0;
                break;
            default:
                away = half > 0 || (half == 0 && (q & 1) != 0);
                break;
        }
        return away ? q + sign : q;
    }
}
