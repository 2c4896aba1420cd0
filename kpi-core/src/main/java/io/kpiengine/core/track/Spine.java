package io.kpiengine.core.track;

import io.kpiengine.core.KpiResult;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.LocalDate;

/**
 * The periods of a run of consecutive series positions, shared by every series of a metric (the engine gives every
 * segment of a metric the same date spine): the periods, their first dates as epoch days, and the position of the
 * same period one year earlier.
 */
final class Spine {

    final Period[] periods;
    final long firstIndex;
    final long[] firstDay;
    final int[] lastYear;

    Spine(KpiResult[] cells) {
        int n = cells.length;
        this.periods = new Period[n];
        this.firstDay = new long[n];
        this.lastYear = new int[n];
        this.firstIndex = cells[0].period().index();
        for (int i = 0; i < n; i++) {
            Period p = cells[i].period();
            if (p.index() != firstIndex + i) {
                throw new IllegalStateException("the cells of a series must be consecutive periods, but " + p
                        + " follows " + cells[i - 1].period());
            }
            periods[i] = p;
            firstDay[i] = p.firstDate().toEpochDay();
            lastYear[i] = position(p.plusYears(-1));
        }
    }

    /** Whether this spine describes the same periods as the cells. */
    boolean fits(KpiResult[] cells) {
        return cells.length == periods.length && cells[0].period().equals(periods[0]);
    }

    /** The position of a period of the same grain: negative before the first, possibly beyond the last. */
    int position(Period p) {
        long d = p.index() - firstIndex;
        return d < Integer.MIN_VALUE / 2 ? Integer.MIN_VALUE / 2 : d > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2
                : (int) d;
    }

    /** The period at a position, also outside the spine. */
    Period period(int position) {
        return position >= 0 && position < periods.length ? periods[position] : periods[0].plus(position);
    }

    /** The period of the spine's grain that holds a date. */
    static Period periodOn(BusinessCalendar calendar, Grain grain, LocalDate date) {
        if (grain == Grain.HOUR) {
            return calendar.period(grain, date.atStartOfDay(calendar.zone()).toInstant());
        }
        return calendar.period(grain, date);
    }
}
