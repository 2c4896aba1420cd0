package io.kpiengine.data.io;

import io.kpiengine.base.KpiException;
import org.jspecify.annotations.Nullable;


/**
 * Thrown when a source cannot be read at all: an I/O or database failure, a header that lacks a required column,
 * or a parallel read whose partitions cannot be proven to meet at record boundaries. Bad records do not throw;
 * they become {@link io.kpiengine.data.RejectedRow}s.
 */
public final class SourceException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** The source name. */
    private final String source;
    /** The 1-based line or row ordinal involved, or 0 when none. */
    private final long line;

    /**
     * Creates the exception.
     *
     * @param source the source name
     * @param line the 1-based line or row ordinal involved, or 0 when none
     * @param message what went wrong; the source name and line are prefixed
     * @param cause the underlying failure, or null
     */
    public SourceException(String source, long line, String message, @Nullable Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.source = source;
        this.line = line;
    }

    /**
     * The source name.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line or row ordinal involved.
     *
     * @return the line, or 0 when the failure concerns no particular line
     */
    public long line() {
        return line;
    }
}
