package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.samples.SampleCatalogs;
import io.kpiengine.samples.SampleEvents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference batch job end to end: its catalog (rules: exact duplicates dropped, missing visitors and revenue
 * set to 0, revenue converted to USD; metrics per Asia/Seoul day and channel) on a generated file, against the
 * DuckDB SQL of the job description, verbatim.
 *
 * <p>Counts, sums of integers and distinct orders must be equal. Revenue in USD may differ by at most half a
 * cent per row of the group: the currency rule rounds each converted amount to the USD minor unit (exact money)
 * where the SQL keeps unrounded doubles; the average order value inherits that bound divided by the conversions.
 */
class ReferenceJobTest {

    static final String SQL = """
            WITH src AS (SELECT DISTINCT * FROM read_csv('%s', header=true,
                columns={'ts':'TIMESTAMPTZ','order_id':'VARCHAR','channel':'VARCHAR','region':'VARCHAR',
                         'visitors':'BIGINT','conversions':'BIGINT','revenue':'DOUBLE','currency':'VARCHAR'})),
            c AS (SELECT channel, order_id, coalesce(visitors,0) AS visitors, conversions,
                    coalesce(revenue,0) * CASE currency WHEN 'USD' THEN 1.0 WHEN 'EUR' THEN 1.08 ELSE 0.00072 END AS rev,
                    floor((epoch(ts) + 9*3600) / 86400) AS day FROM src)
            SELECT day, channel, sum(visitors) v, sum(conversions) cv, sum(rev) r, count(DISTINCT order_id) n,
                   sum(conversions) / nullif(sum(visitors),0) * 100 AS cr, sum(rev) / nullif(sum(conversions),0) AS aov,
                   count(*) AS rows
            FROM c GROUP BY day, channel ORDER BY day, channel
            """;

    @Test
    void referenceJob_matchesDuckDb(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("events.csv");
        SampleEvents.builder().rows(30_000).seed(7).build().writeCsv(csv);
        Catalog catalog = SampleCatalogs.referenceJob();
        KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(2)
                .clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        DataSource events = catalog.source("events").orElseThrow();
        KpiResults results = engine.evaluate(Map.of("events", events.csvReader(csv).batchSize(1000).build()));

        Map<String, KpiResult> ours = new HashMap<>();
        for (KpiResult r : results.rows()) {
            ours.put(r.metric() + "|" + r.period().index() + "|" + r.dimensions().get("channel"), r);
        }
        int groups = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads=2");
            try (ResultSet rs = st.executeQuery(String.format(SQL, csv.toString().replace("'", "''")))) {
                while (rs.next()) {
                    groups++;
                    String key = "|" + rs.getLong("day") + "|" + rs.getString("channel");
                    long rows = rs.getLong("rows");
                    assertThat(ours.get("visitors" + key).value().exact()).get()
                            .satisfies(v -> assertThat(v.longValueExact()).isEqualTo(rs.getLong("v")));
                    assertThat(ours.get("conversions" + key).value().value()).isEqualTo(rs.getLong("cv"));
                    assertThat(ours.get("orders" + key).value().value()).isEqualTo(rs.getLong("n"));
                    assertThat(ours.get("revenue_usd" + key).value().value())
                            .isCloseTo(rs.getDouble("r"), within(0.005 * rows + 1e-6));
                    double cr = rs.getDouble("cr");
                    KpiValue crOurs = ours.get("conversion_rate" + key).value();
                    if (rs.wasNull()) {
                        assertThat(crOurs.reason()).contains(NoValueReason.ZERO_DENOMINATOR);
                    } else {
                        assertThat(crOurs.value()).isCloseTo(cr, within(1e-9 * Math.abs(cr)));
                    }
                    double aov = rs.getDouble("aov");
                    KpiValue aovOurs = ours.get("aov" + key).value();
                    if (rs.wasNull()) {
                        assertThat(aovOurs.reason()).contains(NoValueReason.ZERO_DENOMINATOR);
                    } else {
                        assertThat(aovOurs.value()).isCloseTo(aov, within((0.005 * rows + 1e-6) / rs.getLong("cv")));
                    }
                }
            }
        }
        assertThat(groups).isGreaterThan(2000);
        assertThat(results.metric("visitors")).hasSize(groups);
        SourceAccount account = results.quality().sources().get(0);
        assertThat(account.rowsMerged()).isPositive();
        assertThat(account.rowsAggregated() + account.rowsMerged() + account.rowsRejected()).isEqualTo(30_000);
        assertThat(account.qualityReport()).isPresent();
        assertThat(results.quality().verdict()).isIn(QualityVerdict.PASS, QualityVerdict.WARN);
    }
}
