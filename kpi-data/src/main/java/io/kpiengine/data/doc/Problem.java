package io.kpiengine.data.doc;

import java.util.List;
import java.util.Objects;

/**
 * One finding about a document: where and what.
 *
 * <p>Immutable and thread-safe.
 *
 * @param location where in the document
 * @param message what is wrong, naming the field, the rule and the actual value
 */
public record Problem(Location location, String message) {

    /**
     * Validates the components.
     *
     * @param location where in the document
     * @param message what is wrong, naming the field, the rule and the actual value
     * @throws NullPointerException if a component is null
     */
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Formats the message of an exception that reports every problem of one document or catalog: the problem
     * itself when there is one, otherwise a header that counts them and one problem per line.
     *
     * <pre>
     * rules.yaml has 2 problems:
     *   rules.yaml:4:5: unknown field 'colum' in rule; did you mean 'column'?
     *   rules.yaml:9:12: 'limit' must be a number, but was 'ten'
     * </pre>
     *
     * <p>{@link DocumentException} and {@code io.kpiengine.core.metric.CatalogException} build their messages
     * with it, so that both read alike.
     *
     * @param document the document or catalog name, the start of the header
     * @param problems the problems, in order of discovery
     * @return the message
     * @throws NullPointerException if an argument is null
     */
    public static String describe(String document, List<Problem> problems) {
        Objects.requireNonNull(document, "document");
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder sb = new StringBuilder(document).append(" has ").append(problems.size()).append(" problems:");
        for (Problem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }

    /**
     * The problem as one line, {@code file:line:column: message}.
     *
     * @return the location and the message
     */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
