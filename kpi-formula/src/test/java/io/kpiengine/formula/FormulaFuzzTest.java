package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any text either compiles or throws a {@link FormulaException}: never another exception, never a hang. A compiled
 * formula evaluates to a finite value or NaN, and its printed form compiles to an equal formula.
 *
 * <p>{@code mvn verify} runs this in Jazzer's regression mode on the committed seed corpus under
 * {@code src/test/resources/io/kpiengine/formula/FormulaFuzzTestInputs/compile_anyText_compilesOrThrowsFormulaException}
 * (plus the empty input). To fuzz: {@code JAZZER_FUZZ=1 mvn -pl kpi-formula test -Dtest=FormulaFuzzTest}; new
 * findings land in that directory and become regression inputs.
 */
class FormulaFuzzTest {

    private static final FormulaOptions OPTIONS = FormulaOptions.builder().referenceFunction("lag", 2, 2).build();

    @FuzzTest(maxDuration = "5m")
    void compile_anyText_compilesOrThrowsFormulaException(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        Formula formula;
        try {
            formula = Formula.compile(source, OPTIONS);
        } catch (FormulaException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.source()).isEqualTo(source);
            assertThat(e.column()).isBetween(1, source.length() + 1);
            return;
        }
        double[] slots = new double[formula.variables().size()];
        double value = formula.evaluate(slots);
        assertThat(Double.isNaN(value) || Double.isFinite(value)).as(source).isTrue();
        assertThat(Double.valueOf(formula.explain(slots).value())).as(source).isEqualTo(Double.valueOf(value));
        assertThat(Formula.compile(formula.toString(), OPTIONS)).as(source).isEqualTo(formula);
    }
}
