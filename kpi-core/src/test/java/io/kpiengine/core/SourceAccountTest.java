package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.quality.Dimension;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.Threshold;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account of a source with quality rules: it balances, and its findings read as sentences. */
class SourceAccountTest {

    static final Schema SCHEMA = Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("v", ColumnType.INTEGER));

    static final String CSV = """
            ts,v
            2025-01-01T00:00:00Z,1
            2025-01-01T00:00:00Z,x
            2025-01-02T00:00:00Z,2
            2025-01-02T00:00:00Z,2
            2025-01-03T00:00:00Z,3
            """;

    static SourceAccount account(QualityRules rules) {
        DataSource source = DataSource.builder("e").schema(SCHEMA).timeColumn("ts").rules(rules).build();
        Catalog catalog = Catalog.builder().zone(ZoneOffset.UTC).source(source)
                .metric(Metric.measure("n").count().build()).build();
        KpiResults results = KpiEngine.builder().catalog(catalog).build()
                .evaluate(Map.of("e", CsvSource.builder(new StringReader(CSV), "e.csv").schema(SCHEMA).build()));
        return results.quality().sources().get(0);
    }

    @Test
    void account_withUnreadableRecord_balancesAndCountsTheRecordOnce() {
        SourceAccount a = account(QualityRules.builder().rule(DuplicateRule.exact()).build());

        // 5 records: 1 unreadable ('x'), 1 exact duplicate, 3 aggregated
        assertThat(a.rowsAggregated()).isEqualTo(3);
        assertThat(a.rowsRejected()).isEqualTo(1);
        assertThat(a.rowsMerged()).isEqualTo(1);
        assertThat(a.rowsAggregated() + a.rowsRejected() + a.rowsMerged())
                .isEqualTo(a.qualityReport().orElseThrow().counts().input());
    }

    @Test
    void findings_nameDimensionValueAndThreshold() {
        SourceAccount a = account(QualityRules.builder().rule(DuplicateRule.exact())
                .threshold(new Threshold(Dimension.UNIQUENESS, 0.9, 0.8)).build());

        // uniqueness 1 - 1/4 = 0.75 is below 0.8; validity 1 - 1/5 = 0.8 is below the default 0.95
        assertThat(a.verdict()).isEqualTo(QualityVerdict.FAIL);
        assertThat(a.findings()).containsExactly(
                "uniqueness 0.750 is below the fail threshold 0.8",
                "validity 0.800 is below the fail threshold 0.95");
    }

    @Test
    void findings_roundDown_soTheValueShownIsBelowTheThreshold() {
        SourceAccount a = account(QualityRules.builder().rule(DuplicateRule.exact())
                .threshold(new Threshold(Dimension.UNIQUENESS, 0.76, 0.5))
                .threshold(new Threshold(Dimension.VALIDITY, 0.5, 0.5)).build());

        assertThat(a.verdict()).isEqualTo(QualityVerdict.WARN);
        assertThat(a.findings()).containsExactly("uniqueness 0.750 is below the warn threshold 0.76");
    }
}
