package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.sample.SampleCatalogs;
import io.kpiengine.core.time.Grain;
import io.kpiengine.quality.Column;
import io.kpiengine.quality.ColumnType;
import io.kpiengine.quality.Schema;
import io.kpiengine.quality.rules.CurrencyRule;
import io.kpiengine.quality.rules.DuplicateRule;
import io.kpiengine.quality.rules.MissingValueRule;
import io.kpiengine.quality.rules.QualityRules;
import io.kpiengine.quality.rules.RateTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    static DataSource events() {
        return DataSource.builder("events")
                .description("Web events with orders; about 1% exact duplicate rows.")
                .schema(Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("order_id", ColumnType.TEXT),
                        Column.of("channel", ColumnType.CATEGORY), Column.of("region", ColumnType.CATEGORY),
                        Column.of("visitors", ColumnType.INTEGER), Column.of("conversions", ColumnType.INTEGER),
                        Column.decimal("revenue", 2), Column.of("currency", ColumnType.CATEGORY)))
                .timeColumn("ts")
                .delimiter(',')
                .header(true)
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
    void unknownReference_suggestsName() {
        String yaml = "zone: UTC\nsources:\n  e:\n    time: ts\n    columns: {ts: timestamp, v: integer}\n"
                + "metrics:\n  - id: visitors\n    aggregate: sum\n    column: v\n"
                + "  - id: rate\n    numerator: vistors\n    denominator: visitors\n";
        assertThatThrownBy(() -> Catalog.read(yaml, "c.yaml"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("c.yaml:11:16: metric 'rate': numerator 'vistors' is not a metric of the catalog;"
                        + " did you mean 'visitors'?");
    }

    @Test
    void annotatedExample_readsResolvesAndLints() {
        Catalog c = Catalog.read(CatalogTest.class.getResourceAsStream("/catalogs/example.yaml"), "example.yaml");
        assertThat(c.calendar()).hasToString("Europe/Berlin, fiscal year from OCTOBER named by END_YEAR");
        assertThat(c.metrics()).hasSize(16);
        assertThat(c.unitOf("conversion_rate_7d")).contains(Unit.PERCENT);
        assertThat(c.unitOf("revenue_yoy")).contains(Unit.ONE);
        assertThat(c.dimensionsOf("revenue_growth")).containsExactly("channel");
        assertThat(c.dimensionsOf("email_revenue")).isEmpty();
        assertThat(c.sourcesOf("avg_unit_cost")).containsExactly("inventory");
        assertThat(((Measure) c.metric("closing_stock").orElseThrow()).aggregation()).isEqualTo(Aggregation.LAST);
        Metric rate = c.metric("conversion_rate").orElseThrow();
        assertThat(rate.metadata().currentVersion().orElseThrow().reason()).isEqualTo("Visitors exclude bots.");
        assertThat(rate.metadata().baseline()).contains(Baseline.trailing(12));
        assertThat(c.evaluationOrder()).extracting(Metric::id).containsSubsequence("visitors", "conversions",
                "conversion_rate", "conversion_rate_7d");
        assertThat(c.lint()).isEmpty();
        assertThat(c.grainProblems(Grain.DAY)).isEmpty();
        assertThat(c.grainProblems(Grain.MONTH)).containsExactly("metric 'revenue_mtd': to_date(revenue,month) cannot"
                + " be computed at grain month: month periods do not nest in month periods other than themselves");
        assertThat(c.grainProblems(Grain.WEEK)).containsExactly("metric 'revenue_mtd': to_date(revenue,month) cannot"
                + " be computed at grain week: week periods do not nest in month periods");
    }

    @Test
    void read_fromAStream_equalsReadFromText_andNamesTheDocumentInProblems() {
        String yaml = "zone: UTC\nsources:\n  e:\n    time: ts\n    columns: {ts: timestamp, v: integer}\n"
                + "metrics:\n  - {id: visitors, aggregate: sum, column: v}\n";
        assertThat(Catalog.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "c.yaml"))
                .isEqualTo(Catalog.read(yaml, "c.yaml"));
        assertThatThrownBy(() -> Catalog.read(new ByteArrayInputStream(yaml.replace("column: v", "colum: v")
                .getBytes(StandardCharsets.UTF_8)), "in-jar.yaml"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("in-jar.yaml has 2 problems:\n  in-jar.yaml:7:5: metric 'visitors' needs 'column' for"
                        + " aggregate sum\n  in-jar.yaml:7:36: unknown field 'colum' in metric 'visitors'; did you mean"
                        + " 'column'?");
        assertThatThrownBy(() -> Catalog.read(CatalogTest.class.getResourceAsStream("/no-such.yaml"), "no-such.yaml"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("in must be a stream, but was null: is 'no-such.yaml' on the class path?");
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
