package io.kpiengine.base.internal;

/** Powers of ten: every one a {@code long} holds exactly, and every one a {@code double} holds exactly. */
public final class Pow10 {

    /** 10^0 to 10^18. */
    private static final long[] LONGS = new long[19];
    /** 10^0 to 10^22, the powers of ten a double represents exactly. */
    private static final double[] DOUBLES = new double[23];

    static {
        long p = 1;
        for (int i = 0; i < LONGS.length; i++) {
            LONGS[i] = p;
            p *= 10;
        }
        double d = 1;
        for (int i = 0; i < DOUBLES.length; i++) {
            DOUBLES[i] = d;
            d *= 10;
        }
    }

    /** The largest k with 10^k in a {@code long}. */
    public static final int MAX_LONG = 18;
    /** The largest k with 10^k exact in a {@code double}. */
    public static final int MAX_DOUBLE = 22;

    private Pow10() {
    }

    /**
     * 10^k as a {@code long}.
     *
     * @param k 0 to {@value #MAX_LONG}
     * @return 10^k
     * @throws ArrayIndexOutOfBoundsException if k is out of range
     */
    public static long asLong(int k) {
        return LONGS[k];
    }

    /**
     * 10^k as an exact {@code double}.
     *
     * @param k 0 to {@value #MAX_DOUBLE}
     * @return 10^k
     * @throws ArrayIndexOutOfBoundsException if k is out of range
     */
    public static double asDouble(int k) {
        return DOUBLES[k];
    }
}
