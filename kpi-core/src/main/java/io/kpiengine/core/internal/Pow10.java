package io.kpiengine.core.internal;

/** Powers of ten up to 10^18. */
final class Pow10 {

    static final double[] DOUBLE = new double[19];
    static final long[] LONG = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < 19; i++) {
            LONG[i] = p;
            DOUBLE[i] = p;
            p *= 10;
        }
    }

    private Pow10() {
    }
}
