package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Freshness, expected rows per period and date spines; the clock is fixed at 2025-07-01T00:00Z. */
class TimelinessTest {

    private static final Schema S = Schema.of(Column.of("day", ColumnType.DATE), Column.of("ch", ColumnType.CATEGORY),
            Column.of("ts", ColumnType.TIMESTAMP), Column.of("v", ColumnType.INTEGER));

    private static Object[] row(String day, String ch, long v) {
        LocalDate d = LocalDate.parse(day);
        return new Object[] {d, ch, Instant.parse(day + "T12:00:00Z"), v};
    }

    @Test
    void freshness_comparesNewestWithClock() {
        List<Object[]> rows = List.<Object[]>of(row("2025-06-29", "a", 1), row("2025-06-30", "a", 1));
        Cleaned fresh = Cleaned.run(QualityRules.builder().rule(FreshnessRule.of("ts", Duration.ofHours(13))).build(),
                S, rows);
        QualityReport.Freshness f = fresh.report().freshness().get(0);
        assertThat(f.newest()).isEqualTo(Instant.parse("2025-06-30T12:00:00Z"));
        assertThat(f.age()).isEqualTo(Duration.ofHours(12));
        assertThat(f.fresh()).isTrue();
        assertThat(fresh.report().scores().get(Dimension.TIMELINESS).value()).isEqualTo(1.0);
        Cleaned stale = Cleaned.run(QualityRules.builder().rule(FreshnessRule.of("ts", Duration.ofHours(6))).build(),
                S, rows);
        assertThat(stale.report().freshness().get(0).fresh()).isFalse();
        assertThat(stale.report().scores().get(Dimension.TIMELINESS).value()).isEqualTo(0.5);
        assertThat(stale.report().status()).isEqualTo(GateStatus.FAIL);
    }

    @Test
    void freshness_dateCountsAsEndOfDay_andNoDataIsStale() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(FreshnessRule.of("day", Duration.ofHours(1))).build(), S,
                List.<Object[]>of(row("2025-06-30", "a", 1)));
        assertThat(c.report().freshness().get(0).newest()).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
        assertThat(c.report().freshness().get(0).fresh()).isTrue();
        Cleaned none = Cleaned.run(QualityRules.builder().rule(FreshnessRule.of("day", Duration.ofHours(1))).build(),
                S, List.<Object[]>of());
        assertThat(none.report().freshness().get(0).fresh()).isFalse();
        assertThat(none.report().scores().get(Dimension.TIMELINESS).value()).isZero();
    }

    @Test
    void expectedRows_findsShortAndEmptyPeriodsPerGroup() {
        List<Object[]> rows = new ArrayList<Object[]>(List.<Object[]>of(row("2025-06-01", "a", 1), row("2025-06-01", "a", 1),
                row("2025-06-02", "a", 1), row("2025-06-04", "a", 1), row("2025-06-04", "a", 1),
                row("2025-06-01", "b", 1), row("2025-06-01", "b", 1)));
        Cleaned c = Cleaned.run(QualityRules.builder().rule(ExpectedRowsRule.of("ts", RowGrain.DAY, 2).groupBy("ch"))
                .build(), S, rows);
        assertThat(c.report().periods().items()).extracting(QualityReport.Period::period, QualityReport.Period::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2025-06-02", 1L),
                        org.assertj.core.groups.Tuple.tuple("2025-06-03", 0L));
        assertThat(c.report().periods().items().get(0).group()).isEqualTo(Map.of("ch", "a"));
        // 5 periods checked (a: 4 days, b: 1), 3 met: completeness = min(1, 3/5).
        assertThat(c.report().scores().get(Dimension.COMPLETENESS).value()).isEqualTo(0.6);
    }

    @Test
    void expectedRows_fromTo_checksTheFixedRange_asDocumented(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<Object[]> rows = List.<Object[]>of(row("2025-06-02", "a", 1), row("2025-06-02", "a", 1));
        java.nio.file.Path file = dir.resolve("r.yaml");
        java.nio.file.Files.writeString(file, "rules:\n  expectedRows:\n    - {column: day, grain: day, minRows: 1,"
                + " from: \"2025-06-01\", to: \"2025-06-03\"}\n");
        QualityRules read = QualityRules.read(file);
        assertThat(read).isEqualTo(QualityRules.builder().rule(ExpectedRowsRule.of("day", RowGrain.DAY, 1)
                .range(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 3))).build());
        Cleaned c = Cleaned.run(read, S, rows);
        // the range holds three days; the data only the middle one
        assertThat(c.report().periods().items()).extracting(QualityReport.Period::period)
                .containsExactly("2025-06-01", "2025-06-03");
    }

    @Test
    void expectedRows_bucketsInZone() {
        // 2025-06-01T20:00Z is 2025-06-02 05:00 in Seoul.
        List<Object[]> rows = List.<Object[]>of(new Object[] {null, "a", Instant.parse("2025-06-01T20:00:00Z"), 1L},
                new Object[] {null, "a", Instant.parse("2025-06-02T01:00:00Z"), 1L});
        Cleaned c = Cleaned.run(QualityRules.builder().rule(ExpectedRowsRule.of("ts", RowGrain.DAY, 2)
                .zone(ZoneId.of("Asia/Seoul"))).build(), S, rows);
        assertThat(c.report().periods().total()).isZero();
    }

    @Test
    void dateSpine_insertsMissingDays_filledByMissingValueRules() {
        List<Object[]> rows = List.<Object[]>of(row("2025-06-01", "a", 5), row("2025-06-03", "a", 7), row("2025-06-01", "b", 1));
        QualityRules rules = QualityRules.builder()
                .rule(DateSpineRule.of("day", RowGrain.DAY).groupBy("ch").range(LocalDate.of(2025, 6, 1),
                        LocalDate.of(2025, 6, 3)).fill())
                .rule(MissingValueRule.zero("v")).build();
        Cleaned c = Cleaned.run(rules, S, rows, 2, 1);
        assertThat(c.report().counts().inserted()).isEqualTo(3);
        assertThat(c.report().counts().clean()).isEqualTo(6);
        List<String> inserted = new ArrayList<>();
        for (Map<String, Object> r : c.rows()) {
            if ((Long) r.get("#row") == 0) {
                inserted.add(r.get("ch") + " " + r.get("day") + " " + r.get("v") + " " + r.get("ts"));
            }
        }
        assertThat(inserted).containsExactlyInAnyOrder("a 2025-06-02 0 null", "b 2025-06-02 0 null",
                "b 2025-06-03 0 null");
        assertThat(c.report().rule("date-spine:day").details()).containsEntry("missingPeriods", 3L)
                .containsEntry("inserted", 3L);
    }

    @Test
    void dateSpine_streaming_isTheSameForAnySplit() {
        List<Object[]> rows = new ArrayList<>();
        for (int d = 1; d <= 28; d += 3) {
            rows.add(row(String.format("2025-06-%02d", d), d % 2 == 0 ? "a" : "b", d));
        }
        QualityRules rules = QualityRules.builder().rule(DateSpineRule.of("day", RowGrain.DAY).groupBy("ch").fill())
                .rule(MissingValueRule.zero("v")).build();
        Cleaned one = Cleaned.run(rules, S, rows, 2, 1);
        assertThat(rules.bind(S).buffersRows()).isFalse();
        // a: days 4..28 every 3rd (5 rows, 25 days), b: days 1..25 (5 rows, 25 days): 20 missing days each
        assertThat(one.report().counts().inserted()).isEqualTo(40);
        for (int parts = 2; parts <= 4; parts++) {
            Cleaned split = Cleaned.run(rules, S, rows, 2, parts);
            assertThat(split.report().toJson()).isEqualTo(one.report().toJson());
            assertThat(split.valueMultiset()).isEqualTo(one.valueMultiset());
        }
    }

    @Test
    void dateSpine_withGroupFill_buffersAndForwardFills() {
        List<Object[]> rows = List.<Object[]>of(row("2025-06-01", "a", 5), row("2025-06-03", "a", 7));
        QualityRules rules = QualityRules.builder()
                .rule(DateSpineRule.of("day", RowGrain.DAY).groupBy("ch").fill())
                .rule(MissingValueRule.forwardFill("v").groupBy("ch").orderBy("day")).build();
        Cleaned c = Cleaned.run(rules, S, rows);
        assertThat(c.rows()).extracting(r -> r.get("day") + "=" + r.get("v")).containsExactly("2025-06-02=5",
                "2025-06-01=5", "2025-06-03=7");
    }

    @Test
    void dateSpine_reportOnly_keepsRows() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DateSpineRule.of("ts", RowGrain.DAY)).build(), S,
                List.<Object[]>of(row("2025-06-01", "a", 5), row("2025-06-04", "a", 7)));
        assertThat(c.report().counts().inserted()).isZero();
        assertThat(c.report().periods().items()).extracting(QualityReport.Period::period)
                .containsExactly("2025-06-02", "2025-06-03");
    }

    @Test
    void dateSpine_mistypedYear_failsNamingTheRows_insteadOfInsertingEveryDay() {
        List<Object[]> rows = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            rows.add(row(String.format("2025-02-%02d", d), "a", 1));
        }
        rows.add(row("0205-02-03", "a", 1));
        QualityRules rules = QualityRules.builder().rule(DateSpineRule.of("day", RowGrain.DAY).fill()).build();

        // 0205-02-03 to 2025-02-01: 664,740 days (Python: (date(2025,2,1) - date(205,2,3)).days)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cleaned.run(rules, S, rows, 8, 1))
                .isInstanceOf(CleaningException.class)
                .hasMessageEndingWith("rule 'date-spine:day': the periods from 0205-02-03T00:00 to 2025-02-28T00:00 are"
                        + " more than the limit of 50,000 (maxPeriods in the rules): 1 row in 0205-02-03T00:00 is"
                        + " 664,740 days before the other 28 rows (2025-02-01T00:00 to 2025-02-28T00:00); correct"
                        + " those dates, or give the rule from/to");
        // a year earlier instead: 2024-02-03 to 2025-02-28 is 392 days, 29 of them with rows
        rows.set(rows.size() - 1, row("2024-02-03", "a", 1));
        QualityRules narrow = QualityRules.builder().rule(DateSpineRule.of("day", RowGrain.DAY)).maxPeriods(392)
                .build();
        assertThat(Cleaned.run(narrow, S, rows, 8, 1).report().rule("date-spine:day").details())
                .containsEntry("missingPeriods", 392L - 29);
        QualityRules tight = QualityRules.builder().rule(DateSpineRule.of("day", RowGrain.DAY)).maxPeriods(391)
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cleaned.run(tight, S, rows, 8, 1))
                .hasMessageContaining("1 row in 2024-02-03T00:00 is 364 days before the other 28 rows");
    }

    @Test
    void expectedRows_fixedRangeOverTheLimit_fails() {
        List<Object[]> rows = List.<Object[]>of(row("2025-06-01", "a", 5));
        QualityRules rules = QualityRules.builder().maxPeriods(10)
                .rule(DateSpineRule.of("day", RowGrain.DAY).range(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cleaned.run(rules, S, rows, 8, 1))
                .hasMessageEndingWith("are more than the limit of 10 (maxPeriods in the rules); choose a shorter"
                        + " from..to");
    }
}
