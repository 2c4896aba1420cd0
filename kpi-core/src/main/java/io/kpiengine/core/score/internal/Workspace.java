package io.kpiengine.core.score.internal;

/**
 * The arrays one scoring of one period fills, per node and entity: the node's points (a leaf's normalised value,
 * an inner node's score), its contribution to its parent, its contribution to the root, the coverage of inner
 * nodes, and a reason code where there is no value (0 = present, else {@code NoScoreReason.ordinal() + 1}).
 * About {@code 3 x nodes x entities} doubles.
 */
public final class Workspace {

    public final int entities;
    public final double[][] value;
    public final double[][] contribution;
    public final double[][] top;
    public final double[][] coverage;
    public final byte[][] reason;
    /**
     * Optional, per leaf: {@code ln v} (geometric parent) or {@code 1 / v} (harmonic parent) of the leaf's points
     * after its parent's floor or shift, NaN where not positive; computed once by an audit whose leaf points stay
     * fixed across draws, so that a draw sums instead of taking logarithms. Null entries (or a null array) mean
     * "compute".
     */
    public double[][] transformed;

    /**
     * Allocates the arrays.
     *
     * @param plan the plan
     * @param entities the number of entities
     */
    public Workspace(TreePlan plan, int entities) {
        this.entities = entities;
        value = new double[plan.size][];
        contribution = new double[plan.size][];
        top = new double[plan.size][];
        coverage = new double[plan.size][];
        reason = new byte[plan.size][];
        for (int i = 0; i < plan.size; i++) {
            value[i] = new double[entities];
            contribution[i] = i == 0 ? value[0] : new double[entities];
            top[i] = new double[entities];
            coverage[i] = plan.leaf[i] ? null : new double[entities];
            reason[i] = new byte[entities];
        }
    }
}
