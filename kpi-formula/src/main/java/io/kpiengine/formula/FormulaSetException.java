package io.kpiengine.formula;

import java.util.List;

/**
 * Thrown by {@link FormulaSet.Builder#build()} when a formula set has more than one problem; it lists them all,
 * one per line, so that a catalog can be fixed in one pass. (A single problem is thrown as itself.)
 *
 * <pre>{@code
 * try {
 *     FormulaSet.builder().define("a", "b +").define("b", "sqr(2)").build();
 * } catch (FormulaSetException e) {
 *     e.problems(); // a FormulaSyntaxException for 'a', an UnknownNameException for 'b'
 * }
 * }</pre>
 */
public final class FormulaSetException extends FormulaException {

    private static final long serialVersionUID = 1L;

    /** Every problem found. */
    private final List<FormulaException> problems;

    /**
     * Creates an exception listing problems.
     *
     * @param problems at least two problems
     */
    public FormulaSetException(List<FormulaException> problems) {
        super(message(problems), "", 0, "", List.of());
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in formula definition order, cycles last.
     *
     * @return an immutable list
     */
    public List<FormulaException> problems() {
        return problems;
    }

    private static String message(List<FormulaException> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " problems in formula set:");
        for (FormulaException p : problems) {
            sb.append("\n - ").append(p.getMessage());
        }
        return sb.toString();
    }
}
