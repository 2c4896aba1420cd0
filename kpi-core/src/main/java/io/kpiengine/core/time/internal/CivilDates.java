package io.kpiengine.core.time.internal;

import io.kpiengine.base.internal.Gregorian;

/**
 * Allocation-free conversions between days since 1970-01-01 and proleptic Gregorian year, month and day, for the
 * per-row period index.
 *
 * <p>Days of the years 1800 to 2399 are mapped to their month through a table of month starts (57 KB, shared by
 * all calendars): a first guess from the mean month length, corrected by at most a step or two. Other days are
 * computed.
 *
 * <p>The algorithm is Howard Hinnant's {@code civil_from_days} (its inverse, {@code days_from_civil}, is
 * {@link Gregorian#epochDay}): shift the year to start in March so that the leap day is the last day of the shifted
 * year, then split days into 400-year eras of 146,097 days, years of 365 days plus leap days, and months by the
 * linear formula {@code (153 * m + 2) / 5}. It is exact for every {@code long} day whose year fits in an
 * {@code int}-sized range and agrees with {@link java.time.LocalDate#ofEpochDay(long)}.
 */
public final class CivilDates {

    private static final long DAYS_PER_ERA = Gregorian.DAYS_PER_ERA;
    private static final long ERA_SHIFT = Gregorian.ERA_SHIFT;

    /** The first year of the month table: days from 1800 to 2400 are looked up instead of computed. */
    private static final int TABLE_FIRST_YEAR = 1800;
    private static final int TABLE_MONTHS = 600 * 12;
    /** Epoch day of the first day of month i of the table, plus a sentinel for the month after the last. */
    private static final long[] MONTH_START = new long[TABLE_MONTHS + 1];
    private static final long TABLE_FIRST_DAY;
    private static final long TABLE_END_DAY;
    /** Months per day, for the first guess of the table position. */
    private static final double MONTHS_PER_DAY = 12 / 365.2425;

    static {
        for (int i = 0; i <= TABLE_MONTHS; i++) {
            MONTH_START[i] = Gregorian.epochDay(TABLE_FIRST_YEAR + i / 12, i % 12 + 1, 1);
        }
        TABLE_FIRST_DAY = MONTH_START[0];
        TABLE_END_DAY = MONTH_START[TABLE_MONTHS];
    }

    private CivilDates() {
    }

    /**
     * The proleptic year and month of an epoch day, packed as {@code year * 12 + (month - 1)}.
     *
     * @param epochDay days since 1970-01-01
     * @return the month index
     */
    public static long monthIndex(long epochDay) {
        if (epochDay >= TABLE_FIRST_DAY && epochDay < TABLE_END_DAY) {
            int i = (int) ((epochDay - TABLE_FIRST_DAY) * MONTHS_PER_DAY);
            if (i >= TABLE_MONTHS) {
                i = TABLE_MONTHS - 1;
            }
            while (MONTH_START[i] > epochDay) {
                i--;
            }
            while (MONTH_START[i + 1] <= epochDay) {
                i++;
            }
            return TABLE_FIRST_YEAR * 12L + i;
        }
        return computeMonthIndex(epochDay);
    }

    /**
     * {@link #monthIndex(long)} by arithmetic alone, for days outside the table (and to build and test it).
     *
     * @param epochDay days since 1970-01-01
     * @return the month index
     */
    static long computeMonthIndex(long epochDay) {
        long z = epochDay + ERA_SHIFT;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long doe = z - era * DAYS_PER_ERA;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year * 12 + month - 1;
    }

    /**
     * The epoch day of the first day of a month index.
     *
     * @param monthIndex {@code year * 12 + (month - 1)}
     * @return days since 1970-01-01
     */
    public static long firstDayOfMonthIndex(long monthIndex) {
        return Gregorian.epochDay(Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1, 1);
    }
}
