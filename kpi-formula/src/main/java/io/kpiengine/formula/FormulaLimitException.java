package io.kpiengine.formula;

import java.util.List;

/**
 * Thrown when a formula exceeds one of the limits of its {@link FormulaOptions}: its length, the depth of its
 * expression tree or the length of an identifier. Limits keep compilation fast and bounded for any input.
 *
 * <pre>{@code
 * FormulaOptions options = FormulaOptions.builder().maxLength(10).build();
 * Formula.compile("revenue - cost", options);
 * // Formula is 14 characters long, over the limit of 10, at column 11 in "revenue - cost"
 * }</pre>
 */
public final class FormulaLimitException extends FormulaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the complete message
     * @param source the formula text
     * @param column the 1-based column where the limit was crossed
     * @param token the token that crossed it, or ""
     */
    public FormulaLimitException(String message, String source, int column, String token) {
        super(message, source, column, token, List.of());
    }
}
