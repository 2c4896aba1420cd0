package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deep and long formulas on small thread stacks: parsing, binding, code generation, evaluation, explanation,
 * printing, equality and hashing of trees of any height must not overflow the stack. Parsing and every tree walk
 * use heap stacks; code generation recurses once per level of nesting and is used only up to 64 levels (deeper
 * formulas are interpreted, without recursion). Each case runs on a fresh thread with a 256 KiB stack, the
 * smallest that worker pools commonly configure.
 */
class DeepFormulaTest {

    private static final long SMALL_STACK = 256 * 1024;

    /** Runs {@code body} on a new thread with a 256 KiB stack and rethrows whatever it threw. */
    private static void onSmallStack(Runnable body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
    }

    private static String nested(String open, String inner, String close, int levels) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    /** Compiles, evaluates on every path, explains, prints, re-parses and compares a formula of one variable. */
    private static void exercise(String source, FormulaOptions options, double x, double expected) {
        Formula f = Formula.compile(source, options);
        assertThat(f.evaluate(new double[] {x})).isEqualTo(expected);
        double[] out = new double[2];
        f.evaluateBatch(new double[][] {{x, Double.NaN}}, out, 2);
        assertThat(out[0]).isEqualTo(expected);
        assertThat(out[1]).isNaN();
        assertThat(f.explain(new double[] {x}).value()).isEqualTo(expected);
        assertThat(f.explain(new double[] {Double.NaN}).noValue().orElseThrow().reason())
                .isEqualTo(NoValue.Reason.MISSING_INPUT);
        Formula again = Formula.compile(f.toString(), options);
        assertThat(again).isEqualTo(f);
        assertThat(again.expression().hashCode()).isEqualTo(Formula.compile(f.toString(), options).expression()
                .hashCode());
        assertThat(again.expression()).isEqualTo(Formula.compile(f.toString(), options).expression());
        assertThat(f.expression().nodes()).isNotEmpty();
    }

    @Test
    void absAtTheDocumentedDepthCap_worksOnA256KibStack() throws Exception {
        FormulaOptions deep = FormulaOptions.builder().maxDepth(FormulaOptions.MAX_DEPTH_CAP).maxLength(10_000).build();
        String source = nested("abs(", "x", ")", FormulaOptions.MAX_DEPTH_CAP - 1);
        onSmallStack(() -> exercise(source, deep, -2, 2));
        assertThatThrownBy(() -> Formula.compile("abs(" + source + ")", deep))
                .isInstanceOf(FormulaLimitException.class)
                .hasMessageStartingWith("Formula nesting exceeds the depth limit of 1000 (each operator");
    }

    @Test
    void defaultDepthLimit_worksOnA256KibStack() throws Exception {
        String negations = nested("-(", "x", ")", FormulaOptions.DEFAULT_MAX_DEPTH - 1);
        onSmallStack(() -> exercise(negations, FormulaOptions.defaults(), 3, -3));
        String mixed = nested("(1 + 2 * ", "x", ")", (FormulaOptions.DEFAULT_MAX_DEPTH - 1) / 2);
        onSmallStack(() -> Formula.compile(mixed).evaluate(new double[] {1}));
    }

    @Test
    void thousandsOfRedundantParentheses_areNoNesting() throws Exception {
        String source = nested("(", "x + 1", ")", 5_000);
        FormulaOptions longer = FormulaOptions.builder().maxLength(16_000).build();
        onSmallStack(() -> exercise(source, longer, 1, 2));
        assertThat(Formula.compile(source, longer).toString()).isEqualTo("x + 1");
    }

    @Test
    void flatSumOfThousandsOfTerms_compilesAsOneLevel() throws Exception {
        StringBuilder sb = new StringBuilder("x");
        for (int i = 1; i < 16_000; i++) {
            sb.append(i % 3 == 0 ? " - x" : " + x");
        }
        String source = sb.toString();
        FormulaOptions longest = FormulaOptions.builder().maxLength(FormulaOptions.MAX_LENGTH_CAP).build();
        double expected = 0;
        for (int i = 0; i < 16_000; i++) {
            expected += i % 3 == 0 && i > 0 ? -1 : 1;
        }
        double sum = expected;
        onSmallStack(() -> exercise(source, longest, 1, sum));
    }

    @Test
    void sumOf500Metrics_compilesWithTheDefaultDepth() {
        StringBuilder sb = new StringBuilder("a1");
        double[] slots = new double[500];
        slots[0] = 1;
        for (int i = 2; i <= 500; i++) {
            sb.append(" + a").append(i);
            slots[i - 1] = i;
        }
        Formula f = Formula.compile(sb.toString());
        assertThat(f.variables()).hasSize(500);
        assertThat(f.evaluate(slots)).isEqualTo(500 * 501 / 2.0);
    }

    @Test
    void longChainsOfEveryLeftAssociativeLevel_compile() {
        String[] separators = {" * ", " / ", " % ", " and ", " or ", " - "};
        for (String op : separators) {
            String source = "x" + (op + "x").repeat(999);
            Formula f = Formula.compile(source, FormulaOptions.builder().maxLength(10_000).build());
            assertThat(f.toString()).as(op).isEqualTo(source);
        }
    }
}
