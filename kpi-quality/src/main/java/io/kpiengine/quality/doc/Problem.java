package io.kpiengine.quality.doc;

import java.util.Objects;

/**
 * One finding about a document: where and what.
 *
 * @param location where in the document
 * @param message what is wrong, naming the field, the rule and the actual value
 */
public record Problem(Location location, String message) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
