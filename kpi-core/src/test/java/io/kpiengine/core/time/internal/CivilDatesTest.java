package io.kpiengine.core.time.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CivilDatesTest {

    private static long expected(LocalDate d) {
        return d.getYear() * 12L + d.getMonthValue() - 1;
    }

    @Test
    void monthIndex_everyDayAroundTheTable_matchesLocalDate() {
        for (long day = LocalDate.of(1799, 11, 1).toEpochDay(); day <= LocalDate.of(2400, 3, 1).toEpochDay(); day++) {
            LocalDate d = LocalDate.ofEpochDay(day);
            if (CivilDates.monthIndex(day) != expected(d) || CivilDates.computeMonthIndex(day) != expected(d)) {
                assertThat(CivilDates.monthIndex(day)).as(d.toString()).isEqualTo(expected(d));
                assertThat(CivilDates.computeMonthIndex(day)).as(d.toString()).isEqualTo(expected(d));
            }
        }
    }

    @Test
    void monthIndexAndEpochDay_randomDaysOverLocalDateRange_matchLocalDate() {
        long seed = 11;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            long day = r.nextLong(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay());
            LocalDate d = LocalDate.ofEpochDay(day);
            assertThat(CivilDates.monthIndex(day)).as("seed " + seed + ", " + d).isEqualTo(expected(d));
            assertThat(CivilDates.firstDayOfMonthIndex(expected(d))).as("seed " + seed + ", " + d)
                    .isEqualTo(d.withDayOfMonth(1).toEpochDay());
        }
    }
}
