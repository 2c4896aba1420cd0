package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

    @Test
    void of_segment_holdsTheCellsInPeriodOrderWithReasonsForMissingOnes() {
        long[] visitors = Fixture.noisy(new Random(1), 10, 500, 50);
        visitors[4] = -1;   // no row in week 4
        Fixture f = new Fixture().channel("email", visitors, new long[10], Fixture.noisy(new Random(2), 10, 90, 9));
        KpiResults r = f.results();

        MetricSeries s = MetricSeries.of(r, "avg_revenue", Map.of("channel", "email"));

        assertThat(s.label()).isEqualTo("avg_revenue (channel=email)");
        assertThat(s.series().name()).isEqualTo(s.label());
        assertThat(s.periods()).hasSize(10).isSorted().containsExactlyElementsOf(
                r.series("avg_revenue", Map.of("channel", "email")).stream().map(KpiResult::period).toList());
        for (int w = 0; w < 10; w++) {
            KpiResult cell = r.series("avg_revenue", Map.of("channel", "email")).get(w);
            if (w == 4) {
                assertThat(s.series().isMissing(4)).isTrue();
                assertThat(s.reason(4)).hasValue("NO_ROWS: " + cell.value().detail().orElseThrow());
            } else {
                assertThat(s.series().get(w)).isEqualTo(cell.value().value());
                assertThat(s.reason(w)).isEmpty();
            }
        }
        assertThat(s.missingCount()).isEqualTo(1);
        assertThat(s.indexOf(Fixture.week(4))).hasValue(4);
    }

    @Test
    void of_partialPeriod_isLeftOutUnlessAsked() {
        Fixture f = Fixture.shop();
        f.now = Fixture.FIRST.plusWeeks(59).plusDays(2).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        KpiResults r = f.results();

        assertThat(MetricSeries.of(r, "total_revenue", Map.of()).size()).isEqualTo(59);
        assertThat(r.trend("total_revenue").partialPeriods(true).run().series().size()).isEqualTo(60);
        assertThat(r.trend("total_revenue").run().series().periods()).doesNotContain(Fixture.week(59));
    }

    @Test
    void missing_underError_namesThePeriodAndTheCellsReason() {
        long[] visitors = Fixture.noisy(new Random(1), 12, 500, 50);
        visitors[3] = -1;
        KpiResults r = new Fixture().channel("email", visitors, new long[12], Fixture.noisy(new Random(2), 12, 90, 9))
                .results();

        assertThatThrownBy(() -> r.trend("avg_revenue").segment(Map.of("channel", "email")).run())
                .isInstanceOf(MissingValueException.class)
                .hasMessage("trend: series 'avg_revenue (channel=email)' has no value in 1 of 12 periods, the first"
                        + " 2024-W04 (NO_ROWS: " + r.value("avg_revenue", Fixture.week(3), Map.of("channel", "email"))
                        .orElseThrow().value().detail().orElseThrow() + "); choose other periods, or pass"
                        + " MissingPolicy.INTERPOLATE to fill them")
                .satisfies(e -> {
                    MissingValueException m = (MissingValueException) e;
                    assertThat(m.metric()).isEqualTo("avg_revenue");
                    assertThat(m.segment()).isEqualTo(Map.of("channel", "email"));
                    assertThat(m.period()).isEqualTo(Fixture.week(3));
                });
        assertThat(r.trend("avg_revenue").segment(Map.of("channel", "email")).missing(MissingPolicy.DROP).run()
                .ols().observations()).isEqualTo(11);
    }

    @Test
    void of_unknownMetricOrSegment_namesTheCandidates() {
        KpiResults r = Fixture.shop().results();

        assertThatThrownBy(() -> MetricSeries.of(r, "visitor", Map.of("channel", "email")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("but was 'visitor'; did you mean"
                        + " 'visitors'?");
        assertThatThrownBy(() -> MetricSeries.of(r, "visitors", Map.of("channel", "mail")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment must be a segment of metric 'visitors', but was {channel=mail}; its segments are"
                        + " [{channel=email}, {channel=search}, {channel=social}]");
        assertThatThrownBy(() -> MetricSeries.of(r, "visitors", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was {}");
    }

    @Test
    void options_setTwice_fail() {
        KpiResults r = Fixture.shop().results();
        assertThatThrownBy(() -> r.trend("total_revenue").missing(MissingPolicy.DROP).missing(MissingPolicy.ERROR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("missing was already set to DROP, cannot set it to ERROR");
        assertThatThrownBy(() -> r.trend("total_revenue").from(Fixture.week(9)).to(Fixture.week(3)).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("to must not end before from");
    }

    /** Series pair when their segments agree on their common dimensions: the same channel, or each against a total. */
    @Test
    void pairs_sameSegment_orEachAgainstATotal() {
        KpiResults r = LeadLagQueryTest.RESULTS;
        java.util.List<MetricSeries.Pair> toTotal = MetricSeries.pairs(r, "visitors", "total_revenue");
        assertThat(toTotal).extracting(MetricSeries.Pair::leading).containsExactlyElementsOf(
                java.util.List.copyOf(new java.util.LinkedHashSet<>(r.metric("visitors").stream()
                        .map(KpiResult::dimensions).toList())));
        assertThat(toTotal).extracting(MetricSeries.Pair::lagging).containsOnly(Map.of());
        java.util.List<MetricSeries.Pair> same = MetricSeries.pairs(r, "visitors", "orders");
        assertThat(same).isNotEmpty().allMatch(p -> p.leading().equals(p.lagging()));
        assertThat(same).hasSameSizeAs(toTotal);
        assertThatThrownBy(() -> MetricSeries.pairs(r, "visitor", "orders")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the table has no metric 'visitor'").hasMessageEndingWith("did you mean 'visitors'?");
    }
}
