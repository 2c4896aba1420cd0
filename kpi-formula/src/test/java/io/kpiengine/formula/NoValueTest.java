package io.kpiengine.formula;

import static io.kpiengine.formula.Check.noValue;
import static io.kpiengine.formula.Check.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.formula.NoValue.Reason;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every missing-value reason, with the variable, operator or function and its column. */
class NoValueTest {

    private static final double NAN = Double.NaN;

    @Test
    void missingInput_namesTheVariable() {
        assertThat(noValue("conversions / visitors * 100", 25, NAN))
                .isEqualTo(new NoValue(Reason.MISSING_INPUT, "visitors", 15));
    }

    @Test
    void missingInput_infiniteCountsAsMissing() {
        assertThat(noValue("x + 1", Double.POSITIVE_INFINITY)).isEqualTo(new NoValue(Reason.MISSING_INPUT, "x", 1));
        assertThat(noValue("1 / x", Double.NEGATIVE_INFINITY)).isEqualTo(new NoValue(Reason.MISSING_INPUT, "x", 5));
    }

    @Test
    void missingInput_leftmostIsReported() {
        assertThat(noValue("a + b", NAN, NAN).detail()).isEqualTo("a");
    }

    @Test
    void missingInput_absentOrNullInMap() {
        Formula f = Formula.compile("a * b");
        Map<String, Integer> values = new HashMap<>();
        values.put("a", 3);
        values.put("b", null);
        assertThat(f.evaluate(values)).isNaN();
        assertThat(f.explain(values).noValue()).contains(new NoValue(Reason.MISSING_INPUT, "b", 5));
        assertThat(f.explain(Map.of("a", 3)).noValue()).contains(new NoValue(Reason.MISSING_INPUT, "b", 5));
        assertThat(f.evaluate(Map.of("a", 3, "b", 4, "other", 9))).isEqualTo(12);
    }

    @Test
    void divisionByZero_marksTheOperator() {
        assertThat(noValue("revenue / visitors", 120, 0)).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "/", 9));
        assertThat(noValue("x % 0", 5)).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "%", 3));
        assertThat(noValue("0 / 0")).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "/", 3));
        assertThat(noValue("0 ^ -1")).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "^", 3));
        assertThat(noValue("pow(0, -2)")).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "pow", 1));
    }

    @Test
    void newFunctions_domainAndOverflow_haveAReason() {
        assertThat(noValue("asin(x)", 2)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "asin", 1));
        assertThat(noValue("acos(x)", -1.5)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "acos", 1));
        assertThat(noValue("log2(x)", 0)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "log2", 1));
        assertThat(noValue("log2(x)", -8)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "log2", 1));
        assertThat(noValue("log1p(x)", -1)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "log1p", 1));
        assertThat(noValue("cot(x)", 0)).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "cot", 1));
        assertThat(noValue("1 + cot(x)", 1e-310)).isEqualTo(new NoValue(Reason.OVERFLOW, "cot", 5));
        assertThat(noValue("sinh(x)", 1000)).isEqualTo(new NoValue(Reason.OVERFLOW, "sinh", 1));
        assertThat(noValue("cosh(x)", -1000)).isEqualTo(new NoValue(Reason.OVERFLOW, "cosh", 1));
        assertThat(noValue("expm1(x)", 710)).isEqualTo(new NoValue(Reason.OVERFLOW, "expm1", 1));
        assertThat(noValue("hypot(x, x)", 1.5e308)).isEqualTo(new NoValue(Reason.OVERFLOW, "hypot", 1));
    }

    /** Functions that map an infinity to a finite number still give no value for an infinite operand. */
    @Test
    void absorbingFunctions_areStrict() {
        assertThat(noValue("atan(x * x)", 1e200)).isEqualTo(new NoValue(Reason.OVERFLOW, "*", 8));
        assertThat(noValue("tanh(x * x)", 1e200).reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("signum(x * x)", 1e200).reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("expm1(-(x * x))", 1e200).reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("atan2(1, x * x)", 1e200).reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("atan(x)", NAN)).isEqualTo(new NoValue(Reason.MISSING_INPUT, "x", 6));
    }

    @Test
    void domainError_marksTheFunction() {
        assertThat(noValue("1 + sqrt(x)", -1)).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "sqrt", 5));
        assertThat(noValue("ln(0)")).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "ln", 1));
        assertThat(noValue("log(-1)")).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "log", 1));
        assertThat(noValue("log10(0)")).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "log10", 1));
        assertThat(noValue("(-8) ^ (1 / 3)")).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "^", 6));
        assertThat(noValue("round(1, 99)")).isEqualTo(new NoValue(Reason.DOMAIN_ERROR, "round", 1));
    }

    @Test
    void overflow_marksTheOperation() {
        assertThat(noValue("x * 10", 1e308)).isEqualTo(new NoValue(Reason.OVERFLOW, "*", 3));
        assertThat(noValue("x + x", 1e308)).isEqualTo(new NoValue(Reason.OVERFLOW, "+", 3));
        assertThat(noValue("-x - x", 1e308)).isEqualTo(new NoValue(Reason.OVERFLOW, "-", 4));
        assertThat(noValue("exp(1000)")).isEqualTo(new NoValue(Reason.OVERFLOW, "exp", 1));
        assertThat(noValue("10 ^ 400")).isEqualTo(new NoValue(Reason.OVERFLOW, "^", 4));
        assertThat(noValue("1 / x", 1e-320)).isEqualTo(new NoValue(Reason.OVERFLOW, "/", 3));
    }

    @Test
    void noValue_propagatesThroughOperationsThatWouldAbsorbIt() {
        assertThat(noValue("1 / (1 / 0)")).isEqualTo(new NoValue(Reason.DIVISION_BY_ZERO, "/", 8));
        assertThat(noValue("min(1 / 0, 3)").reason()).isEqualTo(Reason.DIVISION_BY_ZERO);
        assertThat(noValue("max(-exp(1000), 3)").reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("exp(-exp(1000))").reason()).isEqualTo(Reason.OVERFLOW);
        assertThat(noValue("x > 3", NAN).reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(noValue("1 / 0 > 3").reason()).isEqualTo(Reason.DIVISION_BY_ZERO);
        assertThat(noValue("x % (1 / 0)", 2).reason()).isEqualTo(Reason.DIVISION_BY_ZERO);
        assertThat(noValue("x ^ 0", NAN).reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(noValue("1 ^ x", NAN).reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(noValue("x / y", 1, Double.POSITIVE_INFINITY).reason()).isEqualTo(Reason.MISSING_INPUT);
        assertThat(noValue("round(x)", NAN).reason()).isEqualTo(Reason.MISSING_INPUT);
    }

    @Test
    void noValue_propagatesWhereTheSameVariableFeedsBothOperands() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(noValue("x / x", inf).detail()).isEqualTo("x");
        assertThat(noValue("(x - y) / x", inf, 1).detail()).isEqualTo("x");
        assertThat(noValue("x % x", -inf).detail()).isEqualTo("x");
        assertThat(noValue("max(x, x)", -inf).detail()).isEqualTo("x");
        assertThat(noValue("max(x, x * 2)", -inf).detail()).isEqualTo("x");
        assertThat(noValue("min(x, x, 3)", inf).detail()).isEqualTo("x");
        assertThat(noValue("max(x, -x, 3)", inf).detail()).isEqualTo("x");
        assertThat(noValue("pow(x, -x)", inf).detail()).isEqualTo("x");
        assertThat(noValue("x < x + 1", NAN).detail()).isEqualTo("x");
        assertThat(value("(x - y) / x", 4, 1)).isEqualTo(0.75);
    }

    @Test
    void logic_isStrict_missingInConditionHasNoValue() {
        assertThat(noValue("if(x > 0, 1, 2)", NAN)).isEqualTo(new NoValue(Reason.MISSING_INPUT, "x", 4));
        assertThat(noValue("x and 0", NAN).detail()).isEqualTo("x");
        assertThat(noValue("0 and x", NAN).detail()).isEqualTo("x");
        assertThat(noValue("1 or x", NAN).detail()).isEqualTo("x");
        assertThat(noValue("not x", NAN).detail()).isEqualTo("x");
        assertThat(noValue("if(1, x, 2)", NAN).detail()).isEqualTo("x");
    }

    @Test
    void coalesce_lastArgumentKeepsItsReason() {
        assertThat(noValue("coalesce(x, y)", NAN, NAN)).isEqualTo(new NoValue(Reason.MISSING_INPUT, "y", 13));
        assertThat(value("coalesce(x, y)", NAN, 2)).isEqualTo(2);
    }

    @Test
    void noValue_messageNamesReasonAndPlace() {
        assertThat(new NoValue(Reason.MISSING_INPUT, "visitors", 15).message())
                .isEqualTo("missing input 'visitors' (column 15)");
        assertThat(new NoValue(Reason.DIVISION_BY_ZERO, "/", 9).message())
                .isEqualTo("division by zero at '/' (column 9)");
        assertThat(new NoValue(Reason.DOMAIN_ERROR, "sqrt", 1).message()).isEqualTo("domain error in 'sqrt' (column 1)");
        assertThat(new NoValue(Reason.OVERFLOW, "exp", 1).message()).isEqualTo("overflow in 'exp' (column 1)");
        assertThat(Formula.compile("a / b").explain(new double[] {1, 0}))
                .hasToString("no value: division by zero at '/' (column 3)");
        assertThat(Formula.compile("a / b").explain(new double[] {1, 4})).hasToString("0.25");
    }

    @Test
    void evaluation_rejectsInconsistentParts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.of(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be finite, but was Infinity");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NoValue(Reason.OVERFLOW, "*", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column must be >= 1, but was 0");
    }
}
