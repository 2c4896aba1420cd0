package io.kpiengine.core.time;

import io.kpiengine.core.time.internal.ZoneTable;

/**
 * The per-row mapping from a timestamp to the index of its period, for one grain of one calendar: no allocation,
 * no look-up by name, a few arithmetic operations and one table look-up per call.
 *
 * <p>Timestamps are microseconds since 1970-01-01T00:00Z (the TIMESTAMP representation of kpi-quality); dates are
 * days since 1970-01-01 (the DATE representation), read as local dates of the business zone. The index is the one
 * of {@link Period#index()}; turn it back into a period with {@link #period(long)} once per group, not per row.
 *
 * <pre>{@code
 * PeriodIndexer days = calendar.indexer(Grain.DAY);
 * long[] ts = batch.longs("ts");                // epoch micros
 * for (int i = 0; i < n; i++) {
 *     long day = days.index(ts[i]);             // local day in the business zone
 *     ...
 * }
 * Period p = days.period(day);                  // 2025-03-14
 * }</pre>
 *
 * <p>Offsets are tabulated up to the year 2300; later instants in zones that still observe daylight saving are
 * answered correctly through {@link java.time.zone.ZoneRules}, more slowly. Instances are immutable and
 * thread-safe.
 */
public final class PeriodIndexer {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final BusinessCalendar calendar;
    private final Grain grain;
    private final ZoneTable table;

    PeriodIndexer(BusinessCalendar calendar, Grain grain) {
        this.calendar = calendar;
        this.grain = grain;
        this.table = calendar.table();
    }

    /**
     * The grain.
     *
     * @return the grain
     */
    public Grain grain() {
        return grain;
    }

    /**
     * The calendar.
     *
     * @return the calendar
     */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * The index of the period that holds a timestamp.
     *
     * @param epochMicros microseconds since 1970-01-01T00:00Z
     * @return the period index
     */
    public long index(long epochMicros) {
        long second = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        if (grain == Grain.HOUR) {
            return table.hourIndex(second);
        }
        return calendar.indexOfDay(grain, table.epochDay(second));
    }

    /**
     * The index of the period that holds a local date.
     *
     * @param epochDay days since 1970-01-01, a date in the business zone
     * @return the period index
     * @throws IllegalArgumentException if this indexer's grain is HOUR (a date has no hour)
     */
    public long indexOfDate(long epochDay) {
        return calendar.indexOfDay(grain, epochDay);
    }

    /**
     * The local date of a timestamp in the business zone.
     *
     * @param epochMicros microseconds since 1970-01-01T00:00Z
     * @return days since 1970-01-01
     */
    public long epochDay(long epochMicros) {
        return table.epochDay(Math.floorDiv(epochMicros, MICROS_PER_SECOND));
    }

    /**
     * The period of an index.
     *
     * @param index a period index
     * @return the period
     */
    public Period period(long index) {
        return new Period(calendar, grain, index);
    }

    /**
     * The first instant of the period of an index, in microseconds since the epoch.
     *
     * @param index a period index
     * @return the inclusive start in epoch micros
     * @throws ArithmeticException if the start does not fit in a long of microseconds
     */
    public long startMicros(long index) {
        long second = grain == Grain.HOUR ? table.hourStart(index) : period(index).start().getEpochSecond();
        return Math.multiplyExact(second, MICROS_PER_SECOND);
    }
}
