package io.kpiengine.core.score;

import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of a goal tree for every period of an engine's results ({@link ScoreCard#score(
 * io.kpiengine.core.KpiResults)}), and the same scores as KPI result cells, so that a score is a KPI like any other
 * (unit {@code score}) for status rules, alerts, tracking and reports.
 *
 * <pre>{@code
 * ScoreResults all = card.score(results);
 * Scores march = all.scores(calendar.parse("2025-03")).orElseThrow();
 * List<KpiResult> cells = all.asKpiResults();    // metric = node id, dimensions = the entity dimensions
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreResults {

    private final ScoreCard card;
    private final List<Period> periods;
    private final List<PeriodStatus> statuses;
    private final List<Scores> scores;
    private final Map<String, Map<String, String>> entityDimensions;

    ScoreResults(ScoreCard card, List<Period> periods, List<PeriodStatus> statuses, List<Scores> scores,
            Map<String, Map<String, String>> entityDimensions) {
        this.card = card;
        this.periods = List.copyOf(periods);
        this.statuses = List.copyOf(statuses);
        this.scores = List.copyOf(scores);
        this.entityDimensions = Map.copyOf(entityDimensions);
    }

    /**
     * The goal tree.
     *
     * @return the tree
     */
    public GoalTree tree() {
        return card.tree();
    }

    /**
     * The periods with scores, ascending.
     *
     * @return an immutable list
     */
    public List<Period> periods() {
        return periods;
    }

    /**
     * The scores of every period, in period order.
     *
     * @return an immutable list
     */
    public List<Scores> all() {
        return scores;
    }

    /**
     * The scores of one period.
     *
     * @param period the period
     * @return the scores, or empty when the results have no cell of a KPI of the tree in that period
     */
    public Optional<Scores> scores(Period period) {
        int i = periods.indexOf(Objects.requireNonNull(period, "period"));
        return i < 0 ? Optional.empty() : Optional.of(scores.get(i));
    }

    /**
     * The scores of the last period.
     *
     * @return the scores, or empty when there is no period
     */
    public Optional<Scores> latest() {
        return scores.isEmpty() ? Optional.empty() : Optional.of(scores.get(scores.size() - 1));
    }

    /**
     * The scores of every inner node (the root first, then pre-order) as KPI result cells: metric = node id,
     * dimensions = the entity's dimension values, value = the score or no value ({@code MISSING_INPUT}, with the
     * reason and detail of the {@link ScoreValue}), status = the period's (partial if an input cell is), rows 0.
     *
     * @return an immutable list, by node, then entity, then period
     */
    public List<KpiResult> asKpiResults() {
        List<KpiResult> out = new ArrayList<>();
        for (GoalNode n : card.tree().nodes()) {
            if (n.isLeaf()) {
                continue;
            }
            Map<String, List<KpiResult>> byEntity = new LinkedHashMap<>();
            for (int p = 0; p < periods.size(); p++) {
                Scores s = scores.get(p);
                for (String entity : s.entities()) {
                    ScoreValue v = s.value(n.id(), entity);
                    KpiValue value = v.isPresent() ? KpiValue.of(v.score())
                            : KpiValue.none(NoValueReason.MISSING_INPUT, v.reason() + ": " + v.detail());
                    byEntity.computeIfAbsent(entity, e -> new ArrayList<>()).add(new KpiResult(n.id(),
                            periods.get(p), entityDimensions.getOrDefault(entity, Map.of()), value, statuses.get(p),
                            0));
                }
            }
            byEntity.values().forEach(out::addAll);
        }
        return List.copyOf(out);
    }

    /**
     * The tree's {@linkplain GoalTree#incentives() incentives} paid in every period.
     *
     * <pre>{@code
     * all.payouts().forEach((period, paid) -> paid.forEach(p -> System.out.println(period + " " + p)));
     * }</pre>
     *
     * @return period to the payouts of the plan's owners (in the plan's order), ascending; empty when the tree pays
     *     no incentives
     */
    public Map<Period, List<Payout>> payouts() {
        Map<Period, List<Payout>> out = new LinkedHashMap<>();
        card.tree().incentives().ifPresent(plan -> {
            for (int p = 0; p < periods.size(); p++) {
                out.put(periods.get(p), plan.pay(scores.get(p)));
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "ScoreResults[" + card.tree().id() + ", " + periods.size() + " periods]";
    }
}
