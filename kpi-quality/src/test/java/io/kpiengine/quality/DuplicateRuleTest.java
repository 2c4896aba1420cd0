package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateRuleTest {

    private static final Schema S = Schema.of(Column.of("id", ColumnType.TEXT), Column.of("v", ColumnType.INTEGER),
            Column.of("ts", ColumnType.TIMESTAMP));

    private static Object[] row(String id, Long v, String ts) {
        return new Object[] {id, v, ts == null ? null : Instant.parse(ts)};
    }

    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row("a", 1L, "2025-01-01T00:00:00Z"));   // 1
        rows.add(row("b", 2L, "2025-01-02T00:00:00Z"));   // 2
        rows.add(row("a", 1L, "2025-01-01T00:00:00Z"));   // 3 exact copy of 1
        rows.add(row("a", 5L, "2025-01-03T00:00:00Z"));   // 4 same key, other values
        rows.add(row("b", null, "2025-01-01T00:00:00Z")); // 5
        rows.add(row("b", null, "2025-01-01T00:00:00Z")); // 6 exact copy of 5 (missing equals missing)
        rows.add(row("a", 3L, "2025-01-03T00:00:00Z"));   // 7 ties with 4 on ts
        return rows;
    }

    @Test
    void exact_matchesPandasDropDuplicatesKeepFirst() {
        // pandas: df.drop_duplicates() keeps the first of each set of identical rows; NaN equals NaN.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.exact()).build(), S, rows());
        assertThat(c.rowNumbers()).containsExactly(1L, 2L, 4L, 5L, 7L);
        assertThat(c.report().merges().items()).containsExactly(
                new QualityReport.Merge(3, 1, "duplicates:exact", false),
                new QualityReport.Merge(6, 5, "duplicates:exact", false));
        assertThat(c.report().counts().merged()).isEqualTo(2);
    }

    @Test
    void key_keepFirst_matchesPandasSubsetKeepFirst() {
        // pandas: df.drop_duplicates(subset=['id'], keep='first') -> rows 1 and 2.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.byKey("id")).build(), S, rows());
        assertThat(c.rowNumbers()).containsExactly(1L, 2L);
        assertThat(c.report().merges().items()).extracting(QualityReport.Merge::row, QualityReport.Merge::into)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 1L), org.assertj.core.groups.Tuple.tuple(4L, 1L),
                        org.assertj.core.groups.Tuple.tuple(5L, 2L), org.assertj.core.groups.Tuple.tuple(6L, 2L),
                        org.assertj.core.groups.Tuple.tuple(7L, 1L));
    }

    @Test
    void key_keepLast_matchesPandasSubsetKeepLast() {
        // pandas: df.drop_duplicates(subset=['id'], keep='last') -> rows 6 and 7, in source order.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.byKey("id").keepLast()).build(), S, rows());
        assertThat(c.rowNumbers()).containsExactly(6L, 7L);
    }

    @Test
    void key_keepLatest_isStableSortThenKeepLast() {
        // pandas: df.sort_values('ts', kind='stable').drop_duplicates(subset=['id'], keep='last'):
        // id a: rows 4 and 7 tie on the latest ts -> the later row 7; id b: row 2 is the latest.
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.byKey("id").keepLatest("ts")).build(), S,
                rows());
        assertThat(c.rowNumbers()).containsExactly(2L, 7L);
    }

    @Test
    void key_keepMax_missingIsSmallest() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.byKey("id").keepMax("v")).build(), S,
                rows());
        assertThat(c.rowNumbers()).containsExactly(2L, 4L);
    }

    @Test
    void conflicts_reportBothVersions() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.byKey("id")).build(), S, rows());
        QualityReport r = c.report();
        assertThat(r.rule("duplicates:id").details()).containsEntry("conflicts", 4L);
        QualityReport.Conflict first = r.conflicts().items().get(0);
        assertThat(first.keptRow()).isEqualTo(1);
        assertThat(first.otherRow()).isEqualTo(4);
        assertThat(first.kept()).containsEntry("v", "1");
        assertThat(first.other()).containsEntry("v", "5");
        assertThat(r.merges().items().get(0)).isEqualTo(new QualityReport.Merge(3, 1, "duplicates:id", false));
    }

    @Test
    void exactAndKey_combine() {
        Cleaned c = Cleaned.run(QualityRules.builder().rule(DuplicateRule.exact())
                .rule(DuplicateRule.byKey("id").keepLast()).build(), S, rows());
        assertThat(c.rowNumbers()).containsExactly(5L, 7L);
        assertThat(c.report().counts().merged()).isEqualTo(5);
        assertThat(c.report().rule("duplicates:exact").merged()).isEqualTo(2);
        assertThat(c.report().rule("duplicates:id").merged()).isEqualTo(3);
    }

    @Test
    void exact_acrossPartitions_reportsSmallestRowAsKept() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(row("k" + (i % 10), (long) (i % 10), "2025-01-01T00:00:00Z"));
        }
        QualityRules rules = QualityRules.builder().rule(DuplicateRule.exact()).build();
        Cleaned one = Cleaned.run(rules, S, rows, 5, 1);
        for (int parts = 2; parts <= 8; parts++) {
            Cleaned split = Cleaned.run(rules, S, rows, 5, parts);
            assertThat(split.report().toJson().replaceAll("\"checkedAt\".*", ""))
                    .isEqualTo(one.report().toJson().replaceAll("\"checkedAt\".*", ""));
            assertThat(split.valueMultiset()).isEqualTo(one.valueMultiset());
        }
        assertThat(one.report().merges().items()).allSatisfy(m -> assertThat(m.into()).isEqualTo((m.row() - 1) % 10 + 1));
    }

    @Test
    void rule_validatesPolicy() {
        assertThatThrownBy(() -> new DuplicateRule(null, List.of(), DuplicateRule.Keep.LAST, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must be FIRST for exact duplicates (the rows are identical), but was LAST");
        assertThatThrownBy(() -> DuplicateRule.byKey("id", "id"))
                .hasMessage("key must not repeat a column, but 'id' appears twice in [id, id]");
        assertThat(DuplicateRule.byKey("a", "b").id()).isEqualTo("duplicates:a,b");
        assertThat(Map.of("k", DuplicateRule.exact().keepFirst())).containsValue(DuplicateRule.exact());
    }
}
