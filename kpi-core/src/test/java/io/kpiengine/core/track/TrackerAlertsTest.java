package io.kpiengine.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.AnomalyScore;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.StateException;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.io.MemorySource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Alerts: threshold hysteresis with consecutive periods and cooldown, change, the three anomaly scores (formulas
 * written here), Benjamini-Hochberg across a scorecard, and new / continuing / resolved across runs through the
 * alert state.
 */
class TrackerAlertsTest {

    static final double[] SIGNUPS = {100, 100, 100, 80, 85, 95, 100, 70, 72, 100, 100, 60};
    static final double[] VISITS = {10, 11, 9, 10, 12, 8, 20, 10, 11, 9, 10, 10};

    static final Catalog CATALOG = TrackFixture.catalog("metrics:\n"
            + "  - {id: signups, aggregate: sum, column: signups, direction: higher-is-better}\n"
            + "  - {id: visits, aggregate: sum, column: cost, direction: higher-is-better,"
            + " baseline: {method: trailing, periods: 6}}\n"
            + "alerts:\n"
            + "  - {id: low, metric: signups, kind: threshold, below: 90, exit: 98, periods: 2, cooldown: 1,"
            + " severity: critical}\n"
            + "  - {id: low-nocool, metric: signups, kind: threshold, below: 90, exit: 98, periods: 2}\n"
            + "  - {id: jump, metric: signups, kind: change, percent: true, above: 20, severity: info}\n"
            + "  - {id: odd-robust, metric: visits, kind: anomaly, method: robust, window: 6}\n"
            + "  - {id: odd-sigma, metric: visits, kind: anomaly, method: sigma, window: 6}\n"
            + "  - {id: odd-ewma, metric: visits, kind: anomaly, method: ewma, window: 6, lambda: 0.2}\n");

    static MemorySource rows(int from, int to) {
        MemorySource.Builder b = MemorySource.builder(TrackFixture.SCHEMA);
        for (int i = from; i < to; i++) {
            b.row(TrackFixture.month(i), "all", 0L, VISITS[i], SIGNUPS[i]);
        }
        return b.build();
    }

    /** Results of months {@code first..last} (the spine), reading the data of months 0..11. */
    static KpiResults results(int first, int last) {
        Period p0 = period(first);
        Period p1 = period(last);
        return KpiEngine.builder().catalog(CATALOG).clock(TrackFixture.CLOCK).periods(p0, p1).build()
                .evaluate(Map.of("m", rows(0, 12)));
    }

    static Period period(int i) {
        return CATALOG.calendar().period(Grain.MONTH, TrackFixture.month(i));
    }

    static List<String> events(Scorecard card, String metric) {
        List<String> out = new ArrayList<>();
        for (ScorecardRow r : card.series(metric, Map.of())) {
            for (Alert a : r.alerts()) {
                out.add(r.period() + " " + a.rule() + " " + a.state().id());
            }
        }
        return out;
    }

    static List<String> cardAlerts(Scorecard card) {
        return card.alerts().stream().map(a -> a.rule() + " " + a.state().id() + " " + a.period() + " since "
                + a.since()).collect(Collectors.toList());
    }

    @Test
    void threshold_consecutivePeriodsHysteresisAndCooldown() {
        Scorecard card = TrackFixture.tracker(CATALOG, 2).track(results(0, 11));
        assertThat(events(card, "signups")).containsExactly(
                "2023-05 low new", "2023-05 low-nocool new",
                "2023-06 low continuing", "2023-06 low-nocool continuing",
                "2023-07 low resolved", "2023-07 low-nocool resolved",
                "2023-09 low-nocool new",
                "2023-10 low-nocool resolved", "2023-10 jump new",
                "2023-11 jump resolved");
        Alert opened = card.series("signups", Map.of()).get(4).alerts().get(0);
        assertThat(opened.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(opened.low()).hasValue(90);
        assertThat(opened.message()).isEqualTo("signups 2023-05: value 85 below 90 for 2 periods");
        assertThat(opened.toString()).isEqualTo("CRITICAL NEW low: signups 2023-05: value 85 below 90 for 2 periods");
        assertThat(alert(card.series("signups", Map.of()).get(5), "low").message())
                .isEqualTo("signups 2023-06: value 95, open since 2023-05 (opened below 90, closes at 98)");
        assertThat(alert(card.series("signups", Map.of()).get(6), "low").message())
                .isEqualTo("signups 2023-07: value 100 back within the exit level 98");
        Alert jump = alert(card.series("signups", Map.of()).get(9), "jump");
        assertThat(jump.message()).isEqualTo("signups 2023-10: % change from the previous period 38.89 above 20;"
                + " value 100, expected 72, at most 86.40");
        assertThat(jump.signal()).isCloseTo(100.0 * (100 - 72) / 72, within(1e-9));
        assertThat(jump.expected()).hasValue(72);
        assertThat(card.alerts()).isEmpty();   // nothing open at the end, nothing was open before
    }

    @Test
    void anomalies_robustSigmaAndEwma_followTheirFormulas() {
        Scorecard card = TrackFixture.tracker(CATALOG, 1).track(results(0, 11));
        List<ScorecardRow> rows = card.series("visits", Map.of());
        // robust: window 2023-01..06 = 10, 11, 9, 10, 12, 8: median 10, |x - 10| = 0,1,1,0,2,2 -> MAD 1
        Alert robust = alert(rows.get(6), "odd-robust");
        assertThat(robust.state()).isEqualTo(Alert.State.NEW);
        assertThat(robust.signal()).isCloseTo((20 - 10) / (1.4826 * 1), within(1e-12));
        assertThat(robust.pValue().getAsDouble()).isCloseTo(AnomalyScore.pValue(10 / 1.4826,
                AnomalyScore.Tail.BOTH), within(1e-15));
        assertThat(robust.low()).hasValue(10 - 3 * 1.4826);
        // next window 11, 9, 10, 12, 8, 20: median 10.5, deviations 0.5,1.5,0.5,1.5,2.5,9.5 -> MAD 1.5
        Alert back = alert(rows.get(7), "odd-robust");
        assertThat(back.state()).isEqualTo(Alert.State.RESOLVED);
        assertThat(back.signal()).isCloseTo((10 - 10.5) / (1.4826 * 1.5), within(1e-12));
        // sigma: baseline = trailing mean 10, s = sqrt((0 + 1 + 1 + 0 + 4 + 4) / 5) = sqrt(2)
        assertThat(alert(rows.get(6), "odd-sigma").signal()).isCloseTo(10 / Math.sqrt(2), within(1e-12));
        // EWMA: mu0 = 10, sigma = sqrt(2) from the first 6 values; z(t) = 0.2 x + 0.8 z(t-1), z(0) = 10;
        // score = (z - mu0) / (sigma sqrt(0.2 / 1.8 (1 - 0.8^(2t)))), alert beyond 3
        double z = 10;
        List<String> expected = new ArrayList<>();
        boolean open = false;
        for (int t = 6; t < 12; t++) {
            z = 0.2 * VISITS[t] + 0.8 * z;
            int points = t - 5;
            double score = (z - 10) / (Math.sqrt(2) * Math.sqrt(0.2 / 1.8 * (1 - Math.pow(0.8, 2 * points))));
            Alert a = alert(rows.get(t), "odd-ewma");
            if (!open && Math.abs(score) > 3) {
                open = true;
                expected.add(t + " new");
            } else if (open && Math.abs(score) <= 3) {
                open = false;
                expected.add(t + " resolved");
            } else if (open) {
                expected.add(t + " continuing");
            }
            if (a != null) {
                assertThat(a.signal()).as("EWMA score in month %d", t).isCloseTo(score, within(1e-12));
            }
        }
        List<String> actual = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            Alert a = alert(rows.get(t), "odd-ewma");
            if (a != null) {
                actual.add(t + " " + a.state().id());
            }
        }
        assertThat(actual).isEqualTo(expected).startsWith("6 new").contains("9 resolved");
    }

    static Alert alert(ScorecardRow row, String rule) {
        return row.alerts().stream().filter(a -> a.rule().equals(rule)).findFirst().orElse(null);
    }

    @Test
    void acrossRuns_newContinuingResolved_fromTheAlertState() {
        Tracker tracker = TrackFixture.tracker(CATALOG, 2);
        Scorecard first = tracker.track(results(0, 5));
        assertThat(cardAlerts(first)).containsExactly("low new 2023-06 since 2023-05",
                "low-nocool new 2023-06 since 2023-05");
        assertThat(first.hasOpen(AlertSeverity.CRITICAL)).isTrue();
        AlertState saved = AlertState.fromBytes(first.alertState().toBytes());
        assertThat(saved).isEqualTo(first.alertState());
        assertThat(saved.openAlerts()).isEqualTo(2);

        Scorecard again = tracker.track(results(0, 5), saved);
        assertThat(cardAlerts(again)).containsExactly("low continuing 2023-06 since 2023-05",
                "low-nocool continuing 2023-06 since 2023-05");

        Scorecard replay = tracker.track(results(0, 11), saved);
        Scorecard resumed = tracker.track(results(6, 11), saved);
        for (Scorecard next : List.of(replay, resumed)) {
            assertThat(cardAlerts(next)).containsExactly("low resolved 2023-07 since 2023-05",
                    "low-nocool resolved 2023-07 since 2023-05");
            assertThat(next.hasOpen(AlertSeverity.CRITICAL)).isFalse();
        }
        // the resumed run starts from the saved machines (and the EWMA chart): the same events as the replay in
        // months 6..11; the trailing windows of the sigma and robust scores need the history in the results
        assertThat(events(resumed, "signups")).isEqualTo(events(replay, "signups").stream()
                .filter(e -> e.compareTo("2023-07") >= 0).toList());
        assertThat(events(resumed, "visits")).isEqualTo(events(replay, "visits").stream()
                .filter(e -> e.compareTo("2023-07") >= 0 && e.contains("ewma")).toList()).hasSize(4);
    }

    @Test
    void alertState_badBytes_stateExceptionsThatSayWhy() {
        byte[] good = TrackFixture.tracker(CATALOG, 1).track(results(0, 5)).alertState().toBytes();
        byte[] damaged = good.clone();
        damaged[20] ^= 1;
        assertThatThrownBy(() -> AlertState.fromBytes(damaged)).isInstanceOf(StateException.class)
                .hasMessage("alert state is damaged: its checksum does not match");
        byte[] aggregation = results(0, 5).state().toBytes();
        assertThatThrownBy(() -> AlertState.fromBytes(aggregation)).isInstanceOf(StateException.class)
                .hasMessageStartingWith("not an alert state: the bytes do not start with KPIA");
        assertThatThrownBy(() -> AlertState.fromBytes(Arrays.copyOf(good, 10))).isInstanceOf(StateException.class)
                .hasMessage("not an alert state: 10 bytes is shorter than its header");
        KpiResults daily = KpiEngine.builder().catalog(CATALOG).grain(Grain.DAY).clock(TrackFixture.CLOCK).build()
                .evaluate(Map.of("m", rows(0, 3)));
        assertThatThrownBy(() -> TrackFixture.tracker(CATALOG, 1).track(daily, AlertState.fromBytes(good)))
                .isInstanceOf(StateException.class)
                .hasMessage("the alert state was written for UTC JANUARY END_YEAR month, but these results are UTC"
                        + " JANUARY END_YEAR day (zone, fiscal year start and naming, grain): track with the alert"
                        + " state of the same kind of run, or start from an empty one");
    }

    @Test
    void falseDiscoveryRate_adjustsTheAnomalyPValuesOfOnePeriodTogether() {
        String body = "metrics:\n  - {id: v, aggregate: sum, column: cost, dimensions: [channel],"
                + " direction: higher-is-better}\n"
                + "tracking: {falseDiscoveryRate: 0.01}\n"
                + "alerts:\n  - {id: odd, metric: v, kind: anomaly, method: robust, window: 6, beyond: 2.5}\n";
        Catalog c = TrackFixture.catalog(body);
        double[] window = {10, 11, 9, 10, 12, 8};
        double spike = 10 + 2.9 * 1.4826;          // robust z 2.9: p = 2 (1 - Phi(2.9)) = 0.00373
        double calm = 10 + 0.2 * 1.4826;           // robust z 0.2: p = 0.84
        for (int others : new int[] {0, 9}) {
            KpiResults r = TrackFixture.results(c, TrackFixture.CLOCK, b -> {
                for (int ch = 0; ch <= others; ch++) {
                    for (int i = 0; i < 7; i++) {
                        b.row(TrackFixture.month(i), "c" + ch, 0L, i < 6 ? window[i] : ch == 0 ? spike : calm, 0.0);
                    }
                }
            });
            Scorecard card = TrackFixture.tracker(c, 2).track(r);
            Alert a = alert(card.series("v", Map.of("channel", "c0")).get(6), "odd");
            double p = AnomalyScore.pValue(2.9, AnomalyScore.Tail.BOTH);
            double q = AnomalyScore.pValue(0.2, AnomalyScore.Tail.BOTH);
            if (others == 0) {
                // alone, BH leaves p as it is: 0.0037 <= 0.01
                assertThat(a).isNotNull();
                assertThat(a.pValue().getAsDouble()).isCloseTo(p, within(1e-12));
            } else {
                // with 9 calm segments: BH q = min(10 p / 1, 10 q / 10 ...) = 0.037 > 0.01: no alert
                assertThat(Math.min(10 * p, q)).isGreaterThan(0.01);
                assertThat(a).isNull();
            }
        }
    }

    @Test
    void listeners_receiveTheCardAlertsThenTheCard() {
        List<String> heard = new ArrayList<>();
        Tracker t = Tracker.builder(CATALOG).clock(TrackFixture.CLOCK).parallelism(1)
                .listener(new AlertListener() {
                    @Override
                    public void onAlert(Alert alert) {
                        heard.add(alert.rule() + " " + alert.state().id());
                    }

                    @Override
                    public void onScorecard(Scorecard scorecard) {
                        heard.add("card of " + scorecard.rows().size() + " rows");
                    }
                }).build();
        t.track(results(0, 5));
        assertThat(heard).containsExactly("low new", "low-nocool new", "card of 12 rows");
    }

    @Test
    void threads_doNotChangeTheScorecard() {
        KpiResults r = results(0, 11);
        String one = TrackFixture.tracker(CATALOG, 1).track(r).toJson();
        assertThat(TrackFixture.tracker(CATALOG, 3).track(r).toJson()).isEqualTo(one);
    }
}
