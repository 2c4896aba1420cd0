package io.kpiengine.formula.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.formula.Expression;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeGenTest {

    private static Expression parse(String source) {
        return Parser.parse(source, new Parser.Settings(65_536, 1_000, 128, Map.of()));
    }

    private static Binder.Bindings bind(Expression root) {
        return Binder.bind("", root, null, Map.of());
    }

    @Test
    void compile_givesEachFormulaItsOwnHiddenClass() {
        Expression x = parse("x + 1");
        Evaluator a = CodeGen.compile(x, bind(x));
        Evaluator b = CodeGen.compile(x, bind(x));
        assertThat(a.getClass().isHidden()).isTrue();
        assertThat(a.getClass()).isNotSameAs(b.getClass());
        assertThat(a.getClass().getName()).startsWith("io.kpiengine.formula.internal.GeneratedFormula");
        assertThat(a.evaluate(new double[] {2})).isEqualTo(3);
    }

    @Test
    void compile_tooLargeForOneMethod_fallsBackToInterpreter() {
        StringBuilder sb = new StringBuilder("0");
        for (int group = 0; group < 60; group++) {
            sb.append(" + (x0");
            for (int i = 1; i < 40; i++) {
                sb.append(i % 2 == 0 ? " + " : " * ").append("x").append(i % 7);
            }
            sb.append(')');
        }
        Expression root = parse(sb.toString());
        Binder.Bindings bindings = bind(root);
        assertThat(bindings.names()).containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "x6");
        Evaluator e = CodeGen.compile(root, bindings);
        assertThat(e).isInstanceOf(Interpreter.class);
        double[] slots = {1, 2, 3, 4, 5, 6, 7};
        assertThat(e.evaluate(slots)).isEqualTo(new Interpreter(root, bindings).explain(slots).value());
        double[] out = new double[1];
        e.evaluateBatch(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}}, out, 1);
        assertThat(out[0]).isEqualTo(e.evaluate(slots));
    }

    @Test
    void mayBeNonFinite_isFalseOnlyForCertainlyFiniteValues() {
        assertThat(CodeGen.mayBeNonFinite(parse("1 < 2 and not 3"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("abs(-2)"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("coalesce(x, 0)"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("x < 2"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("1 + 2"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("coalesce(x, y)"))).isTrue();
    }

    @Test
    void printer_roundTripsEveryOperatorShape() {
        for (String s : new String[] {"-2 ^ 2", "(-2) ^ 2", "2 ^ 3 ^ 2", "(2 ^ 3) ^ 2", "a - (b - c)", "a - b - c",
            "not a < b", "(not a) < b", "not (a and b)", "-(not a)", "-(-a)", "(a < b) == (c < d)", "(a < b) == c",
            "2 ^ (-x)", "-a % b", "-(a % b)", "round(x, 2) + max(a, b, c)", "0.001 * x", "1.0E20 + x"}) {
            assertThat(Printer.print(parse(s))).as(s).isEqualTo(s);
        }
    }
}
