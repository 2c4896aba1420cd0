package io.kpiengine.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.quality.Column;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.RecordBatch;
import io.kpiengine.quality.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void streaming_dedupeFillCurrencyZone() {
        Schema s = Schema.of(Column.of("ts", ColumnType.TEXT), Column.of("order_id", ColumnType.TEXT),
                Column.of("visitors", ColumnType.INTEGER), Column.decimal("revenue", 2),
                Column.of("currency", ColumnType.CATEGORY));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"2025-01-01T10:00:00+09:00", "O1", 10L, new BigDecimal("10.00"), "EUR"});
        rows.add(new Object[] {"2025-01-01T10:00:00+09:00", "O1", 10L, new BigDecimal("10.00"), "EUR"});
        rows.add(new Object[] {"2025-01-01T11:00:00Z", "O2", null, null, "USD"});
        rows.add(new Object[] {"2025-01-01T12:00:00Z", "O3", 5L, new BigDecimal("1000"), "KRW"});
        rows.add(new Object[] {"bad", "O4", 5L, new BigDecimal("1000"), "KRW"});
        RateTable rates = RateTable.builder().rate("EUR", "1.08").rate("KRW", "0.00072").build();
        QualityRules rules = QualityRules.builder()
                .rule(DuplicateRule.exact())
                .rule(MissingValueRule.zero("visitors"))
                .rule(MissingValueRule.zero("revenue"))
                .rule(CurrencyRule.of("revenue", "currency", "USD", rates))
                .rule(TimeZoneRule.of("ts"))
                .build();
        Cleaner cleaner = rules.bind(s);
        CleanedSource clean = cleaner.clean(ListSource.of(s, rows, 2));
        List<RecordBatch> out = new ArrayList<>();
        for (RecordBatch b = clean.next(); b != null; b = clean.next()) {
            out.add(b);
        }
        QualityReport r = clean.report();
        System.out.println(r.toJson());
        assertThat(r.counts().clean()).isEqualTo(3);
        assertThat(r.counts().merged()).isEqualTo(1);
        assertThat(r.counts().quarantined()).isEqualTo(1);
    }
}
