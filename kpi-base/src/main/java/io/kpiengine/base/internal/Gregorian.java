package io.kpiengine.base.internal;

/**
 * Proleptic Gregorian calendar arithmetic on primitive values, as {@code java.time.LocalDate} does it, without
 * allocation: leap years, month lengths and the day number of a date. The one implementation of these for every
 * module (the CSV reader, the period index, the rules).
 *
 * <p>{@link #epochDay} is Howard Hinnant's {@code days_from_civil}: shift the year to start in March so that the
 * leap day is the last day of the shifted year, then count 400-year eras of 146,097 days, years of 365 days plus
 * their leap days, and the days before the month by the linear formula {@code (153 * m + 2) / 5}. It agrees with
 * {@link java.time.LocalDate#toEpochDay()} for every valid date and also works for years beyond its range.
 */
public final class Gregorian {

    /** Days in a 400-year era. */
    public static final long DAYS_PER_ERA = 146_097L;
    /** Days from 0000-03-01 to 1970-01-01. */
    public static final long ERA_SHIFT = 719_468L;

    private Gregorian() {
    }

    /**
     * Whether a year is a leap year.
     *
     * @param year the proleptic year
     * @return true for leap years
     */
    public static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /**
     * The number of days of a month.
     *
     * @param year the proleptic year
     * @param month 1..12
     * @return 28..31
     */
    public static int lengthOfMonth(long year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * Days since 1970-01-01 of a valid proleptic date.
     *
     * @param year the year
     * @param month 1..12
     * @param day 1..31
     * @return the epoch day
     */
    public static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * DAYS_PER_ERA + doe - ERA_SHIFT;
    }
}
