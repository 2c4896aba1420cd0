package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Catalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scorecard's improvement points. Expected scores from their written definitions, recomputed here from the raw
 * values: {@code s_t} the sample standard deviation (n - 1) of the values of the 12 months before t; gap-to-target
 * {@code (target - v) / s}; off-track streak Stouffer's {@code sum_t ((target - v_t) / s_t) / sqrt(k)}; a critical
 * alert at least 3.
 */
class ScorecardPointsTest {

    static final Map<String, String> SOCIAL = Map.of("channel", "social");

    static long social(int i) {
        return i < 16 ? 160 + (i % 4) * 5 : 120 + (i % 2) * 4;
    }

    static double sampleSd(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** The sample sd of the 12 social values before month t. */
    static double sigma(int t) {
        double[] w = new double[12];
        for (int i = 0; i < 12; i++) {
            w[i] = social(t - 12 + i);
        }
        return sampleSd(w);
    }

    static final Catalog CATALOG = TrackFixture.catalog("metrics:\n"
            + "  - {id: leads, aggregate: sum, column: leads, dimensions: [channel], direction: higher-is-better,"
            + " targets: {shortTerm: 150}}\n"
            + "  - {id: visits, aggregate: sum, column: signups, direction: higher-is-better,"
            + " targets: {shortTerm: 200}}\n"
            + "alerts:\n"
            + "  - {id: leads-low, metric: leads, kind: threshold, input: achievement, below: 90, severity: critical}\n");

    static KpiResults results() {
        return TrackFixture.results(CATALOG, TrackFixture.CLOCK, b -> {
            for (int i = 0; i < 24; i++) {
                b.row(TrackFixture.month(i), "email", 150L + (i % 3) * 10, 40.0, 50.0);
                b.row(TrackFixture.month(i), "social", social(i), 40.0, 50.0);
            }
        });
    }

    @Test
    void improvementPoints_gapStreakAndCriticalAlert_onTheStandardNormalScale() {
        Scorecard card = TrackFixture.tracker(CATALOG, 2).track(results());
        ImprovementPoints found = card.improvementPoints();

        ImprovementPoint gap = found.points(ImprovementPoint.GAP_TO_TARGET).get(0);
        double s23 = sigma(23);
        assertThat(gap.label()).isEqualTo("leads (channel=social)");
        assertThat(gap.period()).hasToString("2024-12");
        assertThat(gap.score()).isCloseTo((150 - 124) / s23, within(1e-12));
        assertThat(gap.numbers()).containsEntry("value", 124.0).containsEntry("target", 150.0)
                .containsEntry("gap", -26.0).containsEntry("shortfall", 26.0).containsEntry("window", 12.0);
        assertThat(gap.numbers().get("achievement")).isCloseTo(100 * 124 / 150.0, within(1e-12));
        assertThat(gap.numbers().get("sigma")).isCloseTo(s23, within(1e-12));
        assertThat(gap.summary()).isEqualTo("leads (channel=social) is 26 below its target 150 in 2024-12 (82.67 %"
                + " achieved, off-track): " + Fmt.num((150 - 124) / s23) + " standard deviations of its last 12"
                + " periods");

        ImprovementPoint streak = found.points(ImprovementPoint.OFF_TRACK_STREAK).get(0);
        double sum = 0;
        for (int t = 16; t <= 23; t++) {
            sum += (150 - social(t)) / sigma(t);
        }
        assertThat(streak.label()).isEqualTo("leads (channel=social)");
        assertThat(streak.score()).isCloseTo(sum / Math.sqrt(8), within(1e-12));
        assertThat(streak.numbers()).containsEntry("periods", 8.0).containsEntry("scoredPeriods", 8.0)
                .containsEntry("openPlan", 0.0);
        assertThat(streak.summary()).startsWith("leads (channel=social) has been off track for 8 periods (2024-05"
                + " to 2024-12), on average ").endsWith("no open action plan covers it");

        ImprovementPoint alert = found.points(ImprovementPoint.CRITICAL_ALERT).get(0);
        assertThat(alert.label()).isEqualTo("leads (channel=social)");
        assertThat(alert.numbers().get("distance")).isCloseTo(26 / s23, within(1e-12));
        assertThat(alert.score()).isEqualTo(Math.max(CardPoints.CRITICAL_FLOOR, 26 / s23));
        assertThat(alert.summary()).isEqualTo(card.alerts(AlertSeverity.CRITICAL).get(0).message());

        // ranked highest first; email meets its target and is not a point
        assertThat(found.points()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(found.points()).noneMatch(p -> p.segment().equals(Map.of("channel", "email")));
        assertThat(found.last()).map(Object::toString).contains("2024-12");
    }

    @Test
    void improvementPoints_gapWithoutSpread_isANoteNotAPoint() {
        Scorecard card = TrackFixture.tracker(CATALOG, 1).track(results());
        ImprovementPoints found = card.improvementPoints();
        // visits is a constant 100 against a target of 200: off track every month, but with no spread to measure by
        assertThat(found.points()).noneMatch(p -> p.metric().equals("visits"));
        assertThat(found.notes()).containsExactly(
                "visits: 100 short of its target 200 in 2024-12 (off-track), not ranked: the 12 periods before it"
                        + " have fewer than 3 values or no spread to measure the gap against",
                "visits: off track for 24 periods (2023-01 to 2024-12), not ranked: no period of the streak has both"
                        + " a target and a spread in its trailing window");
    }

    @Test
    void includedInResultsPoints_rankedTogetherWithTheirNotes() {
        KpiResults r = results();
        Scorecard card = TrackFixture.tracker(CATALOG, 1).track(r);
        ImprovementPoints all = r.improvementPoints().include(card.improvementPoints()).run();
        ImprovementPoints alone = r.improvementPoints().run();

        assertThat(all.points()).hasSize(alone.points().size() + card.improvementPoints().points().size());
        assertThat(all.points()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(all.points()).extracting(ImprovementPoint::kind).contains(ImprovementPoint.GAP_TO_TARGET,
                ImprovementPoint.OFF_TRACK_STREAK, ImprovementPoint.CRITICAL_ALERT);
        assertThat(all.notes()).containsAll(card.improvementPoints().notes()).containsAll(alone.notes());
        List<ImprovementPoint> fromCard = card.improvementPoints().points();
        assertThat(all.points()).containsAll(fromCard);
    }
}
