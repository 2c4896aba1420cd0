package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The number style of {@link KpiValue#text()} and values that are dates or instants. */
class KpiValueTest {

    @Test
    void text_ofDoubles_isPlainWithoutExponentOrTrailingZero() {
        assertThat(KpiValue.of(11382.0).text()).isEqualTo("11382");
        assertThat(KpiValue.of(-0.0).text()).isEqualTo("0");
        assertThat(KpiValue.of(2.5).text()).isEqualTo("2.5");
        assertThat(KpiValue.of(1.25e-5).text()).isEqualTo("0.0000125");
        assertThat(KpiValue.of(1.2345678901234567e17).text()).isEqualTo("123456789012345664");
        assertThat(KpiValue.of(0.1 + 0.2).text()).isEqualTo("0.30000000000000004");
        assertThat(KpiValue.of(new BigDecimal("1234.500")).text()).isEqualTo("1234.5");
        assertThat(KpiValue.of(new BigDecimal("1.2E+3")).text()).isEqualTo("1200");
        for (double d : new double[] {1e-300, 3.14159e22, -7.5e-8, 123456.789}) {
            String text = KpiValue.of(d).text();
            assertThat(text).doesNotContain("E").doesNotContain("e");
            assertThat(Double.parseDouble(text)).isEqualTo(d);
        }
    }

    @Test
    void datesAndInstants_readAsIsoText_andKeepTheirNumber() {
        KpiValue day = KpiValue.of(LocalDate.of(2018, 1, 3));
        assertThat(day.text()).isEqualTo("2018-01-03");
        assertThat(day.value()).isEqualTo(17534);
        assertThat(day.date()).contains(LocalDate.of(2018, 1, 3));
        assertThat(day.isNumber()).isFalse();
        KpiValue at = KpiValue.of(Instant.parse("2025-03-14T09:30:00.000123Z"));
        assertThat(at.text()).isEqualTo("2025-03-14T09:30:00.000123Z");
        assertThat(at.instant()).contains(Instant.parse("2025-03-14T09:30:00.000123Z"));
        assertThat(at.date()).isEmpty();
        assertThat(day).isNotEqualTo(KpiValue.of(new BigDecimal(17534)));
    }

    @Test
    void minMaxFirstLast_ofDateAndTimestampColumns_areDates() {
        Schema schema = Schema.of(Column.of("day", ColumnType.DATE), Column.of("shipped", ColumnType.DATE),
                Column.of("seen", ColumnType.TIMESTAMP), Column.of("amount", ColumnType.INTEGER));
        Catalog c = Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.MONTH)
                .source(DataSource.builder("orders").schema(schema).timeColumn("day").build())
                .metric(Metric.measure("first_ship").min("shipped").build())
                .metric(Metric.measure("last_ship").max("shipped").build())
                .metric(Metric.measure("opening_ship").first("shipped").build())
                .metric(Metric.measure("closing_seen").last("seen").build())
                .metric(Metric.measure("ship_days").countDistinct("shipped").build())
                .metric(Metric.derived("span_days").formula("last_ship - first_ship").unit("1").build())
                .build();
        MemorySource rows = MemorySource.builder(schema)
                .row(LocalDate.of(2018, 1, 9), LocalDate.of(2018, 1, 12), Instant.parse("2018-01-09T10:00:00Z"), 1L)
                .row(LocalDate.of(2018, 1, 3), LocalDate.of(2018, 1, 7), Instant.parse("2018-01-03T08:00:00Z"), 2L)
                .row(LocalDate.of(2018, 1, 20), LocalDate.of(2018, 1, 21), Instant.parse("2018-01-20T23:59:59Z"), 3L)
                .build();
        KpiResults r = KpiEngine.builder().catalog(c).build().evaluate(Map.of("orders", rows));
        assertThat(r.series("first_ship").get(0).value().text()).isEqualTo("2018-01-07");
        assertThat(r.series("last_ship").get(0).value().text()).isEqualTo("2018-01-21");
        assertThat(r.series("opening_ship").get(0).value().text()).isEqualTo("2018-01-07");
        assertThat(r.series("closing_seen").get(0).value().text()).isEqualTo("2018-01-20T23:59:59Z");
        assertThat(r.series("ship_days").get(0).value().text()).isEqualTo("3");
        assertThat(r.series("span_days").get(0).value().text()).isEqualTo("14");
    }
}
