package io.kpiengine.core.score;

/**
 * Why a node of a goal tree has no score for an entity in a period. A score is never a silent NaN: the
 * {@link ScoreValue} of a missing score carries one of these and a sentence naming the component concerned.
 *
 * <pre>{@code
 * ScoreValue v = scores.value("sales_health", "alice");
 * if (!v.isPresent() && v.reason() == NoScoreReason.MISSING_COMPONENT) { ... }
 * }</pre>
 */
public enum NoScoreReason {
    /** The KPI of a leaf has no value for the entity in the period (the detail carries the input's reason). */
    MISSING_INPUT,
    /** The leaf's normalisation needs a target (achievement, distance to target) and none is known. */
    NO_TARGET,
    /**
     * The normalisation is undefined for the period: every entity has the same value (min-max, z-score), fewer
     * than two entities have a value (z-score, percentile rank), or the target is 0 (distance to target,
     * achievement).
     */
    UNDEFINED_NORMALISATION,
    /** A component has no score and the missing policy is "no score". */
    MISSING_COMPONENT,
    /** The weight of the components that have a score is below the policy's minimum coverage (or is zero). */
    LOW_COVERAGE,
    /**
     * A component of a geometric or harmonic mean is zero or negative and the rule for non-positive values is
     * "refuse" (or the shift is too small to make it positive).
     */
    NON_POSITIVE
}
