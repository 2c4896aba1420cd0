package io.kpiengine.quality;

import io.kpiengine.base.KpiException;

import java.util.List;

/**
 * Thrown when rules are inconsistent, or do not fit the schema they are bound to. Carries every problem found,
 * so that a user fixes them in one pass. The message lists them one per line:
 *
 * <pre>
 * rules do not fit schema [ts:TEXT, visitors:INTEGER] (2 problems):
 *   rule 'range:visitrs': unknown column 'visitrs'; did you mean 'visitors'?
 *   rule 'pattern:visitors': column 'visitors' is INTEGER, but the rule needs TEXT or CATEGORY
 * </pre>
 */
public final class RulesException extends KpiException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param what what was checked, the start of the message
     * @param problems at least one problem
     */
    public RulesException(String what, List<String> problems) {
        super(format(what, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem, in rule order.
     *
     * @return an immutable list of messages
     */
    public List<String> problems() {
        return problems;
    }

    private static String format(String what, List<String> problems) {
        StringBuilder sb = new StringBuilder(what).append(" (").append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        for (String p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
