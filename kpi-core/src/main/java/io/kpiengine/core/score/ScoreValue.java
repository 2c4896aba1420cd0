package io.kpiengine.core.score;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The score of one node of a goal tree for one entity in one period, with what it rests on: the coverage (the
 * share of the node's weight whose components had a score) and the components that were missing, whatever the
 * missing policy did with them; or, when there is no score, the reason and a sentence naming the component
 * concerned. For a leaf, the score is the KPI's normalised value.
 *
 * <pre>{@code
 * ScoreValue v = scores.value("sales_health", "bob");
 * if (v.isPresent()) {
 *     System.out.println(v.score() + " on " + v.coverage() * 100 + "% of the weight, missing " + v.missing());
 * } else {
 *     System.out.println(v.reason() + ": " + v.detail());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the node id
 * @param entity the entity
 * @param score the score, NaN when there is none
 * @param coverage the share of the node's weight whose components had a score, 0..1 (1 for a leaf with a value,
 *     0 for a leaf without)
 * @param missing the ids of the node's children without a score, in child order
 * @param reason why there is no score, or null when there is one
 * @param detail a sentence explaining the missing score, or null when there is one
 */
public record ScoreValue(String node, String entity, double score, double coverage, List<String> missing,
        @Nullable NoScoreReason reason, @Nullable String detail) {

    /**
     * Validates and copies the components.
     *
     * @param node the node id
     * @param entity the entity
     * @param score the score, NaN when there is none
     * @param coverage the share of the node's weight whose components had a score
     * @param missing the ids of the node's children without a score
     * @param reason why there is no score, or null when there is one
     * @param detail a sentence explaining the missing score, or null when there is one
     * @throws NullPointerException if node, entity or missing is null
     * @throws IllegalArgumentException if a NaN score has no reason or a number has one
     */
    public ScoreValue {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(entity, "entity");
        missing = List.copyOf(missing);
        if (Double.isNaN(score) != (reason != null) || (reason == null) != (detail == null)) {
            throw new IllegalArgumentException("a score without a value must carry a reason and a detail, and a"
                    + " score with one neither, but was " + score + " with " + reason);
        }
    }

    /**
     * Whether there is a score.
     *
     * @return true if present
     */
    public boolean isPresent() {
        return reason == null;
    }

    /**
     * The score as an optional number.
     *
     * @return the score, or empty
     */
    public OptionalDouble asDouble() {
        return isPresent() ? OptionalDouble.of(score) : OptionalDouble.empty();
    }

    /**
     * The score and what it rests on, or the reason there is none.
     *
     * @return {@code 72.4 (coverage 0.8; missing [nps])}, or {@code no score (MISSING_COMPONENT: ...)}
     */
    @Override
    public String toString() {
        if (!isPresent()) {
            return "no score (" + reason + ": " + detail + ")";
        }
        return score + (missing.isEmpty() ? "" : " (coverage " + coverage + "; missing " + missing + ")");
    }
}
