package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.time.Grain;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogTest {

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

}
