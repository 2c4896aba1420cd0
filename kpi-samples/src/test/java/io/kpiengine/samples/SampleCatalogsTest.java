package io.kpiengine.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.EmptyPolicy;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.Unit;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RateTable;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCatalogsTest {

    static DataSource events() {
        return DataSource.builder("events")
                .description("Web events with orders; about 1% exact duplicate rows.")
                .schema(Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("order_id", ColumnType.TEXT),
                        Column.of("channel", ColumnType.CATEGORY), Column.of("region", ColumnType.CATEGORY),
                        Column.of("visitors", ColumnType.INTEGER), Column.of("conversions", ColumnType.INTEGER),
                        Column.decimal("revenue", 2), Column.of("currency", ColumnType.CATEGORY)))
                .timeColumn("ts")
                .csv(CsvSettings.builder().delimiter(',').header(true).build())
                .rules(QualityRules.builder()
                        .rule(new DuplicateRule("exact-duplicates", List.of(), DuplicateRule.Keep.FIRST, null))
                        .rule(MissingValueRule.zero("visitors"))
                        .rule(MissingValueRule.zero("revenue"))
                        .rule(CurrencyRule.of("revenue", "currency", "USD", RateTable.builder().rate("USD", "1.0")
                                .rate("EUR", "1.08").rate("KRW", "0.00072").build()))
                        .build())
                .build();
    }

    @Test
    void referenceJob_documentEqualsBuilder() {
        Catalog doc = SampleCatalogs.referenceJob();
        Catalog code = Catalog.builder()
                .zone(ZoneId.of("Asia/Seoul"))
                .grain(Grain.DAY)
                .source(events())
                .metric(Metric.measure("visitors").name("Visitors").sum("visitors").dimensions("channel")
                        .unit("count").build())
                .metric(Metric.measure("conversions").name("Conversions").sum("conversions").dimensions("channel")
                        .unit("count").build())
                .metric(Metric.measure("revenue_usd").name("Revenue (USD)").sum("revenue").dimensions("channel")
                        .unit("USD").build())
                .metric(Metric.measure("orders").name("Orders").countDistinct("order_id").dimensions("channel")
                        .unit("count").build())
                .metric(Metric.ratio("conversion_rate").name("Conversion rate").numerator("conversions")
                        .denominator("visitors").scale(100).unit("percent")
                        .onZeroDenominator(EmptyPolicy.NO_VALUE).build())
                .metric(Metric.ratio("aov").name("Average order value").numerator("revenue_usd")
                        .denominator("conversions").unit("USD per count").onZeroDenominator(EmptyPolicy.NO_VALUE)
                        .build())
                .build();
        assertThat(doc).isEqualTo(code);
        assertThat(doc.dimensionsOf("aov")).containsExactly("channel");
        assertThat(doc.unitOf("aov")).contains(Unit.parse("USD per count"));
        assertThat(doc.sourceOf("orders").name()).isEqualTo("events");
        assertThat(doc.sourcesOf("conversion_rate")).containsExactly("events");
        assertThat(doc.location("aov")).hasToString("reference-job.yaml:66:9");
    }

    @Test
    void toBuilder_extendsTheBundledReferenceJob() {
        Catalog job = SampleCatalogs.referenceJob();
        assertThat(job.name()).isEqualTo("reference-job.yaml");
        assertThat(job.metrics()).extracting(Metric::id).containsExactly("visitors", "conversions", "revenue_usd",
                "orders", "conversion_rate", "aov");
        Catalog extended = job.toBuilder().name("extended")
                .metric(Metric.derived("aov_7d").formula("trailing(aov, 7)").build())
                .build();
        assertThat(extended.name()).isEqualTo("extended");
        assertThat(extended.calendar()).isEqualTo(job.calendar());
        assertThat(extended.sources()).isEqualTo(job.sources());
        assertThat(extended.metrics()).hasSize(7).startsWith(job.metrics().toArray(new Metric[0]));
        assertThat(extended.unitOf("aov_7d")).contains(Unit.parse("USD per count"));
        assertThat(job.toBuilder().build()).isEqualTo(job);
    }
}
