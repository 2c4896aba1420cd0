package io.kpiengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Filter;
import io.kpiengine.data.RecordBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric filters against SQL's WHERE on the same rows with missing values: DuckDB decides which rows count
 * ({@code count(*) FILTER (WHERE ...)}), with SQL's three-valued logic (a comparison with NULL is unknown, NOT of
 * unknown is unknown, unknown rows do not pass). Each filter text is both our filter syntax and the SQL.
 */
class FilterCompilerDuckDbGoldenTest {

    static final List<String> FILTERS = List.of(
            "channel = 'email'",
            "channel != 'email'",
            "not (channel = 'email')",
            "channel in ('email', 'social')",
            "channel not in ('email', 'social')",
            "region < 'R1'",
            "visitors > 250",
            "visitors <= 100 or channel = 'organic'",
            "visitors >= 10 and revenue < 5000",
            "not (visitors > 250 and revenue >= 100.5)",
            "revenue < 0",
            "price > -10.5",
            "id is missing",
            "revenue is not missing and not (region = 'R2')");

    @Test
    void everyFilter_keepsTheRowsSqlWhereKeeps(@TempDir Path dir) throws Exception {
        List<TestData.Row> rows = TestData.rows(99, 20_000);
        Path csv = dir.resolve("t.csv");
        GroupStateDuckDbGoldenTest.writeCsvFile(rows, csv);
        List<RecordBatch> batches = TestData.batches(rows, 99, 3000);
        List<MeasureSpec> specs = new ArrayList<>();
        for (int i = 0; i < FILTERS.size(); i++) {
            specs.add(MeasureSpec.of("f" + i, AggKind.COUNT, null)
                    .withFilter(FilterCompiler.compile(Filter.parse(FILTERS.get(i)), TestData.SCHEMA)));
        }
        GroupState ours = new GroupState(GroupStateTest.BY_CHANNEL_REGION, specs, TestData.SCHEMA, TestData.days(9));
        batches.forEach(ours::add);
        Map<String, Integer> slots = GroupStateTest.keys(ours);

        StringBuilder sql = new StringBuilder("SELECT CAST(floor((ts + 9 * 3600000000) / 86400000000.0) AS INTEGER)"
                + " AS day, channel, region");
        for (int i = 0; i < FILTERS.size(); i++) {
            String where = FILTERS.get(i).replace("is missing", "IS NULL").replace("is not missing", "IS NOT NULL");
            sql.append(", count(*) FILTER (WHERE ").append(where).append(") AS f").append(i);
        }
        sql.append(" FROM t GROUP BY ALL");
        int groups = 0;
        long[] totals = new long[FILTERS.size()];
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute(GroupStateDuckDbGoldenTest.createTable(csv));
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    groups++;
                    String key = rs.getInt("day") + "|" + Arrays.asList(rs.getString("channel"), rs.getString("region"));
                    int slot = slots.get(key);
                    for (int i = 0; i < FILTERS.size(); i++) {
                        long expected = rs.getLong("f" + i);
                        totals[i] += expected;
                        assertThat(ours.accumulator("f" + i).count(slot)).as(FILTERS.get(i) + " at " + key)
                                .isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(groups).isEqualTo(ours.slots());
        for (int i = 0; i < totals.length; i++) {
            assertThat(totals[i]).as("filter '" + FILTERS.get(i) + "' keeps some rows and drops some")
                    .isBetween(1L, (long) rows.size() - 1);
        }
    }
}
