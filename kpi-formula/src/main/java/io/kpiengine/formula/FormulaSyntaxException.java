package io.kpiengine.formula;

import java.util.List;

/**
 * Thrown when a formula is not well formed: an unexpected character or token, unbalanced parentheses, a wrong
 * number of function arguments, a malformed number or a badly shaped reference call.
 *
 * <pre>{@code
 * try {
 *     Formula.compile("(1))");
 * } catch (FormulaSyntaxException e) {
 *     e.getMessage(); // Unmatched ')' at column 4 in "(1))"
 *     e.column();     // 4
 * }
 * }</pre>
 */
public final class FormulaSyntaxException extends FormulaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the complete message
     * @param source the formula text
     * @param column the 1-based column, or 0
     * @param token the offending token, or ""
     * @param candidates suggested replacements, best first; may be empty
     */
    public FormulaSyntaxException(String message, String source, int column, String token, List<String> candidates) {
        super(message, source, column, token, candidates);
    }
}
