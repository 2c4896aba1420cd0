package io.kpiengine.data.doc;

import java.util.Objects;

/**
 * A position in a document: source name, 1-based line and 1-based column.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the file or document name
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Location(String source, int line, int column) {

    /**
     * Validates the components.
     *
     * @param source the file or document name
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @throws NullPointerException if source is null
     */
    public Location {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return line <= 0 ? source : source + ":" + line + ":" + column;
    }
}
