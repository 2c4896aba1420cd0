package io.kpiengine.core.score.internal;

import io.kpiengine.core.score.Normalization;
import java.util.Arrays;

/**
 * The statistics of one leaf's oriented values that its normalisation needs: min and max (min-max), mean and
 * sample standard deviation (z-score, two-pass), or the sorted values (percentile rank, rank). Taken over the
 * entities with a value; for min-max over time, merged over every period of the panel.
 */
public final class LeafStats {

    public final int count;
    public final double min;
    public final double max;
    public final double mean;
    public final double sd;
    /** The oriented values ascending (rank methods only), else null. */
    public final double[] sorted;

    private LeafStats(int count, double min, double max, double mean, double sd, double[] sorted) {
        this.count = count;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.sd = sd;
        this.sorted = sorted;
    }

    /**
     * The statistics of a leaf over one column.
     *
     * @param plan the plan
     * @param leaf the leaf
     * @param raw the raw values, NaN missing
     * @return the statistics
     */
    public static LeafStats of(TreePlan plan, int leaf, double[] raw) {
        Normalization.Method m = plan.normalization[leaf].method();
        int count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double x : raw) {
            if (!Double.isNaN(x)) {
                double v = plan.orient(leaf, x);
                count++;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
        }
        double mean = count == 0 ? Double.NaN : sum / count;
        double sd = Double.NaN;
        if (m == Normalization.Method.Z_SCORE && count >= 2) {
            double ss = 0;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    double d = plan.orient(leaf, x) - mean;
                    ss += d * d;
                }
            }
            sd = Math.sqrt(ss / (count - 1));
        }
        double[] sorted = null;
        if (m == Normalization.Method.PERCENTILE_RANK || m == Normalization.Method.RANK) {
            sorted = new double[count];
            int k = 0;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    sorted[k++] = plan.orient(leaf, x);
                }
            }
            Arrays.sort(sorted);
        }
        return new LeafStats(count, min, max, mean, sd, sorted);
    }

    /**
     * These statistics with min and max widened to another's (min-max over time).
     *
     * @param other the statistics of another period
     * @return the merged statistics
     */
    public LeafStats widen(LeafStats other) {
        return new LeafStats(count + other.count, Math.min(min, other.min), Math.max(max, other.max), mean, sd,
                sorted);
    }

    /**
     * The number of sorted values strictly below v: the rank of v minus 1, ties at their lowest rank.
     *
     * @param v an oriented value
     * @return the count below
     */
    public int below(double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
