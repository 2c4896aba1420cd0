package io.kpiengine.data.io;

import static io.kpiengine.data.io.CsvTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.CsvTesting.Result;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real embedded H2 database that each test creates in memory. */
class JdbcSourceTest {

    private static int counter;
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = "jdbc:h2:mem:events" + (++counter) + ";DB_CLOSE_DELAY=0";
        keepAlive = DriverManager.getConnection(url);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE events (id BIGINT, ts TIMESTAMP WITH TIME ZONE, local_ts TIMESTAMP, event_day DATE,"
                    + " channel VARCHAR(20), visitors INTEGER, revenue DECIMAL(12,2), rate DOUBLE, ok BOOLEAN,"
                    + " raw VARCHAR(20))");
            s.execute("INSERT INTO events VALUES"
                    + " (1, TIMESTAMP WITH TIME ZONE '2025-03-14 18:02:11+09:00', TIMESTAMP '2025-03-14 10:00:00',"
                    + "  DATE '2025-03-14', 'email', 12, 34.50, 0.25, TRUE, '2,146'),"
                    + " (2, NULL, NULL, NULL, 'social', NULL, NULL, NULL, NULL, 'abc'),"
                    + " (3, TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00Z', TIMESTAMP '2025-07-01 12:00:00',"
                    + "  DATE '2025-01-01', 'email', 3, 1.00, 1.5, FALSE, '7')");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    @Test
    void inferredSchema_mapsSqlTypes_andConvertsEveryValue() {
        JdbcSource source = JdbcSource.builder(dataSource()).query("SELECT * FROM events ORDER BY id").build();
        assertThat(source.schema()).isEqualTo(Schema.of(Column.of("ID", ColumnType.INTEGER),
                Column.of("TS", ColumnType.TIMESTAMP), Column.of("LOCAL_TS", ColumnType.TIMESTAMP),
                Column.of("EVENT_DAY", ColumnType.DATE), Column.of("CHANNEL", ColumnType.TEXT),
                Column.of("VISITORS", ColumnType.INTEGER), Column.decimal("REVENUE", 2),
                Column.of("RATE", ColumnType.DECIMAL), Column.of("OK", ColumnType.BOOLEAN),
                Column.of("RAW", ColumnType.TEXT)));
        Result r = readAll(source);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.lines()).containsExactly(1L, 2L, 3L);
        assertThat(r.rows().get(0)).containsExactly(entry("ID", 1L), entry("TS", Instant.parse("2025-03-14T09:02:11Z")),
                entry("LOCAL_TS", Instant.parse("2025-03-14T10:00:00Z")), entry("EVENT_DAY", LocalDate.of(2025, 3, 14)),
                entry("CHANNEL", "email"), entry("VISITORS", 12L), entry("REVENUE", new BigDecimal("34.50")),
                entry("RATE", 0.25), entry("OK", true), entry("RAW", "2,146"));
        assertThat(r.rows().get(1)).contains(entry("TS", null), entry("VISITORS", null), entry("REVENUE", null));
    }

    @Test
    void givenSchema_matchesLabelsIgnoringCase_parsesStringsWithFormats_andQuarantinesBadValues() throws Exception {
        Schema schema = Schema.of(Column.of("channel", ColumnType.CATEGORY), Column.of("raw", ColumnType.INTEGER),
                Column.of("local_ts", ColumnType.TIMESTAMP), Column.decimal("rate", 2),
                Column.of("revenue", ColumnType.INTEGER));
        try (Connection c = DriverManager.getConnection(url)) {
            JdbcSource source = JdbcSource.builder(c).query("SELECT * FROM events WHERE id >= ? ORDER BY id", 1)
                    .schema(schema).name("events").fetchSize(1).batchSize(2).zone(ZoneId.of("Asia/Seoul"))
                    .format("raw", ColumnFormat.builder().thousandsSeparator(',').build()).build();
            Result r = readAll(source);
            assertThat(r.rows()).containsExactly(java.util.Map.of("channel", "email", "raw", 7L,
                    "local_ts", Instant.parse("2025-07-01T03:00:00Z"), "rate", new BigDecimal("1.50"), "revenue", 1L));
            assertThat(r.lines()).containsExactly(3L);
            assertThat(r.rejected()).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1L,
                            "column 'revenue': 34.50 (BigDecimal) is not an integer (it has a fraction)"),
                    org.assertj.core.groups.Tuple.tuple(2L,
                            "column 'raw': 'abc' is not an integer (expected digits with an optional sign, thousands "
                                    + "separator ',')"));
            assertThat(r.rejected().get(1).rawText()).startsWith("ID=2, TS=null, LOCAL_TS=null");
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void missingColumn_failsBuildListingTheResultColumns() {
        Schema schema = Schema.of(Column.of("nope", ColumnType.TEXT));
        assertThatThrownBy(() -> JdbcSource.builder(dataSource()).query("SELECT id, channel FROM events")
                .schema(schema).build()).isInstanceOf(SourceException.class)
                .hasMessage("query: the query result lacks the column 'nope' that the schema requires; its columns "
                        + "are [ID, CHANNEL]");
        assertThatThrownBy(() -> JdbcSource.builder(dataSource()).query("SELECT * FROM nowhere").build())
                .isInstanceOf(SourceException.class).hasMessageStartingWith("query: query failed: ");
        assertThatThrownBy(() -> JdbcSource.builder(dataSource()).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("query must be set before build()");
    }

    @Test
    void errorBudget_stopsTheQuery() {
        assertThatThrownBy(() -> readAll(JdbcSource.builder(dataSource()).query("SELECT raw FROM events")
                .schema(Schema.of(Column.of("raw", ColumnType.INTEGER))).errorBudget(ErrorBudget.maxCount(0)).build()))
                .isInstanceOf(ErrorBudgetExceededException.class)
                .hasMessageStartingWith("query: 2 of 3 records (66.67%) were rejected");
    }
}
