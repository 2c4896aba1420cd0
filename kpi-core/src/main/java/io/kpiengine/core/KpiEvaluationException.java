package io.kpiengine.core;

import io.kpiengine.base.KpiException;

import java.util.List;

/**
 * Thrown when a KPI run fails because cells whose metric's policy is "error" have no value (no input rows, or a
 * zero denominator), or because an exact sum overflows. The message lists the first cells; {@link #cells()} has
 * them all.
 */
public final class KpiEvaluationException extends KpiException {

    private static final long serialVersionUID = 1L;

    /** How many cells the message lists at most. */
    public static final int MAX_LISTED = 10;

    private final transient List<String> cells;

    /**
     * Creates the exception.
     *
     * @param summary what failed
     * @param cells one sentence per failing cell, e.g.
     *     {@code "revenue 2025-03-02 {channel=email}: no rows (metric policy 'empty: error')"}
     */
    public KpiEvaluationException(String summary, List<String> cells) {
        super(message(summary, cells));
        this.cells = List.copyOf(cells);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param summary what failed
     * @param cause the underlying failure
     */
    public KpiEvaluationException(String summary, Throwable cause) {
        super(summary, cause);
        this.cells = List.of();
    }

    private static String message(String summary, List<String> cells) {
        StringBuilder sb = new StringBuilder(summary);
        for (int i = 0; i < Math.min(MAX_LISTED, cells.size()); i++) {
            sb.append("\n  ").append(cells.get(i));
        }
        if (cells.size() > MAX_LISTED) {
            sb.append("\n  ... and ").append(cells.size() - MAX_LISTED).append(" more");
        }
        return sb.toString();
    }

    /**
     * Every failing cell.
     *
     * @return an immutable list of sentences
     */
    public List<String> cells() {
        return cells;
    }
}
