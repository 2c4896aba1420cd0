package io.kpiengine.core.score;

import java.util.Objects;

/**
 * What a node of a {@link GoalTree} does when some of its children have no score for an entity: renormalise the
 * weights of the others, count the missing ones as a penalty value, or have no score. Whatever the policy, every
 * {@link ScoreValue} reports its coverage (the share of the node's weight that had a score) and the components
 * that were missing.
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>policy</th><th>score</th></tr>
 *   <tr><td>{@link #renormalise()}, {@link #renormalise(double)}</td><td>the aggregate of the children with a
 *       score, their weights divided by their sum (the coverage); no score ({@link NoScoreReason#LOW_COVERAGE})
 *       when the coverage is below the minimum or zero</td></tr>
 *   <tr><td>{@link #penalise(double)}</td><td>a missing child counts as the given points (such as 0, the worst
 *       min-max value)</td></tr>
 *   <tr><td>{@link #noScore()}</td><td>no score ({@link NoScoreReason#MISSING_COMPONENT}) as soon as one child
 *       has none</td></tr>
 * </table>
 *
 * <pre>{@code
 * MissingComponents.renormalise(0.7);   // score on what is there, if it carries at least 70% of the weight
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MissingComponents {

    /** The kinds of policy. */
    public enum Kind {
        /** Renormalise the weights of the children with a score. */
        RENORMALISE,
        /** Count a missing child as a penalty value. */
        PENALISE,
        /** No score when a child has none. */
        NO_SCORE
    }

    private static final MissingComponents RENORMALISE = new MissingComponents(Kind.RENORMALISE, 0);
    private static final MissingComponents NO_SCORE = new MissingComponents(Kind.NO_SCORE, 0);

    private final Kind kind;
    private final double value;

    private MissingComponents(Kind kind, double value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Renormalise the weights of the children that have a score, whatever their share of the weight.
     *
     * @return the policy
     */
    public static MissingComponents renormalise() {
        return RENORMALISE;
    }

    /**
     * Renormalise the weights of the children that have a score if they carry at least the given share.
     *
     * @param minCoverage the smallest share of the node's weight, 0..1
     * @return the policy
     * @throws IllegalArgumentException if minCoverage is outside 0..1
     */
    public static MissingComponents renormalise(double minCoverage) {
        if (!(minCoverage >= 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("minCoverage must be between 0 and 1, but was " + minCoverage);
        }
        return minCoverage == 0 ? RENORMALISE : new MissingComponents(Kind.RENORMALISE, minCoverage);
    }

    /**
     * Count a child without a score as the given points.
     *
     * @param points the points of a missing child, such as 0
     * @return the policy
     * @throws IllegalArgumentException if points is not finite
     */
    public static MissingComponents penalise(double points) {
        if (!Double.isFinite(points)) {
            throw new IllegalArgumentException("points must be finite, but was " + points);
        }
        return new MissingComponents(Kind.PENALISE, points);
    }

    /**
     * No score when a child has none.
     *
     * @return the policy
     */
    public static MissingComponents noScore() {
        return NO_SCORE;
    }

    /**
     * The kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The minimum coverage (renormalise) or the penalty points (penalise).
     *
     * @return the value; 0 for no-score
     */
    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MissingComponents p && p.kind == kind && Double.compare(p.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value);
    }

    /**
     * The policy as in documents: {@code renormalise}, {@code renormalise(min 0.7)}, {@code penalise(0)},
     * {@code no-score}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        switch (kind) {
            case RENORMALISE:
                return value == 0 ? "renormalise" : "renormalise(min " + Normalization.num(value) + ")";
            case PENALISE:
                return "penalise(" + Normalization.num(value) + ")";
            default:
                return "no-score";
        }
    }
}
