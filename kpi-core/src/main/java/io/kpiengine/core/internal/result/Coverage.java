package io.kpiengine.core.internal.result;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;

/**
 * Where the data behind a metric starts: the first period with rows of its source, or for a ratio or formula the
 * latest start among its inputs (a cell of an input before its data has no value, so neither has the result).
 *
 * @param start the absolute index of the first period with data, {@link #NONE} when the source has none, or
 *     {@link Long#MIN_VALUE} for a formula without inputs (it needs no data)
 * @param source the source whose data starts last among the metric's inputs
 */
public record Coverage(long start, String source) {

    /** The start of a source without data: after every period. */
    public static final long NONE = Long.MAX_VALUE;

    /** The coverage of a formula without inputs: before every period. */
    static final Coverage ALWAYS = new Coverage(Long.MIN_VALUE, "");

    /**
     * The later of two coverages (this one when they start together).
     *
     * @param other the other coverage
     * @return the one that starts later
     */
    public Coverage later(Coverage other) {
        return other.start > start ? other : this;
    }

    /**
     * Why something at or before a period has no data behind it: {@code "<subject> before the data of source
     * 'events', which starts at 2025-01-03"}, or {@code "source 'events' has no data"}.
     *
     * @param subject what lies before the data, ending in a verb ({@code "2025-01-01 is"})
     * @param timeline names the first period
     * @return the sentence
     */
    public String before(String subject, Timeline timeline) {
        return start == NONE ? "source '" + source + "' has no data"
                : subject + " before the data of source '" + source + "', which starts at " + timeline.period(start);
    }

    /**
     * The no-value of a cell at {@code abs}, which lies before the data.
     *
     * @param abs the cell's period index
     * @param timeline names the periods
     * @return a value with reason {@link NoValueReason#NO_HISTORY}
     */
    public KpiValue noHistory(long abs, Timeline timeline) {
        return KpiValue.none(NoValueReason.NO_HISTORY, before(timeline.period(abs) + " is", timeline));
    }
}
