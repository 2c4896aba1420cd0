package io.kpiengine.formula.internal;

/**
 * A compiled formula body. Implementations are generated per formula (one hidden class each) or, for formulas
 * too large for a JVM method, interpreted. Both paths return NaN for "no value" and never a non-finite number.
 *
 * <p>An abstract class rather than an interface: where many formulas share one call site, the JIT dispatches
 * through the vtable, which is cheaper than an interface (itable) dispatch.
 */
public abstract class Evaluator {

    /** For subclasses. */
    protected Evaluator() {
    }

    /**
     * Evaluates one row.
     *
     * @param slots the input values by slot; NaN or infinite means missing
     * @return the finite result or NaN
     */
    public abstract double evaluate(double[] slots);

    /**
     * Evaluates {@code length} rows of columns.
     *
     * @param columns one array per slot; unused slots are not read
     * @param out the results
     * @param length the number of rows
     */
    public abstract void evaluateBatch(double[][] columns, double[] out, int length);
}
