package io.kpiengine.core.score;

import java.util.Objects;

/**
 * One entity's place in the ranking of a node's scores: rank 1 is the best score; equal scores share the
 * smallest rank of their group and the next rank is skipped (pandas {@code rank(method='min', ascending=False)},
 * "1224" ranking). Scores are compared rounded to 9 decimal places, so that scores equal in exact arithmetic
 * but summed from different contributions tie.
 *
 * <pre>{@code
 * for (RankedEntity r : scores.ranking("sales_health")) {
 *     System.out.println(r.rank() + ". " + r.entity() + " " + r.score());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param entity the entity
 * @param score its score
 * @param rank its rank, 1 for the best
 */
public record RankedEntity(String entity, double score, int rank) {

    /**
     * Validates the components.
     *
     * @param entity the entity
     * @param score its score
     * @param rank its rank, 1 for the best
     * @throws NullPointerException if entity is null
     */
    public RankedEntity {
        Objects.requireNonNull(entity, "entity");
    }
}
