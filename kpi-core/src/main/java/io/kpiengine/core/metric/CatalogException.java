package io.kpiengine.core.metric;

import io.kpiengine.base.KpiException;

import io.kpiengine.data.doc.Problem;
import java.util.List;

/**
 * Thrown when a metric catalog is malformed or invalid: carries every {@link Problem} found, each with its place
 * (file, line and column for documents; the catalog name for catalogs built in code). The message lists them one
 * per line ({@link Problem#describe}):
 *
 * <pre>
 * catalog.yaml has 2 problems:
 *   catalog.yaml:14:16: metric 'aov': numerator 'revenue_usdd' is not a metric of the catalog; did you mean 'revenue_usd'?
 *   catalog.yaml:20:5: metrics form a cycle: a -&gt; b -&gt; a
 * </pre>
 */
public final class CatalogException extends KpiException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param catalog the catalog or document name
     * @param problems at least one problem
     */
    public CatalogException(String catalog, List<Problem> problems) {
        super(Problem.describe(catalog, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in order of discovery.
     *
     * @return an immutable list
     */
    public List<Problem> problems() {
        return problems;
    }
}
