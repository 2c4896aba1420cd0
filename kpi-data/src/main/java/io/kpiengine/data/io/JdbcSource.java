package io.kpiengine.data.io;

import static io.kpiengine.data.io.internal.SourceOptions.once;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.RejectedRow;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.internal.SchemaChecks;
import io.kpiengine.data.io.internal.BudgetTracker;
import io.kpiengine.data.io.internal.Civil;
import io.kpiengine.data.io.internal.ColumnParser;
import io.kpiengine.data.io.internal.ColumnParsers;
import io.kpiengine.data.io.internal.SourceOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads the result of a SQL query, through any JDBC driver, into columnar {@link RecordBatch}es.
 *
 * <pre>{@code
 * try (JdbcSource source = JdbcSource.builder(dataSource)
 *         .query("SELECT ts, channel, visitors, revenue FROM events WHERE ts >= ?", Instant.parse("2025-01-01T00:00:00Z"))
 *         .schema(schema)          // optional: inferred from the result's metadata when absent
 *         .fetchSize(10_000)
 *         .build()) {
 *     for (RecordBatch batch = source.next(); batch != null; batch = source.next()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Columns.</b> With a schema, each schema column is found among the result's column labels by name,
 * exactly or else ignoring case (databases upper-case unquoted names); other result columns are ignored; a missing
 * one fails {@link Builder#build()}. Without a schema, one is inferred: integer types and NUMERIC/DECIMAL with
 * scale 0 (up to 18 digits) are INTEGER, NUMERIC/DECIMAL with a scale of 1..18 (up to 18 digits) are exact
 * decimals, other numbers DECIMAL, BOOLEAN/BIT BOOLEAN, DATE DATE, TIMESTAMP (with or without time zone)
 * TIMESTAMP, everything else TEXT.
 *
 * <p><b>Values.</b> Numbers convert exactly or are rejected (a fraction in an INTEGER column, more decimal
 * places than an exact decimal's scale); strings are parsed with the column's {@link ColumnFormat} like CSV
 * cells; a TIMESTAMP without time zone is read in the {@link Builder#zone(ZoneId) zone} (UTC by default). A row
 * with a value that does not convert becomes a {@link RejectedRow} whose line is the row's 1-based ordinal in the
 * result and whose raw text lists the row's values. Rows are fetched {@link Builder#fetchSize(int) fetchSize}
 * at a time; some drivers (PostgreSQL) stream only when auto-commit is off, which is the caller's choice.
 *
 * <p>The query runs in {@link Builder#build()}. A source is read by one thread; close it to release the result,
 * the statement and, when it came from a {@code DataSource}, the connection.
 */
public final class JdbcSource implements RecordSource {

    private final String name;
    private final Schema schema;
    private final Connection connection;
    private final boolean ownsConnection;
    private final PreparedStatement statement;
    private final ResultSet result;
    private final int[] resultColumn;
    private final int[] sqlTypes;
    private final String[] labels;
    private final ColumnParser[] parsers;
    private final ZoneId zone;
    private final int batchSize;
    private final BudgetTracker budget;
    private long ordinal;
    private boolean done;

    private JdbcSource(Builder b, Connection connection, boolean owns) throws SQLException {
        ResultSetMetaData meta;
        this.name = b.options.name();
        this.connection = connection;
        this.ownsConnection = owns;
        this.zone = b.zone;
        this.batchSize = b.options.batchSize();
        this.statement = connection.prepareStatement(b.sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(b.fetchSize);
            for (int i = 0; i < b.parameters.size(); i++) {
                statement.setObject(i + 1, b.parameters.get(i));
            }
            this.result = statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        try {
            meta = result.getMetaData();
            int count = meta.getColumnCount();
            this.labels = new String[count];
            this.sqlTypes = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = meta.getColumnLabel(i + 1);
                sqlTypes[i] = meta.getColumnType(i + 1);
            }
            this.schema = b.schema != null ? b.schema : infer(meta);
            this.resultColumn = map(schema);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        this.parsers = new ColumnParser[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            Dictionary dict = column.type() == ColumnType.CATEGORY
                    ? b.options.dictionaries().getOrDefault(column.name(), new Dictionary()) : null;
            parsers[c] = ColumnParsers.create(column,
                    b.options.formats().getOrDefault(column.name(), ColumnFormat.DEFAULT),
                    StandardCharsets.UTF_8, dict);
        }
        this.budget = new BudgetTracker(name, b.options.errorBudget(), 1);
    }

    private Schema infer(ResultSetMetaData meta) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            int precision = meta.getPrecision(i + 1);
            int scale = meta.getScale(i + 1);
            Column c;
            switch (sqlTypes[i]) {
                case Types.BIGINT:
                case Types.INTEGER:
                case Types.SMALLINT:
                case Types.TINYINT:
                    c = Column.of(labels[i], ColumnType.INTEGER);
                    break;
                case Types.NUMERIC:
                case Types.DECIMAL:
                    c = precision > 0 && precision <= 18 && scale == 0 ? Column.of(labels[i], ColumnType.INTEGER)
                            : precision > 0 && precision <= 18 && scale > 0 && scale <= Column.MAX_SCALE
                            ? Column.decimal(labels[i], scale) : Column.of(labels[i], ColumnType.DECIMAL);
                    break;
                case Types.REAL:
                case Types.FLOAT:
                case Types.DOUBLE:
                    c = Column.of(labels[i], ColumnType.DECIMAL);
                    break;
                case Types.BOOLEAN:
                case Types.BIT:
                    c = Column.of(labels[i], ColumnType.BOOLEAN);
                    break;
                case Types.DATE:
                    c = Column.of(labels[i], ColumnType.DATE);
                    break;
                case Types.TIMESTAMP:
                case Types.TIMESTAMP_WITH_TIMEZONE:
                    c = Column.of(labels[i], ColumnType.TIMESTAMP);
                    break;
                default:
                    c = Column.of(labels[i], ColumnType.TEXT);
                    break;
            }
            columns.add(c);
        }
        try {
            return Schema.of(columns);
        } catch (IllegalArgumentException e) {
            throw new SourceException(name, 0, "cannot infer a schema from the query: " + e.getMessage()
                    + "; give the columns distinct labels or pass a schema", e);
        }
    }

    private int[] map(Schema s) {
        int[] out = new int[s.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < s.size(); c++) {
            String n = s.column(c).name();
            out[c] = -1;
            for (int i = 0; i < labels.length && out[c] < 0; i++) {
                if (labels[i].equals(n)) {
                    out[c] = i;
                }
            }
            for (int i = 0; i < labels.length && out[c] < 0; i++) {
                if (labels[i].equalsIgnoreCase(n)) {
                    out[c] = i;
                }
            }
            if (out[c] < 0) {
                missing.add("'" + n + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceException(name, 0, "the query result lacks the column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " that the schema requires; its columns are "
                    + Arrays.toString(labels), null);
        }
        return out;
    }

    /**
     * A builder for queries on connections from a data source; each source takes one connection and closes it.
     *
     * <pre>{@code
     * try (JdbcSource source = JdbcSource.builder(dataSource)
     *         .query("SELECT ts, channel, visitors FROM events")
     *         .build()) {
     *     ...
     * }
     * }</pre>
     *
     * @param dataSource the data source
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /**
     * A builder for queries on a connection that the caller keeps (and closes).
     *
     * <pre>{@code
     * JdbcSource source = JdbcSource.builder(connection)
     *         .query("SELECT ts, visitors FROM events WHERE ts >= ?", since)
     *         .schema(schema)
     *         .build();
     * }</pre>
     *
     * @param connection the connection
     * @return the builder
     */
    public static Builder builder(Connection connection) {
        return new Builder(null, Objects.requireNonNull(connection, "connection"));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * @throws SourceException if the database fails
     * @throws ErrorBudgetExceededException when too many rows were rejected
     */
    @Override
    public @Nullable RecordBatch next() {
        if (done) {
            return null;
        }
        budget.checkStopped();
        ColumnParsers.start(parsers, batchSize);
        long[] numbers = new long[batchSize];
        List<RejectedRow> rejected = new ArrayList<>();
        int rows = 0;
        try {
            while (rows + rejected.size() < batchSize) {
                if (!result.next()) {
                    done = true;
                    break;
                }
                ordinal++;
                String problem = readRow(rows);
                if (problem == null) {
                    numbers[rows++] = ordinal;
                } else {
                    for (ColumnParser p : parsers) {
                        p.clear(rows);
                    }
                    rejected.add(new RejectedRow(name, ordinal, rawText(), problem));
                }
            }
        } catch (SQLException e) {
            throw new SourceException(name, ordinal, "cannot read the query result: " + e.getMessage(), e);
        }
        RecordBatch batch = ColumnParsers.finish(schema, name, parsers, numbers, rows, rejected);
        budget.add(rows + rejected.size(), rejected, done);
        return batch;
    }

    private String rawText() throws SQLException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(labels[i]).append('=').append(result.getString(i + 1));
        }
        return sb.toString();
    }

    private @Nullable String readRow(int row) throws SQLException {
        for (int c = 0; c < parsers.length; c++) {
            int i = resultColumn[c];
            Object v = value(i, schema.column(c).type());
            String problem;
            if (v == null) {
                parsers[c].setNull(row);
                problem = null;
            } else if (v instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                problem = parsers[c].parse(bytes, 0, bytes.length, false, row);
            } else {
                problem = put(parsers[c], schema.column(c), row, v);
                if (problem != null) {
                    problem = "column '" + schema.column(c).name() + "': " + v + " (" + v.getClass().getSimpleName()
                            + ") " + problem;
                }
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private @Nullable Object value(int i, ColumnType type) throws SQLException {
        int col = i + 1;
        if (type == ColumnType.TEXT || type == ColumnType.CATEGORY) {
            return result.getString(col);
        }
        switch (sqlTypes[i]) {
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return result.getObject(col, OffsetDateTime.class);
            case Types.TIMESTAMP:
                return result.getObject(col, LocalDateTime.class);
            case Types.DATE:
                return result.getObject(col, LocalDate.class);
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
                return result.getString(col);
            default:
                return result.getObject(col);
        }
    }

    /** Stores a non-string value; null on success, else the end of the reason. */
    private @Nullable String put(ColumnParser parser, Column column, int row, @Nullable Object v) {
        switch (column.type()) {
            case INTEGER: {
                BigDecimal d = decimal(v);
                if (d == null) {
                    return "is not a number";
                }
                try {
                    parser.putLong(row, d.longValueExact());
                    return null;
                } catch (ArithmeticException e) {
                    return d.stripTrailingZeros().scale() > 0 ? "is not an integer (it has a fraction)"
                            : "is out of range for a 64-bit integer";
                }
            }
            case DECIMAL: {
                BigDecimal d = decimal(v);
                if (d == null) {
                    return "is not a number";
                }
                if (!column.isExactDecimal()) {
                    parser.putDouble(row, v instanceof Double x ? x : v instanceof Float x ? x : d.doubleValue());
                    return null;
                }
                try {
                    parser.putLong(row, d.setScale(column.scale(), RoundingMode.UNNECESSARY).unscaledValue()
                            .longValueExact());
                    return null;
                } catch (ArithmeticException e) {
                    return d.stripTrailingZeros().scale() > column.scale()
                            ? "has more than " + column.scale() + " decimal places"
                            : "is out of range for " + column.scale() + " decimal places in 64 bits";
                }
            }
            case BOOLEAN:
                if (v instanceof Boolean b) {
                    parser.putLong(row, b ? 1 : 0);
                    return null;
                }
                BigDecimal d = decimal(v);
                if (d != null && (d.signum() == 0 || d.compareTo(BigDecimal.ONE) == 0)) {
                    parser.putLong(row, d.signum());
                    return null;
                }
                return "is not a boolean";
            case DATE:
                if (v instanceof LocalDate date) {
                    parser.putLong(row, date.toEpochDay());
                    return null;
                }
                return "is not a date";
            case TIMESTAMP: {
                Instant instant = v instanceof OffsetDateTime o ? o.toInstant()
                        : v instanceof ZonedDateTime z ? z.toInstant()
                        : v instanceof Instant x ? x
                        : v instanceof LocalDateTime l ? l.atZone(zone).toInstant()
                        : v instanceof LocalDate l ? l.atStartOfDay(zone).toInstant()
                        : v instanceof java.sql.Timestamp t ? t.toLocalDateTime().atZone(zone).toInstant() : null;
                if (instant == null) {
                    return "is not a timestamp";
                }
                parser.putLong(row, instant.getEpochSecond() * Civil.MICROS + instant.getNano() / 1000);
                return null;
            }
            default:
                parser.putText(row, String.valueOf(v));
                return null;
        }
    }

    private static @Nullable BigDecimal decimal(@Nullable Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        return null;
    }

    @Override
    public void close() {
        SQLException failure = null;
        for (AutoCloseable c : ownsConnection ? List.of(result, statement, connection)
                : List.<AutoCloseable>of(result, statement)) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof SQLException s ? s : new SQLException(e);
                }
            }
        }
        if (failure != null) {
            throw new SourceException(name, 0, "cannot close: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return "JdbcSource[" + name + ", " + schema + "]";
    }

    /**
     * Builds a {@link JdbcSource}. Single-valued options may be set once; {@link #build()} runs the query and may
     * be called again (each call runs it anew). Not thread-safe.
     */
    public static final class Builder {
        private final @Nullable DataSource dataSource;
        private final @Nullable Connection connection;
        private @Nullable String sql;
        private List<Object> parameters = List.of();
        private @Nullable Schema schema;
        private final SourceOptions options = new SourceOptions("query");
        private int fetchSize = 1000;
        private boolean fetchSizeSet;
        private ZoneId zone = ZoneOffset.UTC;
        private boolean zoneSet;

        private Builder(@Nullable DataSource dataSource, @Nullable Connection connection) {
            this.dataSource = dataSource;
            this.connection = connection;
        }

        /**
         * The query and its parameters (required).
         *
         * @param sql the SQL text, with {@code ?} placeholders
         * @param parameters one value per placeholder, passed to {@code setObject}
         * @return this builder
         * @throws IllegalArgumentException if the SQL is blank
         * @throws IllegalStateException if already set
         */
        public Builder query(String sql, Object... parameters) {
            once(this.sql != null, "query", this.sql);
            Objects.requireNonNull(sql, "sql");
            if (sql.isBlank()) {
                throw new IllegalArgumentException("sql must be non-blank, but was '" + sql + "'");
            }
            this.sql = sql;
            this.parameters = Arrays.asList(parameters.clone());
            return this;
        }

        /**
         * The schema of the batches (default: inferred from the result's metadata).
         *
         * @param schema the schema
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder schema(Schema schema) {
            once(this.schema != null, "schema", this.schema);
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * The source name used in messages and rejected rows (default "query").
         *
         * @param name a non-blank name, e.g. the table
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder name(String name) {
            options.name(name);
            return this;
        }

        /**
         * The number of rows the driver fetches per round trip (default 1,000).
         *
         * @param rows at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         * @throws IllegalStateException if already set
         */
        public Builder fetchSize(int rows) {
            once(fetchSizeSet, "fetchSize", fetchSize);
            if (rows < 1) {
                throw new IllegalArgumentException("fetchSize must be >= 1, but was " + rows);
            }
            fetchSize = rows;
            fetchSizeSet = true;
            return this;
        }

        /**
         * The number of rows per batch (default 8,192).
         *
         * @param size 1 to 1,048,576
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder batchSize(int size) {
            options.batchSize(size);
            return this;
        }

        /**
         * The zone of TIMESTAMP values without time zone (default UTC).
         *
         * @param zone the zone
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder zone(ZoneId zone) {
            once(zoneSet, "zone", this.zone);
            this.zone = Objects.requireNonNull(zone, "zone");
            zoneSet = true;
            return this;
        }

        /**
         * The format used to parse string values of a column (dates in text, numbers with separators...).
         *
         * @param column the column name
         * @param format the format
         * @return this builder
         * @throws IllegalStateException if this column already has a format
         */
        public Builder format(String column, ColumnFormat format) {
            options.format(column, format);
            return this;
        }

        /**
         * The dictionary of a CATEGORY column, to share codes with other sources.
         *
         * @param column the column name
         * @param dictionary the dictionary
         * @return this builder
         * @throws IllegalStateException if this column already has a dictionary
         */
        public Builder dictionary(String column, Dictionary dictionary) {
            options.dictionary(column, dictionary);
            return this;
        }

        /**
         * The error budget (default {@link ErrorBudget#UNLIMITED}).
         *
         * @param budget the budget
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder errorBudget(ErrorBudget budget) {
            options.errorBudget(budget);
            return this;
        }

        /**
         * Runs the query.
         *
         * @return the source, before its first row
         * @throws IllegalStateException if no query was set, or an option names a column the schema lacks
         * @throws SourceException if the database fails or the result lacks a schema column
         */
        public JdbcSource build() {
            if (sql == null) {
                throw new IllegalStateException("query must be set before build()");
            }
            if (schema != null) {
                List<String> unknown = new ArrayList<>();
                SchemaChecks.unknownColumns("format", options.formats().keySet(), schema, unknown);
                for (String c : options.dictionaries().keySet()) {
                    if (schema.find(c).map(x -> x.type() != ColumnType.CATEGORY).orElse(true)) {
                        unknown.add("dictionary: no CATEGORY column '" + c + "'");
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("invalid JDBC options for schema " + schema.names() + ": "
                            + String.join("; ", unknown));
                }
            }
            Connection c = connection;
            boolean owns = false;
            try {
                if (c == null) {
                    c = Objects.requireNonNull(dataSource, "dataSource").getConnection();
                    owns = true;
                }
                return new JdbcSource(this, c, owns);
            } catch (SQLException | RuntimeException e) {
                if (owns && c != null) {
                    try {
                        c.close();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new SourceException(options.name(), 0, "query failed: " + e.getMessage(), e);
            }
        }
    }
}
