package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/** Evaluates a formula on every path (scalar, batch, map, explain) and checks that they agree. */
final class Check {

    private Check() {
    }

    /** The value of a formula; inputs bind to slots in order of first appearance. */
    static double value(String source, double... inputs) {
        return value(Formula.compile(source), inputs);
    }

    static double value(Formula f, double... inputs) {
        double scalar = f.evaluate(inputs);
        double[][] columns = new double[inputs.length][];
        Map<String, Double> map = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            columns[i] = new double[] {0, inputs[i]};
            if (i < f.variables().size()) {
                map.put(f.variables().get(i), inputs[i]);
            }
        }
        double[] out = new double[2];
        f.evaluateBatch(columns, out, 2);
        Evaluation e = f.explain(inputs);
        String what = f.source() + " with " + java.util.Arrays.toString(inputs);
        assertThat(Double.valueOf(out[1])).as("batch of " + what).isEqualTo(Double.valueOf(scalar));
        assertThat(Double.valueOf(f.evaluate(map))).as("map of " + what).isEqualTo(Double.valueOf(scalar));
        assertThat(Double.valueOf(e.value())).as("explain of " + what).isEqualTo(Double.valueOf(scalar));
        assertThat(e.hasValue()).as("explain of " + what).isEqualTo(!Double.isNaN(scalar));
        if (!Double.isNaN(scalar)) {
            assertThat(Double.doubleToRawLongBits(scalar)).as("never -0.0").isNotEqualTo(Long.MIN_VALUE);
            assertThat(scalar).as("finite").isFinite();
        }
        return scalar;
    }

    /** The reason a formula has no value; fails if it has one. */
    static NoValue noValue(String source, double... inputs) {
        Formula f = Formula.compile(source);
        assertThat(value(f, inputs)).as(source).isNaN();
        return f.explain(inputs).noValue().orElseThrow();
    }
}
