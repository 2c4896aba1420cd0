package io.kpiengine.data.doc;

import io.kpiengine.base.KpiException;

import java.util.List;

/**
 * Thrown when a definition document is malformed or invalid; carries every {@link Problem} found, each with file,
 * line and column. The message lists them one per line ({@link Problem#describe}):
 *
 * <pre>
 * rules.yaml has 2 problems:
 *   rules.yaml:4:5: unknown field 'colum' in rule; did you mean 'column'?
 *   rules.yaml:9:12: 'limit' must be a number, but was 'ten'
 * </pre>
 */
public final class DocumentException extends KpiException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param document the document name
     * @param problems at least one problem
     */
    public DocumentException(String document, List<Problem> problems) {
        super(Problem.describe(document, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in document order of discovery.
     *
     * @return an immutable list
     */
    public List<Problem> problems() {
        return problems;
    }
}
