package io.kpiengine.core.score;

import java.util.List;
import java.util.Objects;

/**
 * Weights derived from a pairwise-comparison matrix by the analytic hierarchy process, with Saaty's consistency
 * measures: see {@link Weights#pairwise(double[][])}.
 *
 * <pre>{@code
 * AhpResult ahp = Weights.pairwise(new double[][] {{1, 3, 5}, {1 / 3.0, 1, 2}, {1 / 5.0, 1 / 2.0, 1}});
 * ahp.weights();            // [0.648, 0.230, 0.122]
 * ahp.isConsistent();       // true: consistency ratio 0.003 <= 0.10
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param weights the principal eigenvector, normalised to sum to 1, in the order of the matrix rows
 * @param lambdaMax the principal eigenvalue
 * @param consistencyIndex {@code CI = (λmax - n) / (n - 1)}, 0 for n &lt;= 2
 * @param consistencyRatio {@code CR = CI / RI(n)} with Saaty's random index; 0 for n &lt;= 2
 * @param iterations the power iterations until convergence
 */
public record AhpResult(List<Double> weights, double lambdaMax, double consistencyIndex, double consistencyRatio,
        int iterations) {

    /** The largest consistency ratio Saaty accepts: 0.10. */
    public static final double ACCEPTABLE_RATIO = 0.10;

    /**
     * Validates and copies the components.
     *
     * @param weights the principal eigenvector, normalised to sum to 1, in the order of the matrix rows
     * @param lambdaMax the principal eigenvalue
     * @param consistencyIndex {@code CI = (λmax - n) / (n - 1)}, 0 for n &lt;= 2
     * @param consistencyRatio {@code CR = CI / RI(n)} with Saaty's random index; 0 for n &lt;= 2
     * @param iterations the power iterations until convergence
     * @throws NullPointerException if weights is null
     */
    public AhpResult {
        weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
    }

    /**
     * Whether the judgements are consistent enough: {@code CR <= 0.10}.
     *
     * @return true if acceptable
     */
    public boolean isConsistent() {
        return consistencyRatio <= ACCEPTABLE_RATIO;
    }
}
