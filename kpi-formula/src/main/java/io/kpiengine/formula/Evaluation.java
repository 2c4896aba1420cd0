package io.kpiengine.formula;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating a formula for one input: a finite number, or no value together with the reason.
 *
 * <pre>{@code
 * Evaluation e = Formula.compile("sqrt(x)").explain(new double[] {-1});
 * e.hasValue();                   // false
 * e.value();                      // NaN
 * e.noValue().get().reason();     // DOMAIN_ERROR
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the finite result, or NaN when there is no value
 * @param noValue the reason there is no value; empty when there is one
 */
public record Evaluation(double value, Optional<NoValue> noValue) {

    /**
     * Creates an evaluation.
     *
     * @param value the finite result, or NaN when there is no value
     * @param noValue the reason there is no value; empty when there is one
     * @throws NullPointerException if {@code noValue} is null
     * @throws IllegalArgumentException if a value is given with a reason, or a non-finite value without one
     */
    public Evaluation {
        Objects.requireNonNull(noValue, "noValue");
        if (noValue.isPresent() && !Double.isNaN(value)) {
            throw new IllegalArgumentException("value must be NaN when there is no value, but was " + value);
        }
        if (noValue.isEmpty() && !Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, but was " + value);
        }
    }

    /**
     * An evaluation with a value.
     *
     * @param value the finite result
     * @return the evaluation
     * @throws IllegalArgumentException if {@code value} is not finite
     */
    public static Evaluation of(double value) {
        return new Evaluation(value, Optional.empty());
    }

    /**
     * An evaluation without a value.
     *
     * @param reason why there is no value
     * @return the evaluation
     */
    public static Evaluation none(NoValue reason) {
        return new Evaluation(Double.NaN, Optional.of(reason));
    }

    /**
     * Whether the formula produced a value.
     *
     * @return true for a finite result, false for no value
     */
    public boolean hasValue() {
        return noValue.isEmpty();
    }

    @Override
    public String toString() {
        return noValue.map(n -> "no value: " + n.message()).orElseGet(() -> Double.toString(value));
    }
}
