package io.kpiengine.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
}
