package io.kpiengine.core.time;

import io.kpiengine.base.KpiException;


/**
 * Thrown when a text is not the canonical form of a period of a {@link BusinessCalendar}, or names a period that
 * does not exist in its zone (an hour skipped by a daylight-saving change). The message quotes the text and says
 * what is wrong:
 *
 * <pre>
 * '2025-13' is not a period: month must be 01..12
 * </pre>
 */
public final class PeriodParseException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The text that was parsed. */
    private final String text;
    /** What is wrong with it. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param text the text that was parsed
     * @param reason what is wrong with it
     */
    public PeriodParseException(String text, String reason) {
        super("'" + text + "' is not a period: " + reason);
        this.text = text;
        this.reason = reason;
    }

    /**
     * The text that was parsed.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * What is wrong with the text, without the text itself.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
