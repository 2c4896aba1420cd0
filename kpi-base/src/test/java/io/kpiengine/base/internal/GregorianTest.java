package io.kpiengine.base.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Day arithmetic against {@code java.time}, and the powers of ten against {@link BigDecimal}. */
class GregorianTest {

    @Test
    void epochDay_randomDatesOverLocalDateRange_matchLocalDate() {
        long seed = 17;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(r.nextLong(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()));
            assertThat(Gregorian.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as("seed %d, %s", seed, d).isEqualTo(d.toEpochDay());
            assertThat(Gregorian.lengthOfMonth(d.getYear(), d.getMonthValue())).isEqualTo(d.lengthOfMonth());
            assertThat(Gregorian.isLeap(d.getYear())).isEqualTo(Year.isLeap(d.getYear()));
        }
    }

    @Test
    void epochDay_everyDayOfFourCenturies_matchesLocalDate() {
        for (LocalDate d = LocalDate.of(1899, 1, 1); d.getYear() < 2301; d = d.plusDays(1)) {
            if (Gregorian.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()) != d.toEpochDay()) {
                assertThat(Gregorian.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as(d.toString())
                        .isEqualTo(d.toEpochDay());
            }
        }
    }

    @Test
    void pow10_everyPower_isExact() {
        for (int k = 0; k <= Pow10.MAX_LONG; k++) {
            assertThat(BigDecimal.valueOf(Pow10.asLong(k))).isEqualTo(BigDecimal.ONE.scaleByPowerOfTen(k)
                    .setScale(0));
        }
        for (int k = 0; k <= Pow10.MAX_DOUBLE; k++) {
            assertThat(new BigDecimal(Pow10.asDouble(k))).isEqualByComparingTo(BigDecimal.ONE.scaleByPowerOfTen(k));
        }
    }
}
