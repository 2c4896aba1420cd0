package io.kpiengine.formula.internal;

import io.kpiengine.base.internal.Pow10;

/**
 * Run-time helpers shared by the generated code and the interpreter, so both compute bit-identical results.
 * Every method is static, allocation-free and small enough for the JIT to inline.
 */
public final class Ops {

    /** The largest number of digits {@code round} accepts, either sign. */
    public static final int MAX_ROUND_DIGITS = 15;

    /** The natural logarithm of 2 as {@link Math#log(double)} gives it (exp4j's divisor for {@code log2}). */
    private static final double LN2 = Math.log(2.0);
    private static final long SIGNIFICAND = 0xFFFFFFFFFFFFFL;

    private Ops() {
    }

    /**
     * Rounds half away from zero to a number of decimal digits, like Excel's {@code ROUND}: the decision is made
     * on the shortest decimal form of {@code x} (the one {@link Double#toString(double)} prints), so
     * {@code round(2.675, 2)} is 2.68 although the double 2.675 lies slightly below 2.675. Digits are truncated
     * toward zero; negative digits round to tens, hundreds, ...
     *
     * <p>Method: with {@code p = 10^d}, {@code k = floor(|x| p)} and the tie {@code t = (2k + 1) / (2p)} computed
     * as a correctly rounded double, {@code |x| >= t} rounds up. The double nearest to the decimal tie is the tie's
     * only double image, so comparing doubles decides exactly as comparing decimals would.
     *
     * @param x the value
     * @param digits the number of decimal digits, between -15 and 15 once truncated
     * @return the rounded value, or NaN if an argument is not finite or the digits are out of range
     */
    public static double round(double x, double digits) {
        if (!Double.isFinite(x) || !Double.isFinite(digits)) {
            return Double.NaN;
        }
        double truncated = digits < 0 ? Math.ceil(digits) : Math.floor(digits);
        if (truncated > MAX_ROUND_DIGITS || truncated < -MAX_ROUND_DIGITS) {
            return Double.NaN;
        }
        int d = (int) truncated;
        double a = Math.abs(x);
        double r;
        if (d >= 0) {
            double p = Pow10.asDouble(d);
            double y = a * p;
            if (y >= 0x1p52) {
                return x;
            }
            double k = Math.floor(y);
            double tie = (2 * k + 1) / (2 * p);
            r = a >= tie ? (k + 1) / p : k / p;
        } else {
            double p = Pow10.asDouble(-d);
            double k = Math.floor(a / p);
            double tie = (k + 0.5) * p;
            r = a >= tie ? (k + 1) * p : k * p;
        }
        return x < 0 ? -r : r;
    }

    /**
     * Rounds half away from zero to an integer.
     *
     * @param x the value
     * @return the rounded value, or NaN if {@code x} is not finite
     */
    public static double round(double x) {
        return round(x, 0);
    }

    /**
     * The base-2 logarithm: exact for every power of two (subnormal ones included), {@code ln(x) / ln(2)} otherwise
     * (exp4j's formula, which is off by an ulp for 441 of the 2,098 powers of two).
     *
     * @param x the value
     * @return the logarithm; -infinity for 0, NaN below 0, as {@link Math#log(double)}
     */
    public static double log2(double x) {
        if (x > 0 && x <= Double.MAX_VALUE) {
            long bits = Double.doubleToRawLongBits(x);
            int exponent = Math.getExponent(x);
            if (exponent >= Double.MIN_EXPONENT) {
                if ((bits & SIGNIFICAND) == 0) {
                    return exponent;
                }
            } else if (Long.bitCount(bits) == 1) {
                return Long.numberOfTrailingZeros(bits) - 1074;
            }
        }
        return Math.log(x) / LN2;
    }

    /**
     * The cotangent {@code 1 / tan(x)}, as exp4j computes it; infinite at 0 (the caller reports a division by
     * zero there, where exp4j throws).
     *
     * @param x the angle in radians
     * @return the cotangent
     */
    public static double cot(double x) {
        return 1 / Math.tan(x);
    }

    /**
     * Whether a value is a finite number (neither NaN nor infinite).
     *
     * @param x the value
     * @return true when finite
     */
    public static boolean finite(double x) {
        return Double.isFinite(x);
    }

    /**
     * The canonical result: NaN for any non-finite value, +0.0 for -0.0, else the value.
     *
     * @param x the raw result
     * @return the result as the public API returns it
     */
    public static double result(double x) {
        return Double.isFinite(x) ? x + 0.0 : Double.NaN;
    }
}
