package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.data.doc.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracking, alerts and actions sections of a catalog document: read strictly, checked against the metrics. */
class TrackingDocumentTest {

    static final String METRICS = "metrics:\n"
            + "  - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
            + " baseline: {method: seasonally-adjusted, years: 2, model: multiplicative}, reviewCycle: monthly}\n"
            + "  - {id: visits, aggregate: sum, column: leads}\n"
            + "  - {id: rate, numerator: leads, denominator: visits, direction: higher-is-better}\n";

    static List<String> problems(String sections) {
        CatalogException e = catchThrowableOfType(CatalogException.class,
                () -> Catalog.read(TrackFixture.HEAD + METRICS + sections, "c.yaml"));
        assertThat(e).as("expected problems").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void document_readsAsThePlanBuiltInCode() {
        String sections = "tracking:\n"
                + "  statusRules:\n"
                + "    - {name: great, status: exceeded, when: \"achievement >= 120\"}\n"
                + "    - {status: on-track, when: \"achievement >= 100 or pace >= 100\"}\n"
                + "    - {status: off-track}\n"
                + "  metrics:\n"
                + "    leads: {lastReviewed: 2025-05-31}\n"
                + "  targets:\n"
                + "    - {metric: leads, value: 120, from: 2025-01-01, segment: {channel: email}}\n"
                + "    - {metric: leads, kind: long-term, value: 1500, phasing: seasonal, start: 2025-01-01,"
                + " due: 2025-12-31}\n"
                + "  offTrackPeriods: 2\n"
                + "  falseDiscoveryRate: 0.05\n"
                + "alerts:\n"
                + "  - {id: low, metric: leads, kind: threshold, input: achievement, below: 90, exit: 95, periods: 2,"
                + " cooldown: 3, severity: critical, segment: {channel: social}}\n"
                + "  - {id: odd, metric: leads, kind: anomaly, method: ewma, lambda: 0.3, window: 8}\n"
                + "actions:\n"
                + "  - {id: fix, metric: leads, segment: {channel: social}, owner: maria, due: 2025-07-31,"
                + " impact: \"+300 leads\", status: in-progress}\n";
        Catalog read = Catalog.read(TrackFixture.HEAD + METRICS + sections, "c.yaml");
        TrackingPlan code = TrackingPlan.builder()
                .statusRules(StatusRules.of(StatusRule.of("great", KpiStatus.EXCEEDED, "achievement >= 120"),
                        StatusRule.of("on-track", KpiStatus.ON_TRACK, "achievement >= 100 or pace >= 100"),
                        StatusRule.otherwise("off-track", KpiStatus.OFF_TRACK)))
                .lastReviewed("leads", LocalDate.of(2025, 5, 31))
                .target(PlannedTarget.shortTerm("leads", new BigDecimal("120")).from(LocalDate.of(2025, 1, 1))
                        .segment(Map.of("channel", "email")))
                .target(PlannedTarget.longTerm("leads", new BigDecimal("1500"))
                        .phased(Phasing.SEASONAL, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
                .offTrackPeriods(2)
                .falseDiscoveryRate(0.05)
                .alert(AlertRule.threshold("low", "leads").input(AlertRule.Input.ACHIEVEMENT).below(90).exitAt(95)
                        .periods(2).cooldown(3).severity(AlertSeverity.CRITICAL).segment(Map.of("channel", "social"))
                        .build())
                .alert(AlertRule.anomaly("odd", "leads").method(AlertRule.Method.EWMA).lambda(0.3).window(8).build())
                .action(ActionPlan.of("fix", "leads", "maria", LocalDate.of(2025, 7, 31))
                        .segment(Map.of("channel", "social")).impact("+300 leads")
                        .status(ActionPlan.Status.IN_PROGRESS))
                .build();
        assertThat(read.tracking()).isEqualTo(code);
        Catalog built = read.toBuilder().name("c.yaml").build();
        assertThat(built).isEqualTo(read);
        assertThat(read.tracking().location(read.tracking().alerts().get(0), "below").orElseThrow())
                .hasToString("c.yaml:24:74");
    }

    @Test
    void badSections_everyProblemPositioned_withDidYouMean() {
        assertThat(problems("tracking:\n"
                + "  statusRules:\n"
                + "    - {status: on-track, when: \"acheivement >= 100\"}\n"
                + "    - {status: no-data, when: \"value > 0\"}\n"
                + "  metrics:\n"
                + "    leds: {lastReviewed: 2025-01-01}\n"
                + "  targets:\n"
                + "    - {metric: visits, value: 10}\n"
                + "    - {metric: leads, value: 10, segment: {chanel: email}}\n"
                + "    - {metric: rate, value: 10, kind: long-term, phasing: linear, start: 2025-01-01, due: 2025-12-31}\n"
                + "    - {metric: leads, value: 10, vale: 3}\n"
                + "  falseDiscoveryRate: 1.5\n"
                + "alerts:\n"
                + "  - {id: a1, metric: lead, kind: threshold, below: 5}\n"
                + "  - {id: a2, metric: leads, kind: treshold, below: 5}\n"
                + "  - {id: a3, metric: leads, kind: anomaly, method: ewma, basis: previous}\n"
                + "  - {id: a4, metric: leads, kind: threshold}\n"
                + "  - {id: a5, metric: visits, kind: threshold, input: achievement, below: 90}\n"
                + "actions:\n"
                + "  - {id: p1, metric: leads, owner: x, due: tomorrow}\n")).containsExactly(
                "c.yaml:13:32: status rule 'on-track': Unknown variable 'acheivement' at column 1 in \"acheivement >="
                        + " 100\"; did you mean 'achievement'?",
                "c.yaml:14:7: status of rule 'no-data' must be exceeded, on-track, at-risk, off-track or not-rated, but"
                        + " was no-data (decided before any rule)",
                "c.yaml:16:11: last review: metric 'leds' is not a metric of the catalog; did you mean 'leads'?",
                "c.yaml:18:7: short-term target of metric 'visits': the metric has no direction; a target needs"
                        + " direction higher-is-better or lower-is-better (a band target: target-band)",
                "c.yaml:19:43: short-term target of metric 'leads': segment dimension 'chanel' is not a dimension of"
                        + " the metric [channel]; did you mean 'channel'?",
                "c.yaml:20:59: long-term target of metric 'rate': phasing splits a total over periods, which needs a"
                        + " metric whose periods add up (a sum or count measure), but 'rate' is not one",
                "c.yaml:21:34: unknown field 'vale' in target of metric 'leads'; did you mean 'value'?",
                "c.yaml:22:23: 'falseDiscoveryRate' in tracking must be between 0 and 1 (exclusive), but was 1.5",
                "c.yaml:24:22: alert 'a1': metric 'lead' is not a metric of the catalog; did you mean 'leads'?",
                "c.yaml:25:35: 'kind' in alert 'a2' must be one of [threshold, change, anomaly], but was 'treshold';"
                        + " did you mean 'threshold'?",
                "c.yaml:26:58: 'basis' applies to change alerts only, but alert 'a3' is an anomaly alert",
                "c.yaml:27:5: alert 'a4' needs an enter level: 'above', 'below' or 'beyond'",
                "c.yaml:28:54: alert 'a5': the achievement of metric 'visits' needs a direction and a target, but the"
                        + " metric has no direction",
                "c.yaml:30:44: 'due' in action plan 'p1' must be an ISO date such as 2025-01-31, but was 'tomorrow'");
    }

    @Test
    void nonFiniteNumber_inTheDocument_isRefusedWithItsPosition() {
        CatalogException e = catchThrowableOfType(CatalogException.class, () -> Catalog.read(TrackFixture.HEAD + METRICS
                + "tracking:\n  targets:\n    - {metric: leads, value: .nan}\n", "c.yaml"));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "c.yaml:13:30: number '.nan' is not written in decimal (YAML 1.1 reads hexadecimal, octal,"
                        + " sexagesimal, '_' groups and .inf/.nan, YAML 1.2 reads them otherwise or not at all): write"
                        + " the decimal value, or quote it for a text");
    }

    @Test
    void codePlan_unknownMetric_catalogExceptionWithDidYouMean() {
        Catalog c = Catalog.read(TrackFixture.HEAD + METRICS, "c.yaml");
        TrackingPlan plan = TrackingPlan.builder()
                .alert(AlertRule.threshold("low", "lead").below(5).build())
                .target(PlannedTarget.shortTerm("visits", 3))
                .build();
        assertThatThrownBy(() -> Tracker.builder(c).plan(plan).build()).isInstanceOf(CatalogException.class)
                .hasMessage("c.yaml has 2 problems:\n"
                        + "  c.yaml:1:1: short-term target of metric 'visits': the metric has no direction; a target"
                        + " needs direction higher-is-better or lower-is-better (a band target: target-band)\n"
                        + "  c.yaml:1:1: alert 'low': metric 'lead' is not a metric of the catalog; did you mean"
                        + " 'leads'?");
        assertThatThrownBy(() -> PlannedTarget.shortTerm("leads", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value must be finite, but was NaN");
        assertThatThrownBy(() -> AlertRule.threshold("x", "leads").above(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("level must be finite, but was Infinity");
        assertThatThrownBy(() -> Catalog.builder().zone(ZoneOffset.UTC).name("code")
                .source(c.source("m").orElseThrow())
                .metric(Metric.measure("leads").sum("leads").direction(Direction.HIGHER_IS_BETTER).build())
                .metric(Metric.measure("visits").sum("leads").build())
                .tracking(plan).build()).isInstanceOf(CatalogException.class)
                .hasMessageContaining("code: alert 'low': metric 'lead' is not a metric of the catalog; did you"
                        + " mean 'leads'?");
    }

    @Test
    void lint_statusRuleWithoutTheValue_andTargetWorseThanAFixedBaseline() {
        Catalog c = Catalog.read(TrackFixture.HEAD + "metrics:\n"
                + "  - {id: cost, aggregate: sum, column: cost, direction: lower-is-better,"
                + " baseline: {method: fixed, value: 100, asOf: 2024-01-01}, targets: {shortTerm: 120}}\n"
                + "tracking:\n"
                + "  statusRules:\n"
                + "    - {name: big-target, status: at-risk, when: \"target > 100\"}\n"
                + "    - {status: on-track, when: \"achievement >= 100\"}\n", "c.yaml");
        List<LintFinding> findings = c.lint();
        assertThat(findings).extracting(LintFinding::toString).contains(
                "c.yaml:11:49: WARNING status-rule-ignores-value: status rule 'big-target' never reads the value: its"
                        + " condition 'target > 100' uses only [target], so it gives every row the same status; compare"
                        + " the value, achievement, gap or change instead",
                "c.yaml:8:140: WARNING target-not-an-improvement: the target 120 of 'cost' is above its fixed baseline"
                        + " 100 for a lower-is-better KPI: it asks for no improvement");
        assertThat(io.kpiengine.core.metric.Linter.builder().disable("status-rule-ignores-value").build().lint(c))
                .noneMatch(f -> f.rule().equals("status-rule-ignores-value"));
    }
}
