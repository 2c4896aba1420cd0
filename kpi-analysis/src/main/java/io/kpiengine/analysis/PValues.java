package io.kpiengine.analysis;

import java.util.Objects;

/**
 * Multiple-testing adjustments of p-values, as statsmodels 0.13 {@code multipletests(p, method=...)[1]} returns them
 * (in the input order).
 *
 * <ul>
 *   <li>{@link #holm(double...) Holm} (step-down, controls the family-wise error rate): with the p-values sorted
 *       ascending {@code p(1) <= ... <= p(m)}, {@code adj(i) = min(1, max over j <= i of (m - j + 1) p(j))}.</li>
 *   <li>{@link #benjaminiHochberg(double...) Benjamini–Hochberg} (step-up, controls the false discovery rate under
 *       independence or positive dependence): {@code adj(i) = min(1, min over j >= i of m p(j) / j)}.</li>
 * </ul>
 * Both are monotone: a smaller raw p-value never gets a larger adjusted one. Reject the hypotheses whose adjusted
 * p-value is at most the level (the FWER or FDR level).
 *
 * <pre>{@code
 * double[] q = PValues.benjaminiHochberg(0.01, 0.04, 0.03, 0.005);   // 0.02, 0.04, 0.04, 0.02
 * }</pre>
 */
public final class PValues {

    private PValues() {
    }

    /**
     * Returns Holm-adjusted p-values.
     *
     * @param p the raw p-values, each in [0, 1]
     * @return a new array of adjusted p-values in the input order
     * @throws NullPointerException if {@code p} is null
     * @throws IllegalArgumentException if a p-value is NaN or outside [0, 1]
     */
    public static double[] holm(double... p) {
        int[] order = sortedOrder(p);
        int m = p.length;
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /**
     * Returns Benjamini–Hochberg-adjusted p-values (q-values).
     *
     * @param p the raw p-values, each in [0, 1]
     * @return a new array of adjusted p-values in the input order
     * @throws NullPointerException if {@code p} is null
     * @throws IllegalArgumentException if a p-value is NaN or outside [0, 1]
     */
    public static double[] benjaminiHochberg(double... p) {
        int[] order = sortedOrder(p);
        int m = p.length;
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m - 1; rank >= 0; rank--) {
            int i = order[rank];
            running = Math.min(running, m * p[i] / (rank + 1));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /** Returns the indices of p sorted by ascending value (stable), after checking the values. */
    static int[] sortedOrder(double[] p) {
        Objects.requireNonNull(p, "p");
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1], but p[" + i + "] was " + p[i]);
            }
        }
        Integer[] boxed = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            boxed[i] = i;
        }
        java.util.Arrays.sort(boxed, (a, b) -> Double.compare(p[a], p[b]));
        int[] order = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
