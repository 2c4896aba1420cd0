package io.kpiengine.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast period index of {@link PeriodIndexer} against java.time, for random instants over 1900..2100 in zones
 * with daylight saving, missing midnights, half- and quarter-hour offsets, 30-minute DST shifts and local mean
 * time. Each property runs 2,000 cases per zone from a fixed seed; a failure message names the seed, zone and
 * instant.
 */
class PeriodIndexerPropertyTest {

    static final long SEED = 0x5EED_2025L;
    static final int CASES = 2_000;
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/Sao_Paulo", "Asia/Beirut",
            "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Apia",
            "America/New_York", "Asia/Seoul", "Africa/Casablanca", "Pacific/Chatham", "Europe/Amsterdam",
            "Antarctica/Troll", "Europe/Dublin");
    static final long FROM = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    static final long TO = Instant.parse("2100-12-31T23:59:59Z").getEpochSecond();

    private static long randomMicros(SplittableRandom r) {
        return r.nextLong(FROM, TO) * 1_000_000L + r.nextLong(1_000_000L);
    }

    private static String where(long seed, String zone, long micros) {
        return "seed " + seed + ", zone " + zone + ", instant " + Instant.ofEpochSecond(Math.floorDiv(micros,
                1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    @Test
    void dateGrains_matchJavaTime() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar cal = BusinessCalendar.builder().zone(zone).fiscalYearStart(Month.APRIL).build();
            SplittableRandom r = new SplittableRandom(SEED);
            for (int i = 0; i < CASES; i++) {
                long micros = randomMicros(r);
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
                LocalDate date = instant.atZone(zone).toLocalDate();
                String at = where(SEED, zoneId, micros);
                assertThat(cal.indexer(Grain.DAY).index(micros)).as(at).isEqualTo(date.toEpochDay());
                LocalDate monday = date.with(DayOfWeek.MONDAY);
                Period week = cal.indexer(Grain.WEEK).period(cal.indexer(Grain.WEEK).index(micros));
                assertThat(week.firstDate()).as(at).isEqualTo(monday);
                assertThat(week.toString()).as(at).isEqualTo(String.format("%04d-W%02d",
                        date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                assertThat(cal.indexer(Grain.MONTH).index(micros)).as(at)
                        .isEqualTo(date.getYear() * 12L + date.getMonthValue() - 1);
                assertThat(cal.indexer(Grain.QUARTER).index(micros)).as(at)
                        .isEqualTo(date.getYear() * 4L + (date.getMonthValue() - 1) / 3);
                assertThat(cal.indexer(Grain.YEAR).index(micros)).as(at).isEqualTo(date.getYear());
                int fiscalStartYear = date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
                Period fy = cal.indexer(Grain.FISCAL_YEAR).period(cal.indexer(Grain.FISCAL_YEAR).index(micros));
                assertThat(fy.toString()).as(at).isEqualTo("FY" + (fiscalStartYear + 1));
                assertThat(fy.firstDate()).as(at).isEqualTo(LocalDate.of(fiscalStartYear, 4, 1));
                Period fq = cal.indexer(Grain.FISCAL_QUARTER).period(cal.indexer(Grain.FISCAL_QUARTER)
                        .index(micros));
                int fiscalMonth = Math.floorMod(date.getMonthValue() - 4, 12);
                assertThat(fq.toString()).as(at).isEqualTo("FY" + (fiscalStartYear + 1) + "-Q" + (fiscalMonth / 3 + 1));
            }
        }
    }

    @Test
    void dayPeriod_startIsFirstValidInstantOfTheDate() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar cal = BusinessCalendar.of(zone);
            SplittableRandom r = new SplittableRandom(SEED + 1);
            for (int i = 0; i < CASES; i++) {
                long micros = randomMicros(r);
                Period day = cal.indexer(Grain.DAY).period(cal.indexer(Grain.DAY).index(micros));
                String at = where(SEED + 1, zoneId, micros);
                Instant start = day.firstDate().atStartOfDay(zone).toInstant();
                assertThat(day.start()).as(at).isEqualTo(start);
                assertThat(day.end()).as(at).isEqualTo(day.firstDate().plusDays(1).atStartOfDay(zone).toInstant());
                assertThat(cal.indexer(Grain.DAY).startMicros(day.index())).as(at)
                        .isEqualTo(start.getEpochSecond() * 1_000_000L);
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L));
                assertThat(day.contains(instant)).as(at).isTrue();
            }
        }
    }

    @Test
    void hourGrain_periodHoldsInstantWithItsLocalHourAndOffset() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar cal = BusinessCalendar.of(zone);
            PeriodIndexer hours = cal.indexer(Grain.HOUR);
            SplittableRandom r = new SplittableRandom(SEED + 2);
            for (int i = 0; i < CASES; i++) {
                long micros = randomMicros(r);
                long second = Math.floorDiv(micros, 1_000_000L);
                long index = hours.index(micros);
                Period hour = hours.period(index);
                String at = where(SEED + 2, zoneId, micros);
                Instant instant = Instant.ofEpochSecond(second);
                assertThat(hour.start()).as(at).isBeforeOrEqualTo(instant);
                assertThat(hour.end()).as(at).isAfter(instant);
                ZonedDateTime here = instant.atZone(zone);
                ZonedDateTime start = hour.start().atZone(zone);
                assertThat(start.getOffset()).as(at).isEqualTo(here.getOffset());
                assertThat(start.toLocalDateTime().truncatedTo(ChronoUnit.HOURS)).as(at)
                        .isEqualTo(here.toLocalDateTime().truncatedTo(ChronoUnit.HOURS));
                assertThat(hours.index(hour.start().getEpochSecond() * 1_000_000L)).as(at).isEqualTo(index);
                assertThat(hours.index(hour.end().getEpochSecond() * 1_000_000L)).as(at).isEqualTo(index + 1);
                assertThat(hour.containing(Grain.DAY).firstDate()).as(at).isEqualTo(here.toLocalDate());
            }
        }
    }

    @Test
    void hourGrain_aDayHasAsManyHourPeriodsAsItsLocalHoursAndOffsets() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar cal = BusinessCalendar.of(zone);
            SplittableRandom r = new SplittableRandom(SEED + 3);
            for (int i = 0; i < CASES / 2; i++) {
                LocalDate date = LocalDate.ofEpochDay(r.nextLong(LocalDate.of(1900, 1, 2).toEpochDay(),
                        LocalDate.of(2100, 12, 30).toEpochDay()));
                Period day = cal.period(Grain.DAY, date);
                long first = cal.period(Grain.HOUR, day.start()).index();
                long next = cal.period(Grain.HOUR, day.end()).index();
                long distinct = day.start().until(day.end(), ChronoUnit.SECONDS) == 0 ? 0
                        : countLocalHourOffsetPairs(zone, day.start(), day.end());
                assertThat(next - first).as("seed " + (SEED + 3) + ", zone " + zoneId + ", date " + date)
                        .isEqualTo(distinct);
            }
        }
    }

    /**
     * Counts maximal runs of (local hour, offset) with java.time alone: from each instant jump to the earlier of
     * the next offset transition (ZoneRules) and the next whole local hour at the current offset.
     */
    private static long countLocalHourOffsetPairs(ZoneId zone, Instant from, Instant to) {
        long count = 0;
        String previous = null;
        Instant t = from;
        while (t.isBefore(to)) {
            ZonedDateTime z = t.atZone(zone);
            String key = z.toLocalDateTime().truncatedTo(ChronoUnit.HOURS) + " " + z.getOffset();
            if (!key.equals(previous)) {
                count++;
                previous = key;
            }
            long offset = z.getOffset().getTotalSeconds();
            Instant nextHour = Instant.ofEpochSecond((Math.floorDiv(t.getEpochSecond() + offset, 3600) + 1) * 3600
                    - offset);
            java.time.zone.ZoneOffsetTransition tr = zone.getRules().nextTransition(t);
            t = tr != null && tr.getInstant().isBefore(nextHour) ? tr.getInstant() : nextHour;
        }
        return count;
    }

    @Test
    void canonicalText_roundTripsForEveryGrain() {
        for (String zoneId : ZONES) {
            BusinessCalendar cal = BusinessCalendar.builder().zone(ZoneId.of(zoneId)).fiscalYearStart(Month.JULY)
                    .build();
            SplittableRandom r = new SplittableRandom(SEED + 4);
            for (int i = 0; i < CASES / 4; i++) {
                long micros = randomMicros(r);
                for (Grain g : Grain.values()) {
                    if (g == Grain.WHOLE_RANGE) {
                        continue;   // one period per evaluation, not indexed (PeriodTest.wholeRange_*)
                    }
                    Period p = cal.indexer(g).period(cal.indexer(g).index(micros));
                    assertThat(cal.parse(p.toString())).as(where(SEED + 4, zoneId, micros) + ", " + g).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void periodMath_nextPreviousPlusUntilAndOrderAgree() {
        BusinessCalendar cal = BusinessCalendar.of(ZoneId.of("Europe/Berlin"));
        SplittableRandom r = new SplittableRandom(SEED + 5);
        for (int i = 0; i < CASES; i++) {
            Grain g = Grain.values()[r.nextInt(Grain.values().length - 1)];   // every grain but WHOLE_RANGE
            Period p = cal.indexer(g).period(cal.indexer(g).index(randomMicros(r)));
            long n = r.nextLong(-500, 500);
            Period q = p.plus(n);
            String at = "seed " + (SEED + 5) + ", " + p + " plus " + n;
            assertThat(p.until(q)).as(at).isEqualTo(n);
            assertThat(Integer.signum(q.compareTo(p))).as(at).isEqualTo(Long.signum(n));
            assertThat(p.next().previous()).as(at).isEqualTo(p);
            assertThat(p.next().start()).as(at).isEqualTo(p.end());
            assertThat(p.start()).as(at).isBefore(p.end());
            if (g != Grain.HOUR) {
                assertThat(p.lastDate().plusDays(1)).as(at).isEqualTo(p.next().firstDate());
            }
        }
    }

    @Test
    void beyondTableHorizon_stillMatchesJavaTime() {
        for (String zoneId : List.of("Europe/Berlin", "Australia/Lord_Howe", "America/New_York")) {
            ZoneId zone = ZoneId.of(zoneId);
            BusinessCalendar cal = BusinessCalendar.of(zone);
            PeriodIndexer hours = cal.indexer(Grain.HOUR);
            SplittableRandom r = new SplittableRandom(SEED + 6);
            long from = Instant.parse("2290-01-01T00:00:00Z").getEpochSecond();
            long to = Instant.parse("2320-01-01T00:00:00Z").getEpochSecond();
            for (int i = 0; i < 1_000; i++) {
                long second = r.nextLong(from, to);
                long micros = second * 1_000_000L;
                String at = where(SEED + 6, zoneId, micros);
                ZonedDateTime here = Instant.ofEpochSecond(second).atZone(zone);
                assertThat(cal.indexer(Grain.DAY).index(micros)).as(at).isEqualTo(here.toLocalDate().toEpochDay());
                Period hour = hours.period(hours.index(micros));
                assertThat(hour.start()).as(at).isBeforeOrEqualTo(here.toInstant());
                assertThat(hour.end()).as(at).isAfter(here.toInstant());
                assertThat(hour.start().atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.HOURS)).as(at)
                        .isEqualTo(here.toLocalDateTime().truncatedTo(ChronoUnit.HOURS));
            }
        }
    }

    @Test
    void hourIndex_isEpochHoursInWholeHourZonesSince1970() {
        BusinessCalendar cal = BusinessCalendar.of(ZoneId.of("Europe/Berlin"));
        long t = LocalDateTime.of(2025, 10, 26, 2, 30).atZone(ZoneId.of("Europe/Berlin"))
                .withLaterOffsetAtOverlap().toEpochSecond();
        assertThat(cal.indexer(Grain.HOUR).index(t * 1_000_000L)).isEqualTo(Math.floorDiv(t, 3600));
    }

    @Test
    void sharedIndexer_eightThreads_agreeWithOneThread() throws Exception {
        BusinessCalendar cal = BusinessCalendar.of(ZoneId.of("America/New_York"));
        PeriodIndexer hours = cal.indexer(Grain.HOUR);
        SplittableRandom r = new SplittableRandom(SEED + 7);
        long[] micros = new long[50_000];
        long[] expected = new long[micros.length];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = randomMicros(r);
            expected[i] = hours.index(micros[i]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> wrong = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                wrong.add(pool.submit(() -> {
                    int bad = 0;
                    for (int i = 0; i < micros.length; i++) {
                        bad += hours.index(micros[i]) == expected[i] ? 0 : 1;
                    }
                    return bad;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : wrong) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
