package io.kpiengine.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.Objects;

/**
 * One time bucket: a {@link Grain}, an index and the {@link BusinessCalendar} that cuts it.
 *
 * <p>A period covers the half-open interval {@link #start()} (inclusive) to {@link #end()} (exclusive). Its
 * {@link #toString()} is its canonical text, which {@link BusinessCalendar#parse(String)} reads back:
 *
 * <table>
 *   <caption>Canonical text and index of each grain</caption>
 *   <tr><th>grain</th><th>text</th><th>index</th></tr>
 *   <tr><td>HOUR</td><td>{@code 2025-03-14T09}; a repeated hour {@code 2025-10-26T02+01:00}</td>
 *       <td>dense ordinal of hour periods; equal to hours since the epoch in zones whose offsets are whole hours
 *       since 1970</td></tr>
 *   <tr><td>DAY</td><td>{@code 2025-03-14}</td><td>days since 1970-01-01</td></tr>
 *   <tr><td>WEEK</td><td>{@code 2025-W09} (ISO week-based year)</td><td>weeks since Monday 1969-12-29</td></tr>
 *   <tr><td>MONTH</td><td>{@code 2025-03}</td><td>{@code year * 12 + month - 1}</td></tr>
 *   <tr><td>QUARTER</td><td>{@code 2025-Q1}</td><td>{@code year * 4 + quarter - 1}</td></tr>
 *   <tr><td>YEAR</td><td>{@code 2025}</td><td>the year</td></tr>
 *   <tr><td>FISCAL_QUARTER</td><td>{@code FY2025-Q2}</td><td>{@code startYear * 4 + quarter - 1}, where
 *       startYear is the calendar year in which the fiscal year starts</td></tr>
 *   <tr><td>FISCAL_YEAR</td><td>{@code FY2025} (see {@link FiscalYearNaming})</td><td>startYear</td></tr>
 * </table>
 *
 * <p>Years beyond 9999 are written with a sign, as {@link LocalDate} does ({@code +10000-01}). Consecutive
 * periods of a grain have consecutive indexes, so {@code plus(n)} adds n to the index. An hour period is a run of
 * instants sharing local hour and offset: a day with a daylight-saving change has 23 or 25 of them.
 *
 * <pre>{@code
 * BusinessCalendar cal = BusinessCalendar.of(ZoneId.of("Europe/Berlin"));
 * Period march = cal.parse("2025-03");
 * march.next();                       // 2025-04
 * march.containing(Grain.QUARTER);    // 2025-Q1
 * cal.parse("2021-01-01").containing(Grain.DAY); // 2021-01-01
 * cal.period(Grain.WEEK, LocalDate.of(2021, 1, 1)); // 2020-W53
 * }</pre>
 *
 * <p>Ordering: periods of one grain and calendar by index; otherwise by start, then end, then grain, then
 * calendar. Instances are immutable and thread-safe.
 *
 * <p>The simple name is also that of {@code java.time.Period} (an amount of years, months and days), which is
 * rarely needed beside this one; with both {@code java.time.*} and {@code io.kpiengine.core.time.*} imported,
 * import this class by its full name ({@code import io.kpiengine.core.time.Period;}).
 */
public final class Period implements Comparable<Period> {

    private static final Comparator<Period> MIXED = Comparator.comparing(Period::start)
            .thenComparing(Period::end)
            .thenComparing(Period::grain)
            .thenComparing(p -> p.calendar().toString());

    private final BusinessCalendar calendar;
    private final Grain grain;
    private final long index;
    /** The last epoch day of a {@link Grain#WHOLE_RANGE} period (whose index is its first epoch day), else 0. */
    private final long lastDay;

    Period(BusinessCalendar calendar, Grain grain, long index) {
        this(calendar, grain, index, 0);
        if (grain == Grain.WHOLE_RANGE) {
            throw new IllegalArgumentException("a whole-range period is made with BusinessCalendar.range(first, last)");
        }
    }

    private Period(BusinessCalendar calendar, Grain grain, long index, long lastDay) {
        this.calendar = calendar;
        this.grain = grain;
        this.index = index;
        this.lastDay = lastDay;
    }

    /** The whole-range period from one epoch day to another, inclusive. */
    static Period range(BusinessCalendar calendar, long firstDay, long lastDay) {
        if (lastDay < firstDay) {
            throw new IllegalArgumentException("last must not be before first " + LocalDate.ofEpochDay(firstDay)
                    + ", but was " + LocalDate.ofEpochDay(lastDay));
        }
        return new Period(calendar, Grain.WHOLE_RANGE, firstDay, lastDay);
    }

    private boolean isRange() {
        return grain == Grain.WHOLE_RANGE;
    }

    private IllegalStateException noNeighbours(String what) {
        return new IllegalStateException("a whole-range period has no " + what + ", but " + what
                + " of " + this + " was asked for");
    }

    /**
     * The calendar that cuts this period.
     *
     * @return the calendar
     */
    public BusinessCalendar calendar() {
        return calendar;
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
     * The index of this period among the periods of its grain (see the class table); the next period has index
     * + 1. A whole-range period's index is its first epoch day.
     *
     * @return the index
     */
    public long index() {
        return index;
    }

    /**
     * The first instant of the period: for date-based grains the first valid instant of the first day in the
     * business zone (midnight, or the end of a daylight-saving gap that swallows midnight).
     *
     * @return the inclusive start
     */
    public Instant start() {
        if (grain == Grain.HOUR) {
            return Instant.ofEpochSecond(calendar.table().hourStart(index));
        }
        return dayStart(calendar.firstDay(grain, index));
    }

    /**
     * The first instant after the period, which is the start of the next period.
     *
     * @return the exclusive end
     */
    public Instant end() {
        return isRange() ? dayStart(Math.addExact(lastDay, 1)) : next().start();
    }

    /**
     * The length of the period in elapsed time; a day is 23, 24 or 25 hours long across daylight-saving changes.
     *
     * @return the duration from start to end
     */
    public Duration duration() {
        return Duration.between(start(), end());
    }

    /**
     * The first local date of the period; for an hour, its date.
     *
     * @return the first date
     */
    public LocalDate firstDate() {
        if (grain == Grain.HOUR) {
            return localStart().toLocalDate();
        }
        return LocalDate.ofEpochDay(calendar.firstDay(grain, index));
    }

    /**
     * The last local date of the period; for an hour, its date.
     *
     * @return the last date, inclusive
     */
    public LocalDate lastDate() {
        if (grain == Grain.HOUR) {
            return firstDate();
        }
        if (isRange()) {
            return LocalDate.ofEpochDay(lastDay);
        }
        return LocalDate.ofEpochDay(calendar.firstDay(grain, Math.addExact(index, 1)) - 1);
    }

    /**
     * Whether an instant lies in this period.
     *
     * @param instant the instant
     * @return true if {@code start() <= instant < end()}
     * @throws NullPointerException if instant is null
     */
    public boolean contains(Instant instant) {
        if (isRange()) {
            long day = calendar.indexOfSecond(Grain.DAY, instant.getEpochSecond());
            return day >= index && day <= lastDay;
        }
        return calendar.indexOfSecond(grain, instant.getEpochSecond()) == index;
    }

    /**
     * The period after this one.
     *
     * @return the next period
     * @throws ArithmeticException if the index overflows
     * @throws IllegalStateException for a whole-range period
     */
    public Period next() {
        return plus(1);
    }

    /**
     * The period before this one.
     *
     * @return the previous period
     * @throws ArithmeticException if the index overflows
     * @throws IllegalStateException for a whole-range period
     */
    public Period previous() {
        return plus(-1);
    }

    /**
     * The period {@code n} periods later (earlier when negative).
     *
     * @param n the number of periods
     * @return the shifted period
     * @throws ArithmeticException if the index overflows
     * @throws IllegalStateException if this is a whole-range period and n is not 0
     */
    public Period plus(long n) {
        if (isRange()) {
            if (n == 0) {
                return this;
            }
            throw noNeighbours("neighbours");
        }
        return new Period(calendar, grain, Math.addExact(index, n));
    }

    /**
     * The number of periods from this one to another of the same grain and calendar: {@code p.plus(p.until(q))}
     * equals {@code q}.
     *
     * @param other the other period
     * @return the signed number of periods
     * @throws IllegalArgumentException if the grain or calendar differs, or both are different whole-range periods
     */
    public long until(Period other) {
        requireSameKind(other, "other");
        if (isRange() && !other.equals(this)) {
            throw new IllegalArgumentException("other must be this whole-range period " + this + ", but was " + other);
        }
        return Math.subtractExact(other.index, index);
    }

    /**
     * The period of a coarser (or the same) grain that holds this one: {@code 2025-03-14} in MONTH is
     * {@code 2025-03}.
     *
     * @param coarser a grain in which this grain nests ({@link BusinessCalendar#nests(Grain, Grain)})
     * @return the enclosing period
     * @throws NullPointerException if coarser is null
     * @throws IllegalArgumentException if periods of this grain do not nest in the coarser grain (a week in a
     *     month, a day in an hour)
     */
    public Period containing(Grain coarser) {
        Objects.requireNonNull(coarser, "coarser");
        if (!calendar.nests(grain, coarser)) {
            throw new IllegalArgumentException("coarser must be a grain that " + grain.id()
                    + " periods nest in, but was " + coarser.id());
        }
        if (coarser == grain) {
            return this;
        }
        if (coarser == Grain.WHOLE_RANGE) {
            throw new IllegalArgumentException("coarser must not be whole_range: the range is set by the evaluation,"
                    + " not by a period (BusinessCalendar.range(first, last))");
        }
        long day = grain == Grain.HOUR ? localStart().toLocalDate().toEpochDay() : calendar.firstDay(grain, index);
        return new Period(calendar, coarser, calendar.indexOfDay(coarser, day));
    }

    /**
     * The same period some years earlier or later, for year-over-year comparisons: months, quarters and years
     * move by whole years; a day moves to the same date (29 February to 28 February); a week to the same ISO week
     * number (week 53 to week 52 in a year without week 53); an hour to the same local hour on the same date,
     * or the first hour after it when that hour was skipped by a daylight-saving change.
     *
     * @param years the number of years, negative for earlier
     * @return the period
     * @throws ArithmeticException if the result is out of range
     * @throws IllegalStateException for a whole-range period
     */
    public Period plusYears(long years) {
        if (isRange()) {
            throw noNeighbours("year-over-year period");
        }
        switch (grain) {
            case MONTH:
                return plus(Math.multiplyExact(years, 12));
            case QUARTER:
            case FISCAL_QUARTER:
                return plus(Math.multiplyExact(years, 4));
            case YEAR:
            case FISCAL_YEAR:
                return plus(years);
            case DAY:
                return calendar.period(Grain.DAY, firstDate().plusYears(years));
            case WEEK: {
                LocalDate thursday = firstDate().plusDays(3);
                long week = thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                LocalDate jan4 = LocalDate.of(Math.toIntExact(Math.addExact(thursday.getYear(), years)), 1, 4);
                long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
                return calendar.period(Grain.WEEK, jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR,
                        Math.min(week, weeks)));
            }
            default: {
                LocalDateTime local = localStart().plusYears(years);
                return PeriodText.hourAt(calendar, local, null)
                        .orElseGet(() -> calendar.period(Grain.HOUR, ZonedDateTime.of(local, calendar.zone())
                                .toInstant()));
            }
        }
    }

    /**
     * Where this period stands relative to an instant taken as "now".
     *
     * @param now the current instant
     * @return COMPLETE if it ended at or before now, PARTIAL if now lies inside, FUTURE if it starts after now
     * @throws NullPointerException if now is null
     */
    public PeriodStatus status(Instant now) {
        if (isRange()) {
            return !now.isBefore(end()) ? PeriodStatus.COMPLETE : now.isBefore(start()) ? PeriodStatus.FUTURE
                    : PeriodStatus.PARTIAL;
        }
        long current = calendar.indexOfSecond(grain, now.getEpochSecond());
        return index < current ? PeriodStatus.COMPLETE : index == current ? PeriodStatus.PARTIAL
                : PeriodStatus.FUTURE;
    }

    /**
     * Where this period stands relative to a clock's current instant.
     *
     * @param clock the clock
     * @return the status at {@code clock.instant()}
     * @throws NullPointerException if clock is null
     */
    public PeriodStatus status(Clock clock) {
        return status(clock.instant());
    }

    /**
     * The local date-time at which this period starts, in the business zone.
     *
     * @return the local start
     */
    LocalDateTime localStart() {
        long start = grain == Grain.HOUR ? calendar.table().hourStart(index) : start().getEpochSecond();
        return LocalDateTime.ofEpochSecond(start, 0,
                ZoneOffset.ofTotalSeconds(calendar.table().offsetSeconds(start)));
    }

    private Instant dayStart(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(calendar.zone()).toInstant();
    }

    void requireSameKind(Period other, String name) {
        Objects.requireNonNull(other, name);
        if (other.grain != grain || !other.calendar.equals(calendar)) {
            throw new IllegalArgumentException(name + " must be a " + grain.id() + " period of calendar ["
                    + calendar + "], but was " + other.grain.id() + " period " + other + " of calendar ["
                    + other.calendar + "]");
        }
    }

    @Override
    public int compareTo(Period o) {
        if (o.grain == grain && o.calendar.equals(calendar)) {
            int c = Long.compare(index, o.index);
            return c != 0 ? c : Long.compare(lastDay, o.lastDay);
        }
        return MIXED.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period p && p.index == index && p.grain == grain && p.lastDay == lastDay
                && p.calendar.equals(calendar);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(index) * 31 + Long.hashCode(lastDay)) * 31 + grain.hashCode();
    }

    /**
     * The canonical text, e.g. {@code 2025-W09} or {@code FY2025-Q2}.
     *
     * @return the text that {@link BusinessCalendar#parse(String)} reads back to this period
     */
    @Override
    public String toString() {
        return PeriodText.format(this);
    }
}
