package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.Alert;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.KpiStatus;
import io.kpiengine.core.track.PlannedTarget;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.core.track.TrackingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A score is a KPI for tracking: targets, status rules and alert rules on a goal tree's node, from the catalog
 * document and from the Java API, checked like those on metrics.
 */
class ScoreTrackingTest {

    static final String TRACKING = """
            tracking:
              metrics:
                sales_health:
                  statusRules: [{status: on-track, when: "value >= 60"}, {status: off-track}]
              targets:
                - {metric: sales_health, value: 80}
                - {metric: growth, value: 90, segment: {salesperson: ana}}
            alerts:
              - {id: health-low, metric: sales_health, kind: threshold, below: 50}
            """;

    static Catalog catalog(String tracking) throws Exception {
        return Catalog.read(CatalogScoresTest.yaml() + tracking, "scores.yaml");
    }

    /** The scores of every salesperson in every month, computed by the score card alone. */
    static ScoreResults scores(Catalog c, KpiResults results) {
        return ScoreCard.builder(c.goalTree("sales_health").orElseThrow()).catalog(c).build().score(results);
    }

    @Test
    void track_documentPlanOnAScore_tracksItsNodesPerEntity_withTargetsStatusRulesAndAlerts() throws Exception {
        Catalog c = catalog(TRACKING);
        KpiResults results = CatalogScoresTest.results();
        Scorecard card = Tracker.builder(c).parallelism(2).build().track(results);
        ScoreResults expected = scores(c, results);
        List<String> low = new ArrayList<>();
        int checked = 0;
        for (Period p : expected.periods()) {
            Scores s = expected.scores(p).orElseThrow();
            for (String e : s.entities()) {
                Map<String, String> seg = Map.of("salesperson", e);
                ScorecardRow row = card.row("sales_health", p, seg).orElseThrow();
                double v = s.score("sales_health", e).orElseThrow();
                assertThat(row.value().getAsDouble()).isEqualTo(v);
                assertThat(row.target().getAsDouble()).isEqualTo(80);
                // achievement of a higher-is-better KPI with a positive target: 100 v / t
                assertThat(row.achievement().getAsDouble()).isCloseTo(100 * v / 80, within(1e-9));
                assertThat(row.status()).isEqualTo(v >= 60 ? KpiStatus.ON_TRACK : KpiStatus.OFF_TRACK);
                if (v < 50) {
                    low.add(e + " " + p);
                }
                // growth: ana's planned 90; the plan sets growth's short-term target, so the others have none
                ScorecardRow growth = card.row("growth", p, seg).orElseThrow();
                assertThat(growth.value().getAsDouble()).isEqualTo(s.score("growth", e).orElseThrow());
                assertThat(growth.target()).isEqualTo(e.equals("ana") ? java.util.OptionalDouble.of(90)
                        : java.util.OptionalDouble.empty());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6);
        assertThat(card.rows()).extracting(ScorecardRow::metric).contains("service")
                .doesNotContain("revenue_again");
        // an alert is open in the months below 50 and resolved in the month after such a month that is not
        List<String> open = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (ScorecardRow r : card.rows()) {
            for (Alert a : r.alerts()) {
                String at = r.segment().get("salesperson") + " " + r.period();
                (a.state() == Alert.State.RESOLVED ? resolved : open).add(at);
            }
        }
        List<String> expectResolved = new ArrayList<>();
        for (String e : expected.scores(expected.periods().get(0)).orElseThrow().entities()) {
            for (int i = 1; i < expected.periods().size(); i++) {
                if (low.contains(e + " " + expected.periods().get(i - 1)) && !low.contains(e + " "
                        + expected.periods().get(i))) {
                    expectResolved.add(e + " " + expected.periods().get(i));
                }
            }
        }
        assertThat(open).containsExactlyInAnyOrderElementsOf(low).isNotEmpty();
        assertThat(resolved).containsExactlyInAnyOrderElementsOf(expectResolved);
        assertThat(card.alerts()).extracting(Alert::metric).containsOnly("sales_health");
    }

    @Test
    void track_withoutAPlanOnScores_tracksThemOnlyWhenAsked() throws Exception {
        Catalog c = CatalogScoresTest.catalog();
        KpiResults results = CatalogScoresTest.results();
        assertThat(Tracker.of(c).track(results).rows()).extracting(ScorecardRow::metric)
                .doesNotContain("sales_health", "growth", "service");
        Scorecard all = Tracker.builder(c).scores().build().track(results);
        assertThat(all.rows()).extracting(ScorecardRow::metric).contains("revenue", "sales_health", "growth",
                "service");
        Period feb = c.calendar().parse("2025-02");
        double cem = scores(c, results).scores(feb).orElseThrow().score("sales_health", "cem").orElseThrow();
        ScorecardRow row = all.row("sales_health", feb, Map.of("salesperson", "cem")).orElseThrow();
        assertThat(row.value().getAsDouble()).isEqualTo(cem);
        assertThat(row.target().getAsDouble()).isEqualTo(75);       // the default: the top status threshold
        assertThat(row.owner()).contains("Head of sales");
        assertThatThrownBy(() -> Tracker.builder(c).scores().scores()).isInstanceOf(IllegalStateException.class)
                .hasMessage("scores was already set");
    }

    @Test
    void track_javaPlanOnAScore_isCheckedAndTracked() throws Exception {
        Catalog c = CatalogScoresTest.catalog();
        TrackingPlan plan = TrackingPlan.builder().target(PlannedTarget.shortTerm("sales_health", 70))
                .alert(AlertRule.threshold("low", "sales_health").below(50).build()).build();
        KpiResults results = CatalogScoresTest.results();
        Scorecard card = Tracker.builder(c).plan(plan).build().track(results);
        Period jan = c.calendar().parse("2025-01");
        double ana = scores(c, results).scores(jan).orElseThrow().score("sales_health", "ana").orElseThrow();
        ScorecardRow row = card.row("sales_health", jan, Map.of("salesperson", "ana")).orElseThrow();
        assertThat(row.achievement().getAsDouble()).isCloseTo(100 * ana / 70, within(1e-9));
        TrackingPlan wrong = TrackingPlan.builder().target(PlannedTarget.shortTerm("sales_helth", 70)).build();
        assertThatThrownBy(() -> Tracker.builder(c).plan(wrong).build()).isInstanceOf(CatalogException.class)
                .hasMessage("scores.yaml:2:1: short-term target of metric 'sales_helth': metric 'sales_helth' is not a"
                        + " metric or score of the catalog; did you mean 'sales_health'?");
    }

    @Test
    void read_planOnScores_problemsAtTheirPlace_withDidYouMean() throws Exception {
        String yaml = CatalogScoresTest.yaml() + """
                tracking:
                  targets:
                    - {metric: sales_helth, value: 80}
                    - {metric: growth, value: 90, segment: {seller: ana}}
                    - {metric: service, kind: band, low: 50, high: 90}
                    - {metric: growth, kind: long-term, value: 900, phasing: linear, start: 2025-01-01, due: 2025-12-31}
                alerts:
                  - {id: health-low, metric: sales_health, segment: {region: x}, kind: threshold, below: 50}
                """;
        assertThat(CatalogScoresTest.problems(yaml)).isEqualTo("""
                scores.yaml has 5 problems:
                  scores.yaml:39:16: short-term target of metric 'sales_helth': metric 'sales_helth' is not a \
                metric or score of the catalog; did you mean 'sales_health'?
                  scores.yaml:40:44: short-term target of metric 'growth': segment dimension 'seller' is not a \
                dimension of the metric [salesperson]
                  scores.yaml:41:7: band target of metric 'service': 'service' is a score of goal tree \
                'sales_health', which is higher-is-better; give it a value target, not a band
                  scores.yaml:42:62: long-term target of metric 'growth': phasing splits a total over periods, but \
                'growth' is a score, whose periods do not add up
                  scores.yaml:44:53: alert 'health-low': segment dimension 'region' is not a dimension of the metric \
                [salesperson]""");
    }

    @Test
    void read_derivedMetricOnAScore_isRefusedAtTheFormula() throws Exception {
        String yaml = CatalogScoresTest.yaml().replace("scores:", "  - {id: health_x2, formula: \"2 * growth\"}\n"
                + "  - {id: ratio_x, numerator: revenue, denominator: sales_health}\nscores:");
        assertThat(CatalogScoresTest.problems(yaml)).isEqualTo("""
                scores.yaml has 2 problems:
                  scores.yaml:17:35: metric 'health_x2': unknown metric 'growth' at column 5 of "2 * growth"; 'growth' \
                is a score of goal tree 'sales_health', computed from the metrics' results, so a metric cannot refer to \
                it (track, alert on or report the score itself)
                  scores.yaml:18:52: metric 'ratio_x': denominator 'sales_health' is not a metric of the catalog; \
                'sales_health' is a score of goal tree 'sales_health', computed from the metrics' results, so a \
                metric cannot refer to it (track, alert on or report the score itself)""");
    }

    /** Each entity's own targets reach the tracked scores as they reach {@code ScoreCard.score(results, targets)}. */
    @Test
    void track_withEntityTargets_tracksTheScoresOfThoseTargets() throws Exception {
        Catalog c = catalog(TRACKING);
        KpiResults results = CatalogScoresTest.results();
        Map<String, Map<String, Double>> targets = Map.of("revenue", Map.of("ana", 20_000.0, "ben", 5_000.0));
        Scorecard card = Tracker.builder(c).scoreTargets("sales_health", targets).build().track(results);
        ScoreResults expected = ScoreCard.builder(c.goalTree("sales_health").orElseThrow()).catalog(c).build()
                .score(results, targets);
        ScoreResults plain = scores(c, results);
        int differ = 0;
        for (Period p : expected.periods()) {
            Scores s = expected.scores(p).orElseThrow();
            for (String e : s.entities()) {
                double v = s.score("sales_health", e).orElseThrow();
                assertThat(card.row("sales_health", p, Map.of("salesperson", e)).orElseThrow().value().getAsDouble())
                        .as("%s %s", p, e).isEqualTo(v);
                if (v != plain.scores(p).orElseThrow().score("sales_health", e).orElseThrow()) {
                    differ++;
                }
            }
        }
        assertThat(differ).as("the targets change scores (a check that can fail)").isPositive();
        // the targets alone make the tree tracked, without a plan that names it
        Period first = expected.periods().get(0);
        assertThat(Tracker.builder(catalog("")).scoreTargets("sales_health", targets).build().track(results)
                .row("sales_health", first, Map.of("salesperson", "ana")).orElseThrow().value().getAsDouble())
                .isEqualTo(expected.scores(first).orElseThrow().score("sales_health", "ana").orElseThrow());
        assertThat(Tracker.builder(catalog("")).build().track(results).row("sales_health", first,
                Map.of("salesperson", "ana"))).isEmpty();
        assertThatThrownBy(() -> Tracker.builder(c).scoreTargets("sales_helth", targets))
                .hasMessage("scoreTargets: the catalog has no goal tree 'sales_helth'; its trees are [sales_health];"
                        + " did you mean 'sales_health'?");
        assertThatThrownBy(() -> Tracker.builder(c).scoreTargets("sales_health", Map.of("revenu", Map.of("ana", 1.0))))
                .hasMessageStartingWith("scoreTargets: 'revenu' is not a KPI of goal tree 'sales_health', whose KPIs"
                        + " are [").hasMessageEndingWith("did you mean 'revenue'?");
        assertThatThrownBy(() -> Tracker.builder(c).scoreTargets("sales_health", Map.of("revenue",
                Map.of("ana", Double.NaN)))).hasMessage("scoreTargets: the target of 'revenue' for 'ana' must be a"
                        + " finite number, but was NaN");
        assertThatThrownBy(() -> Tracker.builder(c).scoreTargets("sales_health", targets)
                .scoreTargets("sales_health", targets)).isInstanceOf(IllegalStateException.class);
    }
}
