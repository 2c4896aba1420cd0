package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiEngineWindowsTest.Row;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Trailing windows, lags and month-to-date windows against DuckDB's window functions on the same random rows.
 *
 * <p>The SQL is the definition: the rows are summed per day and channel and laid over a dense spine of every day
 * from the first to the last day with data, times every channel (so a day without rows is a row of zeros, as the
 * engine's spine is). Then {@code sum(v) OVER (PARTITION BY channel ORDER BY day ROWS BETWEEN 2 PRECEDING AND
 * CURRENT ROW)} is the three-day window, and {@code count(*)} over the same frame tells a short frame (the first
 * two days of the data): the engine must give no value (INCOMPLETE_WINDOW) there, and with partial windows on, the
 * short frame's sum. The windowed distinct count is a join of the spine with the raw rows of its three days;
 * {@code lag(v, 1)} is NULL (NO_HISTORY) on the first day; the month to date is a running sum partitioned by
 * month, incomplete in the month where the data starts unless the data starts on the first. The engine's output
 * range is fixed to days after the start of the data, so the windows of its first days must read days it does
 * not output.
 */
class KpiEngineWindowsDuckDbTest {

    static final String SQL = """
            WITH bounds AS (SELECT min(day) AS lo, max(day) AS hi FROM t),
            spine AS (SELECT CAST(unnest(generate_series(lo, hi, INTERVAL 1 DAY)) AS DATE) AS day FROM bounds),
            channels AS (SELECT DISTINCT channel FROM t),
            daily AS (SELECT day, channel, sum(v) AS v, count(*) AS n FROM t GROUP BY day, channel),
            dense AS (SELECT s.day, c.channel, coalesce(d.v, 0) AS v, coalesce(d.n, 0) AS n
                      FROM spine s CROSS JOIN channels c
                      LEFT JOIN daily d ON d.day = s.day AND d.channel = c.channel)
            SELECT day, channel,
                   sum(v) OVER w3 AS v3,
                   count(*) OVER w3 AS frame_days,
                   sum(v) OVER w3 / nullif(sum(n) OVER w3, 0) AS avg3,
                   (SELECT count(DISTINCT t.id) FROM t WHERE t.channel = dense.channel
                        AND t.day BETWEEN dense.day - 2 AND dense.day) AS ids3,
                   lag(v, 1) OVER (PARTITION BY channel ORDER BY day) AS v_lag1,
                   sum(v) OVER (PARTITION BY channel, date_trunc('month', day) ORDER BY day
                                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS v_mtd,
                   date_trunc('month', day) < (SELECT lo FROM bounds) AS mtd_short
            FROM dense
            WINDOW w3 AS (PARTITION BY channel ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
            ORDER BY channel, day
            """;

    @Test
    void windowsAndLags_matchDuckDbWindowFunctions_withAndWithoutPartialWindows() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random rnd = new Random(seed);
            LocalDate first = LocalDate.of(2025, 2, 3 + (int) seed * 5);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int d = rnd.nextInt(45);
                if (d % 7 != 3) { // every seventh day has no rows at all
                    rows.add(new Row(first.plusDays(d), "c" + rnd.nextInt(3), rnd.nextInt(1000), "o" + rnd.nextInt(60)));
                }
            }
            rows.add(new Row(first, "c0", 5, "o1")); // the data starts on `first`
            compare(rows, false);
            compare(rows, true);
        }
    }

    private static void compare(List<Row> rows, boolean partial) throws Exception {
        Catalog catalog = KpiEngineWindowsTest.catalog(3, 1);
        LocalDate start = rows.stream().map(Row::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate outFirst = start.plusDays(1); // the output starts after the data
        LocalDate outLast = start.plusDays(40);
        KpiResults r = KpiEngine.builder().catalog(catalog).clock(KpiEngineWindowsTest.CLOCK).parallelism(2)
                .partialWindows(partial)
                .periods(KpiEngineWindowsTest.day(catalog, outFirst), KpiEngineWindowsTest.day(catalog, outLast))
                .build().evaluate(Map.of("events", KpiEngineWindowsTest.source(rows)));
        int compared = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (day DATE, channel VARCHAR, v BIGINT, id VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
                for (Row row : rows) {
                    ps.setObject(1, row.day());
                    ps.setString(2, row.channel());
                    ps.setLong(3, row.v());
                    ps.setString(4, row.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (ResultSet rs = st.executeQuery(SQL)) {
                while (rs.next()) {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    if (day.isBefore(outFirst) || day.isAfter(outLast)) {
                        continue;
                    }
                    compared++;
                    Period p = KpiEngineWindowsTest.day(catalog, day);
                    Map<String, String> dims = Map.of("channel", rs.getString("channel"));
                    String at = dims + " " + day + (partial ? " (partial windows)" : "");
                    boolean short3 = rs.getLong("frame_days") < 3 && !partial;
                    check(r, "v_t", p, dims, short3 ? null : rs.getObject("v3"), at);
                    check(r, "ids_t", p, dims, short3 ? null : rs.getObject("ids3"), at);
                    KpiValue avg = value(r, "avg_t", p, dims);
                    if (short3) {
                        assertThat(avg.reason()).as("avg_t " + at).contains(NoValueReason.INCOMPLETE_WINDOW);
                    } else if (rs.getObject("avg3") == null) {
                        assertThat(avg.reason()).as("avg_t " + at).contains(NoValueReason.MISSING_INPUT);
                    } else {
                        assertThat(avg.value()).as("avg_t " + at).isCloseTo(rs.getDouble("avg3"), within(1e-9));
                    }
                    KpiValue lag = value(r, "v_lag", p, dims);
                    if (rs.getObject("v_lag1") == null) {
                        assertThat(lag.reason()).as("v_lag " + at).contains(NoValueReason.NO_HISTORY);
                    } else {
                        assertThat(lag.value()).as("v_lag " + at).isEqualTo(rs.getDouble("v_lag1"));
                    }
                    boolean shortMonth = rs.getBoolean("mtd_short") && !partial;
                    check(r, "v_mtd", p, dims, shortMonth ? null : rs.getObject("v_mtd"), at);
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 40);
    }

    private static KpiValue value(KpiResults r, String metric, Period p, Map<String, String> dims) {
        return r.value(metric, p, dims).orElseThrow(() -> new AssertionError("no cell " + metric + " " + p + " "
                + dims)).value();
    }

    /** expected null: a short frame, INCOMPLETE_WINDOW; else the number. */
    private static void check(KpiResults r, String metric, Period p, Map<String, String> dims, Object expected,
            String at) {
        KpiValue v = value(r, metric, p, dims);
        if (expected == null) {
            assertThat(v.reason()).as(metric + " " + at + ": " + v).contains(NoValueReason.INCOMPLETE_WINDOW);
        } else {
            assertThat(v.isPresent()).as(metric + " " + at + ": " + v).isTrue();
            assertThat(v.value()).as(metric + " " + at).isEqualTo(((Number) expected).doubleValue());
        }
    }
}
