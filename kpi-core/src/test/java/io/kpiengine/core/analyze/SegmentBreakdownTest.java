package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.MixRateSplit;
import io.kpiengine.analysis.SegmentMixRate;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Segment changes against the definitions: a sum's segments contribute their own changes; a ratio's segments their
 * part {@code N_s / sum D} of the overall rate, split as {@code dw (r0 + r1) / 2 + dr (w0 + w1) / 2}.
 */
class SegmentBreakdownTest {

    static final KpiResults R = LeadLagQueryTest.RESULTS;
    static final Period W58 = Fixture.week(58);
    static final Period W59 = Fixture.week(59);
    static final List<String> CHANNELS = List.of("email", "search", "social");

    static double v(String metric, String channel, Period p) {
        return R.number(metric, p, Map.of("channel", channel)).orElseThrow();
    }

    @Test
    void segmentChanges_sum_ranksEachChannelsOwnChange() {
        SegmentBreakdown b = R.segmentChanges("visitors", W58, W59);

        double total = 0;
        for (String c : CHANNELS) {
            Contribution k = b.changes().ranked().stream().filter(x -> x.name().equals("channel=" + c)).findFirst()
                    .orElseThrow();
            assertThat(k.amount()).isEqualTo(v("visitors", c, W59) - v("visitors", c, W58));
            total += k.amount();
        }
        assertThat(b.changes().change()).isEqualTo(total);
        assertThat(b.changes().detractors().get(0).name()).isEqualTo("channel=email");   // the built-in 40 % fall
        assertThat(b.segment("channel=email")).hasValue(Map.of("channel", "email"));
        assertThat(b.mixRate()).isEmpty();
    }

    @Test
    void segmentChanges_ratio_splitsTheOverallRateIntoMixAndRate() {
        SegmentBreakdown b = R.segmentChanges("conversion", W58, W59);

        double n0 = 0;
        double d0 = 0;
        double n1 = 0;
        double d1 = 0;
        for (String c : CHANNELS) {
            n0 += v("orders", c, W58);
            d0 += v("visitors", c, W58);
            n1 += v("orders", c, W59);
            d1 += v("visitors", c, W59);
        }
        MixRateSplit split = b.mixRate().orElseThrow();
        assertThat(split.rateBefore()).isCloseTo(100 * n0 / d0, within(1e-12));
        assertThat(split.rateAfter()).isCloseTo(100 * n1 / d1, within(1e-12));
        assertThat(split.mixEffect() + split.rateEffect()).isCloseTo(split.change(), within(1e-12));
        assertThat(b.changes().change()).isCloseTo(split.change(), within(1e-12));
        for (String c : CHANNELS) {
            double w0 = v("visitors", c, W58) / d0;
            double w1 = v("visitors", c, W59) / d1;
            double r0 = 100 * v("orders", c, W58) / v("visitors", c, W58);
            double r1 = 100 * v("orders", c, W59) / v("visitors", c, W59);
            SegmentMixRate s = split.segments().stream().filter(x -> x.name().equals("channel=" + c)).findFirst()
                    .orElseThrow();
            assertThat(s.mixEffect()).isCloseTo((w1 - w0) * (r0 + r1) / 2, within(1e-12));
            assertThat(s.rateEffect()).isCloseTo((r1 - r0) * (w0 + w1) / 2, within(1e-12));
            Contribution k = b.changes().ranked().stream().filter(x -> x.name().equals("channel=" + c)).findFirst()
                    .orElseThrow();
            assertThat(k.amount()).isCloseTo(w1 * r1 - w0 * r0, within(1e-12));
        }
    }

    @Test
    void segmentChanges_metricsThatDoNotAddUp_areRefused() {
        assertThatThrownBy(() -> R.segmentChanges("avg_revenue", W58, W59)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment changes need a metric whose segments add up to its total (a sum or count measure)"
                        + " or a ratio of two such measures, but 'avg_revenue' is an average measure");
        assertThatThrownBy(() -> R.segmentChanges("total_revenue", W58, W59))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'total_revenue' has no dimensions: it has no segments to split its change over");
    }
}
