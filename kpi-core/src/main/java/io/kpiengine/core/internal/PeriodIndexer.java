package io.kpiengine.core.internal;

/**
 * Maps instants (or dates) to dense period indexes of one grain in one business time zone; the engine's only
 * view of the calendar on the hot path. Implementations are immutable and thread-safe.
 */
public interface PeriodIndexer {

    /**
     * The period index of an instant.
     *
     * @param epochMicros microseconds since 1970-01-01T00:00Z
     * @return the period index
     */
    int indexOfMicros(long epochMicros);

    /**
     * The period index of a calendar date (a DATE column), taken as that day in the business calendar.
     *
     * @param epochDay days since 1970-01-01
     * @return the period index
     */
    int indexOfEpochDay(long epochDay);

    /**
     * Fills period indexes for a column of instants; the default calls {@link #indexOfMicros(long)} per row.
     *
     * @param micros the instants
     * @param n the row count
     * @param out receives the indexes
     */
    default void indexMicros(long[] micros, int n, int[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = indexOfMicros(micros[i]);
        }
    }
}
