package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.Contribution;
import io.kpiengine.analysis.DriverSplit;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Metric;
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
    void attribute_measureOrWindowFormula_isRefusedNamingTheShapes() {
        assertThatThrownBy(() -> R.attribute("visitors")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'visitors' is a measure (sum): it has no drivers to split its change into;"
                        + " attribution takes " + DriverShape.SHAPES + " (segmentChanges splits a change over segments)");
        assertThatThrownBy(() -> DriverShape.parse("ytd", "to_date(revenue, month) / 1000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'ytd' = \"to_date(revenue, month) / 1000\" has to_date(revenue,month), a window of"
                        + " periods that the result table does not hold as one cell; attribution takes "
                        + DriverShape.SHAPES);
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
        assertThat(p.drivers).containsExactly(Map.entry("a", 1.0), Map.entry("b", -1.0), Map.entry("c", 1.0));
        assertThat(p.constant).isEqualTo(50);
        assertThat(DriverShape.parse("m", "a * a / b * 1e-2").drivers).containsExactly(Map.entry("a", 2.0),
                Map.entry("b", -1.0));
        assertThat(DriverShape.parse("m", "a * a / b * 1e-2").constant).isEqualTo(0.01);
        DriverShape s = DriverShape.parse("m", "a + b - c");
        assertThat(s.kind).isEqualTo(DriverShape.Kind.SUM);
        assertThat(s.drivers).containsExactly(Map.entry("a", 1.0), Map.entry("b", 1.0), Map.entry("c", -1.0));
        assertThat(s.constant).isZero();
    }

    /* the shapes of the parse tree: parentheses, coefficients, constants, powers, unary minus, references */
    @Test
    void shape_fromTheParseTree_linearFormsMonomialsAndTheRest() {
        DriverShape lin = DriverShape.parse("m", "-(0.5 * a - (b + 10) / 4) + 2 * a");
        assertThat(lin.kind).isEqualTo(DriverShape.Kind.SUM);
        assertThat(lin.drivers).containsExactly(Map.entry("a", 1.5), Map.entry("b", 0.25));
        assertThat(lin.constant).isEqualTo(2.5);
        DriverShape mono = DriverShape.parse("m", "(a / b) ^ 2 * pi / (c * a)");
        assertThat(mono.kind).isEqualTo(DriverShape.Kind.PRODUCT);
        assertThat(mono.drivers).containsExactly(Map.entry("a", 1.0), Map.entry("b", -2.0), Map.entry("c", -1.0));
        assertThat(mono.constant).isEqualTo(Math.PI);
        DriverShape growth = DriverShape.parse("m", "revenue / lag(revenue, 12) * 100");
        assertThat(growth.kind).isEqualTo(DriverShape.Kind.PRODUCT);
        assertThat(growth.drivers).containsExactly(Map.entry("revenue", 1.0), Map.entry("lag(revenue,12)", -1.0));
        DriverShape yoy = DriverShape.parse("m", "(revenue - last_year(revenue)) / last_year(revenue)");
        assertThat(yoy.kind).isEqualTo(DriverShape.Kind.FORMULA);
        assertThat(yoy.drivers.keySet()).containsExactly("revenue", "last_year(revenue)");
        assertThat(DriverShape.parse("m", "a * b + c").kind).isEqualTo(DriverShape.Kind.FORMULA);
        assertThat(DriverShape.parse("m", "coalesce(a, 0) + b").kind).isEqualTo(DriverShape.Kind.FORMULA);
        assertThat(DriverShape.parse("m", "a ^ 0.5").kind).isEqualTo(DriverShape.Kind.FORMULA);
        assertThat(DriverShape.parse("m", "a / 0").kind).isEqualTo(DriverShape.Kind.FORMULA);

        StringBuilder wide = new StringBuilder("(a0");
        for (int i = 1; i <= DriverShape.MAX_FORMULA_DRIVERS; i++) {
            wide.append(" + a").append(i);
        }
        String tooWide = wide.append(") * z").toString();
        for (String[] bad : List.of(new String[] {"a / a", "no metric whose factors do not cancel"},
                new String[] {"a - a + 3", "no metric whose terms do not cancel"},
                new String[] {"2 * 3", "no metric"},
                new String[] {"trailing(a, 3) * b", "trailing(a,3), a window of periods that the result table does"
                        + " not hold as one cell"},
                new String[] {tooWide, "18 inputs; the Shapley split of a general formula evaluates it 2^k times"
                        + " for k inputs and takes at most 16"})) {
            assertThatThrownBy(() -> DriverShape.parse("m", bad[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("metric 'm' = \"" + bad[0] + "\" has " + bad[1] + "; attribution takes "
                            + DriverShape.SHAPES);
        }
    }

    static final Catalog MORE = Fixture.catalog().toBuilder().name("more")
            .metric(Metric.derived("weighted").formula("0.5 * visitors + orders - 10").build())
            .metric(Metric.derived("squared").formula("visitors ^ 2 / orders / 1000").build())
            .metric(Metric.derived("growth_pct").formula("(revenue - lag(revenue, 1)) / lag(revenue, 1) * 100")
                    .build())
            .build();
    static final KpiResults M = Fixture.shop().results(MORE);

    static double m(String metric, Period p) {
        return M.number(metric, p, EMAIL).orElseThrow();
    }

    @Test
    void attribute_linearFormWithCoefficientsAndAConstant_isAdditive() {
        DriverSplit split = M.attribute("weighted").segment(EMAIL).between(W10, W11);
        assertThat(split.method()).isEqualTo("additive");
        assertThat(split.before()).isEqualTo(m("weighted", W10));
        assertThat(split.after()).isEqualTo(m("weighted", W11));
        assertThat(split.contributions()).extracting(Contribution::name, Contribution::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("visitors", 0.5 * (m("visitors", W11) - m("visitors", W10))),
                org.assertj.core.groups.Tuple.tuple("orders", m("orders", W11) - m("orders", W10)));
    }

    @Test
    void attribute_powerOfADriver_isLmdiWithTheExponent() {
        DriverSplit split = M.attribute("squared").segment(EMAIL).between(W10, W11);
        double v0 = m("squared", W10);
        double v1 = m("squared", W11);
        assertThat(split.method()).isEqualTo("lmdi");
        assertThat(split.contributions().get(0).amount()).isCloseTo(logMean(v1, v0) * 2
                * Math.log(m("visitors", W11) / m("visitors", W10)), within(1e-9 * v1));
        assertThat(split.contributions().get(1).amount()).isCloseTo(-logMean(v1, v0)
                * Math.log(m("orders", W11) / m("orders", W10)), within(1e-9 * v1));
        assertThat(split.change()).isCloseTo(v1 - v0, within(1e-9 * v1));
    }

    /* growth = revenue / lag(revenue, 1): the lag is a driver whose values are the cells one week earlier */
    @Test
    void attribute_quotientWithALag_readsTheEarlierCells() {
        DriverSplit split = R.attribute("growth").segment(EMAIL).between(W10, W11);
        Period w9 = Fixture.week(9);
        assertThat(R.attribute("growth").drivers()).containsExactly("revenue", "lag(revenue,1)");
        Contribution lag = split.contributions().get(1);
        assertThat(lag.before()).isEqualTo(v("revenue", w9));
        assertThat(lag.after()).isEqualTo(v("revenue", W10));
        double v0 = v("growth", W10);
        double v1 = v("growth", W11);
        assertThat(lag.amount()).isCloseTo(-logMean(v1, v0) * Math.log(v("revenue", W10) / v("revenue", w9)),
                within(1e-12));
        assertThat(split.change()).isCloseTo(v1 - v0, within(1e-12));

        assertThatThrownBy(() -> R.attribute("growth").segment(EMAIL).between(Fixture.week(0), W10))
                .isInstanceOf(MissingValueException.class)
                .hasMessage("attribution: 'growth (channel=email)' has no value in 2024-W01 (NO_HISTORY: input"
                        + " 'lag(revenue,1)' has no value: period 2023-W52 is before the data of source 'shop', which"
                        + " starts at 2024-W01)");
    }

    /*
     * a general formula f(a, b) = (a - b) / b * 100 with a = revenue, b = lag(revenue, 1): two-player Shapley values
     * phi_a = ((f(a1, b0) - f(a0, b0)) + (f(a1, b1) - f(a0, b1))) / 2 and phi_b the same with the roles swapped
     */
    @Test
    void attribute_generalFormula_isTheShapleySplitOfTheFormulaItself() {
        DriverSplit split = M.attribute("growth_pct").segment(EMAIL).between(W10, W11);
        double a0 = m("revenue", W10);
        double a1 = m("revenue", W11);
        double b0 = m("revenue", Fixture.week(9));
        double b1 = a0;
        java.util.function.DoubleBinaryOperator f = (a, b) -> (a - b) / b * 100;
        double phiA = ((f.applyAsDouble(a1, b0) - f.applyAsDouble(a0, b0)) + (f.applyAsDouble(a1, b1)
                - f.applyAsDouble(a0, b1))) / 2;
        double phiB = ((f.applyAsDouble(a0, b1) - f.applyAsDouble(a0, b0)) + (f.applyAsDouble(a1, b1)
                - f.applyAsDouble(a1, b0))) / 2;
        assertThat(split.method()).isEqualTo("shapley");
        assertThat(split.contributions()).extracting(Contribution::name).containsExactly("revenue",
                "lag(revenue,1)");
        assertThat(split.contributions().get(0).amount()).isCloseTo(phiA, within(1e-9));
        assertThat(split.contributions().get(1).amount()).isCloseTo(phiB, within(1e-9));
        assertThat(split.before()).isCloseTo(m("growth_pct", W10), within(1e-9));
        assertThat(split.after()).isCloseTo(m("growth_pct", W11), within(1e-9));
        assertThat(phiA + phiB).isCloseTo(m("growth_pct", W11) - m("growth_pct", W10), within(1e-9));
    }
}
