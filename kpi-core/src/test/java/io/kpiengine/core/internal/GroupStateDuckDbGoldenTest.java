package io.kpiengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.data.RecordBatch;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every aggregation against DuckDB as the oracle, on the same random rows: the SQL below is the definition each
 * measure must match. Exact: counts, distinct counts, min/max, decimal sums and first/last; quantiles are DuckDB's
 * {@code quantile_cont} (linear interpolation) and double sums/averages and the spread statistics
 * ({@code stddev_samp}, {@code var_pop}, their quotient by the mean) agree to 1e-9 relative.
 */
class GroupStateDuckDbGoldenTest {

    static final String SQL = """
            SELECT CAST(floor((ts + 9 * 3600000000) / 86400000000.0) AS INTEGER) AS day, channel, region,
                   sum(visitors) AS visitors_sum, count(visitors) AS visitors_cnt, count(*) AS rows,
                   count(DISTINCT id) AS ids, count(DISTINCT channel) AS channels,
                   count(DISTINCT visitors) AS visitor_values, count(DISTINCT price) AS price_values,
                   min(revenue) AS rev_min, max(revenue) AS rev_max, sum(revenue) AS rev_sum, avg(revenue) AS rev_avg,
                   sum(price) AS price_sum, avg(price) AS price_avg, min(price) AS price_min,
                   max(visitors) AS visitors_max,
                   quantile_cont(price, 0.5) AS price_med, quantile_cont(price, 0.9) AS price_p90,
                   arg_min(price, ts) FILTER (WHERE price IS NOT NULL) AS price_first,
                   arg_max(revenue, ts) FILTER (WHERE revenue IS NOT NULL) AS rev_last,
                   sum(price * visitors) / nullif(sum(CASE WHEN price IS NOT NULL THEN visitors END), 0)
                       AS price_wavg,
                   stddev_samp(price) AS price_std, var_pop(revenue) AS rev_var_pop,
                   stddev_samp(visitors) / nullif(avg(visitors), 0) AS visitors_cv
            FROM t GROUP BY ALL
            """;

    @Test
    void everyAggregation_matchesDuckDb(@TempDir Path dir) throws Exception {
        List<TestData.Row> rows = TestData.rows(42, 20_000);
        Path csv = dir.resolve("t.csv");
        writeCsvFile(rows, csv);
        List<RecordBatch> batches = TestData.batches(rows, 42, 4096);
        GroupState ours = GroupStateTest.onePass(batches);
        Map<String, Integer> slots = GroupStateTest.keys(ours);

        int groups = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(createTable(csv));
            try (ResultSet rs = st.executeQuery(SQL)) {
                while (rs.next()) {
                    groups++;
                    String key = rs.getInt("day") + "|" + Arrays.asList(rs.getString("channel"), rs.getString("region"));
                    assertThat(slots).as("groups").containsKey(key);
                    compare(ours, slots.get(key), rs, key);
                }
            }
        }
        assertThat(groups).isEqualTo(ours.slots()).isGreaterThan(300);
    }

    private static void compare(GroupState s, int slot, ResultSet rs, String key) throws SQLException {
        for (String exact : List.of("visitors_sum", "visitors_cnt", "rows", "ids", "channels", "visitor_values",
                "price_values", "rev_min", "rev_max", "rev_sum", "visitors_max", "rev_last")) {
            BigDecimal expected = rs.getBigDecimal(exact);
            Accumulator a = s.accumulator(exact);
            if (expected == null || (a.count(slot) == 0 && expected.signum() == 0)) {
                assertThat(a.count(slot)).as(exact + " at " + key).isZero();
            } else {
                assertThat(a.exact(slot)).as(exact + " at " + key).isEqualByComparingTo(expected);
            }
        }
        for (String exactDouble : List.of("price_min", "price_med", "price_p90", "price_first")) {
            double expected = rs.getDouble(exactDouble);
            Accumulator a = s.accumulator(exactDouble);
            if (rs.wasNull()) {
                assertThat(a.count(slot)).as(exactDouble + " at " + key).isZero();
            } else {
                assertThat(a.value(slot)).as(exactDouble + " at " + key)
                        .isCloseTo(expected, within(Math.ulp(expected) * 4));
            }
        }
        for (String approx : List.of("price_sum", "price_avg", "rev_avg", "price_wavg", "price_std", "rev_var_pop",
                "visitors_cv")) {
            double expected = rs.getDouble(approx);
            Accumulator a = s.accumulator(approx);
            if (rs.wasNull()) {
                assertThat(a.count(slot) == 0 || Double.isNaN(a.value(slot))).as(approx + " at " + key).isTrue();
            } else {
                assertThat(a.value(slot)).as(approx + " at " + key)
                        .isCloseTo(expected, within(1e-9 * Math.abs(expected) + 1e-9));
            }
        }
    }

    /** The SQL that loads the CSV of {@link #writeCsvFile} into table {@code t}. */
    static String createTable(Path csv) {
        return "CREATE TABLE t AS SELECT * FROM read_csv('" + csv + "', header=true, columns={"
                + "'ts':'BIGINT','channel':'VARCHAR','region':'VARCHAR','visitors':'BIGINT',"
                + "'revenue':'DECIMAL(18,2)','price':'DOUBLE','id':'VARCHAR'})";
    }

    static void writeCsvFile(List<TestData.Row> rows, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("ts,channel,region,visitors,revenue,price,id\n");
            for (TestData.Row r : rows) {
                w.write(r.tsMicros() + "," + text(r.channel()) + "," + text(r.region()) + "," + text(r.visitors())
                        + "," + (r.revenue() == null ? "" : r.revenue().toPlainString()) + ","
                        + (r.price() == null ? "" : Double.toString(r.price())) + "," + text(r.id()) + "\n");
            }
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

}
