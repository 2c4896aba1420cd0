package io.kpiengine.core;

/**
 * The root of the unchecked exceptions that kpi-core throws for bad definitions, bad input text or failed
 * evaluations. Subclasses carry accessors for the input, the position and the rule involved.
 */
public class KpiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the input, the position and the rule
     */
    public KpiException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the input, the position and the rule
     * @param cause the underlying failure
     */
    public KpiException(String message, Throwable cause) {
        super(message, cause);
    }
}
