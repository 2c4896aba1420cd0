package io.kpiengine.quality;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The period length by which the completeness rules ({@link ExpectedRowsRule}) and the {@link DateSpineRule}
 * group rows, in local time. Weeks are ISO weeks starting on Monday; months, quarters and years are calendar
 * ones.
 *
 * <p>Not to be confused with the KPI grain of kpi-core ({@code io.kpiengine.core.time.Grain}), which also has
 * fiscal grains and cuts periods in a business calendar; the names differ so that both packages can be imported
 * together.
 */
public enum RowGrain {
    /** One clock hour. */
    HOUR,
    /** One calendar day. */
    DAY,
    /** One ISO week, Monday to Sunday. */
    WEEK,
    /** One calendar month. */
    MONTH,
    /** One calendar quarter. */
    QUARTER,
    /** One calendar year. */
    YEAR;

    /**
     * The start of the period that contains a local date-time.
     *
     * @param t a local date-time
     * @return the first local date-time of its period
     */
    public LocalDateTime start(LocalDateTime t) {
        switch (this) {
            case HOUR:
                return t.truncatedTo(ChronoUnit.HOURS);
            case DAY:
                return t.toLocalDate().atStartOfDay();
            default:
                return startOfDate(t.toLocalDate()).atStartOfDay();
        }
    }

    private LocalDate startOfDate(LocalDate d) {
        switch (this) {
            case WEEK:
                return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return d.withDayOfMonth(1);
            case QUARTER:
                return d.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR:
                return d.withDayOfYear(1);
            default:
                return d;
        }
    }

    /**
     * The start of the next period.
     *
     * @param start the start of a period
     * @return the start of the following period
     */
    public LocalDateTime next(LocalDateTime start) {
        switch (this) {
            case HOUR:
                return start.plusHours(1);
            case DAY:
                return start.plusDays(1);
            case WEEK:
                return start.plusWeeks(1);
            case MONTH:
                return start.plusMonths(1);
            case QUARTER:
                return start.plusMonths(3);
            default:
                return start.plusYears(1);
        }
    }
}
