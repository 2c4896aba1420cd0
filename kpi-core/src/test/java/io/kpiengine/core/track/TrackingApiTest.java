package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.formula.UnknownNameException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Misuse of the tracking API at its edge: NullPointerException, IllegalArgumentException, IllegalStateException. */
class TrackingApiTest {

    @Test
    void statusRules_validateOrderNamesStatusesAndInputs() {
        assertThatThrownBy(() -> StatusRules.of(StatusRule.otherwise("rest", KpiStatus.OFF_TRACK),
                StatusRule.of("ok", KpiStatus.ON_TRACK, "achievement >= 100")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the default rule 'rest' (no condition) must be the last rule, but rule 'ok' follows it");
        assertThatThrownBy(() -> StatusRules.of(StatusRule.of("a", KpiStatus.ON_TRACK, "value > 1"),
                StatusRule.of("a", KpiStatus.AT_RISK, "value > 0")))
                .hasMessage("status rule names must be unique, but 'a' is used twice");
        assertThatThrownBy(() -> StatusRule.of("x", KpiStatus.NO_DATA, "value > 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusRules.of(StatusRule.of("x", KpiStatus.ON_TRACK, "vlaue > 0")))
                .isInstanceOf(UnknownNameException.class).hasMessageContaining("did you mean 'value'?");
        assertThatThrownBy(() -> StatusRules.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        StatusRules rules = StatusRules.of(StatusRule.of("fixed", KpiStatus.AT_RISK, "target > baseline"),
                StatusRule.of("ok", KpiStatus.ON_TRACK, "coalesce(pace, 0) >= 100"),
                StatusRule.otherwise("rest", KpiStatus.NOT_RATED));
        assertThat(rules.readsValue(0)).isFalse();
        assertThat(rules.readsValue(1)).isTrue();
        assertThat(rules.readsValue(2)).isTrue();
        assertThat(rules.inputsOf(0)).containsExactlyInAnyOrder("target", "baseline");
    }

    @Test
    void builders_setOnce_andCheckTheirArguments() {
        assertThatThrownBy(() -> AlertRule.threshold("a", "m").above(1).below(2))
                .isInstanceOf(IllegalStateException.class).hasMessage("the enter level was already set: above 1.0");
        assertThatThrownBy(() -> AlertRule.threshold("a", "m").method(AlertRule.Method.EWMA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("method applies to anomaly rules, but this rule is threshold");
        assertThatThrownBy(() -> AlertRule.threshold("a", "m").build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("alert rule 'a' needs an enter level: above(x), below(x) or beyond(x)");
        assertThatThrownBy(() -> AlertRule.threshold("a", "m").above(10).exitAt(12).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alert rule 'a': exit level must be at or below the enter level 10.0, but was 12.0");
        assertThatThrownBy(() -> AlertRule.anomaly("a", "m").lambda(0).build())
                .hasMessage("alert rule 'a': lambda must be in (0, 1], but was 0.0");
        assertThatThrownBy(() -> TrackingPlan.builder().offTrackPeriods(2).offTrackPeriods(3))
                .isInstanceOf(IllegalStateException.class).hasMessage("offTrackPeriods was already set to 2");
        assertThatThrownBy(() -> TrackingPlan.builder().falseDiscoveryRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        AlertRule rule = AlertRule.change("d", "m").below(-5).build();
        assertThatThrownBy(() -> TrackingPlan.builder().alert(rule).alert(rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alert rule ids must be unique, but 'd' is used twice");
        assertThatThrownBy(() -> PlannedTarget.shortTerm("m", BigDecimal.ONE).due(LocalDate.of(2025, 1, 1)))
                .hasMessage("a due date applies to long-term and stretch targets, but this target is short-term");
        assertThatThrownBy(() -> PlannedTarget.longTerm("m", BigDecimal.ONE).phased(Phasing.LINEAR,
                LocalDate.of(2025, 12, 31), LocalDate.of(2025, 1, 1)))
                .hasMessage("due date must not be before the horizon start 2025-12-31, but was 2025-01-01");
        assertThatThrownBy(() -> PlannedTarget.shortTerm("m", 1).segment(Map.of("channel", "email"))
                .from(LocalDate.of(2025, 2, 1)).until(LocalDate.of(2025, 1, 1)))
                .hasMessage("until must not be before from 2025-02-01, but was 2025-01-01");
        assertThatThrownBy(() -> ActionPlan.of("p", "m", " ", LocalDate.of(2025, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tracker.builder(TrackFixture.catalog("metrics:\n  - {id: m, aggregate: count}\n"))
                .parallelism(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tracker.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void plannedTargets_describeThemselves() {
        PlannedTarget annual = PlannedTarget.longTerm("leads", new BigDecimal("15000"))
                .phased(Phasing.SEASONAL, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))
                .segment(Map.of("channel", "social"));
        assertThat(annual).hasToString("long-term target of 'leads' 15000 for {channel=social}, seasonal over"
                + " 2025-01-01..2025-12-31");
        assertThat(annual.appliesOn(LocalDate.of(2025, 6, 1))).isTrue();
        assertThat(annual.appliesOn(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(annual.appliesTo(Map.of("channel", "social", "region", "eu"))).isTrue();
        assertThat(annual.appliesTo(Map.of("channel", "email"))).isFalse();
        assertThat(AlertRule.threshold("low", "leads").input(AlertRule.Input.ACHIEVEMENT).below(90).exitAt(95)
                .periods(2).cooldown(1).severity(AlertSeverity.CRITICAL).build())
                .hasToString("low: threshold achievement below 90 (exit 95) for 2 periods, cooldown 1, critical");
    }
}
