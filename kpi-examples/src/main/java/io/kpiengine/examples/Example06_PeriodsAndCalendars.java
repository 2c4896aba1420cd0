package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.DateSpine;
import io.kpiengine.core.time.FiscalYearNaming;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 6: periods, time zones, fiscal calendars and the date spine.
 *
 * <p>A KPI is always "per something": per day, per week, per fiscal quarter. Where a period starts depends on the
 * business's time zone: an order placed at 23:30 UTC belongs to the next day in Berlin. A {@link BusinessCalendar}
 * fixes the zone and the fiscal year; a {@link Period} is one bucket of a {@link Grain} in that calendar, with a
 * canonical text ({@code 2025-03-14}, {@code 2025-W11}, {@code FY2024-Q4}) that {@link BusinessCalendar#parse}
 * reads back. Days are daylight-saving correct: in Berlin, 30 March 2025 lasts 23 hours and 26 October 25. Weeks
 * are ISO weeks, so 1 January 2021 lies in week 53 of 2020.
 *
 * <p>The engine lays its results over a <b>date spine</b>: every period from the first to the last, including
 * periods without a single row. The support desk below is closed on Sundays; Sunday still appears, with 0 tickets
 * (a count of nothing is zero) and no median response time (the median of nothing has no value, with the reason
 * {@code NO_ROWS}). The period that holds "now" is flagged {@code PARTIAL}, because its numbers will still change;
 * "now" comes from a {@link Clock} you can fix, as here.
 */
public final class Example06_PeriodsAndCalendars {

    /** The support desk's zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The seed of the tickets. */
    static final long SEED = 6;
    /** "Now": Monday 31 March 2025, 18:00 in Berlin. */
    static final Instant NOW = ZonedDateTime.of(2025, 3, 31, 18, 0, 0, 0, ZONE).toInstant();

    private Example06_PeriodsAndCalendars() {
    }

    /**
     * Prints periods of a calendar, then daily, weekly and fiscal-quarter ticket KPIs over a spine.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        // A fiscal year from April to March, named by the year it starts in (as in Japan): April 2024 - March 2025
        // is FY2024.
        BusinessCalendar calendar = BusinessCalendar.builder()
                .zone(ZONE)
                .fiscalYearStart(Month.APRIL)
                .fiscalYearNaming(FiscalYearNaming.START_YEAR)
                .build();
        Instant instant = Instant.parse("2025-03-29T23:30:00Z");
        System.out.println(instant + " in " + ZONE + " lies in:");
        for (Grain g : Grain.values()) {
            if (g != Grain.WHOLE_RANGE) {   // the whole range is one period per evaluation: calendar.range(first, last)
                System.out.printf(Locale.ROOT, "  %-15s %s%n", g.id(), calendar.period(g, instant));
            }
        }
        System.out.println("Days around the clock changes:");
        for (String day : List.of("2025-03-29", "2025-03-30", "2025-10-26")) {
            Period p = calendar.parse(day);
            System.out.printf(Locale.ROOT, "  %s lasts %d hours, from %s to %s%n", p, p.duration().toHours(),
                    p.start(), p.end());
        }
        System.out.println("ISO weeks: 2021-01-01 lies in " + calendar.period(Grain.WEEK, LocalDate.of(2021, 1, 1)));
        DateSpine spine = calendar.spine(calendar.parse("2025-W12"), calendar.parse("2025-W15"),
                Clock.fixed(NOW, ZONE));
        System.out.println("A spine of weeks " + spine.periods() + " at " + NOW + ": partial "
                + spine.partialPeriod().orElseThrow() + ", " + spine.periods().get(3) + " is "
                + spine.status(spine.periods().get(3)));

        DataSource tickets = DataSource.builder("tickets").schema(SampleData.Ticket.SCHEMA).timeColumn("opened_at")
                .build();
        Catalog catalog = Catalog.builder()
                .calendar(calendar)
                .source(tickets)
                .metric(Metric.measure("tickets").count().unit("count").build())
                .metric(Metric.measure("median_response").median("response_minutes").unit("min").build())
                .build();
        Map<Grain, KpiResults> byGrain = new EnumMap<>(Grain.class);
        for (Grain g : List.of(Grain.DAY, Grain.WEEK, Grain.FISCAL_QUARTER)) {
            KpiEngine engine = KpiEngine.builder().catalog(catalog).grain(g).clock(Clock.fixed(NOW, ZONE)).build();
            byGrain.put(g, engine.evaluate(Map.of("tickets", SampleData.source("tickets", SampleData.Ticket.SCHEMA,
                    tickets(), SampleData.Ticket::values))));
        }

        KpiResults days = byGrain.get(Grain.DAY);
        System.out.println("\nSupport tickets per day (" + ZONE + "), the last eight days:");
        List<KpiResult> series = days.series("tickets");
        for (KpiResult day : series.subList(series.size() - 8, series.size())) {
            KpiValue median = days.value("median_response", day.period(), Map.of()).orElseThrow().value();
            System.out.printf(Locale.ROOT, "  %s %-9s %2dh  tickets %3.0f  median response %-26s %s%n", day.period(),
                    day.period().firstDate().getDayOfWeek().toString().toLowerCase(Locale.ROOT),
                    day.period().duration().toHours(), day.value().value(),
                    median.isPresent() ? String.format(Locale.ROOT, "%.1f min", median.value())
                            : "no value (" + median.reason().orElseThrow() + ")", day.status());
        }
        for (Grain g : List.of(Grain.WEEK, Grain.FISCAL_QUARTER)) {
            System.out.println("Tickets per " + g.id() + ":");
            KpiResults r = byGrain.get(g);
            for (KpiResult p : r.series("tickets")) {
                System.out.printf(Locale.ROOT, "  %-10s tickets %5.0f  median response %5.1f min  %s%n", p.period(),
                        p.value().value(), r.value("median_response", p.period(), Map.of()).orElseThrow().value()
                                .value(), p.status());
            }
        }
    }

    /**
     * The tickets of March 2025 opened before {@link #NOW}.
     *
     * @return the tickets
     */
    static List<SampleData.Ticket> tickets() {
        return SampleData.tickets(SEED, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), ZONE).stream()
                .filter(t -> t.openedAt().isBefore(NOW)).toList();
    }
}
