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
        return Binder.bind("", root.nodes(), null, Map.of());
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
    void compile_deepestGeneratedNesting_runsOnA256KibStack() throws Exception {
        Expression deepest = parse("abs(".repeat(CodeGen.MAX_NESTING - 2) + "-x" + ")".repeat(CodeGen.MAX_NESTING - 2));
        assertThat(Trees.nestingDepth(deepest)).isEqualTo(CodeGen.MAX_NESTING);
        Expression deeper = parse("abs(" + Printer.print(deepest) + ")");
        java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(CodeGen.compile(deepest, bind(deepest)));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(result.get()).isInstanceOf(Evaluator.class).isNotInstanceOf(Interpreter.class);
        assertThat(((Evaluator) result.get()).evaluate(new double[] {3})).isEqualTo(3);
        assertThat(CodeGen.compile(deeper, bind(deeper))).isInstanceOf(Interpreter.class);
    }

    @Test
    void compile_sumOf500Terms_isGeneratedCode() {
        StringBuilder sb = new StringBuilder("x0");
        for (int i = 1; i < 500; i++) {
            sb.append(i % 2 == 0 ? " + x" : " - x").append(i);
        }
        Expression sum = parse(sb.toString());
        assertThat(Trees.nestingDepth(sum)).isEqualTo(2);
        Binder.Bindings bindings = bind(sum);
        Evaluator e = CodeGen.compile(sum, bindings);
        assertThat(e.getClass().isHidden()).isTrue();
        double[] slots = new double[500];
        java.util.Arrays.fill(slots, 1);
        assertThat(e.evaluate(slots)).isEqualTo(new Interpreter(sum, bindings).explain(slots).value()).isEqualTo(0);
    }

    @Test
    void nestingDepth_countsAChainOfOneLevelOnce() {
        assertThat(Trees.nestingDepth(parse("x"))).isEqualTo(1);
        assertThat(Trees.nestingDepth(parse("a + b"))).isEqualTo(2);
        assertThat(Trees.nestingDepth(parse("a + b - c + d"))).isEqualTo(2);
        assertThat(Trees.nestingDepth(parse("a + b * c"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("a * b + c"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("a - (b - c)"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("2 ^ 3 ^ 4"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("a and b and c or d"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("abs(abs(x))"))).isEqualTo(3);
        assertThat(Trees.nestingDepth(parse("-(-(-x))"))).isEqualTo(4);
        assertThat(Trees.nestingDepth(parse("((((x))))"))).isEqualTo(1);
    }

    @Test
    void mayBeNonFinite_isFalseOnlyForCertainlyFiniteValues() {
        assertThat(CodeGen.mayBeNonFinite(parse("1 < 2 and not 3"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("abs(-2)"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("coalesce(x, 0)"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("x < 2"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("1 + 2"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("coalesce(x, y)"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("sin(2) + atan2(1, 2) * tanh(3) - signum(-1) + cbrt(pi)"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("sin(cos(tan(atan(unitless(signum(cbrt(e)))))))"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("atan2(1, 2) < tanh(pi)"))).isFalse();
        assertThat(CodeGen.mayBeNonFinite(parse("cot(1) < 2"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("asin(2)"))).isTrue();
        assertThat(CodeGen.mayBeNonFinite(parse("hypot(1, 2)"))).isTrue();
    }

    @Test
    void printer_roundTripsEveryOperatorShape() {
        for (String s : new String[] {"-2 ^ 2", "(-2) ^ 2", "2 ^ 3 ^ 2", "(2 ^ 3) ^ 2", "a - (b - c)", "a - b - c",
            "not a < b", "(not a) < b", "not (a and b)", "-(not a)", "-(-a)", "(a < b) == (c < d)", "(a < b) == c",
            "2 ^ (-x)", "-a % b", "-(a % b)", "round(x, 2) + max(a, b, c)", "0.001 * x", "1.0E20 + x",
            "2 * pi * r", "e ^ x", "atan2(y, x) + hypot(x, y)", "a - b + c - d"}) {
            assertThat(Printer.print(parse(s))).as(s).isEqualTo(s);
        }
    }
}
