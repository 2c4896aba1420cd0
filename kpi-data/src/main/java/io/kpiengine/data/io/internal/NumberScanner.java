package io.kpiengine.data.io.internal;

/**
 * Scans the text of a number straight from bytes: optional sign, digits with optional thousands separators in
 * groups of three, an optional decimal separator and fraction, and (when allowed) an exponent. The result is the
 * magnitude of the significant digits as a {@code long} plus the count of fraction digits, so that integers and
 * exact decimals never pass through a {@code double} or a {@code String}.
 *
 * <p>Trailing zeros of the fraction are dropped ({@code 12.340} is 1234 with 2 fraction digits). When more
 * digits arrive than a {@code long} holds, {@link #overflow} is set and the caller falls back to a slow path.
 * One instance per reader; not thread-safe.
 */
public final class NumberScanner {

    /** The scan succeeded. */
    public static final int OK = 0;
    /** The text is not a number of the expected shape. */
    public static final int SYNTAX = 1;

    private final byte decimal;
    private final byte[] grouping;
    private final boolean allowExponent;

    /** Whether the number is negative. */
    public boolean negative;
    /**
     * The significant digits as an unsigned magnitude (valid unless {@link #overflow}): up to 2^63, which reads as
     * {@code Long.MIN_VALUE} and fits a {@code long} only when negative.
     */
    public long mantissa;
    /** Significant fraction digits in {@link #mantissa}. */
    public int fractionDigits;
    /** The decimal exponent written after 'e' or 'E', 0 when absent. */
    public int exponent;
    /** Whether the digits did not fit a long. */
    public boolean overflow;
    /** Whether an exponent was written. */
    public boolean hasExponent;

    /**
     * Creates a scanner.
     *
     * @param decimal the decimal separator byte
     * @param grouping the thousands separator as encoded bytes, or null when none is allowed
     * @param allowExponent whether {@code 1.5e3} is allowed
     */
    public NumberScanner(byte decimal, byte[] grouping, boolean allowExponent) {
        this.decimal = decimal;
        this.grouping = grouping;
        this.allowExponent = allowExponent;
    }

    /**
     * Scans {@code b[s, e)}, which has no surrounding blanks.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @return {@link #OK} or {@link #SYNTAX}
     */
    public int scan(byte[] b, int s, int e) {
        negative = false;
        mantissa = 0;
        fractionDigits = 0;
        exponent = 0;
        overflow = false;
        hasExponent = false;
        int i = s;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int intDigits = 0;
        int groupDigits = 0;
        boolean grouped = false;
        boolean ovf = false;
        while (i < e) {
            int d = b[i] - '0';
            if (d >= 0 && d <= 9) {
                if (fits(m, d)) {
                    m = m * 10 + d;
                } else {
                    ovf = true;
                }
                intDigits++;
                groupDigits++;
                i++;
            } else if (grouping != null && matches(b, i, e, grouping)) {
                if (grouped ? groupDigits != 3 : groupDigits < 1 || groupDigits > 3) {
                    return SYNTAX;
                }
                grouped = true;
                groupDigits = 0;
                i += grouping.length;
            } else {
                break;
            }
        }
        if (grouped && groupDigits != 3) {
            return SYNTAX;
        }
        int fracDigits = 0;
        boolean hasFraction = false;
        if (i < e && b[i] == decimal) {
            hasFraction = true;
            i++;
            int zeros = 0;
            while (i < e) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                hasFraction = true;
                if (d == 0) {
                    zeros++;
                } else {
                    for (int z = 0; z <= zeros && !ovf; z++) {
                        int digit = z == zeros ? d : 0;
                        if (fits(m, digit)) {
                            m = m * 10 + digit;
                        } else {
                            ovf = true;
                        }
                    }
                    fracDigits += zeros + 1;
                    zeros = 0;
                }
                intDigits++;
                i++;
            }
        }
        if (intDigits == 0) {
            return SYNTAX;
        }
        if (i < e && allowExponent && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                negExp = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            int x = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (x < 100_000) {
                    x = x * 10 + (b[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return SYNTAX;
            }
            hasExponent = true;
            exponent = negExp ? -x : x;
        }
        if (i != e || hasFraction && intDigits == 0) {
            return SYNTAX;
        }
        mantissa = m;
        fractionDigits = fracDigits;
        overflow = ovf;
        return OK;
    }

    /**
     * Whether {@code m * 10 + d} is at most 2^63, the largest magnitude of a {@code long} ({@code -2^63}); the
     * magnitude 2^63 itself is held as {@code Long.MIN_VALUE} and is only valid for a negative number.
     */
    private static boolean fits(long m, int d) {
        return Long.compareUnsigned(m, 922337203685477580L) < 0 || m == 922337203685477580L && d <= 8;
    }

    static boolean matches(byte[] b, int i, int e, byte[] token) {
        if (e - i < token.length) {
            return false;
        }
        for (int k = 0; k < token.length; k++) {
            if (b[i + k] != token[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The scanned text as plain ASCII ({@code -1234.5e3}), for the slow path of {@code Double.parseDouble}.
     *
     * @param b the bytes
     * @param s first byte
     * @param e end (exclusive)
     * @return the normalized text
     */
    public String normalized(byte[] b, int s, int e) {
        StringBuilder sb = new StringBuilder(e - s);
        int i = s;
        while (i < e) {
            if (grouping != null && matches(b, i, e, grouping)) {
                i += grouping.length;
                continue;
            }
            byte c = b[i++];
            sb.append(c == decimal ? '.' : (char) c);
        }
        return sb.toString();
    }
}
