package io.kpiengine.quality;

/**
 * The root of the unchecked exceptions that kpi-quality throws for bad data, bad configuration or failed
 * reads. Subclasses carry accessors for the input, position and rule involved.
 */
public class QualityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the input, position and rule
     */
    public QualityException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the input, position and rule
     * @param cause the underlying failure
     */
    public QualityException(String message, Throwable cause) {
        super(message, cause);
    }
}
