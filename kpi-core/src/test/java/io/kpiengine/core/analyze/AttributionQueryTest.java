package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.DriverSplit;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attribution from the catalog's definitions; expected contributions from the written definitions: LMDI-I
 * {@code c_i = L(V1, V0) e_i ln(x1_i / x0_i)} with {@code L(a, b) = (a - b) / (ln a - ln b)} on the metric's own
 * values (Ang 2005); two-factor Shapley {@code phi_a = (a1 - a0)(b0 + b1) / 2}; additive {@code c_i = s_i dx_i}.
 */
class AttributionQueryTest {

    static final KpiResults R = LeadLagQueryTest.RESULTS;
    static final Map<String, String> EMAIL = Map.of("channel", "email");
    static final Period W10 = Fixture.week(10);
    static final Period W11 = Fixture.week(11);

    static double v(String metric, Period p) {
        return R.number(metric, p, EMAIL).orElseThrow();
    }

    static double logMean(double a, double b) {
        return a == b ? a : (a - b) / (Math.log(a) - Math.log(b));
    }

    @Test
    void attribute_productFormulaWithAConstant_isTheLmdiSplitOfTheMetricsOwnValues() {
        DriverSplit split = R.attribute("revenue_model").segment(EMAIL).between(W10, W11);

        double v0 = v("revenue_model", W10);
        double v1 = v("revenue_model", W11);
        assertThat(split.method()).isEqualTo("lmdi");
        assertThat(split.before()).isCloseTo(v0, within(1e-9 * v0));
        assertThat(split.after()).isCloseTo(v1, within(1e-9 * v1));
        assertThat(split.contributions()).extracting(Contribution::name).containsExactly("visitors", "conversion", "aov");
        double total = 0;
        for (Contribution c : split.contributions()) {
            double x0 = v(c.name(), W10);
            double x1 = v(c.name(), W11);
            assertThat(c.before()).isEqualTo(x0);
            assertThat(c.after()).isEqualTo(x1);
            assertThat(c.amount()).isCloseTo(logMean(v1, v0) * Math.log(x1 / x0), within(1e-9 * Math.abs(v1)));
            total += c.amount();
        }
        assertThat(total).isCloseTo(v1 - v0, within(1e-9 * Math.abs(v1)));
        assertThat(R.attribute("revenue_model").drivers()).containsExactly("visitors", "conversion", "aov");
    }

    @Test
    void attribute_ratio_splitsNumeratorAndDenominatorWithTheScale() {
        DriverSplit lmdi = R.attribute("conversion").segment(EMAIL).between(W10, W11);
        double v0 = v("conversion", W10);
        double v1 = v("conversion", W11);
        double o0 = v("orders", W10);
        double o1 = v("orders", W11);
        double n0 = v("visitors", W10);
        double n1 = v("visitors", W11);
        assertThat(lmdi.contributions().get(0).amount()).isCloseTo(logMean(v1, v0) * Math.log(o1 / o0), within(1e-12));
        assertThat(lmdi.contributions().get(1).amount()).isCloseTo(-logMean(v1, v0) * Math.log(n1 / n0),
                within(1e-12));

        DriverSplit shapley = R.attribute("conversion").segment(EMAIL).shapley().between(W10, W11);
        assertThat(shapley.method()).isEqualTo("shapley");
        assertThat(shapley.contributions().get(0).amount())
                .isCloseTo(100 * (o1 - o0) * (1 / n0 + 1 / n1) / 2, within(1e-12));
        assertThat(shapley.contributions().get(1).amount())
                .isCloseTo(100 * (1 / n1 - 1 / n0) * (o0 + o1) / 2, within(1e-12));
        assertThat(shapley.change()).isCloseTo(v1 - v0, within(1e-12));
    }

    @Test
    void attribute_sumFormula_isAdditiveWithSignedChanges() {
        DriverSplit split = R.attribute("gross").segment(EMAIL).between(W10, W11);

        assertThat(split.method()).isEqualTo("additive");
        assertThat(split.contributions()).extracting(Contribution::name, Contribution::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("visitors", v("visitors", W11) - v("visitors", W10)),
                org.assertj.core.groups.Tuple.tuple("orders", -(v("orders", W11) - v("orders", W10))));
        assertThat(split.change()).isEqualTo(v("gross", W11) - v("gross", W10));
    }

    @Test
    void attribute_measureOrOtherShape_isRefusedNamingTheShapes() {
        assertThatThrownBy(() -> R.attribute("visitors")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'visitors' is a measure (sum): it has no drivers to split its change into;"
                        + " attribution takes " + DriverShape.SHAPES + " (segmentChanges splits a change over segments)");
        assertThatThrownBy(() -> R.attribute("growth")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'growth' = \"revenue / lag(revenue, 1)\" has the function 'lag(...)'; attribution"
                        + " takes " + DriverShape.SHAPES);
    }

    @Test
    void attribute_missingSegment_listsTheSegments() {
        assertThatThrownBy(() -> R.attribute("conversion").between(W10, W11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(
                        "segment must be a segment of metric 'conversion', but was {}");
    }

    @Test
    void shape_recognisesSumsProductsAndRepeatedFactors() {
        DriverShape p = DriverShape.parse("m", "100 * a / b*c/2");
        assertThat(p.kind).isEqualTo(DriverShape.Kind.PRODUCT);
        assertThat(p.drivers).containsExactly(Map.entry("a", 1), Map.entry("b", -1), Map.entry("c", 1));
        assertThat(p.constant).isEqualTo(50);
        assertThat(DriverShape.parse("m", "a * a / b * 1e-2").drivers).containsExactly(Map.entry("a", 2),
                Map.entry("b", -1));
        assertThat(DriverShape.parse("m", "a * a / b * 1e-2").constant).isEqualTo(0.01);
        DriverShape s = DriverShape.parse("m", "a + b - c");
        assertThat(s.kind).isEqualTo(DriverShape.Kind.SUM);
        assertThat(s.drivers).containsExactly(Map.entry("a", 1), Map.entry("b", 1), Map.entry("c", -1));
        for (String[] bad : List.of(new String[] {"(a - b) / b", "'(' at column 1"},
                new String[] {"a * b + c", "'+' or '-' mixed with '*' or '/'"},
                new String[] {"a + 10", "a number added to metrics"},
                new String[] {"a / 0", "a division by the number 0"},
                new String[] {"a *", "an operator without its operand"},
                new String[] {"a / a", "no metric"})) {
            assertThatThrownBy(() -> DriverShape.parse("m", bad[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("metric 'm' = \"" + bad[0] + "\" has " + bad[1] + "; attribution takes "
                            + DriverShape.SHAPES);
        }
    }
}
