package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.internal.DerivedCompiler;
import io.kpiengine.core.metric.internal.UnitInference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitTest {

    @Test
    void division_isPer() {
        assertThat(Unit.parse("USD / count")).hasToString("USD per count");
        assertThat(Unit.parse("USD per count")).isEqualTo(Unit.parse("USD/count"));
        assertThat(Unit.of("USD").dividedBy(Unit.COUNT)).isEqualTo(Unit.parse("USD per count"));
    }

    @Test
    void everythingAfterPer_isDenominator() {
        assertThat(Unit.parse("USD per count * day")).isEqualTo(Unit.parse("USD / count / day"))
                .hasToString("USD per count * day");
        assertThat(Unit.parse("1 per day")).isEqualTo(Unit.of("day").pow(-1)).hasToString("1 per day");
    }

    @Test
    void products_exponentsAndCancellation() {
        assertThat(Unit.parse("m * m")).isEqualTo(Unit.parse("m^2")).hasToString("m^2");
        assertThat(Unit.parse("USD per count").times(Unit.COUNT)).isEqualTo(Unit.of("USD"));
        assertThat(Unit.parse("USD").dividedBy(Unit.of("USD"))).isEqualTo(Unit.ONE).hasToString("1");
        assertThat(Unit.parse("m^2").exponents()).isEqualTo(Map.of("m", 2));
    }

    @Test
    void percent_isDimensionlessButNotOne() {
        assertThat(Unit.parse("%")).isEqualTo(Unit.PERCENT).hasToString("percent");
        assertThat(Unit.PERCENT.isDimensionless()).isTrue();
        assertThat(Unit.PERCENT).isNotEqualTo(Unit.ONE);
        assertThat(Unit.PERCENT.sameDimension(Unit.ONE)).isTrue();
        assertThat(Unit.parse("USD").sameDimension(Unit.PERCENT)).isFalse();
        assertThat(Unit.parse("USD * percent per count").sameDimension(Unit.parse("USD per count"))).isTrue();
    }

    @Test
    void parse_errors() {
        assertThatThrownBy(() -> Unit.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unit must be a unit expression such as 'USD per count', but was ''");
        assertThatThrownBy(() -> Unit.parse("USD per"))
                .hasMessage("unit must be a unit expression such as 'USD per count', but was 'USD per': expected a"
                        + " unit after 'per'");
        assertThatThrownBy(() -> Unit.parse("USD count"))
                .hasMessage("unit must be a unit expression such as 'USD per count', but was 'USD count': expected"
                        + " '*', '/' or 'per' before 'count'");
        assertThatThrownBy(() -> Unit.parse("m^x"))
                .hasMessage("unit must be a unit expression such as 'USD per count', but was 'm^x': exponent must be"
                        + " a whole number, but was 'x'");
        assertThatThrownBy(() -> Unit.parse("USD $"))
                .hasMessage("unit must be a unit expression such as 'USD per count', but was 'USD $': unexpected"
                        + " character '$' at column 5");
    }

    @Test
    void canonicalText_roundTrips_property() {
        long seed = 42;
        SplittableRandom r = new SplittableRandom(seed);
        String[] symbols = {"USD", "EUR", "count", "visitor", "s", "day", "percent", "m"};
        for (int i = 0; i < 1_000; i++) {
            Unit u = Unit.ONE;
            for (int k = r.nextInt(5); k > 0; k--) {
                Unit s = Unit.of(symbols[r.nextInt(symbols.length)]).pow(r.nextInt(-3, 4));
                u = r.nextBoolean() ? u.times(s) : u.dividedBy(s);
            }
            assertThat(Unit.parse(u.toString())).as("seed " + seed + ", case " + i + ": " + u).isEqualTo(u);
            assertThat(u.dividedBy(u)).as("seed " + seed + ", case " + i).isEqualTo(Unit.ONE);
        }
    }

    private static String infer(String formula, List<String> problems) {
        Map<String, Unit> units = Map.of("revenue", Unit.of("USD"), "orders", Unit.COUNT, "rate", Unit.PERCENT,
                "cost", Unit.of("USD"));
        List<UnitInference.Finding> findings = new ArrayList<>();
        Unit u = UnitInference.infer(DerivedCompiler.compile(formula).formula().expression(), units::get, findings);
        findings.forEach(f -> problems.add(f.problem() + " at column " + f.column()));
        return u == null ? "unknown" : u.toString();
    }

    @Test
    void inference_throughFormulas() {
        List<String> problems = new ArrayList<>();
        assertThat(infer("revenue / orders", problems)).isEqualTo("USD per count");
        assertThat(infer("(revenue - cost) / revenue * 100", problems)).isEqualTo("1");
        assertThat(infer("revenue + 100", problems)).isEqualTo("USD");
        assertThat(infer("max(revenue, cost) - lag(revenue, 1)", problems)).isEqualTo("USD");
        assertThat(infer("sqrt(revenue * revenue)", problems)).isEqualTo("USD");
        assertThat(infer("revenue ^ 2 / orders", problems)).isEqualTo("USD^2 per count");
        assertThat(infer("if(orders > 0, revenue / orders, 0)", problems)).isEqualTo("USD per count");
        assertThat(infer("ln(revenue / cost)", problems)).isEqualTo("1");
        assertThat(infer("revenue + unknown_metric", problems)).isEqualTo("unknown");
        assertThat(infer("2 * 3", problems)).isEqualTo("1");
        assertThat(infer("cbrt(revenue ^ 3)", problems)).isEqualTo("USD");
        assertThat(infer("hypot(revenue, cost) / orders", problems)).isEqualTo("USD per count");
        assertThat(infer("sin(revenue / cost) + atan2(revenue, cost) + log2(orders) + signum(revenue)", problems))
                .isEqualTo("1");
        assertThat(infer("2 * pi * revenue", problems)).isEqualTo("USD");
        assertThat(problems).isEmpty();
    }

    /** A weighted composite of quantities in different units is a pure number once each part is cast. */
    @Test
    void unitless_castsToAPureNumber() {
        List<String> problems = new ArrayList<>();
        assertThat(infer("0.5 * unitless(revenue) + 0.3 * unitless(orders) + 0.2 * unitless(rate)", problems))
                .isEqualTo("1");
        assertThat(infer("unitless(unknown_metric)", problems)).isEqualTo("1");
        assertThat(problems).isEmpty();
        assertThat(infer("0.5 * revenue + 0.5 * orders", problems)).isEqualTo("unknown");
        assertThat(problems).containsExactly("adds 'count' to 'USD' at column 15");
    }

    @Test
    void inference_reportsIncompatibleUnits() {
        List<String> problems = new ArrayList<>();
        infer("revenue + rate", problems);
        infer("revenue - orders", problems);
        infer("revenue > rate", problems);
        infer("coalesce(revenue, orders)", problems);
        infer("if(rate > 1, revenue, rate)", problems);
        infer("revenue % orders", problems);
        infer("atan2(revenue, orders) + hypot(rate, cost)", problems);
        assertThat(problems).containsExactly(
                "adds 'percent' to 'USD' at column 9",
                "subtracts 'count' from 'USD' at column 9",
                "compares 'USD' with 'percent' at column 9",
                "mixes 'USD' and 'count' in coalesce at column 1",
                "mixes 'USD' and 'percent' in if at column 1",
                "takes the remainder of 'USD' by 'count' at column 9",
                "mixes 'USD' and 'count' in atan2 at column 1",
                "mixes 'percent' and 'USD' in hypot at column 26");
    }
}
