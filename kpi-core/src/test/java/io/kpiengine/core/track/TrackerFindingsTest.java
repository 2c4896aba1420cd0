package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Findings (off track without plan, overdue plans and reviews, unrealistic targets) and the special statuses. */
class TrackerFindingsTest {

    @Test
    void findings_offTrackWithoutPlan_overduePlansAndReviews_andTargetRealism() {
        Catalog c = TrackFixture.catalog("metrics:\n"
                + "  - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
                + " owner: maria, reviewCycle: monthly, targets: {shortTerm: 150}}\n"
                + "  - {id: cost, aggregate: sum, column: cost, direction: lower-is-better, targets: {shortTerm: 100}}\n"
                + "  - {id: visits, aggregate: sum, column: signups, direction: higher-is-better,"
                + " targets: {shortTerm: 10000}}\n"
                + "tracking:\n"
                + "  offTrackPeriods: 3\n"
                + "  metrics:\n"
                + "    leads: {lastReviewed: 2025-01-31}\n"
                + "actions:\n"
                + "  - {id: email-fix, metric: leads, segment: {channel: email}, owner: jo, due: 2025-06-30}\n"
                + "  - {id: old, metric: cost, owner: kim, due: 2025-01-01, status: in-progress}\n"
                + "  - {id: done, metric: cost, owner: kim, due: 2024-01-01, status: done}\n");
        KpiResults r = TrackFixture.results(c, TrackFixture.CLOCK, b -> {
            for (int i = 0; i < 24; i++) {
                b.row(TrackFixture.month(i), "email", 100L, 40.0 + i % 3, 100.0 + i % 5);
                b.row(TrackFixture.month(i), "social", i < 8 ? 160L : 120L, 40.0, 0.0);
            }
        });
        Scorecard card = TrackFixture.tracker(c, 2).track(r);
        assertThat(card.asOf()).hasToString("2025-03-15");
        assertThat(card.findings()).extracting(TrackingFinding::toString).containsExactly(
                "c.yaml:14:27: WARNING overdue-review: metric 'leads' was last reviewed 2025-01-31; with its monthly"
                        + " cycle the next review was due 2025-02-28 (as of 2025-03-15)",
                "c.yaml:8:10: WARNING off-track-without-plan: KPI 'leads' {channel=social} has been off track for 16"
                        + " periods (2023-09 to 2024-12) and no open action plan covers it; owner maria: add one to the"
                        + " actions section",
                "c.yaml:9:10: WARNING target-not-an-improvement: the target 100 of 'cost' in 2024-12 is above its"
                        + " baseline 81 (trailing mean of 12 periods, 2023-12..2024-11 (12 values)) for a"
                        + " lower-is-better KPI: it asks for no improvement",
                "c.yaml:10:10: WARNING off-track-without-plan: KPI 'visits' has been off track for 24 periods"
                        + " (2023-01 to 2024-12) and no open action plan covers it: add one to the actions section",
                "c.yaml:10:10: WARNING target-beyond-baseline: the target 10,000 of 'visits' in 2024-12 lies 7,177.96"
                        + " standard deviations of the last 12 periods beyond its baseline 101.92 (more than 3): check"
                        + " that it is realistic",
                "c.yaml:17:46: WARNING overdue-action-plan: action plan 'old' for 'cost' (owner kim) was due"
                        + " 2025-01-01 and is still in-progress at 2025-03-15; finish it, or set a new due date");
        // email is off track too, but the open plan 'email-fix' covers it
        assertThat(card.offTrack()).extracting(x -> x.metric() + " " + x.segment()).containsExactly(
                "leads {channel=email}", "leads {channel=social}", "visits {}");
    }

    @Test
    void specialStatuses_partialPeriod_noData_unreliable() {
        Catalog c = TrackFixture.catalog("metrics:\n"
                + "  - {id: leads, aggregate: sum, column: leads, direction: higher-is-better, onEmpty: no-value,"
                + " targets: {shortTerm: 10}}\n");
        Clock midDecember = Clock.fixed(Instant.parse("2023-12-15T00:00:00Z"), ZoneOffset.UTC);
        KpiResults r = TrackFixture.results(c, midDecember, b -> {
            for (int i = 0; i < 12; i++) {
                if (i != 5) {
                    b.row(TrackFixture.month(i), "email", 20L, 1.0, 1.0);
                }
            }
        });
        Scorecard card = TrackFixture.tracker(c, 1).track(r);
        List<ScorecardRow> rows = card.series("leads", Map.of());
        assertThat(rows.get(5).status()).isEqualTo(KpiStatus.NO_DATA);
        assertThat(rows.get(5).statusRule()).isEqualTo("no-data");
        assertThat(rows.get(11).status()).isEqualTo(KpiStatus.PARTIAL_PERIOD);
        assertThat(rows.get(11).statusRule()).isEqualTo("partial-period");
        assertThat(card.current()).containsExactly(rows.get(10));
        assertThat(rows.get(10).status()).isEqualTo(KpiStatus.EXCEEDED.equals(rows.get(10).status())
                ? KpiStatus.EXCEEDED : KpiStatus.ON_TRACK);
        // the partial period enters no window: the baseline of 2023-12 would be the same without its value
        assertThat(rows.get(6).baseline().reason()).contains("5 of the 12 periods before 2023-07 have a value (the"
                + " results start at 2023-01); the baseline needs 12");

        Catalog gated = Catalog.read(TrackFixture.HEAD.replace("    columns:",
                "    rules: {validity: [{column: leads, max: -1, onInvalid: flag}]}\n    columns:")
                + "metrics:\n  - {id: leads, aggregate: sum, column: leads, direction: higher-is-better}\n", "g.yaml");
        KpiResults failed = TrackFixture.results(gated, TrackFixture.CLOCK, b -> b.row(TrackFixture.month(0), "email",
                20L, 1.0, 1.0));
        Scorecard unreliable = TrackFixture.tracker(gated, 1).track(failed);
        assertThat(unreliable.quality()).hasToString("FAIL");
        assertThat(unreliable.rows()).allMatch(x -> x.status() == KpiStatus.UNRELIABLE
                && x.statusRule().equals("quality-gate"));
        Period jan = gated.calendar().period(Grain.MONTH, TrackFixture.month(0));
        assertThat(unreliable.row("leads", jan)).isPresent();
    }
}
