package io.kpiengine.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final BusinessCalendar BERLIN = BusinessCalendar.of(ZoneId.of("Europe/Berlin"));
    private static final BusinessCalendar UTC = BusinessCalendar.of(ZoneOffset.UTC);

    @Test
    void week_2021_01_01_isWeek53Of2020() {
        Period week = UTC.period(Grain.WEEK, LocalDate.of(2021, 1, 1));
        assertThat(week).hasToString("2020-W53");
        assertThat(week.firstDate()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(week.lastDate()).isEqualTo(LocalDate.of(2021, 1, 3));
        assertThat(week.next()).hasToString("2021-W01");
    }

    @Test
    void day_berlinSpringForward_has23Hours() {
        Period day = BERLIN.parse("2025-03-30");
        assertThat(day.duration()).isEqualTo(Duration.ofHours(23));
        assertThat(day.start()).isEqualTo(Instant.parse("2025-03-29T23:00:00Z"));
    }

    @Test
    void day_berlinFallBack_has25Hours() {
        assertThat(BERLIN.parse("2025-10-26").duration()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void hour_berlinFallBack_repeatedHourCarriesOffset() {
        Period first = BERLIN.parse("2025-10-26T02");
        assertThat(first).hasToString("2025-10-26T02+02:00");
        assertThat(first.next()).hasToString("2025-10-26T02+01:00");
        assertThat(first.next().next()).hasToString("2025-10-26T03");
        assertThat(BERLIN.parse("2025-10-26T02+01:00")).isEqualTo(first.next());
    }

    @Test
    void hour_berlinSpringForward_skippedHourIsRefused() {
        assertThatThrownBy(() -> BERLIN.parse("2025-03-30T02"))
                .isInstanceOf(PeriodParseException.class)
                .hasMessage("'2025-03-30T02' is not a period: 2025-03-30T02 does not exist in Europe/Berlin"
                        + " (clocks skip that hour)");
        assertThat(BERLIN.parse("2025-03-30T01").next()).hasToString("2025-03-30T03");
    }

    @Test
    void day_saoPauloWithoutMidnight_startsAtFirstValidInstant() {
        BusinessCalendar sp = BusinessCalendar.of(ZoneId.of("America/Sao_Paulo"));
        Period day = sp.parse("2018-11-04");
        assertThat(day.start()).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(day.duration()).isEqualTo(Duration.ofHours(23));
        assertThat(day.previous().duration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void fiscal_octoberStart_namedByEndYear() {
        BusinessCalendar cal = BusinessCalendar.builder().zone(ZoneOffset.UTC).fiscalYearStart(Month.OCTOBER)
                .build();
        Period fy = cal.parse("FY2025");
        assertThat(fy.firstDate()).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(fy.lastDate()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(cal.period(Grain.FISCAL_QUARTER, LocalDate.of(2025, 1, 15))).hasToString("FY2025-Q2");
    }

    @Test
    void day_beirutWithoutMidnight_startsAtOneOClock() {
        BusinessCalendar beirut = BusinessCalendar.of(ZoneId.of("Asia/Beirut"));
        Period day = beirut.parse("2024-03-31");
        assertThat(day.start()).isEqualTo(Instant.parse("2024-03-30T22:00:00Z"));
        assertThat(day.start().atZone(ZoneId.of("Asia/Beirut")).getHour()).isEqualTo(1);
        assertThat(day.duration()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void day_apiaSkippedDate_isAnEmptyPeriod() {
        BusinessCalendar apia = BusinessCalendar.of(ZoneId.of("Pacific/Apia"));
        Period skipped = apia.parse("2011-12-30");
        assertThat(skipped.duration()).isEqualTo(Duration.ZERO);
        assertThat(skipped.previous().end()).isEqualTo(skipped.next().start());
    }

    @Test
    void hour_berlinFallBackDay_has25HourPeriods() {
        Period day = BERLIN.parse("2025-10-26");
        long first = BERLIN.period(Grain.HOUR, day.start()).index();
        long next = BERLIN.period(Grain.HOUR, day.end()).index();
        assertThat(next - first).isEqualTo(25);
        List<String> texts = new ArrayList<>();
        for (long i = first; i < first + 4; i++) {
            texts.add(BERLIN.period(Grain.HOUR, i).toString());
        }
        assertThat(texts).containsExactly("2025-10-26T00", "2025-10-26T01", "2025-10-26T02+02:00",
                "2025-10-26T02+01:00");
    }

    @Test
    void hour_berlinSpringForwardDay_has23HourPeriods() {
        Period day = BERLIN.parse("2025-03-30");
        assertThat(BERLIN.period(Grain.HOUR, day.end()).index() - BERLIN.period(Grain.HOUR, day.start()).index())
                .isEqualTo(23);
    }

    @Test
    void hour_halfHourZone_startsAtLocalWholeHour() {
        BusinessCalendar kolkata = BusinessCalendar.of(ZoneId.of("Asia/Kolkata"));
        Period hour = kolkata.parse("2025-03-14T09");
        assertThat(hour.start()).isEqualTo(Instant.parse("2025-03-14T03:30:00Z"));
        assertThat(hour.duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void canonicalText_everyGrain() {
        BusinessCalendar cal = BusinessCalendar.builder().zone(ZoneOffset.UTC).fiscalYearStart(Month.OCTOBER).build();
        Instant t = Instant.parse("2025-03-14T09:30:00Z");
        assertThat(cal.period(Grain.HOUR, t)).hasToString("2025-03-14T09");
        assertThat(cal.period(Grain.DAY, t)).hasToString("2025-03-14");
        assertThat(cal.period(Grain.WEEK, t)).hasToString("2025-W11");
        assertThat(cal.period(Grain.MONTH, t)).hasToString("2025-03");
        assertThat(cal.period(Grain.QUARTER, t)).hasToString("2025-Q1");
        assertThat(cal.period(Grain.YEAR, t)).hasToString("2025");
        assertThat(cal.period(Grain.FISCAL_QUARTER, t)).hasToString("FY2025-Q2");
        assertThat(cal.period(Grain.FISCAL_YEAR, t)).hasToString("FY2025");
        assertThat(cal.parse("2025-W09").firstDate()).isEqualTo(LocalDate.of(2025, 2, 24));
    }

    @Test
    void canonicalText_bigAndNegativeYears() {
        assertThat(UTC.period(Grain.MONTH, 10_000L * 12)).hasToString("+10000-01");
        assertThat(UTC.parse("+10000-01")).isEqualTo(UTC.period(Grain.MONTH, 10_000L * 12));
        assertThat(UTC.period(Grain.YEAR, -1)).hasToString("-0001");
        assertThat(UTC.parse("-0001")).isEqualTo(UTC.period(Grain.YEAR, -1));
    }

    @Test
    void fiscal_startYearNaming_namesByStartYear() {
        BusinessCalendar japan = BusinessCalendar.builder().zone(ZoneId.of("Asia/Tokyo"))
                .fiscalYearStart(Month.APRIL).fiscalYearNaming(FiscalYearNaming.START_YEAR).build();
        Period fy = japan.parse("FY2025");
        assertThat(fy.firstDate()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(fy.lastDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(japan.period(Grain.FISCAL_QUARTER, LocalDate.of(2026, 1, 5))).hasToString("FY2025-Q4");
    }

    @Test
    void fiscal_januaryStart_equalsCalendarYear() {
        assertThat(UTC.parse("FY2025").firstDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(UTC.parse("FY2025-Q2").firstDate()).isEqualTo(LocalDate.of(2025, 4, 1));
    }

    @Test
    void week_53WeekYears() {
        assertThat(UTC.parse("2020-W53").lastDate()).isEqualTo(LocalDate.of(2021, 1, 3));
        assertThat(UTC.parse("2026-W53").firstDate()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThatThrownBy(() -> UTC.parse("2025-W53"))
                .isInstanceOf(PeriodParseException.class)
                .hasMessage("'2025-W53' is not a period: week for week-based year 2025 must be 01..52, but was 53");
    }

    @Test
    void parse_errors_sayWhatIsWrong() {
        assertThatThrownBy(() -> UTC.parse("2025-13"))
                .hasMessage("'2025-13' is not a period: month must be 01..12, but was 13");
        assertThatThrownBy(() -> UTC.parse("2025-02-29"))
                .hasMessage("'2025-02-29' is not a period: day for 2025-02 must be 01..28, but was 29");
        assertThatThrownBy(() -> UTC.parse("2025-03-14T24"))
                .hasMessage("'2025-03-14T24' is not a period: hour must be 00..23, but was 24");
        assertThatThrownBy(() -> UTC.parse("March 2025"))
                .isInstanceOf(PeriodParseException.class)
                .hasMessage("'March 2025' is not a period: expected one of the forms 2025-03-14T09, 2025-03-14, "
                        + "2025-W09, 2025-03, 2025-Q1, 2025, FY2025-Q2, FY2025, 2025-01-01/2025-12-31");
        assertThatThrownBy(() -> BERLIN.parse("2025-10-26T02+03:00"))
                .hasMessage("'2025-10-26T02+03:00' is not a period: 2025-10-26T02 has no period with offset +03:00 in "
                        + "Europe/Berlin; it has +02:00 and +01:00");
        assertThatThrownBy(() -> UTC.parse("2025-03-14T09+19:00"))
                .hasMessage("'2025-03-14T09+19:00' is not a period: offset must be between -18:00 and +18:00, but was"
                        + " +19:00");
    }

    @Test
    void containing_nestsAndRefusesWhatDoesNotNest() {
        Period day = UTC.parse("2025-03-31");
        assertThat(day.containing(Grain.WEEK)).hasToString("2025-W14");
        assertThat(day.containing(Grain.QUARTER)).hasToString("2025-Q1");
        assertThat(UTC.parse("2025-03").containing(Grain.FISCAL_YEAR)).hasToString("FY2025");
        assertThatThrownBy(() -> UTC.parse("2025-W14").containing(Grain.MONTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coarser must be a grain that week periods nest in, but was month");
        assertThatThrownBy(() -> day.containing(Grain.HOUR))
                .hasMessage("coarser must be a grain that day periods nest in, but was hour");
    }

    @Test
    void nests_quarterInFiscalOnlyWhenAligned() {
        BusinessCalendar april = BusinessCalendar.builder().zone(ZoneOffset.UTC).fiscalYearStart(Month.APRIL).build();
        BusinessCalendar feb = BusinessCalendar.builder().zone(ZoneOffset.UTC).fiscalYearStart(Month.FEBRUARY).build();
        assertThat(april.nests(Grain.QUARTER, Grain.FISCAL_YEAR)).isTrue();
        assertThat(feb.nests(Grain.QUARTER, Grain.FISCAL_YEAR)).isFalse();
        assertThat(april.nests(Grain.YEAR, Grain.FISCAL_YEAR)).isFalse();
        assertThat(UTC.nests(Grain.YEAR, Grain.FISCAL_YEAR)).isTrue();
        assertThat(feb.nests(Grain.MONTH, Grain.FISCAL_QUARTER)).isTrue();
        assertThat(UTC.nests(Grain.WEEK, Grain.YEAR)).isFalse();
    }

    @Test
    void plusYears_sameCalendarPeriodAYearEarlier() {
        assertThat(UTC.parse("2024-02-29").plusYears(-1)).hasToString("2023-02-28");
        assertThat(UTC.parse("2020-W53").plusYears(1)).hasToString("2021-W52");
        assertThat(UTC.parse("2015-W01").plusYears(1)).hasToString("2016-W01");
        assertThat(UTC.parse("2025-03").plusYears(-1)).hasToString("2024-03");
        assertThat(UTC.parse("FY2025-Q2").plusYears(-1)).hasToString("FY2024-Q2");
        assertThat(BERLIN.parse("2025-03-30T03").plusYears(-1)).hasToString("2024-03-30T03");
        assertThat(BERLIN.parse("2026-03-29T03").plusYears(-1)).hasToString("2025-03-29T03");
        assertThat(BERLIN.parse("2026-03-30T02").plusYears(-1)).hasToString("2025-03-30T03");
    }

    @Test
    void ordering_mixedGrainsByStartThenLength() {
        List<Period> ps = new ArrayList<>(List.of(UTC.parse("2025-03"), UTC.parse("2025-03-01"),
                UTC.parse("2025-02-28"), UTC.parse("2025-Q1")));
        java.util.Collections.sort(ps);
        assertThat(ps).extracting(Period::toString).containsExactly("2025-Q1", "2025-02-28", "2025-03-01",
                "2025-03");
    }

    @Test
    void spine_flagsTheCurrentPeriodPartial() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);
        DateSpine spine = UTC.spine(UTC.parse("2025-03-12"), UTC.parse("2025-03-16"), clock);
        assertThat(spine.size()).isEqualTo(5);
        assertThat(spine.periods()).extracting(Period::toString)
                .containsExactly("2025-03-12", "2025-03-13", "2025-03-14", "2025-03-15", "2025-03-16");
        assertThat(spine.partialPeriod()).contains(UTC.parse("2025-03-14"));
        assertThat(spine.status(UTC.parse("2025-03-13"))).isEqualTo(PeriodStatus.COMPLETE);
        assertThat(spine.status(UTC.parse("2025-03-14"))).isEqualTo(PeriodStatus.PARTIAL);
        assertThat(spine.status(UTC.parse("2025-03-15"))).isEqualTo(PeriodStatus.FUTURE);
    }

    @Test
    void spine_inTheBusinessZone_usesLocalDay() {
        BusinessCalendar seoul = BusinessCalendar.of(ZoneId.of("Asia/Seoul"));
        Clock clock = Clock.fixed(Instant.parse("2025-03-14T16:00:00Z"), ZoneOffset.UTC);
        DateSpine spine = seoul.spine(seoul.parse("2025-03-14"), seoul.parse("2025-03-15"), clock);
        assertThat(spine.partialPeriod()).contains(seoul.parse("2025-03-15"));
    }

    @Test
    void spine_refusesMixedOrReversedPeriods() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> UTC.spine(UTC.parse("2025-03-02"), UTC.parse("2025-03-01"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("last must not be before first 2025-03-02, but was 2025-03-01");
        assertThatThrownBy(() -> UTC.spine(UTC.parse("2025-03-02"), UTC.parse("2025-03"), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("last must be a day period of calendar [Z], but was month period 2025-03 of calendar [Z]");
    }

    @Test
    void builder_zoneTwiceOrMissing_isRefused() {
        assertThatThrownBy(() -> BusinessCalendar.builder().zone(ZoneOffset.UTC).zone(ZoneOffset.UTC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zone was already set to Z");
        assertThatThrownBy(() -> BusinessCalendar.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zone must be set, but was not");
    }

    @Test
    void indexer_dateColumnAtHourGrain_isRefused() {
        assertThatThrownBy(() -> UTC.indexer(Grain.HOUR).indexOfDate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grain must be a date-based grain (day or coarser), but was hour");
        assertThat(UTC.indexer(Grain.MONTH).indexOfDate(LocalDate.of(2025, 3, 14).toEpochDay()))
                .isEqualTo(2025 * 12 + 2);
    }

    @Test
    void grain_parse() {
        assertThat(Grain.parse("Fiscal-Quarter")).isEqualTo(Grain.FISCAL_QUARTER);
        assertThatThrownBy(() -> Grain.parse("dya"))
                .hasMessage("grain must be one of [hour, day, week, month, quarter, year, fiscal_quarter, fiscal_year,"
                        + " whole_range], but was 'dya'");
    }

    @Test
    void wholeRange_isOnePeriodOfDates_withoutNeighbours() {
        Period all = BERLIN.range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertThat(all.grain()).isEqualTo(Grain.WHOLE_RANGE);
        assertThat(all.toString()).isEqualTo("2025-01-01/2025-12-31");
        assertThat(BERLIN.parse("2025-01-01/2025-12-31")).isEqualTo(all);
        assertThat(all.start()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(all.end()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(all.firstDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(all.lastDate()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(all.contains(Instant.parse("2025-06-01T00:00:00Z"))).isTrue();
        assertThat(all.contains(Instant.parse("2025-12-31T23:00:00Z"))).isFalse();
        assertThat(all.status(Instant.parse("2025-06-01T00:00:00Z"))).isEqualTo(PeriodStatus.PARTIAL);
        assertThat(all.status(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(PeriodStatus.COMPLETE);
        assertThat(all.plus(0)).isSameAs(all);
        assertThat(BERLIN.spine(all, all, Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC))
                .partialPeriod()).contains(all);
        assertThat(all).isNotEqualTo(BERLIN.range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 30)));
        for (Grain g : Grain.values()) {
            assertThat(BERLIN.nests(g, Grain.WHOLE_RANGE)).as(g.id()).isTrue();
            assertThat(BERLIN.nests(Grain.WHOLE_RANGE, g)).as(g.id()).isEqualTo(g == Grain.WHOLE_RANGE);
        }
        assertThatThrownBy(all::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("a whole-range period has no neighbours, but neighbours of 2025-01-01/2025-12-31 was asked"
                        + " for");
        assertThatThrownBy(() -> all.plusYears(-1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BERLIN.period(Grain.WHOLE_RANGE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BERLIN.parse("2025-12-31/2025-01-01")).isInstanceOf(PeriodParseException.class);
        assertThatThrownBy(() -> BERLIN.parse("2025-03-01").containing(Grain.WHOLE_RANGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
