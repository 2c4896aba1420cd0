package io.kpiengine.core.score;

import java.util.Objects;

/**
 * What it takes to lift a node's score by moving one KPI: the raw value the KPI would need, everything else held
 * as it is (the other KPIs, and the period's normalisation statistics and other entities). See
 * {@link Scores#whatItTakes(String, String, double)} and {@link Scores#nextStatus(String, String)}.
 *
 * <pre>{@code
 * scores.nextStatus("sales_health", "bob").ifPresent(l -> System.out.println(
 *         "raise " + l.kpi() + " from " + l.current() + " to " + l.required()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param node the node to lift
 * @param entity the entity
 * @param leaf the leaf that moves
 * @param kpi the leaf's metric
 * @param current the KPI's raw value now
 * @param required the raw value that reaches the goal, NaN when infeasible
 * @param fromScore the node's score now
 * @param toScore the node's score at the required value (at least the goal), NaN when infeasible
 * @param cost the size of the move: {@code |required - current|} in standard deviations of the KPI across the
 *     period's entities, or relative to {@code |current|} when there is no spread (fewer than two entities), or
 *     {@code |required - current|} when the current value is 0 too; infinite when infeasible
 * @param feasible whether moving this KPI alone can reach the goal
 * @param detail a sentence: the move, or why it cannot reach the goal
 */
public record ScoreLift(String node, String entity, String leaf, String kpi, double current, double required,
        double fromScore, double toScore, double cost, boolean feasible, String detail) {

    /**
     * Validates the components.
     *
     * @param node the node to lift
     * @param entity the entity
     * @param leaf the leaf that moves
     * @param kpi the leaf's metric
     * @param current the KPI's raw value now
     * @param required the raw value that reaches the goal, NaN when infeasible
     * @param fromScore the node's score now
     * @param toScore the node's score at the required value, NaN when infeasible
     * @param cost the size of the move, infinite when infeasible
     * @param feasible whether moving this KPI alone can reach the goal
     * @param detail a sentence: the move, or why it cannot reach the goal
     * @throws NullPointerException if a text is null
     */
    public ScoreLift {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The change of the KPI's raw value.
     *
     * @return {@code required - current}, NaN when infeasible
     */
    public double change() {
        return required - current;
    }

    @Override
    public String toString() {
        return detail;
    }
}
