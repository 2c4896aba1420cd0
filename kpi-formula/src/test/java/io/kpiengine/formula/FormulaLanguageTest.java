package io.kpiengine.formula;

import static io.kpiengine.formula.Check.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every operator, function and precedence rule of the language, each on all evaluation paths. */
class FormulaLanguageTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " = ", value = {
        "1 + 2 = 3", "5 - 7 = -2", "3 * 4 = 12", "7 / 2 = 3.5", "2 ^ 10 = 1024", "7 % 3 = 1", "-7 % 3 = -1",
        "7 % -3 = 1", "5.5 % 2 = 1.5", "-3 = -3", "+3 = 3", "- -3 = 3", "1e-3 = 0.001", "2.5E2 = 250", ".5 = 0.5",
        "5. = 5", "0 = 0", "-0 = 0", "0 * -1 = 0"})
    void arithmetic_evaluates(String source, double expected) {
        assertThat(value(source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " = ", value = {
        "-2 ^ 2 = -4", "(-2) ^ 2 = 4", "2 ^ 3 ^ 2 = 512", "(2 ^ 3) ^ 2 = 64", "2 ^ -1 = 0.5", "-2 ^ -2 = -0.25",
        "1 + 2 * 3 = 7", "(1 + 2) * 3 = 9", "8 / 4 / 2 = 1", "8 / (4 / 2) = 4", "10 - 4 - 3 = 3",
        "2 * 3 ^ 2 = 18", "-3 * 2 = -6", "-7 % 3 * 2 = -2", "12 / 2 * 3 = 18", "1 + 2 < 4 = 1",
        "not 1 < 0 = 1", "not 0 and 0 = 0", "not (0 and 0) = 1", "1 or 0 and 0 = 1", "(1 or 0) and 0 = 0",
        "(1 < 2) == 1 = 1", "-(2 + 3) = -5", "2 ^ not 0 = 2", "1 - -1 = 2", "((((1)))) = 1"})
    void precedence_isPinned(String source, double expected) {
        assertThat(value(source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " = ", value = {
        "3 < 4 = 1", "4 < 4 = 0", "4 <= 4 = 1", "5 <= 4 = 0", "5 > 4 = 1", "4 > 4 = 0", "4 >= 4 = 1",
        "3 >= 4 = 0", "4 == 4 = 1", "4 == 5 = 0", "4 != 5 = 1", "4 != 4 = 0", "0.1 + 0.2 == 0.3 = 0",
        "1 and 1 = 1", "1 and 0 = 0", "0 and 1 = 0", "2 and -3 = 1", "0 or 0 = 0", "0 or 0.5 = 1",
        "not 0 = 1", "not 7 = 0", "not not 7 = 1"})
    void comparisonAndLogic_yieldOneOrZero(String source, double expected) {
        assertThat(value(source)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " = ", value = {
        "abs(-2.5) = 2.5", "abs(3) = 3", "sqrt(16) = 4", "sqrt(0) = 0", "exp(0) = 1", "ln(1) = 0", "log(1) = 0",
        "log10(1000) = 3", "floor(2.7) = 2", "floor(-2.2) = -3", "ceil(2.2) = 3", "ceil(-2.7) = -2",
        "round(2.4) = 2", "round(2.5) = 3", "round(-2.5) = -3", "round(1234.5678, 2) = 1234.57",
        "round(1234.5678, -2) = 1200", "pow(2, 10) = 1024", "pow(9, 0.5) = 3", "min(3, 1) = 1",
        "min(3, 1, -2, 5) = -2", "max(3, 1) = 3", "max(3, 1, 7, 5) = 7", "if(1, 10, 20) = 10",
        "if(0, 10, 20) = 20", "if(-0.5, 10, 20) = 10", "coalesce(1, 2) = 1", "coalesce(1 / 0, 2) = 2",
        "coalesce(1 / 0, sqrt(-1), 3) = 3"})
    void function_evaluates(String source, double expected) {
        assertThat(value(source)).isEqualTo(expected);
    }

    /** The functions exp4j has, plus atan2 and hypot: the value of the java.lang.Math method of the same name. */
    @Test
    void exp4jFunctions_equalJavaMath() {
        double x = 0.37;
        double y = -1.9;
        assertThat(value("sin(x)", x)).isEqualTo(Math.sin(x));
        assertThat(value("cos(x)", x)).isEqualTo(Math.cos(x));
        assertThat(value("tan(x)", x)).isEqualTo(Math.tan(x));
        assertThat(value("cot(x)", x)).isEqualTo(1 / Math.tan(x));
        assertThat(value("asin(x)", x)).isEqualTo(Math.asin(x));
        assertThat(value("acos(x)", x)).isEqualTo(Math.acos(x));
        assertThat(value("atan(x)", y)).isEqualTo(Math.atan(y));
        assertThat(value("atan2(y, x)", y, x)).isEqualTo(Math.atan2(y, x));
        assertThat(value("sinh(x)", y)).isEqualTo(Math.sinh(y));
        assertThat(value("cosh(x)", y)).isEqualTo(Math.cosh(y));
        assertThat(value("tanh(x)", y)).isEqualTo(Math.tanh(y));
        assertThat(value("log1p(x)", x)).isEqualTo(Math.log1p(x));
        assertThat(value("expm1(x)", x)).isEqualTo(Math.expm1(x));
        assertThat(value("cbrt(x)", y)).isEqualTo(Math.cbrt(y));
        assertThat(value("hypot(x, y)", x, y)).isEqualTo(Math.hypot(x, y));
        assertThat(value("signum(x)", y)).isEqualTo(-1);
        assertThat(value("signum(x)", 0)).isEqualTo(0);
        assertThat(value("log2(x)", 10)).isEqualTo(Math.log(10) / Math.log(2));
        assertThat(value("unitless(x)", y)).isEqualTo(y);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " = ", value = {
        "hypot(3, 4) = 5", "cbrt(-8) = -2", "sin(0) = 0", "cos(0) = 1", "atan2(0, -1) = 3.141592653589793",
        "atan2(0, 0) = 0", "signum(0.001) = 1", "expm1(0) = 0", "log1p(0) = 0", "tanh(50) = 1", "log2(1) = 0",
        "log2(8) = 3", "log2(0.125) = -3", "log2(1024) = 10", "asin(1) = 1.5707963267948966", "acos(1) = 0"})
    void newFunction_evaluates(String source, double expected) {
        assertThat(value(source)).isEqualTo(expected);
    }

    /** exp4j's log2 divides ln(x) by ln(2) and misses 441 powers of two by an ulp; ours is exact on all. */
    @Test
    void log2_isExactOnEveryPowerOfTwo() {
        Formula f = Formula.compile("log2(x)");
        for (int k = -1074; k <= 1023; k++) {
            assertThat(f.evaluate(new double[] {Math.scalb(1.0, k)})).as("log2(2^%d)", k).isEqualTo(k);
        }
        assertThat(Math.log(Math.scalb(1.0, 29)) / Math.log(2)).isNotEqualTo(29.0);
    }

    @Test
    void constants_piAndE() {
        assertThat(value("pi")).isEqualTo(Math.PI);
        assertThat(value("e")).isEqualTo(Math.E);
        assertThat(value("2 * pi * r", 0.5)).isEqualTo(Math.PI);
        assertThat(value("e ^ x", 2)).isEqualTo(Math.pow(Math.E, 2));
        Formula f = Formula.compile("pi * r ^ 2 + e");
        assertThat(f.variables()).containsExactly("r");
        assertThat(f.toString()).isEqualTo("pi * r ^ 2 + e");
        assertThat(f.expression().nodes()).contains(new Expression.Constant("pi", 1), new Expression.Constant("e", 14));
        assertThat(Formula.compile("E + PI").variables()).containsExactly("E", "PI");
    }

    @Test
    void lnAndExp_matchJavaMath() {
        assertThat(value("ln(x)", 10)).isEqualTo(Math.log(10));
        assertThat(value("log(x)", 10)).isEqualTo(Math.log(10));
        assertThat(value("exp(x)", 1.5)).isEqualTo(Math.exp(1.5));
        assertThat(value("x ^ y", 1.7, 3.3)).isEqualTo(Math.pow(1.7, 3.3));
    }

    @Test
    void if_evaluatesOnlyTheBranchItTakes() {
        assertThat(value("if(n > 0, s / n, 0)", 0, 5)).isEqualTo(0);
        assertThat(value("if(n > 0, s / n, 0)", 2, 5)).isEqualTo(2.5);
        assertThat(value("if(x, 1, y)", 1, Double.NaN)).isEqualTo(1);
    }

    @Test
    void coalesce_takesFirstArgumentWithValue() {
        assertThat(value("coalesce(x, y, 9)", Double.NaN, 4)).isEqualTo(4);
        assertThat(value("coalesce(x, y, 9)", Double.NaN, Double.NaN)).isEqualTo(9);
        assertThat(value("coalesce(x, 0)", Double.POSITIVE_INFINITY)).isEqualTo(0);
        assertThat(value("coalesce(clicks / views, 0)", 3, 0)).isEqualTo(0);
    }

    @Test
    void variables_bindInOrderOfFirstAppearance() {
        Formula f = Formula.compile("b * a + b - c");
        assertThat(f.variables()).containsExactly("b", "a", "c");
        assertThat(f.slotOf("a")).isEqualTo(1);
        assertThat(f.slotOf("zzz")).isEqualTo(-1);
        assertThat(value(f, 2, 3, 1)).isEqualTo(2 * 3 + 2 - 1);
    }

    @Test
    void identifiers_withDigitsAreOneName() {
        Formula f = Formula.compile("var123 + var1");
        assertThat(f.variables()).containsExactly("var123", "var1");
        assertThat(value(f, 100, 1)).isEqualTo(101);
        assertThat(Formula.compile("_x_1 * E").variables()).containsExactly("_x_1", "E");
    }

    /**
     * Excel's ROUND(number, num_digits) rounds half away from zero on the decimal value Excel displays; the
     * expected values are the examples of Microsoft's ROUND documentation plus the classic binary-fraction cases.
     */
    @ParameterizedTest(name = "ROUND({0}, {1}) = {2}")
    @CsvSource({
        "2.15, 1, 2.2", "2.149, 1, 2.1", "-1.475, 2, -1.48", "21.5, -1, 20", "626.3, -3, 1000", "1.98, -1, 0",
        "-50.55, -2, -100", "2.5, 0, 3", "-2.5, 0, -3", "0.5, 0, 1", "1.5, 0, 2", "2.675, 2, 2.68",
        "1.005, 2, 1.01", "0.285, 2, 0.29", "1234.5678, 2.9, 1234.57", "1234.5678, -2.9, 1200", "-0.4, 0, 0"})
    void round_matchesExcelRound(double number, double digits, double excel) {
        assertThat(value("round(x, d)", number, digits)).isEqualTo(excel);
    }

    @Test
    void round_isHalfAwayFromZero_notJavaHalfEven() {
        assertThat(Math.rint(2.5)).isEqualTo(2.0);
        assertThat(value("round(2.5)")).isEqualTo(3.0);
        assertThat(value("round(0.49999999999999994)")).isEqualTo(0.0);
    }

    /** Reference: BigDecimal of the shortest decimal form (Double.toString), RoundingMode.HALF_UP. */
    @Test
    void round_equalsDecimalHalfUpOfShortestForm_onRandomValues() {
        long seed = 20260101L;
        Random random = new Random(seed);
        Formula f = Formula.compile("round(x, d)");
        for (int i = 0; i < 20_000; i++) {
            int digits = random.nextInt(13) - 4;
            double scale = Math.pow(10, random.nextInt(9) - 3);
            double x = random.nextBoolean()
                    ? Math.round(random.nextGaussian() * 1e6) / 1e3 + (random.nextBoolean() ? 0.0005 : 0)
                    : random.nextGaussian() * scale;
            double expected = new BigDecimal(Double.toString(x)).setScale(digits, RoundingMode.HALF_UP).doubleValue();
            assertThat(f.evaluate(new double[] {x, digits}))
                    .as("round(%s, %d), seed %d, case %d", x, digits, seed, i)
                    .isEqualTo(expected + 0.0);
        }
    }

    @Test
    void round_digitsOutOfRange_hasNoValue() {
        assertThat(value("round(1.5, 16)")).isNaN();
        assertThat(value("round(1.5, -16)")).isNaN();
        assertThat(value("round(1.5, 15)")).isEqualTo(1.5);
    }

    @Test
    void unaryPlus_isDropped() {
        assertThat(Formula.compile("+x").toString()).isEqualTo("x");
        assertThat(value("2 * +3")).isEqualTo(6);
    }

    @Test
    void whitespace_isIgnored() {
        assertThat(value("\t1 +\n2\r* 3 ")).isEqualTo(7);
    }
}
