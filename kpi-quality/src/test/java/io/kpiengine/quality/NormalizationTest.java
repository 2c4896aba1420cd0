package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Units, currencies and time zones. */
class NormalizationTest {

    private static List<Object[]> rows(Object[]... rows) {
        return new ArrayList<>(List.of(rows));
    }

    @Test
    void unit_convertsDurationsExactlyByWholeFactors() {
        Schema s = Schema.of(Column.of("d", ColumnType.INTEGER));
        QualityRules rules = QualityRules.builder()
                .rule(UnitRule.of("d", ColumnUnit.MILLISECONDS).convertTo(ColumnUnit.SECONDS)).build();
        Cleaned c = Cleaned.run(rules, s, rows(new Object[] {1500L}, new Object[] {1L}, new Object[] {null}));
        assertThat(c.column("d")).containsExactly(1.5, 0.001, null);
        assertThat(c.schema().column(0)).isEqualTo(Column.of("d", ColumnType.DECIMAL));
        assertThat(c.report().changes().items().get(0).oldValue()).isEqualTo("1500 ms");
        assertThat(c.report().changes().items().get(0).newValue()).isEqualTo("1.5 s");
        assertThat(ColumnUnit.HOURS.convert(1, ColumnUnit.MINUTES)).isEqualTo(60);
        assertThat(ColumnUnit.PERCENT.convert(12.5, ColumnUnit.BASIS_POINTS)).isEqualTo(1250);
        assertThat(ColumnUnit.BASIS_POINTS.convert(25, ColumnUnit.RATIO)).isEqualTo(0.0025);
        assertThat(rules.unitOf("d")).contains(ColumnUnit.SECONDS);
    }

    @Test
    void unit_incompatibleKinds_failAtOnce() {
        assertThatThrownBy(() -> UnitRule.of("d", ColumnUnit.MILLISECONDS).convertTo(ColumnUnit.PERCENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'd': unit ms (duration) cannot be converted to percent (fraction)");
    }

    @Test
    void unit_parsesSuffixesAndUnitsInText() {
        Schema s = Schema.of(Column.of("f", ColumnType.TEXT), Column.of("p", ColumnType.TEXT));
        QualityRules rules = QualityRules.builder()
                .rule(UnitRule.of("f", ColumnUnit.COUNT).parseText(ColumnType.INTEGER, Column.NO_SCALE))
                .rule(UnitRule.of("p", ColumnUnit.PERCENT).parseText()).build();
        Cleaned c = Cleaned.run(rules, s, rows(new Object[] {"1.2k", "12.5%"}, new Object[] {"3M", "35bp"},
                new Object[] {" 2,146 ", "0.1 ratio"}, new Object[] {"1.2345k", "1"}, new Object[] {"abc", "1"}));
        assertThat(c.column("f")).containsExactly(1200L, 3_000_000L, 2146L);
        assertThat(c.column("p")).containsExactly(12.5, 0.35, 10.0);
        assertThat(c.rejected()).extracting(r -> r.reason()).containsExactly(
                "rule 'unit:f': column 'f': '1.2345k' does not fit an integer exactly",
                "rule 'unit:f': column 'f': 'abc' is not a number in count (digits with optional , . and a k/M/B/T"
                        + " suffix or a count unit)");
    }

    private static final Schema MONEY = Schema.of(Column.of("day", ColumnType.DATE), Column.decimal("amount", 2),
            Column.of("cur", ColumnType.CATEGORY));

    private static RateTable rates() {
        return RateTable.builder()
                .rate("EUR", LocalDate.of(2025, 1, 1), "1.10")
                .rate("EUR", LocalDate.of(2025, 2, 1), "1.05")
                .rate("JPY", "0.0066").build();
    }

    @Test
    void currency_usesRateAsOfRowDate_andQuarantinesMissingRate() {
        QualityRules rules = QualityRules.builder()
                .rule(CurrencyRule.of("amount", "cur", "USD", rates()).dateColumn("day")).build();
        Cleaned c = Cleaned.run(rules, MONEY, rows(
                new Object[] {LocalDate.of(2025, 1, 31), new BigDecimal("10.00"), "EUR"},
                new Object[] {LocalDate.of(2025, 2, 1), new BigDecimal("10.00"), "EUR"},
                new Object[] {LocalDate.of(2024, 12, 31), new BigDecimal("10.00"), "EUR"},
                new Object[] {LocalDate.of(2025, 1, 1), new BigDecimal("10.00"), "GBP"},
                new Object[] {LocalDate.of(2025, 1, 1), new BigDecimal("7.25"), "USD"},
                new Object[] {LocalDate.of(2025, 1, 1), null, "EUR"}));
        assertThat(c.column("amount")).containsExactly(new BigDecimal("11.00"), new BigDecimal("10.50"),
                new BigDecimal("7.25"), null);
        assertThat(c.column("cur")).containsExactly("USD", "USD", "USD", "USD");
        assertThat(c.rejected()).extracting(r -> r.reason()).containsExactly(
                "rule 'currency:amount': no rate from EUR to USD on or before 2024-12-31",
                "rule 'currency:amount': column 'cur': no rate from 'GBP' to USD");
        assertThat(c.schema().column(1)).isEqualTo(Column.decimal("amount", 2));
    }

    @Test
    void currency_missingDate_keepsTargetRows_andQuarantinesRowsThatNeedARate() {
        // the target currency needs no rate, so no date; JPY has one rate for every date, but the rule is dated,
        // so a row without its date is quarantined rather than converted at a rate it cannot check
        QualityRules rules = QualityRules.builder()
                .rule(CurrencyRule.of("amount", "cur", "USD", rates()).dateColumn("day")).build();
        Cleaned c = Cleaned.run(rules, MONEY, rows(
                new Object[] {null, new BigDecimal("7.25"), "USD"},
                new Object[] {null, new BigDecimal("1000"), "JPY"},
                new Object[] {LocalDate.of(2025, 3, 1), new BigDecimal("1000"), "JPY"}));
        assertThat(c.column("amount")).containsExactly(new BigDecimal("7.25"), new BigDecimal("6.60"));
        assertThat(c.rejected()).extracting(r -> r.reason()).containsExactly(
                "rule 'currency:amount': column 'day' is missing, so the rate of JPY is unknown");
    }

    @Test
    void currency_roundsOncePerRowToMinorUnit_halfEvenByDefault() {
        // 0.125 USD -> JPY at 1 USD = 100 JPY would be 12.5 JPY: JPY has 0 minor digits; half-even gives 12.
        RateTable toJpy = RateTable.builder().rate("USD", "100").build();
        Schema s = Schema.of(Column.decimal("amount", 3), Column.of("cur", ColumnType.TEXT));
        Cleaned even = Cleaned.run(QualityRules.builder().rule(CurrencyRule.of("amount", "cur", "JPY", toJpy)).build(),
                s, rows(new Object[] {new BigDecimal("0.125"), "USD"}, new Object[] {new BigDecimal("0.135"), "USD"}));
        assertThat(even.column("amount")).containsExactly(new BigDecimal("12"), new BigDecimal("14"));
        Cleaned up = Cleaned.run(QualityRules.builder().rule(CurrencyRule.of("amount", "cur", "JPY", toJpy)
                .rounding(RoundingMode.HALF_UP)).build(), s, rows(new Object[] {new BigDecimal("0.125"), "USD"}));
        assertThat(up.column("amount")).containsExactly(new BigDecimal("13"));
        assertThat(CurrencyRule.of("a", "c", "BHD", toJpy).scale()).isEqualTo(3);
    }

    @Test
    void currency_sumIsExactOverManyRows() {
        Schema s = Schema.of(Column.decimal("amount", 2), Column.of("cur", ColumnType.CATEGORY));
        RateTable r = RateTable.builder().rate("EUR", "1.0837").build();
        List<Object[]> rows = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 20_000; i++) {
            BigDecimal a = BigDecimal.valueOf(i % 997 + 1, 2);
            rows.add(new Object[] {a, "EUR"});
            expected = expected.add(a.multiply(new BigDecimal("1.0837")).setScale(2, RoundingMode.HALF_EVEN));
        }
        Cleaned c = Cleaned.run(QualityRules.builder().rule(CurrencyRule.of("amount", "cur", "USD", r)).build(), s,
                rows, 1000, 3);
        BigDecimal sum = BigDecimal.ZERO;
        for (Object o : c.column("amount")) {
            sum = sum.add((BigDecimal) o);
        }
        assertThat(sum).isEqualTo(expected);
    }

    @Test
    void currency_doubleAmountsConvertFromTheirShortestDecimal() {
        Schema s = Schema.of(Column.of("amount", ColumnType.DECIMAL), Column.of("cur", ColumnType.TEXT));
        RateTable r = RateTable.builder().rate("EUR", "1.08").build();
        Cleaned c = Cleaned.run(QualityRules.builder().rule(CurrencyRule.of("amount", "cur", "USD", r)).build(), s,
                rows(new Object[] {0.1, "EUR"}, new Object[] {12.345, "USD"}));
        assertThat(c.column("amount")).containsExactly(new BigDecimal("0.11"), new BigDecimal("12.34"));
    }

    /**
     * The engine converts dictionary-encoded currencies on a fast path (per-code arrays, a mask word at a time) and
     * text currencies on the general path. On random batches with every kind of row (target and foreign codes,
     * padded codes, codes without a rate, missing currencies and amounts, products that overflow 64 bits, every
     * rounding mode), both give the same clean rows, rejects and report, and every converted amount equals
     * {@code amount.multiply(rate).setScale(2, mode)} (BigDecimal's exact definition).
     */
    @Test
    void currency_fastPathForCategories_equalsGeneralPathAndBigDecimal() {
        RateTable r = RateTable.builder().rate("EUR", "1.0837").rate("KRW", "0.00072").rate("JPY", "0.0066")
                .rate("CHF", "1.13").build();
        String[] codes = {"USD", "EUR", "KRW", "JPY", " EUR ", "GBP", null, "CHF"};
        long seed = 20261127L;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (RoundingMode mode : RoundingMode.values()) {
            if (mode == RoundingMode.UNNECESSARY) {
                continue;
            }
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                long unscaled = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextLong(-100_000, 100_000);
                    case 1 -> rnd.nextLong(Long.MIN_VALUE / 1000, Long.MAX_VALUE / 1000);
                    case 2 -> rnd.nextBoolean() ? Long.MAX_VALUE - rnd.nextInt(1000) : Long.MIN_VALUE + 1 + rnd.nextInt(1000);
                    default -> rnd.nextLong(-10_000_000_000L, 10_000_000_000L);
                };
                BigDecimal amount = rnd.nextInt(50) == 0 ? null : BigDecimal.valueOf(unscaled, 2);
                rows.add(new Object[] {amount, codes[rnd.nextInt(codes.length)]});
            }
            Schema category = Schema.of(Column.decimal("amount", 2), Column.of("cur", ColumnType.CATEGORY));
            Schema text = Schema.of(Column.decimal("amount", 2), Column.of("cur", ColumnType.TEXT));
            QualityRules rules = QualityRules.builder()
                    .rule(CurrencyRule.of("amount", "cur", "USD", r).rounding(mode)).build();
            int batch = 1 + rnd.nextInt(700);
            Cleaned fast = Cleaned.run(rules, category, rows, batch, 1);
            Cleaned general = Cleaned.run(rules, text, rows, batch, 1);
            String where = "seed " + seed + ", mode " + mode + ", batch " + batch;
            assertThat(fast.column("amount")).as(where).isEqualTo(general.column("amount"));
            assertThat(fast.column("#row")).as(where).isEqualTo(general.column("#row"));
            assertThat(fast.rejected()).as(where).isEqualTo(general.rejected());
            assertThat(fast.report().changes()).as(where).isEqualTo(general.report().changes());
            assertThat(fast.report().rules()).as(where).isEqualTo(general.report().rules());
            List<Object> out = fast.column("amount");
            List<Object> kept = fast.column("#row");
            int converted = 0;
            for (int k = 0; k < kept.size(); k++) {
                Object[] in = rows.get((int) ((Long) kept.get(k) - 1));
                if (in[0] == null) {
                    assertThat(out.get(k)).as(where).isNull();
                    continue;
                }
                String code = ((String) in[1]).strip();
                BigDecimal rate = code.equals("USD") ? BigDecimal.ONE : switch (code) {
                    case "EUR" -> new BigDecimal("1.0837");
                    case "KRW" -> new BigDecimal("0.00072");
                    case "JPY" -> new BigDecimal("0.0066");
                    default -> new BigDecimal("1.13");
                };
                assertThat(out.get(k)).as(where + ", row " + kept.get(k))
                        .isEqualTo(((BigDecimal) in[0]).multiply(rate).setScale(2, mode));
                converted++;
            }
            assertThat(converted).as(where).isGreaterThan(1500);
            assertThat(fast.rejected()).as(where).extracting(x -> x.reason())
                    .anyMatch(x -> x.contains("does not fit 18 digits"))
                    .anyMatch(x -> x.contains("no rate from 'GBP'"))
                    .anyMatch(x -> x.contains("is missing"));
        }
    }

    private static final Schema TS = Schema.of(Column.of("ts", ColumnType.TEXT), Column.of("tz", ColumnType.TEXT));

    @Test
    void timeZone_offsetsZonesAndLocalTimes() {
        QualityRules rules = QualityRules.builder()
                .rule(TimeZoneRule.of("ts").sourceZone(ZoneId.of("Europe/Berlin")).zoneColumn("tz")).build();
        Cleaned c = Cleaned.run(rules, TS, rows(
                new Object[] {"2025-01-01T10:00:00+09:00", null},
                new Object[] {"2025-01-01 10:00", null},
                new Object[] {"2025-01-01T10:00:00.123456Z", null},
                new Object[] {"2025-07-01T10:00:00[Asia/Seoul]", null},
                new Object[] {"2025-07-01T10:00", "America/New_York"},
                new Object[] {"2025-07-01T10:00", "Mars/Base"},
                new Object[] {"01/07/2025", null}));
        assertThat(c.column("ts")).containsExactly(Instant.parse("2025-01-01T01:00:00Z"),
                Instant.parse("2025-01-01T09:00:00Z"), Instant.parse("2025-01-01T10:00:00.123456Z"),
                Instant.parse("2025-07-01T01:00:00Z"), Instant.parse("2025-07-01T14:00:00Z"));
        assertThat(c.rejected()).extracting(r -> r.reason()).containsExactly(
                "rule 'timezone:ts': column 'tz': 'Mars/Base' is not a zone id or offset",
                "rule 'timezone:ts': column 'ts': '01/07/2025' is not an ISO-8601 date-time (yyyy-MM-ddTHH:mm[:ss[.f]]"
                        + " with optional offset or [zone])");
    }

    @Test
    void timeZone_dstGapAndOverlap_resolvedByPolicyAndCounted() {
        List<Object[]> rows = rows(new Object[] {"2025-03-30T02:30", null}, new Object[] {"2025-10-26T02:30", null},
                new Object[] {"2025-06-01T12:00", null});
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Cleaned shift = Cleaned.run(QualityRules.builder().rule(TimeZoneRule.of("ts").sourceZone(berlin)).build(), TS,
                rows);
        // java.time: 02:30 in the gap moves forward by the gap (to 03:30 CEST); the overlap takes the earlier offset.
        assertThat(shift.column("ts")).containsExactly(Instant.parse("2025-03-30T01:30:00Z"),
                Instant.parse("2025-10-26T00:30:00Z"), Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(shift.report().rule("timezone:ts").details()).containsEntry("dstGaps", 1L)
                .containsEntry("dstOverlaps", 1L);
        Cleaned next = Cleaned.run(QualityRules.builder().rule(TimeZoneRule.of("ts").sourceZone(berlin)
                .onGap(TimeZoneRule.Gap.NEXT_VALID).onOverlap(TimeZoneRule.Overlap.LATER)).build(), TS, rows);
        // pandas nonexistent='shift_forward': the first instant after the gap, 03:00 CEST.
        assertThat(next.column("ts")).containsExactly(Instant.parse("2025-03-30T01:00:00Z"),
                Instant.parse("2025-10-26T01:30:00Z"), Instant.parse("2025-06-01T10:00:00Z"));
        Cleaned strict = Cleaned.run(QualityRules.builder().rule(TimeZoneRule.of("ts").sourceZone(berlin)
                .onGap(TimeZoneRule.Gap.QUARANTINE).onOverlap(TimeZoneRule.Overlap.QUARANTINE)).build(), TS, rows);
        assertThat(strict.rowNumbers()).containsExactly(3L);
        assertThat(strict.rejected()).extracting(r -> r.reason()).containsExactly(
                "rule 'timezone:ts': column 'ts': '2025-03-30T02:30' does not exist in Europe/Berlin (daylight-saving gap"
                        + " 2025-03-30T02:00 to 2025-03-30T03:00)",
                "rule 'timezone:ts': column 'ts': '2025-10-26T02:30' is ambiguous in Europe/Berlin (daylight-saving"
                        + " overlap 2025-10-26T02:00 to 2025-10-26T03:00)");
    }

    @Test
    void timeZone_localWithoutZone_isQuarantined_andPatternReadsOtherFormats() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(TimeZoneRule.of("ts")).build(), TS,
                rows(new Object[] {"2025-01-01T10:00", null}));
        assertThat(c.rejected().get(0).reason()).isEqualTo("rule 'timezone:ts': column 'ts': '2025-01-01T10:00' is a"
                + " local time without a zone (declare a source zone or a zone column)");
        Cleaned p = Cleaned.run(QualityRules.builder().rule(TimeZoneRule.of("ts").pattern("M/d/yyyy H:mm")
                .sourceZone(ZoneId.of("UTC"))).build(), TS, rows(new Object[] {"7/4/2025 9:05", null}));
        assertThat(p.column("ts")).containsExactly(Instant.parse("2025-07-04T09:05:00Z"));
    }

    @Test
    void rate_outsideTheRangeOfAProduct_isRefusedWithAShortMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateTable.builder()
                .rate("EUR", RateTable.ALWAYS, new java.math.BigDecimal("1e-2147483647")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate of EUR must be > 0 and from 1e-300 to 1e300 (a product with an amount must stay a"
                        + " number), but was 1E-2147483647");
    }
}
