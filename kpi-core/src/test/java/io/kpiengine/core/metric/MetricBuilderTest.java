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
                .hasMessage("metric 'g': formula: Expected a number, variable, function call or '(' but found the end"
                        + " of the formula at column 11 in \"revenue / \"");
    }

    @Test
    void derived_badReferenceCall_namesRuleAndColumn() {
        assertThatThrownBy(() -> Metric.derived("g").formula("revenue / lag(revenue, 0)").build())
                .hasMessage("metric 'g': formula: Invalid reference 'lag(revenue, 0)' at column 11 in"
                        + " \"revenue / lag(revenue, 0)\": the second argument of lag(metric, n) must be a whole number"
                        + " 1..10000, but was '0'");
        assertThatThrownBy(() -> Metric.derived("g").formula("trailing(revenue, n)").build())
                .hasMessageContaining("the second argument of trailing(metric, n) must be a whole number 1..10000, but"
                        + " was 'n'");
        assertThatThrownBy(() -> Metric.derived("g").formula("LAG(revenue, 1)").build())
                .hasMessage("metric 'g': formula: Unknown function 'LAG' at column 1 in \"LAG(revenue, 1)\"; did you"
                        + " mean 'lag' or 'log'?");
        assertThatThrownBy(() -> Metric.derived("g").formula("last_year(revenue, 1)").build())
                .hasMessage("metric 'g': formula: Function 'last_year' takes 1 argument but got 2 at column 1 in"
                        + " \"last_year(revenue, 1)\"");
    }

    /** One parse: the tree of the compiled formula is what the metric's references come from. */
    @Test
    void derived_referencesComeFromTheCompiledTree() {
        Derived d = Metric.derived("g").formula("sin(a) * pi + trailing(b, 3) / unitless(c) - lag(a, 1)").build();
        assertThat(d.compiled().variables()).containsExactly("a", "trailing(b,3)", "c", "lag(a,1)");
        assertThat(d.references()).extracting(MetricReference::slot).isEqualTo(d.compiled().variables());
        assertThat(d.inputs()).containsExactly("a", "b", "c");
        assertThat(d.columnOf("b")).isEqualTo(24);
        assertThat(d.columnOf(d.references().get(1))).isEqualTo(15);
    }

    @Test
    void derived_deepAndLongFormulas_compile() {
        String parens = "(".repeat(1_000) + "a + b" + ")".repeat(1_000);
        assertThat(Metric.derived("g").formula(parens).build().references()).hasSize(2);
        StringBuilder sum = new StringBuilder("m1");
        for (int i = 2; i <= 500; i++) {
            sum.append(" + m").append(i);
        }
        Derived composite = Metric.derived("g").formula(sum.toString()).build();
        assertThat(composite.references()).hasSize(500);
        double[] slots = new double[500];
        java.util.Arrays.fill(slots, 2);
        assertThat(composite.compiled().evaluate(slots)).isEqualTo(1000);
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
