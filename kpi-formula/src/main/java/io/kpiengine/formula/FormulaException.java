package io.kpiengine.formula;

import io.kpiengine.base.KpiException;

import java.util.List;
import java.util.Objects;

/**
 * The root of the unchecked exceptions that kpi-formula throws for a formula it cannot compile: a syntax error,
 * an unknown name, a cycle between named formulas or a broken limit.
 *
 * <p>Every message marks the spot, for example
 * {@code Unknown variable 'vistors' at column 15 in "conversions / vistors * 100"; did you mean 'visitors'?},
 * and the accessors give the same facts to programs: the formula text, the 1-based column, the offending token or
 * name and the "did you mean" candidates.
 */
public abstract sealed class FormulaException extends KpiException
        permits FormulaSyntaxException, UnknownNameException, FormulaCycleException, FormulaLimitException,
        FormulaSetException {

    private static final long serialVersionUID = 1L;

    /** The formula text. */
    private final String source;
    /** The 1-based column, 0 for none. */
    private final int column;
    /** The offending token or name. */
    private final String token;
    /** The "did you mean" candidates. */
    private final List<String> candidates;

    /**
     * Creates an exception; only the subclasses of this module call it.
     *
     * @param message the complete message, naming the input, the position and the rule
     * @param source the formula text, or "" when the failure concerns no single formula
     * @param column the 1-based column of the offending token, or 0 when there is none
     * @param token the offending token or name, or ""
     * @param candidates the "did you mean" candidates, best first; may be empty
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code column} is negative
     */
    protected FormulaException(String message, String source, int column, String token, List<String> candidates) {
        super(Objects.requireNonNull(message, "message"));
        this.source = Objects.requireNonNull(source, "source");
        if (column < 0) {
            throw new IllegalArgumentException("column must be >= 0, but was " + column);
        }
        this.column = column;
        this.token = Objects.requireNonNull(token, "token");
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The formula text that failed to compile.
     *
     * @return the source, or "" when the failure concerns no single formula
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based column (UTF-16 character position) of the offending token in {@link #source()}.
     *
     * @return the column, or 0 when the failure has no position
     */
    public int column() {
        return column;
    }

    /**
     * The offending token or name, as written in the source.
     *
     * @return the token, or "" when there is none (for instance at the end of the formula)
     */
    public String token() {
        return token;
    }

    /**
     * The known names closest to an unknown one, best first, at most three.
     *
     * @return an immutable list, empty when nothing is close
     */
    public List<String> candidates() {
        return candidates;
    }
}
