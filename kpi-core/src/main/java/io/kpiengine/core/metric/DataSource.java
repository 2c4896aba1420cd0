package io.kpiengine.core.metric;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.data.io.ColumnFormat;
import io.kpiengine.data.io.CsvSettings;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RulesException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *         .format("visitors", ColumnFormat.builder().thousandsSeparator(',').build())
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
     * The CSV field delimiter.
     *
     * @return the delimiter, {@code ','} by default
     */
    public char delimiter() {
        return csv.delimiter();
    }

    /**
     * The CSV quote character.
     *
     * @return the quote, {@code '"'} by default
     */
    public char quote() {
        return csv.quote();
    }

    /**
     * Whether CSV files start with a header line.
     *
     * @return true by default
     */
    public boolean header() {
        return csv.header();
    }

    /**
     * The charset of CSV files.
     *
     * @return UTF-8 by default
     */
    public Charset charset() {
        return csv.charset();
    }

    /**
     * Columns read from a header column of another name.
     *
     * @return column name to header name
     */
    public Map<String, String> headerNames() {
        return csv.headerNames();
    }

    /**
     * Per-column text formats for CSV files.
     *
     * @return column name to format
     */
    public Map<String, ColumnFormat> formats() {
        return csv.formats();
    }

    /**
     * The format of columns without their own.
     *
     * @return the default format, if set
     */
    public Optional<ColumnFormat> defaultFormat() {
        return csv.defaultFormat();
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
        return csv.applyTo(CsvSource.builder(Objects.requireNonNull(file, "file"))
                .schema(schema)
                .name(file.getFileName() == null ? name : file.getFileName().toString()));
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
        private final CsvSettings.Builder csv = CsvSettings.builder();
        private QualityRules rules;
        private Schema cleanSchema;

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
         * Sets the CSV delimiter.
         *
         * @param delimiter e.g. {@code ';'}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder delimiter(char delimiter) {
            csv.delimiter(delimiter);
            return this;
        }

        /**
         * Sets the CSV quote character.
         *
         * @param quote e.g. {@code '\''}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder quote(char quote) {
            csv.quote(quote);
            return this;
        }

        /**
         * Sets whether CSV files start with a header line.
         *
         * @param header true if they do
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder header(boolean header) {
            csv.header(header);
            return this;
        }

        /**
         * Sets the charset of CSV files.
         *
         * @param charset the charset
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder charset(Charset charset) {
            csv.charset(charset);
            return this;
        }

        /**
         * Reads a column from a header column of another name.
         *
         * @param column the schema column
         * @param headerName the name in the file's header
         * @return this builder
         * @throws IllegalStateException if the column already has a header name
         */
        public Builder headerName(String column, String headerName) {
            csv.headerName(column, headerName);
            return this;
        }

        /**
         * Sets the text format of one column.
         *
         * @param column the schema column
         * @param format the format
         * @return this builder
         * @throws IllegalStateException if the column already has a format
         */
        public Builder format(String column, ColumnFormat format) {
            csv.format(column, format);
            return this;
        }

        /**
         * Sets the format of columns without their own.
         *
         * @param format the format
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder defaultFormat(ColumnFormat format) {
            csv.defaultFormat(format);
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
            CsvSettings settings = csv.build();
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
                for (String c : settings.headerNames().keySet()) {
                    if (!schema.contains(c)) {
                        problems.add("header name for unknown column '" + c + "'"
                                + Suggestions.didYouMean(c, schema.names()));
                    }
                }
                for (String c : settings.formats().keySet()) {
                    if (!schema.contains(c)) {
                        problems.add("format for unknown column '" + c + "'"
                                + Suggestions.didYouMean(c, schema.names()));
                    }
                }
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
