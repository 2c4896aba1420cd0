package io.kpiengine.formula;

import java.util.List;

/**
 * Thrown when a formula uses a function or variable name that is not known, or when a named formula is looked up
 * that does not exist; {@link #candidates()} holds the closest known names.
 *
 * <pre>{@code
 * FormulaOptions options = FormulaOptions.builder().variables(List.of("conversions", "visitors")).build();
 * Formula.compile("conversions / vistors * 100", options);
 * // Unknown variable 'vistors' at column 15 in "conversions / vistors * 100"; did you mean 'visitors'?
 * }</pre>
 */
public final class UnknownNameException extends FormulaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the complete message
     * @param source the formula text, or ""
     * @param column the 1-based column, or 0
     * @param name the unknown name
     * @param candidates the closest known names, best first; may be empty
     */
    public UnknownNameException(String message, String source, int column, String name, List<String> candidates) {
        super(message, source, column, name, candidates);
    }
}
