package io.kpiengine.data.doc.internal;

import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the problems of one document so that all are reported at once.
 *
 * <pre>{@code
 * Problems problems = new Problems("catalog.yaml");
 * Fields f = Fields.of(root, problems, "catalog", "metrics", "zone");
 * ...
 * problems.throwIfAny();   // DocumentException listing every problem
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Problems {

    private final String document;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * Creates an empty collector.
     *
     * @param document the document name used in the exception message
     */
    public Problems(String document) {
        this.document = Objects.requireNonNull(document, "document");
    }

    /**
     * Records a problem at a node.
     *
     * @param at the node the problem is about
     * @param message what is wrong
     */
    public void add(DocNode at, String message) {
        add(at.location(), message);
    }

    /**
     * Records a problem at a location.
     *
     * @param at where
     * @param message what is wrong
     */
    public void add(Location at, String message) {
        problems.add(new Problem(at, message));
    }

    /**
     * Whether no problem was recorded.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * The problems so far.
     *
     * @return an immutable copy
     */
    public List<Problem> list() {
        return List.copyOf(problems);
    }

    /**
     * The document name.
     *
     * @return the name
     */
    public String document() {
        return document;
    }

    /**
     * Throws if any problem was recorded.
     *
     * @throws DocumentException listing every problem
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new DocumentException(document, problems);
        }
    }
}
