package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.track.Alert;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.report.ReportSamples;
import io.kpiengine.report.View;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScorecardFeedTest {

    private static ReportSamples.Sample sample;
    private static Scorecard card;
    private static ReportModel model;

    @BeforeAll
    static void build() {
        sample = ReportSamples.generate(1, 4, 30, 13, false);
        card = tracker().track(sample.results());
        model = ModelBuilder.build(new Inputs(sample.catalog(), sample.results(), null, Locale.US,
                List.of(View.values()), List.of(), 24, null, card, List.of(), null));
    }

    static Tracker tracker() {
        return Tracker.builder(sample.catalog()).clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"),
                ZoneOffset.UTC)).build();
    }

    /** Boxed, so that NaN (no number) equals NaN. */
    private static Double nan(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }

    @Test
    void segments_takeTheScorecardsTargetAchievementStatusAndBaseline() {
        int rows = 0;
        for (KpiModel k : model.kpis) {
            for (Line l : k.segments) {
                for (int i = 0; i < model.periods.size(); i++) {
                    ScorecardRow row = card.row(k.metric.id(), model.periods.get(i), l.segment).orElseThrow();
                    String where = k.metric.id() + " " + l.label + " " + model.period(i);
                    assertThat(l.status[i]).as(where).isEqualTo(Status.valueOf(row.status().name()));
                    assertThat(l.statusRule[i]).as(where).isEqualTo(row.statusRule());
                    assertThat((Double) l.achievement[i]).as(where).isEqualTo(nan(row.achievement()));
                    assertThat((Double) l.target[i]).as(where).isEqualTo(nan(row.target()));
                    assertThat((Double) l.baseline[i]).as(where).isEqualTo(nan(row.baseline().value()));
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(5 * 4 * 24);
    }

    @Test
    void total_ofASum_isHeldToTheSumOfTheSegmentTargets() {
        KpiModel orders = model.kpis.stream().filter(k -> k.metric.id().equals("orders_0")).findFirst().orElseThrow();
        int c = model.current;
        double sum = 0;
        for (Line l : orders.segments) {
            sum += l.target[c];
        }
        assertThat(orders.total.target[c]).isEqualTo(sum);
        assertThat(orders.total.achievement[c]).isEqualTo(100 * orders.total.value[c] / sum);
        double a = orders.total.achievement[c];
        assertThat(orders.total.status[c]).isEqualTo(a >= 100 ? Status.ON_TRACK : a >= 95 ? Status.AT_RISK
                : Status.OFF_TRACK);
    }

    @Test
    void alerts_withoutAlertRules_stayTheTargetAlertsOfTheResults() {
        assertThat(card.alerts()).isEmpty();
        assertThat(model.alerts).isNotEmpty().allMatch(a -> a.rule().equals("target") || a.rule().equals("unusual change"));
        assertThat(model.feeds.get("Alerts")).endsWith("(the catalog declares no alert rules)");
    }

    @Test
    void alerts_withAlertRules_areTheScorecardsAlerts() {
        Catalog withRules = sample.catalog().toBuilder().tracking(TrackingPlan.builder()
                .alert(AlertRule.threshold("orders-low", "orders_0").input(AlertRule.Input.ACHIEVEMENT).below(100)
                        .severity(AlertSeverity.CRITICAL).build())
                .build()).build();
        Scorecard c = Tracker.builder(withRules).clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"),
                ZoneOffset.UTC)).build().track(sample.results());
        ReportModel m = ModelBuilder.build(new Inputs(withRules, sample.results(), null, Locale.US,
                List.of(View.values()), List.of(), 24, null, c, List.of(), null));
        List<Alert> alerts = c.alerts();
        assertThat(alerts).isNotEmpty();
        // each alert's words, after the KPI's name and segment instead of its id, segment and period
        assertThat(m.alerts).extracting(AlertItem::message).containsExactlyInAnyOrderElementsOf(alerts.stream()
                .map(a -> "Orders (" + a.segment().get("region") + "): "
                        + a.message().substring(a.message().indexOf(a.period() + ": ") + "2025-12: ".length())).toList());
        assertThat(m.feeds.get("Alerts")).startsWith("the tracking scorecard");
    }

    @Test
    void findings_followTheStatusBasedPointsOnePerRuleAndKpi() {
        List<ReportModel.Improvement> points = model.improvements;
        int firstFinding = 0;
        while (firstFinding < points.size() && !points.get(firstFinding).source().equals("scorecard")) {
            firstFinding++;
        }
        assertThat(points.subList(firstFinding, points.size())).allMatch(p -> p.source().equals("scorecard"));
        long groups = card.findings().stream().map(f -> f.rule() + " " + f.metric()).distinct().count();
        assertThat(points.size() - firstFinding).isEqualTo(groups);
    }
}
