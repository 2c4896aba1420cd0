package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.time.Grain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricBuilderTest {

    @Test
    void measure_sumWithFilter_buildsValue() {
        Measure m = Metric.measure("email_revenue").source("events").sum("revenue")
                .filter("channel = 'email'").dimensions("region").unit("USD").build();
        assertThat(m.aggregation()).isEqualTo(Aggregation.SUM);
        assertThat(m.column()).contains("revenue");
        assertThat(m.filter().orElseThrow()).isEqualTo(Filter.eq("channel", "email"));
        assertThat(m.onEmpty()).isEqualTo(EmptyPolicy.ZERO);
        assertThat(m.columns()).containsExactly("revenue", "channel", "region");
        assertThat(m.metadata().unit()).contains(Unit.of("USD"));
    }

    @Test
    void measure_aggregationTwice_isRefused() {
        assertThatThrownBy(() -> Metric.measure("x").sum("a").average("b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aggregation was already set to SUM");
    }

    @Test
    void measure_withoutAggregation_failsAtBuild() {
        assertThatThrownBy(() -> Metric.measure("x").owner("me").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metric 'x': aggregation must be chosen (sum, count, ...), but was not");
    }

    @Test
    void ratio_defaults() {
        Ratio r = Metric.ratio("conversion_rate").numerator("conversions").denominator("visitors").scale(100)
                .build();
        assertThat(r.scale()).isEqualByComparingTo(new BigDecimal("100"));
        assertThat(r.onZeroDenominator()).isEqualTo(EmptyPolicy.NO_VALUE);
        assertThat(r.inputs()).containsExactly("conversions", "visitors");
        assertThat(r.dimensions()).isEmpty();
        assertThat(r.declaresDimensions()).isFalse();
    }

    @Test
    void derived_referencesAreParsed() {
        Derived d = Metric.derived("g").formula("(revenue - lag(revenue, 12)) / to_date(visitors, Month) "
                + "+ trailing(revenue,7) - last_year(revenue)").build();
        assertThat(d.references()).extracting(MetricReference::slot).containsExactly("revenue",
                "lag(revenue,12)", "to_date(visitors,month)", "trailing(revenue,7)", "last_year(revenue)");
        assertThat(d.inputs()).containsExactly("revenue", "visitors");
        assertThat(d.references().get(2).grain()).isEqualTo(Grain.MONTH);
    }

    @Test
    void derived_compiled_slotsFollowReferences() {
        Derived d = Metric.derived("g").formula("(revenue - to_date(revenue, month)) / lag(revenue, 2) * 100").build();
        assertThat(d.references()).extracting(MetricReference::slot)
                .containsExactly("revenue", "to_date(revenue,month)", "lag(revenue,2)");
        assertThat(d.compiled().evaluate(new double[] {30, 10, 40})).isEqualTo(50.0);
    }

    @Test
    void derived_badFormula_namesColumn() {
        assertThatThrownBy(() -> Metric.derived("g").formula("revenue / ").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("metric 'g': formula \"revenue / \": expected a number, a metric id, a function call"
                        + " or '(' at column 11, but found the end");
    }

    @Test
    void id_reserved_isRefused() {
        assertThatThrownBy(() -> Metric.measure("lag"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric id must not be a formula keyword or function name, but was 'lag'");
    }

    @Test
    void unit_algebra() {
        assertThat(Unit.parse("USD / count")).hasToString("USD per count").isEqualTo(Unit.parse("USD per count"));
        assertThat(Unit.parse("USD").dividedBy(Unit.COUNT)).isEqualTo(Unit.parse("USD per count"));
        assertThat(Unit.parse("%")).isEqualTo(Unit.PERCENT);
        assertThat(Unit.PERCENT.sameDimension(Unit.ONE)).isTrue();
        assertThat(Unit.parse("USD per count * day")).hasToString("USD per count * day");
        assertThat(List.of(Unit.parse("m^2").exponents())).containsExactly(java.util.Map.of("m", 2));
    }
}
