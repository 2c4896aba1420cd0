package io.kpiengine.quality;

import io.kpiengine.base.KpiException;
import java.util.Objects;

/**
 * Cleaning a source stopped because a limit of a rule was reached or the source broke a promise the rules rely
 * on: a batch of another schema than the rules were bound to, a row number outside the range exact duplicate
 * detection can index, more distinct rows than the duplicate index can hold. The message names the source, the
 * rule and the limit.
 *
 * <pre>{@code
 * try (CleanedSource clean = rules.bind(schema, clock).clean(source)) {
 *     ...
 * } catch (CleaningException e) {
 *     System.err.println(e.source() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class CleaningException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The source being cleaned. */
    private final String source;

    /**
     * Creates an exception.
     *
     * @param source the name of the source being cleaned
     * @param message what stopped the cleaning, naming the rule and the limit
     * @throws NullPointerException if an argument is null
     */
    public CleaningException(String source, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The name of the source whose cleaning stopped.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }
}
