package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code cascades} and {@code incentives} of a score in a catalog document: read strictly, validated with the
 * goal tree, equal after a round trip through {@code Catalog.toBuilder()}, and applied when scoring.
 */
class CatalogIncentivesTest {

    /** The sales catalog of CatalogScoresTest with a revenue target cascaded by baseline and four paid owners. */
    static final String EXTRA = """
                cascades:
                  - kpi: revenue
                    total: 36000
                    split: baseline
                    units: {company: [north, south], north: [ana, ben], south: [cem]}
                    baselines: {ana: 10000, ben: 5000, cem: 15000}
                incentives:
                  curve: {threshold: {at: 50, pays: 0.5}, target: {at: 100, pays: 1}, maximum: {at: 120, pays: 1.5}}
                  owners:
                    - {owner: ana, achievement: revenue, incentive: 1000}
                    - {owner: ben, achievement: revenue, incentive: 1000}
                    - owner: cem
                      achievement: revenue
                      incentive: 2000
                      curve: {threshold: {at: 50, pays: 0.5}, target: {at: 100, pays: 1}, interpolation: stepped}
                    - {owner: north lead, entity: ben, score: growth, incentive: 500}
            """;

    static String yaml() throws Exception {
        return CatalogScoresTest.yaml() + EXTRA;
    }

    static Catalog catalog() throws Exception {
        return Catalog.read(yaml(), "scores.yaml");
    }

    @Test
    void read_cascadeAndIncentives_buildTheTreesParts_andRoundTrip() throws Exception {
        Catalog c = catalog();
        GoalTree t = c.goalTree("sales_health").orElseThrow();
        CascadedTarget revenue = t.cascade("revenue").orElseThrow();
        assertThat(revenue.split()).isEqualTo(CascadedTarget.Split.BASELINE);
        // by baseline share: north 15,000 of 30,000 -> 18,000; ana 10,000 of north's 15,000 -> 12,000
        assertThat(revenue.targets()).containsExactly(Map.entry("company", 36_000.0), Map.entry("north", 18_000.0),
                Map.entry("ana", 12_000.0), Map.entry("ben", 6_000.0), Map.entry("south", 18_000.0),
                Map.entry("cem", 18_000.0));
        IncentivePlan plan = t.incentives().orElseThrow();
        assertThat(plan.owners()).containsExactly("ana", "ben", "cem", "north lead");
        assertThat(plan.basis("north lead")).isEqualTo("score:growth");
        assertThat(plan.entity("north lead")).isEqualTo("ben");
        assertThat(plan.curve("cem").interpolation()).isEqualTo(PayoutCurve.Interpolation.STEPPED);
        assertThat(plan.curve("ana").toString()).isEqualTo("linear 50 -> 0.5, 100 -> 1, 120 -> 1.5 (cap)");
        assertThat(c.toBuilder().build()).isEqualTo(c);
        Catalog without = Catalog.read(CatalogScoresTest.yaml(), "scores.yaml");
        assertThat(without).isNotEqualTo(c);
        assertThat(c.toBuilder().build().goalTree("sales_health").orElseThrow().cascades()).containsExactly(revenue);
    }

    @Test
    void score_usesTheCascadedTargets_andPaysTheOwners_asComputedByHand() throws Exception {
        Catalog c = catalog();
        ScoreResults all = ScoreCard.of(c, "sales_health").score(CatalogScoresTest.results());
        Period jan = c.calendar().parse("2025-01");
        Period feb = c.calendar().parse("2025-02");
        Scores s = all.scores(jan).orElseThrow();
        // revenue in January: ana 12,000, ben 6,000, cem 13,000 against 12,000, 6,000 and 18,000
        assertThat(s.achievement("revenue", "ana")).isCloseTo(100, within(1e-9));
        assertThat(s.achievement("revenue", "ben")).isCloseTo(100, within(1e-9));
        assertThat(s.achievement("revenue", "cem")).isCloseTo(100 * 13_000 / 18_000.0, within(1e-9));
        assertThat(s.score("revenue", "cem").orElseThrow()).isCloseTo(100 * 13_000 / 18_000.0, within(1e-9));
        Map<Period, List<Payout>> paid = all.payouts();
        assertThat(paid.keySet()).containsExactly(jan, feb);
        List<Payout> j = paid.get(jan);
        assertThat(j).extracting(Payout::owner).containsExactly("ana", "ben", "cem", "north lead");
        assertThat(j.get(0).amount()).isCloseTo(1_000, within(1e-9));       // 100: the target, 1.0
        assertThat(j.get(1).amount()).isCloseTo(1_000, within(1e-9));
        assertThat(j.get(2).amount()).isCloseTo(1_000, within(1e-9));       // 72.2, stepped: the threshold's 0.5
        double growth = s.score("growth", "ben").orElseThrow();
        double multiple = growth < 50 ? 0 : growth < 100 ? 0.5 + 0.5 * (growth - 50) / 50
                : growth < 120 ? 1 + 0.5 * (growth - 100) / 20 : 1.5;
        assertThat(j.get(3).measure()).isEqualTo(growth);
        assertThat(j.get(3).amount()).isCloseTo(500 * multiple, within(1e-9));
        // February: ana 4,000 of 12,000 (33.3, below the threshold), ben 11,000 of 6,000 (183.3, capped at 1.5),
        // cem 10,000 of 18,000 (55.6, stepped 0.5)
        List<Payout> f = paid.get(feb);
        assertThat(f.get(0).measure()).isCloseTo(100 * 4_000 / 12_000.0, within(1e-9));
        assertThat(f.get(0).amount()).isZero();
        assertThat(f.get(1).amount()).isCloseTo(1_500, within(1e-9));
        assertThat(f.get(2).amount()).isCloseTo(1_000, within(1e-9));
        assertThat(revenueRollUp(all, feb)).containsEntry("north", 15_000.0).containsEntry("company", 25_000.0);
    }

    private static Map<String, Double> revenueRollUp(ScoreResults all, Period p) {
        Scores s = all.scores(p).orElseThrow();
        KpiMatrix m = s.matrix();
        Map<String, Double> values = new java.util.HashMap<>();
        for (String e : m.entities()) {
            values.put(e, m.value("revenue", m.indexOf(e)));
        }
        return all.tree().cascade("revenue").orElseThrow().rollUp(values);
    }

    @Test
    void score_explicitTargets_takePrecedenceOverTheCascade() throws Exception {
        Catalog c = catalog();
        Scores s = ScoreCard.of(c, "sales_health").score(CatalogScoresTest.results(),
                Map.of("revenue", Map.of("cem", 13_000.0))).all().get(0);
        assertThat(s.achievement("revenue", "cem")).isCloseTo(100, within(1e-9));
        assertThat(s.achievement("revenue", "ben")).isCloseTo(100, within(1e-9));
    }

    @Test
    void read_problems_areReportedAtTheirPlace_withDidYouMean() throws Exception {
        String yaml = yaml().replace("baselines: {ana: 10000, ben: 5000, cem: 15000}",
                        "baselines: {ana: 10000, ben: 5000, cme: 1}")
                .replace("{owner: ben, achievement: revenue,", "{owner: ben, achievement: revenue, score: growth,")
                .replace("interpolation: stepped", "interpolation: steped")
                .replace("target: {at: 100, pays: 1}, maximum", "target: {at: 100, pay: 1}, maximum");
        assertThat(CatalogScoresTest.problems(yaml)).isEqualTo("""
                scores.yaml has 5 problems:
                  scores.yaml:42:20: cascade of 'revenue' in score 'sales_health': unit must be a unit of the \
                cascade, but was 'cme'; did you mean 'cem'?
                  scores.yaml:44:55: 'target' of payout curve of incentives of score 'sales_health' is missing \
                required field 'pays'
                  scores.yaml:44:65: unknown field 'pay' in 'target' of payout curve of incentives of score \
                'sales_health'; did you mean 'pays'?
                  scores.yaml:47:11: owner 'ben' in incentives of score 'sales_health' must be paid on a node's \
                'score' or on a KPI's 'achievement': give one of them
                  scores.yaml:51:94: 'interpolation' in payout curve of owner 'cem' in incentives of score \
                'sales_health' must be one of [linear, stepped], but was 'steped'; did you mean 'stepped'?""");
    }

    @Test
    void read_cascadeOfAnotherKpi_andOwnersOfUnknownNodes_areTreeProblems_withDidYouMean() throws Exception {
        String yaml = yaml().replace("- kpi: revenue\n", "- kpi: revenu\n")
                .replace("score: growth, incentive: 500}", "score: grwoth, incentive: 500}")
                .replace("{owner: ana, achievement: revenue,", "{owner: ana, achievement: growth,");
        assertThat(CatalogScoresTest.problems(yaml)).isEqualTo("""
                scores.yaml has 3 problems:
                  scores.yaml:38:9: score 'sales_health': the target of 'revenu' is cascaded, but 'revenu' is not a \
                KPI of goal tree 'sales_health'; did you mean 'revenue'?
                  scores.yaml:46:11: score 'sales_health': owner 'ana' is paid on the achievement of 'growth', which \
                is not a KPI leaf of goal tree 'sales_health'
                  scores.yaml:52:11: score 'sales_health': owner 'north lead' is paid on the score of 'grwoth', which \
                is not a node of goal tree 'sales_health'; did you mean 'growth'?""");
        String units = CatalogScoresTest.problems(yaml().replace("north: [ana, ben], south: [cem]",
                "nord: [ana, ben], south: [cem]").replace("split: baseline", "split: weight"));
        assertThat(units).isEqualTo("""
                scores.yaml has 2 problems:
                  scores.yaml:40:16: 'split' in cascade of 'revenue' in score 'sales_health' must be one of [weights, \
                baseline], but was 'weight'; did you mean 'weights'?
                  scores.yaml:41:16: parent 'nord' of unit 'ana' is not a unit (cascade of 'revenue' in score \
                'sales_health')""");
    }
}
