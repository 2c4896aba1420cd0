package io.kpiengine.formula.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeGenTest {

    private static Node parse(String source) {
        return Parser.parse(source, new Parser.Settings(65_536, 1_000, 128, null, Map.of())).root();
    }

    @Test
    void compile_givesEachFormulaItsOwnHiddenClass() {
        Evaluator a = CodeGen.compile(parse("x + 1"), 1);
        Evaluator b = CodeGen.compile(parse("x + 1"), 1);
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
        Node root = parse(sb.toString());
        Evaluator e = CodeGen.compile(root, 7);
        assertThat(e).isInstanceOf(Interpreter.class);
        double[] slots = {1, 2, 3, 4, 5, 6, 7};
        assertThat(e.evaluate(slots)).isEqualTo(Interpreter.explain(root, slots).value());
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
