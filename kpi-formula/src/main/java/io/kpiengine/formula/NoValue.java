package io.kpiengine.formula;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a formula has no value for some input: the reason, what caused it (a variable, operator or function name)
 * and where it is in the formula.
 *
 * <pre>{@code
 * Formula f = Formula.compile("revenue / visitors");
 * NoValue why = f.explain(new double[] {120, 0}).noValue().orElseThrow();
 * why.reason();    // DIVISION_BY_ZERO
 * why.detail();    // "/"
 * why.column();    // 9
 * why.message();   // division by zero at '/' (column 9)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param reason the kind of failure
 * @param detail the variable name (missing input) or the operator or function that failed, as written
 * @param column the 1-based column of that variable, operator or function in the formula source
 */
public record NoValue(Reason reason, String detail, int column) {

    /** The kinds of failure that leave a formula without a value. */
    public enum Reason {
        /** An input variable is missing (NaN or infinite in the slots, absent or null in a map). */
        MISSING_INPUT,
        /** A division or remainder by zero, or zero raised to a negative power. */
        DIVISION_BY_ZERO,
        /** A function or operator outside its domain: {@code sqrt(-1)}, {@code ln(0)}, {@code (-8)^(1/3)}. */
        DOMAIN_ERROR,
        /** A result too large for a double. */
        OVERFLOW
    }

    /**
     * Creates a reason.
     *
     * @param reason the kind of failure
     * @param detail the variable, operator or function involved
     * @param column the 1-based column of it
     * @throws NullPointerException if {@code reason} or {@code detail} is null
     * @throws IllegalArgumentException if {@code column} is less than 1
     */
    public NoValue {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (column < 1) {
            throw new IllegalArgumentException("column must be >= 1, but was " + column);
        }
    }

    /**
     * A one-line explanation, for example {@code missing input 'visitors' (column 11)} or
     * {@code domain error in 'sqrt' (column 1)}.
     *
     * @return the explanation
     */
    public String message() {
        String what = switch (reason) {
            case MISSING_INPUT -> "missing input";
            case DIVISION_BY_ZERO -> "division by zero at";
            case DOMAIN_ERROR -> "domain error in";
            case OVERFLOW -> "overflow in";
        };
        return what + " '" + detail + "' (column " + column + ")";
    }

    @Override
    public String toString() {
        return reason.name().toLowerCase(Locale.ROOT) + " '" + detail + "' at column " + column;
    }
}
