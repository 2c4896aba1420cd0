package io.kpiengine.data;

import java.util.Objects;

/**
 * A source record that could not be read or was quarantined, with where it came from and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the source name (a file name, a table, "memory")
 * @param line the 1-based line (text sources) or row ordinal (other sources) where the record starts
 * @param rawText the record as it appeared in the source, possibly shortened to 4,096 characters
 * @param reason why it was rejected, naming the column and the rule, e.g.
 *     {@code "column 'visitors': 'abc' is not an integer"}
 */
public record RejectedRow(String source, long line, String rawText, String reason) {

    /** The longest raw text kept; longer records are cut and end in "...". */
    public static final int MAX_RAW_TEXT = 4096;

    /**
     * Validates and shortens the components.
     *
     * @param source the source name (a file name, a table, "memory")
     * @param line the 1-based line (text sources) or row ordinal (other sources) where the record starts
     * @param rawText the record as it appeared in the source, possibly shortened to 4,096 characters
     * @param reason why it was rejected, naming the column and the rule, e.g. {@code "column 'visitors': 'abc' is not
     *     an integer"}
     * @throws NullPointerException if source, rawText or reason is null
     */
    public RejectedRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(reason, "reason");
        if (rawText.length() > MAX_RAW_TEXT) {
            rawText = rawText.substring(0, MAX_RAW_TEXT - 3) + "...";
        }
    }

    @Override
    public String toString() {
        return source + ":" + line + ": " + reason;
    }
}
