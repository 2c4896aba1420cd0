package io.kpiengine.benchmarks.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference job run by DuckDB in-process through JDBC, with exactly the SQL of the job description
 * ({@code JOB.md}, "The same job in DuckDB SQL"), the file name replaced by the generated file's path.
 */
public final class DuckDbJob implements AutoCloseable {

    /** The SQL of the job description; {@code %s} is the CSV path. */
    public static final String SQL = """
            WITH src AS (SELECT DISTINCT * FROM read_csv('%s', header=true,
                columns={'ts':'TIMESTAMPTZ','order_id':'VARCHAR','channel':'VARCHAR','region':'VARCHAR',
                         'visitors':'BIGINT','conversions':'BIGINT','revenue':'DOUBLE','currency':'VARCHAR'})),
            c AS (SELECT channel, order_id, coalesce(visitors,0) AS visitors, conversions,
                    coalesce(revenue,0) * CASE currency WHEN 'USD' THEN 1.0 WHEN 'EUR' THEN 1.08 ELSE 0.00072 END AS rev,
                    floor((epoch(ts) + 9*3600) / 86400) AS day FROM src)
            SELECT day, channel, sum(visitors) v, sum(conversions) cv, sum(rev) r, count(DISTINCT order_id) n,
                   sum(conversions) / nullif(sum(visitors),0) * 100 AS cr, sum(rev) / nullif(sum(conversions),0) AS aov
            FROM c GROUP BY day, channel ORDER BY day, channel
            """;

    /** One result row of the job. */
    public record Row(long day, String channel, long visitors, long conversions, double revenueUsd, long orders,
            Double conversionRate, Double aov) {
    }

    private final Connection connection;

    /**
     * Opens an in-memory DuckDB with a thread limit.
     *
     * @param threads the value of {@code SET threads}
     * @throws SQLException if DuckDB cannot start
     */
    public DuckDbJob(int threads) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("SET threads=" + threads);
        }
    }

    /**
     * Runs the job on a file and reads every result row.
     *
     * @param csv the generated file
     * @return the result rows ordered by day and channel
     * @throws SQLException if the query fails
     */
    public List<Row> run(Path csv) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(String.format(SQL, csv.toAbsolutePath().toString().replace("'", "''")))) {
            while (rs.next()) {
                double cr = rs.getDouble("cr");
                Double conversionRate = rs.wasNull() ? null : cr;
                double aov = rs.getDouble("aov");
                Double a = rs.wasNull() ? null : aov;
                rows.add(new Row(rs.getLong("day"), rs.getString("channel"), rs.getLong("v"), rs.getLong("cv"),
                        rs.getDouble("r"), rs.getLong("n"), conversionRate, a));
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
