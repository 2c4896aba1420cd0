package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormulaSmokeTest {

    @Test
    void compile_conversionRate_evaluates() {
        Formula f = Formula.compile("conversions / visitors * 100");
        assertThat(f.variables()).containsExactly("conversions", "visitors");
        assertThat(f.evaluate(new double[] {25, 1_000})).isEqualTo(2.5);
        assertThat(f.evaluate(new double[] {25, 0})).isNaN();
    }
}
