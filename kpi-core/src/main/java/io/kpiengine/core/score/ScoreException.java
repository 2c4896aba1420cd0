package io.kpiengine.core.score;

import io.kpiengine.base.KpiException;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when results cannot be scored by a goal tree: a KPI of the tree is not in the results, or it is grouped
 * by other dimensions than the tree's entities. The message names the score, the metric and the rule, with "did
 * you mean" where a near name exists.
 *
 * <pre>{@code
 * try {
 *     ScoreResults s = card.score(results);
 * } catch (ScoreException e) {
 *     System.err.println(e.score() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class ScoreException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The score's id. */
    private final String score;
    /** The metrics concerned. */
    private final transient List<String> metrics;

    /**
     * Creates the exception.
     *
     * @param score the score's (tree's) id
     * @param metrics the metrics concerned
     * @param message what is wrong
     */
    ScoreException(String score, List<String> metrics, String message) {
        super(message);
        this.score = Objects.requireNonNull(score, "score");
        this.metrics = List.copyOf(metrics);
    }

    /**
     * The id of the score (the goal tree) that could not be computed.
     *
     * @return the id
     */
    public String score() {
        return score;
    }

    /**
     * The metrics concerned.
     *
     * @return an immutable list
     */
    public List<String> metrics() {
        return metrics == null ? List.of() : metrics;
    }
}
