package io.kpiengine.formula;

import java.util.List;

/**
 * Thrown when named formulas of a {@link FormulaSet} depend on each other in a circle.
 *
 * <pre>{@code
 * FormulaSet.builder().define("a", "b + 1").define("b", "a * 2").build();
 * // Formulas depend on each other in a cycle: a -> b -> a
 * }</pre>
 */
public final class FormulaCycleException extends FormulaException {

    private static final long serialVersionUID = 1L;

    /** The names along the cycle, the first repeated at the end. */
    private final List<String> cycle;

    /**
     * Creates an exception.
     *
     * @param message the complete message
     * @param cycle the formula names along the cycle, the first repeated at the end
     */
    public FormulaCycleException(String message, List<String> cycle) {
        super(message, "", 0, cycle.isEmpty() ? "" : cycle.get(0), List.of());
        this.cycle = List.copyOf(cycle);
    }

    /**
     * The formula names along the cycle, in dependency order, the first name repeated at the end
     * ({@code [a, b, c, a]} for {@code a -> b -> c -> a}).
     *
     * @return an immutable list
     */
    public List<String> cycle() {
        return cycle;
    }
}
