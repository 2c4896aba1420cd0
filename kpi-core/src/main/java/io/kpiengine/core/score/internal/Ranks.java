package io.kpiengine.core.score.internal;

import java.util.Arrays;

/**
 * Competition ranks of a column of scores: 1 for the largest, equal values share the smallest rank of their group
 * and the next rank is skipped (pandas {@code rank(method='min', ascending=False)}), 0 for NaN. One sort of the
 * present values, then a binary search per entity: {@code rank = 1 + #(values > v)}.
 *
 * <p>Scores are compared rounded to 9 decimal places ({@link #key}), so that two scores equal in exact
 * arithmetic but summed from different contributions (a few units in the last place apart) tie.
 */
public final class Ranks {

    private Ranks() {
    }

    /**
     * The ranks of a column.
     *
     * @param values the scores, NaN where there is none
     * @return the ranks
     */
    public static int[] descendingMin(double[] values) {
        double[] present = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                present[n++] = key(v);
            }
        }
        Arrays.sort(present, 0, n);
        int[] r = new int[values.length];
        descendingMin(values, present, n, r);
        return r;
    }

    /**
     * The value ranks compare: the score rounded to 9 decimal places (unchanged beyond 1e6 in magnitude).
     *
     * @param v a score
     * @return the key
     */
    public static double key(double v) {
        return Math.abs(v) < 1e6 ? Math.rint(v * 1e9) / 1e9 : v;
    }

    /**
     * The ranks of a column against its present values sorted ascending.
     *
     * @param values the scores, NaN where there is none
     * @param sorted the keys of the present scores ascending
     * @param n how many of sorted are used
     * @param into where the ranks go
     */
    public static void descendingMin(double[] values, double[] sorted, int n, int[] into) {
        for (int e = 0; e < values.length; e++) {
            double v = key(values[e]);
            if (Double.isNaN(v)) {
                into[e] = 0;
                continue;
            }
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            into[e] = n - lo + 1;
        }
    }
}
