package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.TargetStatus;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code scores} section of a catalog document, and scores over an engine's results. */
class CatalogScoresTest {

    static Catalog catalog() {
        return Catalog.read(CatalogScoresTest.class.getResourceAsStream("/catalogs/scores.yaml"), "scores.yaml");
    }

    static String yaml() throws Exception {
        return new String(CatalogScoresTest.class.getResourceAsStream("/catalogs/scores.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void read_scoresSection_buildsTheTree() {
        Catalog c = catalog();
        GoalTree t = c.goalTree("sales_health").orElseThrow();
        assertThat(c.goalTrees()).containsExactly(t);
        assertThat(t.entityDimensions()).containsExactly("salesperson");
        assertThat(t.missingPolicy()).isEqualTo(MissingComponents.renormalise(0.5));
        assertThat(t.outline()).isEqualTo("""
                sales_health (arithmetic)
                  growth 0.6 (geometric(floor 1))
                    revenue 0.7 achievement(0..120)
                    deals_won 0.3 min-max
                  service 0.4 (arithmetic)
                    nps 0.75 goalposts(0, 10)
                    response_hours 0.25 z-score
                """);
        assertThat(t.location("nps").toString()).isEqualTo("scores.yaml:35:13");
        assertThat(t.statuses().toString()).isEqualTo("red < 50 <= amber < 75 <= green");
        assertThat(t.lint(c)).isEmpty();
        assertThat(c.lint()).extracting(LintFinding::rule).doesNotContainAnyElementsOf(GoalTree.LINT_RULES);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void read_problems_areReportedAtTheirPlace_withDidYouMean() throws Exception {
        String yaml = yaml().replace("{kpi: deals_won, weight: 0.3}", "{kpi: deals_won, wieght: 0.3}")
                .replace("normalization: z-score", "normalization: z-scroe")
                .replace("aggregation: {method: geometric, floor: 1}", "aggregation: {method: geometric, flor: 1}");
        assertThatThrownBy(() -> Catalog.read(yaml, "scores.yaml")).isInstanceOf(CatalogException.class)
                .hasMessage("""
                        scores.yaml has 3 problems:
                          scores.yaml:27:42: unknown field 'flor' in aggregation of node 'growth'; did you mean 'floor'?
                          scores.yaml:30:30: unknown field 'wieght' in KPI 'deals_won'; did you mean 'weight'?
                          scores.yaml:36:50: 'method' in normalization of KPI 'response_hours' must be one of [min-max, \
                        min-max-over-time, goalposts, z-score, distance-to-target, achievement, percentile-rank, rank], \
                        but was 'z-scroe'; did you mean 'z-score'?""");
    }

    /** The message of reading a document, to pin the interesting lines of. */
    static String problems(String yaml) {
        try {
            Catalog.read(yaml, "scores.yaml");
            return "";
        } catch (CatalogException e) {
            return e.getMessage();
        }
    }

    @Test
    void read_catalogChecks_unknownKpi_entityDimensions_andIdsOfMetrics() throws Exception {
        String unknown = problems(yaml().replace("{kpi: deals_won, weight: 0.3}", "{kpi: deals_wno, weight: 0.3}"));
        assertThat(unknown).isEqualTo("scores.yaml:30:13: KPI 'deals_wno' of score 'sales_health' is not a metric of"
                + " the catalog; did you mean 'deals_won'?");
        String entity = problems(yaml().replace("entity: salesperson", "entity: region"));
        assertThat(entity).startsWith("scores.yaml has 4 problems:\n  scores.yaml:29:13: KPI 'revenue' is grouped by"
                + " [salesperson], but score 'sales_health' scores entities by [region]; every KPI of a score must be"
                + " grouped by its entity dimensions, or by none");
        String id = problems(yaml().replace("- id: growth", "- id: visits").replace("scores:",
                "  - {id: visits, aggregate: count, dimensions: [salesperson]}\nscores:"));
        assertThat(id).isEqualTo("scores.yaml:26:9: node 'visits' has the id of a metric; scores and metrics share"
                + " the result table, so give it another id");
        String pairwise = problems(yaml().replace("[[1, 3], [\"1/3\", 1]]", "[[1, 3], [\"1/2\", 1]]"));
        assertThat(pairwise).isEqualTo("scores.yaml:33:29: pairwise matrix cell (1, 2) is 3.0, so cell (2, 1) must be"
                + " its reciprocal 0.3333333333333333, but was 0.5");
    }

    @Test
    void lint_reportsVanityWeight_onlyLagging_andKpisInTwoBranches() throws Exception {
        String yaml = yaml().replace("indicator: leading}", "indicator: lagging, vanity: true}")
                .replace("tier: supporting, owner: Service}", "tier: supporting, owner: Service, indicator: lagging}")
                .replace("- {kpi: response_hours, normalization: z-score}",
                        "- {kpi: response_hours, normalization: z-score}\n          - {id: revenue_again, kpi: revenue}")
                .replace("weights: {pairwise: [[1, 3], [\"1/3\", 1]]}", "weights: equal");
        List<String> lint = Catalog.read(yaml, "scores.yaml").lint().stream()
                .filter(f -> GoalTree.LINT_RULES.contains(f.rule())).map(LintFinding::toString).toList();
        assertThat(lint).containsExactly(
                "scores.yaml:30:13: WARNING vanity-weighted: vanity metric 'deals_won' carries weight 0.3 in score"
                        + " 'sales_health'; weight a metric that informs decisions",
                "scores.yaml:18:5: WARNING only-lagging-kpis: every KPI of score 'sales_health' is a lagging"
                        + " indicator; add a leading indicator that drives them",
                "scores.yaml:37:13: WARNING kpi-in-two-branches: metric 'revenue' feeds 2 leaves [revenue,"
                        + " revenue_again] of score 'sales_health', so it counts more than once");
    }

    @Test
    void lint_reportsNormalisedWeights_inconsistentPairwise_andMissingTargets() {
        GoalTree t = GoalTree.builder("t").entity("salesperson").node("a", "t", 3).node("b", "t", 1)
                .kpi("revenue", "a", 1).kpi("deals_won", "b").kpi("nps", "b").kpi("response_hours", "b")
                .pairwise("b", new double[][] {{1, 1 / 4.0, 4}, {4, 1, 1 / 3.0}, {1 / 4.0, 3, 1}})
                .normalization("deals_won", Normalization.achievement())
                .build();
        assertThat(t.lint(catalog()).stream().map(LintFinding::toString).toList()).containsExactly(
                "goal tree 't': WARNING weights-normalised: the weights of the children of node 't' sum to 4.0,"
                        + " not 1; they were divided by their sum",
                "goal tree 't': WARNING inconsistent-pairwise: the pairwise matrix of node 'b' has consistency ratio"
                        + " 1.646 > 0.10; revise the judgements",
                "goal tree 't': WARNING missing-score-target: leaf 'deals_won' normalises by achievement(0..100) but"
                        + " neither it nor metric 'deals_won' has a target; entities without a target of their own get"
                        + " no score");
    }

    static KpiResults results() {
        MemorySource.Builder b = MemorySource.builder(catalog().source("deals").orElseThrow().schema()).name("deals");
        Object[][] rows = {
            {"2025-01-10", "ana", 9_000, 3, 8.0, 4.0}, {"2025-01-20", "ana", 3_000, 1, 9.0, 2.0},
            {"2025-01-11", "ben", 6_000, 2, 6.0, 6.0}, {"2025-01-12", "cem", 13_000, 5, null, 3.0},
            {"2025-02-03", "ana", 4_000, 1, 7.0, 5.0}, {"2025-02-04", "ben", 11_000, 4, 9.0, 1.0},
            {"2025-02-05", "cem", 10_000, 2, 5.0, 8.0},
        };
        for (Object[] r : rows) {
            b.row(LocalDate.parse((String) r[0]), r[1], new BigDecimal(r[2].toString()), ((Integer) r[3]).longValue(),
                    r[4] == null ? null : new BigDecimal(r[4].toString()), new BigDecimal(r[5].toString()));
        }
        return KpiEngine.builder().catalog(catalog()).build().evaluate(Map.of("deals", b.build()));
    }

    @Test
    void score_engineResults_perPeriodAndSalesperson_asTheSameMatrixBuiltByHand() {
        KpiResults results = results();
        ScoreCard card = ScoreCard.builder(catalog().goalTree("sales_health").orElseThrow()).catalog(catalog())
                .parallelism(2).build();
        ScoreResults all = card.score(results);
        Period jan = catalog().calendar().parse("2025-01");
        assertThat(all.periods()).extracting(Period::toString).containsExactly("2025-01", "2025-02");
        Scores s = all.scores(jan).orElseThrow();
        assertThat(s.entities()).containsExactly("ana", "ben", "cem");
        // the same month as a matrix: revenue 12,000 / 6,000 / 13,000; deals 4 / 2 / 5; nps 8.5 / 6 / none;
        // response hours 3 / 6 / 3; the revenue target 10,000 from the metric
        KpiMatrix m = KpiMatrix.builder("ana", "ben", "cem")
                .column("revenue", new double[] {12_000, 6_000, 13_000}).column("deals_won", new double[] {4, 2, 5})
                .column("nps", new double[] {8.5, 6, Double.NaN}).column("response_hours", new double[] {3, 6, 3})
                .build();
        Scores byHand = card.score(m);
        for (String e : s.entities()) {
            assertThat(s.score("sales_health", e).orElseThrow()).isCloseTo(
                    byHand.score("sales_health", e).orElseThrow(), within(1e-12));
        }
        // revenue achievement of ana: 12,000 / 10,000 = 120 points (the cap)
        assertThat(s.score("revenue", "ana").orElseThrow()).isCloseTo(120, within(1e-9));
        assertThat(s.value("nps", "cem").detail()).isEqualTo("no value of 'nps' for 'cem' in 2025-01: NO_ROWS: no"
                + " rows");
        List<KpiResult> cells = all.asKpiResults();
        assertThat(cells).extracting(KpiResult::metric).containsOnly("sales_health", "growth", "service");
        KpiResult ana = cells.stream().filter(r -> r.metric().equals("sales_health")
                && r.dimensions().equals(Map.of("salesperson", "ana")) && r.period().equals(jan)).findFirst()
                .orElseThrow();
        assertThat(ana.value().value()).isEqualTo(s.score("sales_health", "ana").orElseThrow());
        assertThat(card.unit().toString()).isEqualTo("score");
        assertThat(card.metadata("sales_health").targetStatus(80)).contains(TargetStatus.ON_TRACK);
    }

    @Test
    void score_kpiWithoutDimensions_appliesToEveryEntity() throws Exception {
        Catalog c = Catalog.read(yaml().replace("scores:", "  - {id: total_revenue, aggregate: sum, column: amount}"
                + "\nscores:"), "scores.yaml");
        MemorySource.Builder b = MemorySource.builder(c.source("deals").orElseThrow().schema()).name("deals");
        b.row(LocalDate.parse("2025-01-10"), "ana", new BigDecimal("9000"), 3L, null, new BigDecimal("4"));
        b.row(LocalDate.parse("2025-01-11"), "ben", new BigDecimal("6000"), 2L, null, new BigDecimal("6"));
        KpiResults r = KpiEngine.builder().catalog(c).build().evaluate(Map.of("deals", b.build()));
        GoalTree t = GoalTree.builder("t").entity("salesperson").kpi("revenue", "t", 1).kpi("total_revenue", "t", 1)
                .normalization("revenue", Normalization.goalposts(0, 10_000))
                .normalization("total_revenue", Normalization.goalposts(0, 30_000)).build();
        Scores s = ScoreCard.of(t).score(r).latest().orElseThrow();
        // the company's 15,000 is 50 points for both; ana 90 points of revenue, ben 60
        assertThat(s.score("total_revenue", "ana").orElseThrow()).isEqualTo(50);
        assertThat(s.score("total_revenue", "ben").orElseThrow()).isEqualTo(50);
        assertThat(s.score("t", "ana").orElseThrow()).isCloseTo(70, within(1e-9));
        assertThat(s.score("t", "ben").orElseThrow()).isCloseTo(55, within(1e-9));
    }

    @Test
    void score_resultsWithoutAKpi_orWithOtherDimensions_areRefused() {
        Catalog c = catalog();
        GoalTree other = GoalTree.builder("t").entity("region").kpi("revenue", "t", 1).build();
        assertThatThrownBy(() -> ScoreCard.of(other).score(results())).isInstanceOf(ScoreException.class)
                .hasMessage("metric 'revenue' is grouped by [salesperson], but score 't' scores entities by [region]");
        GoalTree missing = GoalTree.builder("t").entity("salesperson").kpi("revenu", "t", 1).build();
        assertThatThrownBy(() -> ScoreCard.of(missing).score(results())).isInstanceOf(ScoreException.class)
                .hasMessage("score 't' needs metric 'revenu', but the results hold [revenue, deals_won, nps,"
                        + " response_hours]; did you mean 'revenue'?");
        assertThatThrownBy(() -> ScoreCard.builder(missing).catalog(c).build())
                .hasMessage("KPI 'revenu' of goal tree 't' must be a metric of catalog scores.yaml; did you mean"
                        + " 'revenue'?");
    }

    /**
     * Results with grouping sets hold every KPI at several levels: a score reads the level of its entity
     * dimensions and nothing else (not the grand total as a value for every entity, not a finer level), so its
     * scores equal those of results computed at that level alone.
     */
    @Test
    void score_resultsWithGroupingSets_readTheEntityLevel_asResultsAtThatLevelAlone() throws Exception {
        Catalog c = Catalog.read(yaml().replace("amount: decimal,", "amount: decimal, team: category,")
                .replace("dimensions: [salesperson]", "sliceBy: [salesperson, team]"), "scores.yaml");
        Object[][] rows = {
            {"2025-01-10", "ana", "north", 9_000, 3, 8.0, 4.0}, {"2025-01-20", "ana", "south", 3_000, 1, 9.0, 2.0},
            {"2025-01-11", "ben", "north", 6_000, 2, 6.0, 6.0}, {"2025-01-12", "cem", "south", 13_000, 5, null, 3.0},
            {"2025-02-03", "ana", "north", 4_000, 1, 7.0, 5.0}, {"2025-02-04", "ben", "south", 11_000, 4, 9.0, 1.0},
            {"2025-02-05", "cem", "north", 10_000, 2, 5.0, 8.0},
        };
        java.util.function.Function<GroupingSets, KpiResults> evaluate = sets -> {
            MemorySource.Builder b = MemorySource.builder(c.source("deals").orElseThrow().schema()).name("deals");
            for (Object[] r : rows) {
                b.row(LocalDate.parse((String) r[0]), r[1], new BigDecimal(r[3].toString()), r[2],
                        ((Integer) r[4]).longValue(), r[5] == null ? null : new BigDecimal(r[5].toString()),
                        new BigDecimal(r[6].toString()));
            }
            return KpiEngine.builder().catalog(c).groupingSets(sets).build().evaluate(Map.of("deals", b.build()));
        };
        ScoreCard card = ScoreCard.builder(c.goalTree("sales_health").orElseThrow()).catalog(c).build();
        ScoreResults alone = card.score(evaluate.apply(GroupingSets.by("salesperson")));
        for (GroupingSets sets : List.of(GroupingSets.rollup("salesperson"), GroupingSets.cube("salesperson", "team"),
                GroupingSets.rollup("salesperson", "team").and(GroupingSets.by("team")))) {
            ScoreResults mixed = card.score(evaluate.apply(sets));
            assertThat(mixed.periods()).as(sets.toString()).isEqualTo(alone.periods());
            for (Period p : alone.periods()) {
                Scores a = alone.scores(p).orElseThrow();
                Scores m = mixed.scores(p).orElseThrow();
                assertThat(m.entities()).as(sets.toString()).containsExactly("ana", "ben", "cem");
                for (String e : a.entities()) {
                    for (String node : List.of("sales_health", "growth", "service", "revenue", "nps")) {
                        assertThat(m.score(node, e)).as("%s %s %s %s", sets, p, node, e).isEqualTo(a.score(node, e));
                    }
                }
            }
        }
        // a tree without entity dimensions scores the grand total of such results
        GoalTree whole = GoalTree.builder("t").kpi("revenue", "t", 1)
                .normalization("revenue", Normalization.goalposts(0, 40_000)).build();
        Scores total = ScoreCard.of(whole).score(evaluate.apply(GroupingSets.rollup("salesperson")))
                .scores(c.calendar().parse("2025-01")).orElseThrow();
        assertThat(total.score("revenue", total.entities().get(0)).orElseThrow()).isCloseTo(77.5, within(1e-9));
    }
}
