package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.analysis.HoltLinear;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pace towards horizon targets: to-date actual and expected of a linearly phased annual total, the forecast of the
 * total at the horizon's end (actual to date plus Holt forecasts of the remaining months, with the variance of their
 * sum), the probability of reaching it, and a level target's forecast at its due month.
 */
class TrackerPaceTest {

    static double leads(int i) {
        return 200 + 3 * i + ((i * 37) % 11) - 5;
    }

    @Test
    void linearlyPhasedAnnualTarget_toDatePace_andForecastOfTheTotal() {
        Catalog c = TrackFixture.catalog("metrics:\n"
                + "  - {id: leads, aggregate: sum, column: leads, direction: higher-is-better}\n"
                + "tracking:\n"
                + "  intervalLevel: 0.9\n"
                + "  targets:\n"
                + "    - {metric: leads, kind: long-term, value: 3300, phasing: linear, start: 2025-01-01,"
                + " due: 2025-12-31}\n"
                + "    - {metric: leads, kind: stretch, value: 320, due: 2025-12-31}\n");
        Clock july = Clock.fixed(Instant.parse("2025-07-15T00:00:00Z"), ZoneOffset.UTC);
        KpiResults r = TrackFixture.results(c, july, b -> {
            for (int i = 0; i < 30; i++) {
                b.row(TrackFixture.month(i), "all", (long) leads(i), 0.0, 0.0);
            }
        });
        List<ScorecardRow> rows = TrackFixture.tracker(c, 1).track(r).series("leads", Map.of());
        assertThat(rows).hasSize(30);
        assertThat(rows.get(23).pace()).isEmpty();            // 2024-12: before the horizon
        double actual = 0;
        for (int t = 24; t < 30; t++) {
            actual += leads(t);
            Pace p = rows.get(t).pace().orElseThrow();
            double expected = 3300.0 / 12 * (t - 23);
            assertThat(p.toDateActual().getAsDouble()).isCloseTo(actual, within(1e-9));
            assertThat(p.toDateExpected().getAsDouble()).isCloseTo(expected, within(1e-9));
            assertThat(p.percent().getAsDouble()).isCloseTo(100 * actual / expected, within(1e-9));
            assertThat(rows.get(t).target().getAsDouble()).isCloseTo(275, within(1e-9));
            assertThat(p.forecast().isPresent()).isEqualTo(t == 29);
        }
        Pace now = rows.get(29).pace().orElseThrow();
        double[] y = new double[30];
        Arrays.setAll(y, TrackerPaceTest::leads);
        HoltLinear holt = HoltLinear.fit(y);
        double forecast = actual;
        for (int h = 1; h <= 6; h++) {
            forecast += holt.forecast(h);
        }
        double variance = holt.sumVariance(1, 1, 1, 1, 1, 1);
        assertThat(now.forecast().getAsDouble()).isCloseTo(forecast, within(1e-6));
        assertThat(now.interval().orElseThrow().level()).isEqualTo(0.9);
        assertThat(now.interval().orElseThrow().high() - forecast).isCloseTo(1.6448536269514722
                * Math.sqrt(variance), within(1e-6));
        double probability = AnomalyScore.pValue((forecast - 3300) / Math.sqrt(variance), AnomalyScore.Tail.LOWER);
        assertThat(now.probability().getAsDouble()).isCloseTo(probability, within(1e-9));
        Pace.Outlook outlook = now.interval().get().low() >= 3300 ? Pace.Outlook.WILL_REACH
                : now.interval().get().high() < 3300 ? Pace.Outlook.WILL_MISS : Pace.Outlook.AT_RISK;
        assertThat(now.outlook()).contains(outlook);
        assertThat(now.horizonEnd()).hasToString("2025-12");
        assertThat(now.model().orElseThrow()).startsWith("Holt linear (alpha ").endsWith(" on 30 periods"
                + " 2023-01..2025-06");
    }

    @Test
    void levelTarget_forecastAtTheDueMonth_andTooShortHistory_saysWhy() {
        Catalog c = TrackFixture.catalog("metrics:\n"
                + "  - {id: leads, aggregate: sum, column: leads, direction: lower-is-better,"
                + " targets: {longTerm: {value: 250, due: 2025-12-31}}}\n");
        Clock july = Clock.fixed(Instant.parse("2025-07-15T00:00:00Z"), ZoneOffset.UTC);
        KpiResults r = TrackFixture.results(c, july, b -> {
            for (int i = 0; i < 30; i++) {
                b.row(TrackFixture.month(i), "all", (long) leads(i), 0.0, 0.0);
            }
        });
        Pace p = TrackFixture.tracker(c, 1).track(r).series("leads", Map.of()).get(29).pace().orElseThrow();
        double[] y = new double[30];
        Arrays.setAll(y, TrackerPaceTest::leads);
        HoltLinear holt = HoltLinear.fit(y);
        assertThat(p.forecast().getAsDouble()).isCloseTo(holt.forecast(6), within(1e-6));
        assertThat(p.toDateActual()).isEmpty();
        double sd = Math.sqrt(holt.variance(6));
        assertThat(p.probability().getAsDouble()).isCloseTo(AnomalyScore.pValue((250 - holt.forecast(6)) / sd,
                AnomalyScore.Tail.LOWER), within(1e-9));

        KpiResults shortHistory = TrackFixture.results(c, july, b -> {
            for (int i = 26; i < 30; i++) {
                b.row(TrackFixture.month(i), "all", (long) leads(i), 0.0, 0.0);
            }
        });
        Pace none = TrackFixture.tracker(c, 1).track(shortHistory).series("leads", Map.of()).get(3).pace()
                .orElseThrow();
        assertThat(none.forecast()).isEmpty();
        assertThat(none.reason()).contains("a forecast needs 6 consecutive periods with values up to 2025-06, but"
                + " has 4");
    }
}
