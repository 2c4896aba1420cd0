package io.kpiengine.core.time;

import io.kpiengine.core.time.internal.CivilDates;
import io.kpiengine.core.time.internal.ZoneTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The business calendar of a catalog: the time zone in which periods are cut, and the fiscal year.
 *
 * <p>Every {@link Period} belongs to a calendar. A day starts at its first valid instant in the zone (midnight, or
 * the end of a daylight-saving gap where midnight does not exist, as in America/Sao_Paulo on 2018-11-04), so days
 * last 23, 24 or 25 hours; weeks, months, quarters and years are whole local days. The fiscal year starts on the
 * first day of {@link #fiscalYearStart()} and is named by {@link #fiscalYearNaming()}.
 *
 * <pre>{@code
 * BusinessCalendar cal = BusinessCalendar.builder()
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .fiscalYearStart(Month.OCTOBER)            // FY2025 = 2024-10-01 .. 2025-09-30
 *         .build();
 * Period day = cal.parse("2025-03-30");
 * Duration d = Duration.between(day.start(), day.end()); // PT23H
 * Period fq = day.containing(Grain.FISCAL_QUARTER);       // FY2025-Q3
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Building one tabulates the zone's offset transitions up to the year
 * 2300 (a few kilobytes), so share calendars rather than building one per call.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final Month fiscalYearStart;
    private final FiscalYearNaming fiscalYearNaming;
    private final ZoneTable table;

    private BusinessCalendar(ZoneId zone, Month fiscalYearStart, FiscalYearNaming naming) {
        this.zone = zone;
        this.fiscalYearStart = fiscalYearStart;
        this.fiscalYearNaming = naming;
        this.table = ZoneTable.of(zone);
    }

    /**
     * A calendar in a zone, with the fiscal year equal to the calendar year.
     *
     * @param zone the business time zone
     * @return the calendar
     * @throws NullPointerException if zone is null
     */
    public static BusinessCalendar of(ZoneId zone) {
        return new BusinessCalendar(Objects.requireNonNull(zone, "zone"), Month.JANUARY, FiscalYearNaming.END_YEAR);
    }

    /**
     * A builder; {@link Builder#zone(ZoneId)} is required.
     *
     * <pre>{@code
     * BusinessCalendar cal = BusinessCalendar.builder()
     *         .zone(ZoneId.of("Europe/Berlin"))
     *         .fiscalYearStart(Month.OCTOBER)
     *         .build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The business time zone.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * This calendar in another time zone, with the same fiscal year.
     *
     * <pre>{@code
     * BusinessCalendar seoul = catalog.calendar().withZone(ZoneId.of("Asia/Seoul"));   // fiscal start kept
     * }</pre>
     *
     * @param other the business time zone
     * @return a calendar equal to this one but for the zone (this calendar when the zone is the same)
     * @throws NullPointerException if other is null
     */
    public BusinessCalendar withZone(ZoneId other) {
        Objects.requireNonNull(other, "zone");
        return other.equals(zone) ? this : new BusinessCalendar(other, fiscalYearStart, fiscalYearNaming);
    }

    /**
     * The month in which the fiscal year starts; January when fiscal and calendar years coincide.
     *
     * @return the month
     */
    public Month fiscalYearStart() {
        return fiscalYearStart;
    }

    /**
     * How fiscal years are named.
     *
     * @return the naming rule
     */
    public FiscalYearNaming fiscalYearNaming() {
        return fiscalYearNaming;
    }

    /**
     * Whether every period of {@code fine} lies inside exactly one period of {@code coarse} in this calendar. Every
     * grain nests in itself and in WHOLE_RANGE; HOUR and DAY nest in every coarser grain; WEEK nests only in WEEK
     * (and the whole range); MONTH nests in the
     * quarter, year and fiscal grains; QUARTER nests in the fiscal grains only when the fiscal year starts in
     * January, April, July or October; YEAR and FISCAL_YEAR nest in each other only with a January start.
     *
     * @param fine the finer grain
     * @param coarse the coarser grain
     * @return true if periods of {@code fine} roll up into periods of {@code coarse}
     * @throws NullPointerException if a grain is null
     */
    public boolean nests(Grain fine, Grain coarse) {
        Objects.requireNonNull(fine, "fine");
        Objects.requireNonNull(coarse, "coarse");
        if (fine == coarse || fine == Grain.HOUR || coarse == Grain.WHOLE_RANGE) {
            return true;
        }
        if (fine == Grain.WHOLE_RANGE) {
            return false;
        }
        boolean quarterAligned = (fiscalYearStart.getValue() - 1) % 3 == 0;
        boolean yearAligned = fiscalYearStart == Month.JANUARY;
        switch (fine) {
            case DAY:
                return coarse != Grain.HOUR;
            case WEEK:
                return false;
            case MONTH:
                return coarse != Grain.HOUR && coarse != Grain.DAY && coarse != Grain.WEEK;
            case QUARTER:
                return coarse == Grain.YEAR || quarterAligned && coarse.isFiscal();
            case FISCAL_QUARTER:
                return coarse == Grain.FISCAL_YEAR || quarterAligned && (coarse == Grain.QUARTER
                        || coarse == Grain.YEAR && yearAligned);
            case YEAR:
                return yearAligned && coarse == Grain.FISCAL_YEAR;
            case FISCAL_YEAR:
                return yearAligned && coarse == Grain.YEAR;
            default:
                throw new AssertionError(fine);
        }
    }

    /**
     * The period of a grain with a given index; see {@link Period#index()} for what indexes mean.
     *
     * @param grain the grain
     * @param index the index
     * @return the period
     * @throws NullPointerException if grain is null
     * @throws IllegalArgumentException if grain is WHOLE_RANGE (see {@link #range})
     */
    public Period period(Grain grain, long index) {
        return new Period(this, notWholeRange(grain), index);
    }

    /**
     * The whole-range period from one date to another, inclusive: the one period of grain
     * {@link Grain#WHOLE_RANGE}, written {@code 2025-01-01/2025-12-31}.
     *
     * <pre>{@code
     * Period all = cal.range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
     * all.start();   // 2025-01-01 at the first instant of the day in the business zone
     * }</pre>
     *
     * @param first the first date
     * @param last the last date, inclusive, not before first
     * @return the period
     * @throws NullPointerException if a date is null
     * @throws IllegalArgumentException if last is before first
     */
    public Period range(LocalDate first, LocalDate last) {
        return Period.range(this, Objects.requireNonNull(first, "first").toEpochDay(),
                Objects.requireNonNull(last, "last").toEpochDay());
    }

    private static Grain notWholeRange(Grain grain) {
        if (Objects.requireNonNull(grain, "grain") == Grain.WHOLE_RANGE) {
            throw new IllegalArgumentException("grain must not be whole_range here: a whole-range period is made"
                    + " with range(first, last)");
        }
        return grain;
    }

    /**
     * The period of a grain that holds an instant.
     *
     * @param grain the grain
     * @param instant the instant
     * @return the period
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if grain is WHOLE_RANGE (see {@link #range})
     */
    public Period period(Grain grain, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return new Period(this, notWholeRange(grain), indexOfSecond(grain, instant.getEpochSecond()));
    }

    /**
     * The period of a date-based grain that holds a local date.
     *
     * @param grain any grain but {@link Grain#HOUR}
     * @param date the local date
     * @return the period
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if grain is HOUR or WHOLE_RANGE
     */
    public Period period(Grain grain, LocalDate date) {
        Objects.requireNonNull(date, "date");
        requireDateBased(notWholeRange(grain));
        return new Period(this, grain, indexOfDay(grain, date.toEpochDay()));
    }

    /**
     * Reads the canonical text of a period: {@code 2025-03-14T09} (hour), {@code 2025-03-14}, {@code 2025-W09},
     * {@code 2025-03}, {@code 2025-Q1}, {@code 2025}, {@code FY2025-Q2}, {@code FY2025}, and a whole range
     * {@code 2025-01-01/2025-12-31}. An hour that occurs twice
     * (when clocks are set back) carries its offset, {@code 2025-10-26T02+02:00}; without one the earlier is
     * meant.
     *
     * <pre>{@code
     * Period q = cal.parse("FY2025-Q2");   // with a fiscal year from October: 2025-01-01 .. 2025-03-31
     * }</pre>
     *
     * @param text the text
     * @return the period
     * @throws NullPointerException if text is null
     * @throws PeriodParseException if the text has no period form, names an impossible date or week, or names
     *     an hour that does not exist in the zone
     */
    public Period parse(String text) {
        return PeriodText.parse(this, Objects.requireNonNull(text, "text"));
    }

    /**
     * The fast mapping from instants to period indexes for one grain, for per-row use.
     *
     * @param grain the grain
     * @return the indexer
     * @throws NullPointerException if grain is null
     * @throws IllegalArgumentException if grain is WHOLE_RANGE, whose period depends on the evaluation
     */
    public PeriodIndexer indexer(Grain grain) {
        return new PeriodIndexer(this, notWholeRange(grain));
    }

    /**
     * All periods from {@code first} to {@code last} inclusive, with the period holding the clock's instant
     * flagged partial.
     *
     * @param first the first period
     * @param last the last period, of the same grain and calendar, not before first
     * @param clock the clock that says what "now" is
     * @return the spine
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the periods differ in grain or calendar or are out of order
     */
    public DateSpine spine(Period first, Period last, Clock clock) {
        return DateSpine.between(first, last, clock);
    }

    ZoneTable table() {
        return table;
    }

    static void requireDateBased(Grain grain) {
        if (!Objects.requireNonNull(grain, "grain").isDateBased()) {
            throw new IllegalArgumentException("grain must be a date-based grain (day or coarser), but was hour");
        }
    }

    long indexOfSecond(Grain grain, long epochSecond) {
        return grain == Grain.HOUR ? table.hourIndex(epochSecond) : indexOfDay(grain, table.epochDay(epochSecond));
    }

    /** The index of the date-based period holding an epoch day. */
    long indexOfDay(Grain grain, long epochDay) {
        switch (grain) {
            case DAY:
                return epochDay;
            case WEEK:
                return Math.floorDiv(epochDay + 3, 7);
            case MONTH:
                return CivilDates.monthIndex(epochDay);
            case QUARTER:
                return Math.floorDiv(CivilDates.monthIndex(epochDay), 3);
            case YEAR:
                return Math.floorDiv(CivilDates.monthIndex(epochDay), 12);
            case FISCAL_QUARTER:
                return Math.floorDiv(CivilDates.monthIndex(epochDay) - (fiscalYearStart.getValue() - 1), 3);
            case FISCAL_YEAR:
                return Math.floorDiv(CivilDates.monthIndex(epochDay) - (fiscalYearStart.getValue() - 1), 12);
            default:
                throw new IllegalArgumentException("grain must be a date-based grain (day or coarser), but was hour");
        }
    }

    /** The first epoch day of a date-based period. */
    long firstDay(Grain grain, long index) {
        switch (grain) {
            case DAY:
            case WHOLE_RANGE:
                return index;
            case WEEK:
                return Math.multiplyExact(index, 7) - 3;
            default:
                return CivilDates.firstDayOfMonthIndex(firstMonth(grain, index));
        }
    }

    /** The first month index ({@code year * 12 + month - 1}) of a month-based period. */
    long firstMonth(Grain grain, long index) {
        switch (grain) {
            case MONTH:
                return index;
            case QUARTER:
                return Math.multiplyExact(index, 3);
            case YEAR:
                return Math.multiplyExact(index, 12);
            case FISCAL_QUARTER:
                return Math.multiplyExact(index, 3) + (fiscalYearStart.getValue() - 1);
            case FISCAL_YEAR:
                return Math.multiplyExact(index, 12) + (fiscalYearStart.getValue() - 1);
            default:
                throw new IllegalArgumentException("grain must be month-based, but was " + grain.id());
        }
    }

    /** The year in a fiscal label, for the calendar year in which a fiscal year starts. */
    long fiscalLabelYear(long startYear) {
        return fiscalYearNaming == FiscalYearNaming.END_YEAR && fiscalYearStart != Month.JANUARY
                ? startYear + 1 : startYear;
    }

    /** The calendar year in which the fiscal year of a label starts. */
    long fiscalStartYear(long labelYear) {
        return fiscalYearNaming == FiscalYearNaming.END_YEAR && fiscalYearStart != Month.JANUARY
                ? labelYear - 1 : labelYear;
    }

    /**
     * Equal when zone, fiscal start month and fiscal naming are equal.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && c.zone.equals(zone) && c.fiscalYearStart == fiscalYearStart
                && c.fiscalYearNaming == fiscalYearNaming;
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, fiscalYearStart, fiscalYearNaming);
    }

    /**
     * A description such as {@code Europe/Berlin, fiscal year from OCTOBER named by END_YEAR}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return zone + (fiscalYearStart == Month.JANUARY ? ""
                : ", fiscal year from " + fiscalYearStart + " named by " + fiscalYearNaming);
    }

    /**
     * Builds a {@link BusinessCalendar}. Each option may be set once; {@link #build()} may be called many times.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private ZoneId zone;
        private Month fiscalYearStart;
        private FiscalYearNaming fiscalYearNaming;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        /**
         * Sets the business time zone (required).
         *
         * @param zone the zone, e.g. {@code ZoneId.of("Asia/Seoul")}
         * @return this builder
         * @throws NullPointerException if zone is null
         * @throws IllegalStateException if the zone was already set
         */
        public Builder zone(ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            if (this.zone != null) {
                throw new IllegalStateException("zone was already set to " + this.zone);
            }
            this.zone = zone;
            return this;
        }

        /**
         * Sets the month in which the fiscal year starts; default January.
         *
         * @param month the start month
         * @return this builder
         * @throws NullPointerException if month is null
         * @throws IllegalStateException if the start month was already set
         */
        public Builder fiscalYearStart(Month month) {
            Objects.requireNonNull(month, "month");
            if (this.fiscalYearStart != null) {
                throw new IllegalStateException("fiscalYearStart was already set to " + this.fiscalYearStart);
            }
            this.fiscalYearStart = month;
            return this;
        }

        /**
         * Sets how fiscal years are named; default {@link FiscalYearNaming#END_YEAR}.
         *
         * @param naming the naming rule
         * @return this builder
         * @throws NullPointerException if naming is null
         * @throws IllegalStateException if the naming was already set
         */
        public Builder fiscalYearNaming(FiscalYearNaming naming) {
            Objects.requireNonNull(naming, "naming");
            if (this.fiscalYearNaming != null) {
                throw new IllegalStateException("fiscalYearNaming was already set to " + this.fiscalYearNaming);
            }
            this.fiscalYearNaming = naming;
            return this;
        }

        /**
         * Builds the calendar.
         *
         * @return a new calendar
         * @throws IllegalStateException if no zone was set
         */
        public BusinessCalendar build() {
            if (zone == null) {
                throw new IllegalStateException("zone must be set, but was not");
            }
            return new BusinessCalendar(zone, fiscalYearStart == null ? Month.JANUARY : fiscalYearStart,
                    fiscalYearNaming == null ? FiscalYearNaming.END_YEAR : fiscalYearNaming);
        }
    }
}
