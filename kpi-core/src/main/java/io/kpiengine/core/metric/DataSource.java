package io.kpiengine.core.metric;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.data.io.internal.SchemaChecks;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RulesException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named input of a catalog: its schema, the time column that places each row in a period, how its CSV files
 * are read, and the consistency rules (kpi-quality) that clean it before aggregation.
 *
 * <pre>{@code
 * DataSource events = DataSource.builder("events")
 *         .schema(Schema.of(Column.of("ts", ColumnType.TIMESTAMP), Column.of("channel", ColumnType.CATEGORY),
 *                 Column.of("visitors", ColumnType.INTEGER), Column.decimal("revenue", 2)))
 *         .timeColumn("ts")
 *         .csv(CsvSettings.builder().format("visitors", ColumnFormat.builder().thousandsSeparator(',').build())
 *                 .build())
 *         .build();
 * try (CsvSource csv = events.csvReader(Path.of("events.csv")).build()) { ... }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DataSource {

    private final String name;
    private final String description;
    private final Schema schema;
    private final String timeColumn;
    private final CsvSettings csv;
    private final QualityRules rules;
    private final Schema cleanSchema;

    private DataSource(Builder b, CsvSettings csv) {
        this.name = b.name;
        this.description = b.description;
        this.schema = b.schema;
        this.timeColumn = b.timeColumn;
        this.csv = csv;
        this.rules = b.rules;
        this.cleanSchema = b.cleanSchema;
    }

    /**
     * Starts a source.
     *
     * <pre>{@code
     * DataSource events = DataSource.builder("events").schema(schema).timeColumn("ts").build();
     * }</pre>
     *
     * @param name the source name: a letter or underscore, then letters, digits or underscores
     * @return a new builder
     * @throws NullPointerException if name is null
     * @throws IllegalArgumentException if the name is not such an identifier
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The name metrics use to refer to the source.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What the source holds.
     *
     * @return the description, if set
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * The columns.
     *
     * @return the schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * The TIMESTAMP or DATE column that places each row in a period.
     *
     * @return the column name
     */
    public String timeColumn() {
        return timeColumn;
    }

    /**
     * How CSV files of the source are read: delimiter, quote, header, charset, header names and formats.
     *
     * @return the settings
     */
    public CsvSettings csv() {
        return csv;
    }

    /**
     * The consistency rules (kpi-quality) that clean the source's records before they are aggregated.
     *
     * @return the rules, if the source declares any
     */
    public Optional<QualityRules> rules() {
        return Optional.ofNullable(rules);
    }

    /**
     * The schema of the records the metrics aggregate: the schema after the rules have cleaned the records (unit
     * and currency rules may change a column's type or scale), or {@link #schema()} without rules. Metric columns,
     * dimensions and filters are checked against it.
     *
     * @return the clean schema
     */
    public Schema cleanSchema() {
        return cleanSchema;
    }

    /**
     * A CSV reader builder for a file of this source, configured with its schema, name, delimiter, quote, header,
     * charset, header names and formats; add an error budget or batch size before building it.
     *
     * <pre>{@code
     * try (CsvSource csv = events.csvReader(Path.of("events.csv"))
     *         .errorBudget(ErrorBudget.maxFraction(0.05, 1_000))
     *         .build()) {
     *     ...
     * }
     * }</pre>
     *
     * @param file the CSV file
     * @return a configured builder
     * @throws NullPointerException if file is null
     */
    public CsvSource.Builder csvReader(Path file) {
        return CsvSource.builder(Objects.requireNonNull(file, "file")).csv(csv)
                .schema(schema)
                .name(file.getFileName() == null ? name : file.getFileName().toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSource d && d.name.equals(name) && Objects.equals(d.description, description)
                && d.schema.equals(schema) && d.timeColumn.equals(timeColumn) && d.csv.equals(csv)
                && Objects.equals(d.rules, rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, schema, timeColumn);
    }

    @Override
    public String toString() {
        return "source " + name + " " + schema + " by " + timeColumn;
    }

    /**
     * Builds a {@link DataSource}; schema and time column are required. Each option may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private final String name;
        private String description;
        private Schema schema;
        private String timeColumn;
        private CsvSettings csv;
        private QualityRules rules;
        private Schema cleanSchema;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.length() > MetricBuilder.MAX_ID_LENGTH) {
                throw new IllegalArgumentException("source name must be a letter or '_' followed by letters, digits"
                        + " or '_', at most " + MetricBuilder.MAX_ID_LENGTH + " characters, but was '" + name + "'");
            }
            this.name = name;
        }

        /**
         * Sets the description.
         *
         * @param description not blank
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder description(String description) {
            this.description = MetricBuilder.once(this.description,
                    MetricBuilder.name(description, "description"), "description");
            return this;
        }

        /**
         * Sets the schema.
         *
         * @param schema the columns
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder schema(Schema schema) {
            this.schema = MetricBuilder.once(this.schema, schema, "schema");
            return this;
        }

        /**
         * Sets the time column.
         *
         * @param column a TIMESTAMP or DATE column of the schema
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder timeColumn(String column) {
            this.timeColumn = MetricBuilder.once(this.timeColumn, MetricBuilder.name(column, "timeColumn"),
                    "timeColumn");
            return this;
        }

        /**
         * Sets how the source's CSV files are read (default {@link CsvSettings#DEFAULTS}).
         *
         * <pre>{@code
         * DataSource web = DataSource.builder("web").schema(schema).timeColumn("day")
         *         .csv(CsvSettings.builder().delimiter(';').headerName("day", "Date").build())
         *         .build();
         * }</pre>
         *
         * @param settings the CSV settings
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder csv(CsvSettings settings) {
            this.csv = MetricBuilder.once(this.csv, settings, "csv");
            return this;
        }

        /**
         * Sets the consistency rules that clean the records before aggregation.
         *
         * @param rules the rules
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder rules(QualityRules rules) {
            this.rules = MetricBuilder.once(this.rules, rules, "rules");
            return this;
        }

        /**
         * Builds the source, checking that the time column, header names and formats name schema columns, that
         * the time column is a TIMESTAMP or DATE column, and that the rules fit the schema.
         *
         * @return the source
         * @throws IllegalStateException if the schema or time column is missing or a rule is broken; the message
         *     names every problem
         */
        public DataSource build() {
            CsvSettings settings = csv != null ? csv : CsvSettings.DEFAULTS;
            List<String> problems = new ArrayList<>();
            if (schema == null) {
                problems.add("schema must be set, but was not");
            }
            if (timeColumn == null) {
                problems.add("time column must be set, but was not");
            }
            if (schema != null) {
                if (timeColumn != null) {
                    Optional<Column> time = schema.find(timeColumn);
                    if (time.isEmpty()) {
                        problems.add("time column '" + timeColumn + "' is not in the schema " + schema.names()
                                + Suggestions.didYouMean(timeColumn, schema.names()));
                    } else if (time.get().type() != ColumnType.TIMESTAMP && time.get().type() != ColumnType.DATE) {
                        problems.add("time column '" + timeColumn + "' must be a TIMESTAMP or DATE column, but is "
                                + time.get().type());
                    }
                }
                SchemaChecks.unknownColumns("headerName", settings.headerNames().keySet(), schema, problems);
                SchemaChecks.unknownColumns("format", settings.formats().keySet(), schema, problems);
            }
            cleanSchema = schema;
            if (schema != null && rules != null) {
                try {
                    cleanSchema = rules.bind(schema).outputSchema();
                } catch (RulesException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("source '" + name + "': " + String.join("; ", problems));
            }
            return new DataSource(this, settings);
        }
    }
}
