package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Baselines, targets, achievement, gaps, changes and statuses of a scorecard, each recomputed here from the
 * definitions in docs/tracking.md and the generating functions of the data.
 */
class TrackerBasicsTest {

    static final String BODY = "metrics:\n"
            + "  - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
            + " owner: maria, baseline: {method: trailing, periods: 6, minPeriods: 3}}\n"
            + "  - {id: leads_median, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
            + " baseline: {method: trailing-median, periods: 4}}\n"
            + "  - {id: total_leads, aggregate: sum, column: leads, direction: higher-is-better,"
            + " baseline: {method: same-period-last-year}}\n"
            + "  - {id: total_avg, aggregate: sum, column: leads, direction: higher-is-better,"
            + " baseline: {method: same-period-average, years: 2, minPeriods: 1}}\n"
            + "  - {id: cost, aggregate: sum, column: cost, direction: lower-is-better,"
            + " baseline: {method: fixed, value: 1000, asOf: 2024-01-01}, targets: {shortTerm: 900}}\n"
            + "  - {id: cpl, numerator: cost, denominator: total_leads, direction: lower-is-better,"
            + " targets: {shortTerm: 3}}\n"
            + "tracking:\n"
            + "  targets:\n"
            + "    - {metric: leads, value: 150, from: 2023-07-01}\n"
            + "    - {metric: leads, value: 160, from: 2024-01-01, segment: {channel: email}}\n"
            + "    - {metric: leads, kind: stretch, value: 200}\n";

    static double email(int i) {
        return 100 + 5 * i + (i % 3 == 0 ? 20 : 0);
    }

    static double social(int i) {
        return 200 - 3 * i;
    }

    static double cost(int i) {
        return 300 + 2.5 * i + 450;
    }

    static final Catalog CATALOG = TrackFixture.catalog(BODY);
    static final KpiResults RESULTS = TrackFixture.results(CATALOG, TrackFixture.CLOCK, b -> {
        for (int i = 0; i < 24; i++) {
            b.row(TrackFixture.month(i), "email", (long) email(i), 300 + 2.5 * i, 0.0);
            b.row(TrackFixture.month(i), "social", (long) social(i), 450.0, 0.0);
        }
    });
    static final Scorecard CARD = TrackFixture.tracker(CATALOG, 2).track(RESULTS);

    static Period month(int i) {
        return CATALOG.calendar().parse(TrackFixture.month(i).toString().substring(0, 7));
    }

    static ScorecardRow row(String metric, int i, String channel) {
        return CARD.row(metric, month(i), channel == null ? Map.of() : Map.of("channel", channel)).orElseThrow();
    }

    static double mean(double... v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    static double[] emails(int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = email(i);
        }
        return out;
    }

    @Test
    void trailingMean_isTheMeanOfTheCompletePeriodsBefore_withItsWindow() {
        BaselineValue b = row("leads", 10, "email").baseline();
        assertThat(b.value().getAsDouble()).isCloseTo(mean(emails(4, 10)), within(1e-9));
        assertThat(b.method()).isEqualTo(Baseline.Method.TRAILING);
        assertThat(b.windowStart()).contains(month(4));
        assertThat(b.windowEnd()).contains(month(9));
        assertThat(b.periods()).isEqualTo(6);
        assertThat(b.describe()).isEqualTo("trailing mean of 6 periods (at least 3), 2023-05..2023-10 (6 values)");
        assertThat(row("leads", 3, "email").baseline().value().getAsDouble()).isCloseTo(mean(emails(0, 3)),
                within(1e-9));
    }

    @Test
    void trailingMean_tooShortHistory_noValueWithReason() {
        BaselineValue b = row("leads", 2, "email").baseline();
        assertThat(b.value()).isEmpty();
        assertThat(b.reason()).contains("2 of the 6 periods before 2023-03 have a value (the results start at"
                + " 2023-01); the baseline needs 3");
    }

    @Test
    void trailingMedian_isTheMedianOfTheWindow() {
        double[] w = emails(5, 9);
        Arrays.sort(w);
        assertThat(row("leads_median", 9, "email").baseline().value().getAsDouble())
                .isEqualTo((w[1] + w[2]) / 2);
        assertThat(row("leads_median", 3, "email").baseline().reason()).contains("3 of the 4 periods before 2023-04"
                + " have a value (the results start at 2023-01); the baseline needs 4");
    }

    @Test
    void samePeriodBaselines_lastYearAndAverage() {
        assertThat(row("total_leads", 14, null).baseline().value().getAsDouble()).isEqualTo(email(2) + social(2));
        assertThat(row("total_leads", 5, null).baseline().reason()).contains("the same period last year, 2022-06 lies"
                + " before the first period of the results (2023-01)");
        BaselineValue avg = row("total_avg", 23, null).baseline();
        assertThat(avg.value().getAsDouble()).isEqualTo(email(11) + social(11));
        assertThat(avg.periods()).isEqualTo(1);
    }

    @Test
    void fixedBaseline_appliesFromItsEffectiveDate() {
        assertThat(row("cost", 11, null).baseline().reason()).contains("the fixed baseline applies from 2024-01-01,"
                + " after the start of 2023-12");
        assertThat(row("cost", 12, null).baseline().value()).hasValue(1000);
        assertThat(row("cost", 12, null).baselineGap().getAsDouble()).isCloseTo(cost(12) - 1000, within(1e-9));
    }

    @Test
    void targets_effectiveDatedAndPerSegment_mostSpecificWins() {
        assertThat(row("leads", 5, "email").target()).isEmpty();
        assertThat(row("leads", 6, "email").target()).hasValue(150);
        assertThat(row("leads", 6, "email").targetKind()).contains(TargetKind.SHORT_TERM);
        assertThat(row("leads", 12, "email").target()).hasValue(160);
        assertThat(row("leads", 12, "social").target()).hasValue(150);
        assertThat(row("leads", 12, "social").stretch()).hasValue(200);
        assertThat(row("cost", 3, null).target()).hasValue(900);
    }

    @Test
    void achievementGapsAndChanges_followTheDefinitions() {
        ScorecardRow r = row("leads", 7, "email");
        double v = email(7);
        assertThat(r.value()).hasValue(v);
        assertThat(r.achievement().getAsDouble()).isCloseTo(100 * v / 150, within(1e-9));
        assertThat(r.stretchAchievement().getAsDouble()).isCloseTo(100 * v / 200, within(1e-9));
        assertThat(r.gap().getAsDouble()).isCloseTo(v - 150, within(1e-9));
        assertThat(r.change().getAsDouble()).isCloseTo(v - email(6), within(1e-9));
        assertThat(r.changePercent().getAsDouble()).isCloseTo(100 * (v - email(6)) / email(6), within(1e-9));
        ScorecardRow y = row("leads", 14, "email");
        assertThat(y.yoyChange().getAsDouble()).isCloseTo(email(14) - email(2), within(1e-9));
        assertThat(y.yoyPercent().getAsDouble()).isCloseTo(100 * (email(14) - email(2)) / email(2), within(1e-9));
        assertThat(row("leads", 0, "email").change()).isEmpty();
        assertThat(row("leads", 5, "email").yoyChange()).isEmpty();
        // lower is better: 100 (2 - v / t)
        double c = cost(4);
        assertThat(row("cost", 4, null).achievement().getAsDouble()).isCloseTo(100 * (2 - c / 900), within(1e-9));
        double cpl = cost(4) / (email(4) + social(4));
        assertThat(row("cpl", 4, null).achievement().getAsDouble()).isCloseTo(100 * (2 - cpl / 3), within(1e-9));
    }

    @Test
    void zscore_againstTheMetricsTrailingWindow() {
        double[] w = emails(4, 10);
        double m = mean(w);
        double ss = 0;
        for (double x : w) {
            ss += (x - m) * (x - m);
        }
        double s = Math.sqrt(ss / (w.length - 1));
        assertThat(row("leads", 10, "email").zscore().getAsDouble()).isCloseTo((email(10) - m) / s, within(1e-9));
        assertThat(row("leads", 1, "email").zscore()).isEmpty();
    }

    @Test
    void statuses_builtInRules_firstMatchWins_andNameTheirRule() {
        for (String channel : List.of("email", "social")) {
            for (int i = 0; i < 24; i++) {
                ScorecardRow r = row("leads", i, channel);
                double v = channel.equals("email") ? email(i) : social(i);
                double target = i < 6 ? Double.NaN : i >= 12 && channel.equals("email") ? 160 : 150;
                String expected;
                if (100 * v / 200 >= 100) {
                    expected = "exceeded";
                } else if (Double.isNaN(target)) {
                    expected = StatusRules.NO_MATCH;
                } else if (100 * v / target >= 100) {
                    expected = "on-track";
                } else if (100 * v / target >= 90) {
                    expected = "at-risk";
                } else {
                    expected = "off-track";
                }
                assertThat(r.statusRule()).as("%s %d", channel, i).isEqualTo(expected);
                assertThat(r.status()).isEqualTo(expected.equals(StatusRules.NO_MATCH) ? KpiStatus.NOT_RATED
                        : KpiStatus.valueOf(expected.toUpperCase().replace('-', '_')));
            }
        }
    }

    @Test
    void ownersAndCurrentRows() {
        assertThat(row("leads", 3, "email").owner()).contains("maria");
        assertThat(row("cost", 3, null).owner()).isEmpty();
        assertThat(CARD.current()).allMatch(r -> r.period().equals(month(23)) && r.isCurrent());
        assertThat(CARD.current()).hasSize(8);
        assertThat(CARD.offTrack()).extracting(r -> r.metric() + " " + r.segment())
                .containsExactly("leads {channel=social}");
    }

    @Test
    void planTargets_replaceMetadataTargetsOfTheirKindOnly() {
        Catalog c = TrackFixture.catalog("metrics:\n  - {id: leads, aggregate: sum, column: leads, direction:"
                + " higher-is-better, targets: {shortTerm: 100, stretch: 300}}\ntracking:\n  targets:\n"
                + "    - {metric: leads, value: 120}\n");
        KpiResults r = TrackFixture.results(c, TrackFixture.CLOCK, b -> b.row(TrackFixture.month(0), "email", 110L,
                1.0, 1.0));
        ScorecardRow row = TrackFixture.tracker(c, 1).track(r).rows().get(0);
        assertThat(row.target()).hasValue(120);
        assertThat(row.stretch()).hasValue(300);
        assertThat(PlannedTarget.shortTerm("leads", new BigDecimal("120"))).isEqualTo(c.tracking().targets().get(0));
    }
}
