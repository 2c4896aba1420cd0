package io.kpiengine.core.internal;

/**
 * The engine's {@link PeriodIndexer} over the business calendar's fast indexer
 * ({@link io.kpiengine.core.time.PeriodIndexer}): a zone-offset table lookup and integer arithmetic per row,
 * no allocation.
 */
public final class CalendarIndexer implements PeriodIndexer {

    private final io.kpiengine.core.time.PeriodIndexer calendar;

    /**
     * Wraps a calendar indexer.
     *
     * @param calendar the indexer of one grain of a business calendar
     */
    public CalendarIndexer(io.kpiengine.core.time.PeriodIndexer calendar) {
        this.calendar = calendar;
    }

    @Override
    public int indexOfMicros(long epochMicros) {
        return toInt(calendar.index(epochMicros));
    }

    @Override
    public int indexOfEpochDay(long epochDay) {
        return toInt(calendar.indexOfDate(epochDay));
    }

    private static int toInt(long index) {
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("period index " + index + " is outside the supported range");
        }
        return (int) index;
    }
}
