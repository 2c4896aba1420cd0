package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormulaOptionsTest {

    @Test
    void defaults_areDocumented() {
        FormulaOptions d = FormulaOptions.defaults();
        assertThat(d.maxLength()).isEqualTo(4_096);
        assertThat(d.maxDepth()).isEqualTo(200);
        assertThat(d.maxIdentifierLength()).isEqualTo(128);
        assertThat(d.variables()).isEmpty();
        assertThat(d.referenceFunctions()).isEmpty();
    }

    @Test
    void layout_bindsSlotsAndAllowsUnusedNames() {
        FormulaOptions options = FormulaOptions.builder().variables(List.of("cost", "unused", "revenue")).build();
        Formula f = Formula.compile("revenue - cost", options);
        assertThat(f.variables()).containsExactly("cost", "unused", "revenue");
        assertThat(f.slotOf("revenue")).isEqualTo(2);
        assertThat(f.evaluate(new double[] {3, Double.NaN, 10})).isEqualTo(7);
        double[] out = new double[2];
        f.evaluateBatch(new double[][] {{1, 2}, null, {10, 20}}, out, 2);
        assertThat(out).containsExactly(9, 18);
    }

    @Test
    void builder_settingTwice_fails() {
        assertThatThrownBy(() -> FormulaOptions.builder().maxLength(10).maxLength(20))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxLength was already set to 10");
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("a")).variables(List.of("b")))
                .isInstanceOf(IllegalStateException.class).hasMessage("variables was already set to [a]");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("lag", 2, 2).referenceFunction("lag", 1, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reference function 'lag' was already declared as ReferenceFunction[name=lag, minArgs=2, "
                        + "maxArgs=2]");
    }

    @Test
    void builder_checksEachArgument() {
        assertThatThrownBy(() -> FormulaOptions.builder().maxDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth must be between 1 and 1000, but was 0");
        assertThatThrownBy(() -> FormulaOptions.builder().maxLength(70_000))
                .hasMessage("maxLength must be between 1 and 65536, but was 70000");
        assertThatThrownBy(() -> FormulaOptions.builder().maxIdentifierLength(-1))
                .hasMessage("maxIdentifierLength must be between 1 and 4096, but was -1");
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("a", "b", "a")))
                .hasMessage("variables must be distinct, but 'a' appears twice (position 1 and 3)");
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("a b")))
                .hasMessage("variables[0] must be an identifier [A-Za-z_][A-Za-z0-9_]* or a reference like "
                        + "'lag(x,1)', but was 'a b'");
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("x", "max")))
                .hasMessage("variables[1] must not be a function name, keyword or constant, but was 'max' (exp4j allowed it as a variable name; rename it)");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("sqrt", 1, 1))
                .hasMessage("reference function name must not be a built-in function or keyword, but was 'sqrt'");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("9lag", 1, 1))
                .hasMessage("reference function name must be an identifier [A-Za-z_][A-Za-z0-9_]*, but was '9lag'");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("lag", 0, 1))
                .hasMessage("minArgs must be >= 1, but was 0");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("lag", 2, 1))
                .hasMessage("maxArgs must be >= minArgs (2), but was 1");
    }

    @Test
    void build_checksReferenceNamesInLayout() {
        assertThatThrownBy(() -> FormulaOptions.builder().variables(List.of("lag(x,1)", "win(y,1,2)"))
                .referenceFunction("win", 2, 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variables entry 'lag(x,1)' must use a declared reference function, but 'lag' is not "
                        + "declared with referenceFunction(...); variables entry 'win(y,1,2)' must give 'win' 2 to 2 "
                        + "arguments, but gives 3");
    }

    @Test
    void build_leavesBuilderReusable() {
        FormulaOptions.Builder b = FormulaOptions.builder().maxDepth(5);
        FormulaOptions first = b.build();
        FormulaOptions second = b.referenceFunction("lag", 2, 2).build();
        assertThat(first.referenceFunctions()).isEmpty();
        assertThat(second.referenceFunctions()).containsOnlyKeys("lag");
        assertThat(second.maxDepth()).isEqualTo(5);
    }

    @Test
    void referenceCall_compilesToOneSlot() {
        FormulaOptions options = FormulaOptions.builder().referenceFunction("lag", 2, 2)
                .referenceFunction("window", 2, 3).build();
        Formula f = Formula.compile("revenue / lag(revenue, 12) - 1 + window(cost, -3, 0) * lag( revenue ,12 )",
                options);
        assertThat(f.variables()).containsExactly("revenue", "lag(revenue,12)", "window(cost,-3,0)");
        assertThat(f.evaluate(new double[] {120, 100, 2})).isEqualTo(120.0 / 100 - 1 + 2 * 100);
        assertThat(f.toString()).isEqualTo("revenue / lag(revenue, 12) - 1 + window(cost, -3, 0) * lag(revenue, 12)");
        assertThat(Formula.compile(f.toString(), options)).isEqualTo(f);
        assertThat(Formula.reference("window(cost,-3,0)"))
                .contains(new Reference("window", "cost", List.of(-3L, 0L)));
        assertThat(Formula.reference("revenue")).isEmpty();
        assertThat(Formula.compile("lag(revenue, 012)", options).variables()).containsExactly("lag(revenue,12)");
    }

    @Test
    void referenceCall_missingValueNamesTheSlot() {
        FormulaOptions options = FormulaOptions.builder().referenceFunction("lag", 2, 2).build();
        Formula f = Formula.compile("x - lag(x, 1)", options);
        assertThat(f.explain(new double[] {1, Double.NaN}).noValue())
                .contains(new NoValue(NoValue.Reason.MISSING_INPUT, "lag(x,1)", 5));
    }

    @Test
    void referenceCall_inLayoutMustBeListed() {
        FormulaOptions options = FormulaOptions.builder().referenceFunction("lag", 2, 2)
                .variables(List.of("x", "lag(x,1)")).build();
        assertThat(Formula.compile("x / lag(x, 1)", options).slotOf("lag(x,1)")).isEqualTo(1);
        assertThatThrownBy(() -> Formula.compile("x / lag(x, 2)", options))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown variable 'lag(x,2)' at column 5 in \"x / lag(x, 2)\"; did you mean 'lag(x,1)'?");
    }

    @Test
    void reference_parse_rejectsNonCanonicalText() {
        assertThat(Reference.parse("lag(x, 1)")).isEmpty();
        assertThat(Reference.parse("lag(x,+1)")).isEmpty();
        assertThat(Reference.parse("lag(x,01)")).isEmpty();
        assertThat(Reference.parse("lag()")).isEmpty();
        assertThat(Reference.parse("lag(1,1)")).isEmpty();
        assertThat(Reference.parse("lag(x)")).isEqualTo(Optional.of(new Reference("lag", "x", List.of())));
        assertThat(new Reference("lag", "x", List.of(12L)).slotName()).isEqualTo("lag(x,12)");
        assertThat(new Reference("lag", "x", List.of(12L))).hasToString("lag(x, 12)");
    }

    @Test
    void formula_equality_followsCanonicalFormAndLayout() {
        assertThat(Formula.compile("(a+b)*c")).isEqualTo(Formula.compile(" ( a + b ) * ( c ) "));
        assertThat(Formula.compile("a+b")).isNotEqualTo(Formula.compile("b+a"));
        assertThat(Formula.compile("(a+b)*c").hashCode()).isEqualTo(Formula.compile("(a + b) * c").hashCode());
        assertThat(Formula.compile(" a+b ").source()).isEqualTo(" a+b ");
    }

    @Test
    void evaluate_checksArrayLengths() {
        Formula f = Formula.compile("a + b");
        assertThatThrownBy(() -> f.evaluate(new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slots must hold 2 values [a, b], but holds 1");
        assertThatThrownBy(() -> f.evaluateBatch(new double[][] {{1}, {2}}, new double[1], 2))
                .hasMessage("out must hold at least 2 values, but holds 1");
        assertThatThrownBy(() -> f.evaluateBatch(new double[][] {{1, 2}}, new double[2], 2))
                .hasMessage("columns must hold 2 arrays [a, b], but holds 1");
        assertThatThrownBy(() -> f.evaluateBatch(new double[][] {{1, 2}, {1}}, new double[2], 2))
                .hasMessage("columns[1] ('b') must hold at least 2 values, but holds 1");
        assertThatThrownBy(() -> f.evaluateBatch(new double[][] {null, {1}}, new double[2], 1))
                .hasMessage("columns[0] ('a') must hold at least 1 values, but is null");
        assertThatThrownBy(() -> f.evaluateBatch(new double[][] {{1}, {1}}, new double[2], -1))
                .hasMessage("length must be >= 0, but was -1");
    }
}
