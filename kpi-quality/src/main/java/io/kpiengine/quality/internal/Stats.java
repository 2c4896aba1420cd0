package io.kpiengine.quality.internal;

import java.util.Arrays;

/** Order statistics with the definitions of pandas. */
final class Stats {

    private Stats() {
    }

    /** A sorted copy of the first n values. */
    static double[] sorted(double[] values, int n) {
        double[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return s;
    }

    /**
     * The q-quantile of sorted values by linear interpolation between order statistics, pandas
     * {@code Series.quantile(q)} (numpy {@code method='linear'}): position {@code (n - 1) q}.
     */
    static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        double pos = (n - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
