package io.kpiengine.core.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Weights for the children of a goal-tree node: equal, normalised from priorities, or derived from a
 * pairwise-comparison matrix by the analytic hierarchy process (AHP).
 *
 * <pre>{@code
 * double[] w = Weights.equal(4);                       // [0.25, 0.25, 0.25, 0.25]
 * double[] p = Weights.normalise(3, 2, 1);              // [0.5, 0.333, 0.167]
 * AhpResult ahp = Weights.pairwise(new double[][] {{1, 3}, {1 / 3.0, 1}});   // [0.75, 0.25]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Weights {

    /**
     * Saaty's random consistency index RI(n) for n = 1..15 (Saaty, <i>The Analytic Hierarchy Process</i>, 1980,
     * for n up to 10; Saaty 2012 for 11 to 15): the mean consistency index of random reciprocal matrices.
     */
    private static final double[] RANDOM_INDEX = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51,
        1.48, 1.56, 1.57, 1.59};

    /** The largest matrix {@link #pairwise(double[][])} accepts: 15, the end of the random index table. */
    public static final int MAX_PAIRWISE = 15;

    /** How far {@code a_ij a_ji} may be from 1: 1%, so that 1/3 may be written 0.333. */
    public static final double RECIPROCAL_TOLERANCE = 0.01;

    private static final double CONVERGED = 1e-12;
    private static final int MAX_ITERATIONS = 10_000;

    private Weights() {
    }

    /**
     * Equal weights.
     *
     * @param n the number of children, at least 1
     * @return n weights of {@code 1 / n}
     * @throws IllegalArgumentException if n is below 1
     */
    public static double[] equal(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, but was " + n);
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }

    /**
     * Priorities divided by their sum.
     *
     * @param priorities non-negative, finite, not all zero
     * @return the weights, summing to 1
     * @throws IllegalArgumentException if a priority is negative or not finite, or all are zero
     */
    public static double[] normalise(double... priorities) {
        double sum = 0;
        for (double p : priorities) {
            if (!(p >= 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("a priority must be non-negative and finite, but was " + p);
            }
            sum += p;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("priorities must not all be zero");
        }
        double[] w = new double[priorities.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = priorities[i] / sum;
        }
        return w;
    }

    /**
     * Weights from a pairwise-comparison matrix by the analytic hierarchy process (Saaty 1980): {@code a_ij} says
     * how much more important child i is than child j (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9
     * extremely), {@code a_ji = 1 / a_ij}.
     *
     * <p>The weights are the principal eigenvector of the matrix, found by power iteration:
     * {@code w_0 = (1/n, ..., 1/n)}, {@code w_k+1 = A w_k / |A w_k|_1}, until no component changes by more than
     * 1e-12. A matrix with positive entries has by Perron-Frobenius a simple, strictly dominant eigenvalue with a
     * positive eigenvector, so the iteration converges geometrically at the rate {@code |λ2 / λ1|}; a consistent
     * matrix converges in one step. {@code λmax} is the mean of {@code (A w)_i / w_i}; the consistency index
     * {@code CI = (λmax - n) / (n - 1)} and ratio {@code CR = CI / RI(n)} with Saaty's random index
     * (n = 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48,
     * 13: 1.56, 14: 1.57, 15: 1.59). {@code CR <= 0.10} is acceptable; goal-tree lint flags larger ratios.
     *
     * <pre>{@code
     * AhpResult ahp = Weights.pairwise(new double[][] {
     *         {1, 3, 5},
     *         {1 / 3.0, 1, 2},
     *         {1 / 5.0, 1 / 2.0, 1}});
     * }</pre>
     *
     * @param matrix a square matrix of 1 to {@value #MAX_PAIRWISE} rows, positive and finite, 1 on the
     *     diagonal, reciprocal within {@value #RECIPROCAL_TOLERANCE} ({@code |a_ij a_ji - 1| <= 0.01})
     * @return the weights and consistency
     * @throws NullPointerException if matrix or a row is null
     * @throws IllegalArgumentException if the matrix breaks a rule above; the message names the cell
     */
    public static AhpResult pairwise(double[][] matrix) {
        String problem = pairwiseProblem(matrix);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int n = matrix.length;
        double[] w = equal(n);
        double[] next = new double[n];
        int iterations = 0;
        double change = Double.MAX_VALUE;
        while (change > CONVERGED && iterations < MAX_ITERATIONS) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += matrix[i][j] * w[j];
                }
                next[i] = s;
                sum += s;
            }
            change = 0;
            for (int i = 0; i < n; i++) {
                next[i] /= sum;
                change = Math.max(change, Math.abs(next[i] - w[i]));
            }
            double[] t = w;
            w = next;
            next = t;
            iterations++;
        }
        double lambda = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += matrix[i][j] * w[j];
            }
            lambda += s / w[i];
        }
        lambda /= n;
        double ci = n <= 2 ? 0 : (lambda - n) / (n - 1);
        double cr = n <= 2 ? 0 : ci / RANDOM_INDEX[n];
        List<Double> weights = new ArrayList<>();
        for (double x : w) {
            weights.add(x);
        }
        return new AhpResult(weights, lambda, ci, cr, iterations);
    }

    /**
     * The first rule a pairwise matrix breaks, as a message, or null.
     *
     * @param matrix the matrix
     * @return the message or null
     */
    static @Nullable String pairwiseProblem(double[][] matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int n = matrix.length;
        if (n < 1 || n > MAX_PAIRWISE) {
            return "a pairwise matrix must have 1 to " + MAX_PAIRWISE + " rows, but had " + n;
        }
        for (int i = 0; i < n; i++) {
            if (Objects.requireNonNull(matrix[i], "row").length != n) {
                return "a pairwise matrix must be square, but row " + (i + 1) + " has " + matrix[i].length
                        + " values for " + n + " rows";
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = matrix[i][j];
                String cell = "pairwise matrix cell (" + (i + 1) + ", " + (j + 1) + ")";
                if (!(a > 0) || !Double.isFinite(a)) {
                    return cell + " must be positive and finite, but was " + a;
                }
                if (i == j && a != 1) {
                    return cell + " must be 1 (a child is as important as itself), but was " + a;
                }
                if (j > i && Math.abs(a * matrix[j][i] - 1) > RECIPROCAL_TOLERANCE) {
                    return cell + " is " + a + ", so cell (" + (j + 1) + ", " + (i + 1) + ") must be its"
                            + " reciprocal " + (1 / a) + ", but was " + matrix[j][i];
                }
            }
        }
        return null;
    }
}
