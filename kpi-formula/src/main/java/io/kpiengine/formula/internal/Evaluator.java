package io.kpiengine.formula.internal;

/**
 * A compiled formula body. Implementations are generated per formula (one hidden class each) or, for formulas
 * too large for a JVM method, interpreted. Both paths return NaN for "no value" and never a non-finite number.
 */
public interface Evaluator {

    /**
     * Evaluates one row.
     *
     * @param slots the input values by slot; NaN or infinite means missing
     * @return the finite result or NaN
     */
    double evaluate(double[] slots);

    /**
     * Evaluates {@code length} rows of columns.
     *
     * @param columns one array per slot; unused slots are not read
     * @param out the results
     * @param length the number of rows
     */
    void evaluateBatch(double[][] columns, double[] out, int length);
}
