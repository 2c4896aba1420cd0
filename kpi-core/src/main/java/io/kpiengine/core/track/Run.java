package io.kpiengine.core.track;

import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import java.time.LocalDate;

/** The settings of one tracking run, shared read-only by the threads that compute its series. */
final class Run {

    final BusinessCalendar calendar;
    final Grain grain;
    final TrackingPlan plan;
    final double intervalLevel;
    final double falseDiscoveryRate;
    final AlertState previous;
    final String calendarKey;
    final LocalDate asOf;

    Run(BusinessCalendar calendar, Grain grain, TrackingPlan plan, AlertState previous, LocalDate asOf) {
        this.calendar = calendar;
        this.grain = grain;
        this.plan = plan;
        this.intervalLevel = plan.intervalLevel();
        this.falseDiscoveryRate = plan.falseDiscoveryRate().orElse(Double.NaN);
        this.previous = previous;
        this.calendarKey = key(calendar, grain);
        this.asOf = asOf;
    }

    /** The calendar and grain an alert state must have been written for. */
    static String key(BusinessCalendar calendar, Grain grain) {
        return calendar.zone().getId() + " " + calendar.fiscalYearStart() + " " + calendar.fiscalYearNaming() + " "
                + grain.id();
    }
}
