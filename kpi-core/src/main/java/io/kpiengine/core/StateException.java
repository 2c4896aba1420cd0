package io.kpiengine.core;

import io.kpiengine.base.KpiException;
import org.jspecify.annotations.Nullable;

/**
 * Saved aggregation state could not be restored: the bytes are not a state, have another format version or a
 * wrong checksum, are truncated, or were written by an engine with other measures, grain or zone. The message says
 * which, and what to do.
 *
 * <pre>{@code
 * try {
 *     AggregationState previous = engine.restore(Files.readAllBytes(path));
 * } catch (StateException e) {
 *     System.err.println(path + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class StateException extends KpiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong with the state, and what to do
     * @param cause the underlying failure, or null
     */
    public StateException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
