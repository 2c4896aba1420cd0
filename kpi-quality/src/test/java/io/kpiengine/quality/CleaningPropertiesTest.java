package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random messy data: cleaning is deterministic, keeps the account balanced, does not depend on batch size
 * or split count, and cleaning the clean output again changes nothing. A failure names its seed.
 */
class CleaningPropertiesTest {

    private static final Schema S = Schema.of(Column.of("id", ColumnType.TEXT), Column.of("ch", ColumnType.CATEGORY),
            Column.of("v", ColumnType.INTEGER), Column.decimal("amount", 2), Column.of("cur", ColumnType.CATEGORY),
            Column.of("ts", ColumnType.TEXT), Column.of("day", ColumnType.DATE));

    private static final String[] CHANNELS = {"email", " Email", "SEA", "paid search", "Paid_Search", "fax", null};
    private static final String[] CURRENCIES = {"USD", "EUR", "EUR", "KRW", "GBP", null};
    private static final String[] TIMES = {"2025-03-30T02:30", "2025-10-26T02:30", "2025-01-01T10:00:00+09:00",
        "2025-06-01T12:00:00Z", "2025-06-02 08:15", "not a time", null};

    static List<Object[]> messy(Random rnd) {
        int n = rnd.nextInt(60);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && rnd.nextInt(6) == 0) {
                rows.add(rows.get(rnd.nextInt(rows.size())).clone());
                continue;
            }
            rows.add(new Object[] {
                rnd.nextInt(8) == 0 ? null : "O" + rnd.nextInt(Math.max(1, n / 2)),
                CHANNELS[rnd.nextInt(CHANNELS.length)],
                rnd.nextInt(7) == 0 ? null : (long) (rnd.nextInt(700) - 50),
                rnd.nextInt(7) == 0 ? null : BigDecimal.valueOf(rnd.nextInt(100_000) - 1000, 2),
                CURRENCIES[rnd.nextInt(CURRENCIES.length)],
                TIMES[rnd.nextInt(TIMES.length)],
                rnd.nextInt(9) == 0 ? null : LocalDate.of(2025, 6, 1 + rnd.nextInt(5))});
        }
        return rows;
    }

    static QualityRules.Builder streaming() {
        RateTable rates = RateTable.builder().rate("EUR", "1.08").rate("KRW", LocalDate.of(2025, 1, 1), "0.00072")
                .build();
        return QualityRules.builder()
                .rule(DuplicateRule.exact())
                .rule(TimeZoneRule.of("ts").sourceZone(ZoneId.of("Europe/Berlin")))
                .rule(CurrencyRule.of("amount", "cur", "USD", rates).dateColumn("day"))
                .rule(AllowedValuesRule.of("ch", "email", "paid_search", "unknown").caseFold(AllowedValuesRule.Case.SNAKE)
                        .map("SEA", "paid_search").onInvalid(OnInvalid.NULLIFY))
                .rule(RangeRule.of("v").min(0).max(500).onInvalid(OnInvalid.NULLIFY))
                .rule(ConditionRule.of("amount > -5").onInvalid(OnInvalid.FLAG))
                .rule(MissingValueRule.zero("v"))
                .rule(MissingValueRule.constant("ch", "unknown"))
                .rule(MissingValueRule.quarantine("day"))
                .rule(ExpectedRowsRule.of("day", RowGrain.DAY, 2))
                .reportLimit(7);
    }

    static QualityRules buffered() {
        return streaming()
                .rule(DuplicateRule.byKey("id").keepLatest("ts"))
                .rule(MissingValueRule.forwardFill("amount").groupBy("ch").orderBy("day"))
                .rule(OutlierRule.iqr("v"))
                .build();
    }

    /** A date spine with group fills; no key duplicates (inserted rows have no key, and missing keys are equal). */
    static QualityRules spine() {
        return streaming()
                .rule(DateSpineRule.of("day", RowGrain.DAY).groupBy("ch").fill())
                .rule(MissingValueRule.interpolate("amount").groupBy("ch").orderBy("day"))
                .build();
    }

    private static String json(Cleaned c) {
        return c.report().toJson();
    }

    private static void check(Cleaner cleaner, Cleaner second, long seed) {
        Random rnd = new Random(seed);
        List<Object[]> rows = messy(rnd);
        String where = "seed " + seed;
        Cleaned base = Cleaned.run(cleaner, rows, 1000, 1);
        QualityReport.Counts k = base.report().counts();
        assertThat(k.input()).as(where).isEqualTo(rows.size());
        assertThat(base.rows()).as(where).hasSize((int) k.clean());
        assertThat(base.rejected()).as(where).hasSize((int) k.quarantined());
        assertThat(k.input() + k.inserted()).as(where).isEqualTo(k.clean() + k.quarantined() + k.merged());

        Cleaned again = Cleaned.run(cleaner, rows, 1000, 1);
        assertThat(json(again)).as(where + ": deterministic").isEqualTo(json(base));
        assertThat(again.rows()).as(where).isEqualTo(base.rows());

        int batch = 1 + rnd.nextInt(9);
        Cleaned small = Cleaned.run(cleaner, rows, batch, 1);
        assertThat(json(small)).as(where + ": batch size " + batch).isEqualTo(json(base));
        assertThat(small.rows()).as(where + ": batch size " + batch).isEqualTo(base.rows());

        int parts = 2 + rnd.nextInt(3);
        Cleaned split = Cleaned.run(cleaner, rows, batch, parts);
        assertThat(json(split)).as(where + ": " + parts + " partitions").isEqualTo(json(base));
        assertThat(split.valueMultiset()).as(where + ": " + parts + " partitions").isEqualTo(base.valueMultiset());

        List<RecordBatch> out = new ArrayList<>();
        RecordBatch.Builder b = RecordBatch.builder(base.schema(), "clean");
        for (var r : base.rows()) {
            List<Object> values = new ArrayList<>(r.values());
            long row = (Long) values.remove(values.size() - 1);
            b.addRowAt(row == 0 ? 1_000_000 + out.size() : row, values.toArray());
        }
        out.add(b.build());
        CleanedSource twice = second.clean(new ListSource(base.schema(), out));
        List<String> values = new ArrayList<>();
        for (RecordBatch x = twice.next(); x != null; x = twice.next()) {
            for (int i = 0; i < x.size(); i++) {
                values.add(x.row(i).toMap().toString());
            }
        }
        values.sort(null);
        QualityReport r2 = twice.report();
        assertThat(r2.changes().total()).as(where + ": idempotent, changes " + r2.changes().items()).isZero();
        assertThat(r2.counts().quarantined()).as(where + ": idempotent").isZero();
        assertThat(r2.counts().merged()).as(where + ": idempotent").isZero();
        assertThat(values).as(where + ": idempotent").isEqualTo(base.valueMultiset());
    }

    private static void checkAll(QualityRules rules, long from, int cases) {
        Cleaner cleaner = rules.bind(S, Cleaned.CLOCK);
        Cleaner second = rules.bind(cleaner.outputSchema(), Cleaned.CLOCK);
        for (long seed = from; seed < from + cases; seed++) {
            check(cleaner, second, seed);
        }
    }

    @Test
    void streamingRules_holdTheProperties() {
        checkAll(streaming().build(), 1, 500);
    }

    @Test
    void bufferedRules_holdTheProperties() {
        checkAll(buffered(), 10_000, 150);
    }

    @Test
    void spineRules_holdTheProperties() {
        checkAll(spine(), 20_000, 60);
    }

    @Test
    void messyData_isReallyMessy() {
        Cleaned c = Cleaned.run(buffered(), S, messy(new Random(7)), 5, 1);
        QualityReport r = c.report();
        assertThat(r.counts().merged()).isPositive();
        assertThat(r.counts().quarantined()).isPositive();
        assertThat(r.changes().total()).isPositive();
        assertThat(r.changes().omitted()).isPositive();
        assertThat(r.changes().items()).hasSize(7);
    }
}
