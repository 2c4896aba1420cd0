package io.kpiengine.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the CSV files of a data source are read: delimiter, quote, header line, charset, header names (matched
 * exactly or without regard to case) and per-column text formats. The {@code csv} section of a metric catalog's
 * data source and of a {@code kpi clean} rules file's {@code input}; {@link CsvSource.Builder#csv(CsvSettings)}
 * configures a reader with it. The one declaration of these eight options: a reader builder and a catalog's data
 * source take them from here.
 *
 * <pre>{@code
 * CsvSettings csv = CsvSettings.builder()
 *         .delimiter(';')
 *         .headerName("visitors", "Unique.Visits")
 *         .format("visitors", ColumnFormat.builder().thousandsSeparator('.').build())
 *         .build();
 * try (CsvSource source = CsvSource.builder(Path.of("export.csv")).csv(csv).schema(schema).build()) { ... }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CsvSettings {

    /** The defaults: {@code ,} delimiter, {@code "} quote, a header line, UTF-8, no header names or formats. */
    public static final CsvSettings DEFAULTS = builder().build();

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final Charset charset;
    private final Map<String, String> headerNames;
    private final Map<String, ColumnFormat> formats;
    private final @Nullable ColumnFormat defaultFormat;
    private final boolean ignoreHeaderCase;

    private CsvSettings(Builder b) {
        this.delimiter = b.delimiter == null ? ',' : b.delimiter;
        this.quote = b.quote == null ? '"' : b.quote;
        this.header = b.header == null || b.header;
        this.charset = b.charset == null ? StandardCharsets.UTF_8 : b.charset;
        this.headerNames = Collections.unmodifiableMap(new LinkedHashMap<>(b.headerNames));
        this.formats = Collections.unmodifiableMap(new LinkedHashMap<>(b.formats));
        this.defaultFormat = b.defaultFormat;
        this.ignoreHeaderCase = b.ignoreHeaderCase != null && b.ignoreHeaderCase;
    }

    /**
     * A new builder with the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The field delimiter.
     *
     * @return the delimiter, {@code ','} by default
     */
    public char delimiter() {
        return delimiter;
    }

    /**
     * The quote character.
     *
     * @return the quote, {@code '"'} by default
     */
    public char quote() {
        return quote;
    }

    /**
     * Whether files start with a header line.
     *
     * @return true by default
     */
    public boolean header() {
        return header;
    }

    /**
     * The charset of the files.
     *
     * @return UTF-8 by default
     */
    public Charset charset() {
        return charset;
    }

    /**
     * Columns read from a header column of another name.
     *
     * @return column name to header name, in the order given
     */
    public Map<String, String> headerNames() {
        return headerNames;
    }

    /**
     * Per-column text formats.
     *
     * @return column name to format, in the order given
     */
    public Map<String, ColumnFormat> formats() {
        return formats;
    }

    /**
     * The format of columns without their own.
     *
     * @return the default format, if set
     */
    public Optional<ColumnFormat> defaultFormat() {
        return Optional.ofNullable(defaultFormat);
    }

    /**
     * Whether header names are matched without regard to case ({@code Order Date} finds {@code order date}).
     *
     * @return false by default: names match exactly
     */
    public boolean ignoreHeaderCase() {
        return ignoreHeaderCase;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvSettings c && c.delimiter == delimiter && c.quote == quote && c.header == header
                && c.charset.equals(charset) && c.headerNames.equals(headerNames) && c.formats.equals(formats)
                && Objects.equals(c.defaultFormat, defaultFormat) && c.ignoreHeaderCase == ignoreHeaderCase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(delimiter, quote, header, charset, headerNames, formats, defaultFormat, ignoreHeaderCase);
    }

    @Override
    public String toString() {
        return "CsvSettings[delimiter '" + delimiter + "', quote '" + quote + "', header " + header + ", " + charset
                + (headerNames.isEmpty() ? "" : ", header names " + headerNames)
                + (formats.isEmpty() ? "" : ", formats of " + formats.keySet())
                + (defaultFormat == null ? "" : ", default format " + defaultFormat)
                + (ignoreHeaderCase ? ", header case ignored" : "") + "]";
    }

    /**
     * Builds {@link CsvSettings}. Each option may be set once (a header name and a format once per column);
     * {@link #build()} leaves the builder reusable. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Character delimiter;
        private @Nullable Character quote;
        private @Nullable Boolean header;
        private @Nullable Charset charset;
        private final Map<String, String> headerNames = new LinkedHashMap<>();
        private final Map<String, ColumnFormat> formats = new LinkedHashMap<>();
        private @Nullable ColumnFormat defaultFormat;
        private @Nullable Boolean ignoreHeaderCase;

        private Builder() {
        }

        private static <T> T once(@Nullable T current, T value, String what) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return value;
        }

        static char syntaxChar(String option, char c) {
            if (c > 126 || c < ' ' && c != '\t') {
                throw new IllegalArgumentException(option + " must be a printable ASCII character or tab, but was U+"
                        + String.format("%04X", (int) c));
            }
            return c;
        }

        /**
         * Takes every option of some settings, as if each was set here (so each must not be set yet).
         *
         * @param settings the settings
         * @param withCharset whether to take the charset too (not for input that is already text)
         * @return this builder
         */
        Builder all(CsvSettings settings, boolean withCharset) {
            delimiter(settings.delimiter);
            quote(settings.quote);
            header(settings.header);
            if (withCharset) {
                charset(settings.charset);
            }
            settings.headerNames.forEach(this::headerName);
            settings.formats.forEach(this::format);
            if (settings.defaultFormat != null) {
                defaultFormat(settings.defaultFormat);
            }
            if (settings.ignoreHeaderCase) {
                ignoreHeaderCase(true);
            }
            return this;
        }

        private static String name(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
            }
            return value;
        }

        /**
         * Sets the field delimiter.
         *
         * @param value a printable ASCII character or tab, e.g. {@code ';'} (default {@code ','})
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder delimiter(char value) {
            delimiter = once(delimiter, syntaxChar("delimiter", value), "delimiter");
            return this;
        }

        /**
         * Sets the quote character.
         *
         * @param value a printable ASCII character or tab, e.g. {@code '\''} (default {@code '"'})
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder quote(char value) {
            quote = once(quote, syntaxChar("quote", value), "quote");
            return this;
        }

        /**
         * Sets whether files start with a header line.
         *
         * @param value true if they do
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder header(boolean value) {
            header = once(header, value, "header");
            return this;
        }

        /**
         * Sets the charset of the files.
         *
         * @param value the charset
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder charset(Charset value) {
            charset = once(charset, value, "charset");
            return this;
        }

        /**
         * Reads a column from a header column of another name.
         *
         * @param column the schema column
         * @param headerName the name in the file's header
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         * @throws IllegalStateException if the column already has a header name
         */
        public Builder headerName(String column, String headerName) {
            name(column, "column");
            headerNames.put(column, once(headerNames.get(column), name(headerName, "headerName"),
                    "headerName of '" + column + "'"));
            return this;
        }

        /**
         * Sets the text format of one column.
         *
         * @param column the schema column
         * @param format the format
         * @return this builder
         * @throws IllegalArgumentException if the column name is blank
         * @throws IllegalStateException if the column already has a format
         */
        public Builder format(String column, ColumnFormat format) {
            name(column, "column");
            formats.put(column, once(formats.get(column), format, "format of '" + column + "'"));
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
            defaultFormat = once(defaultFormat, format, "defaultFormat");
            return this;
        }

        /**
         * Sets whether header names are matched without regard to case: a schema column {@code order_date} with
         * header name {@code Order Date} then also finds {@code ORDER DATE}. Two header columns that differ only
         * in case are then the same name (an error when a schema column needs it).
         *
         * <pre>{@code
         * CsvSettings.builder().ignoreHeaderCase(true).build();
         * }</pre>
         *
         * @param value true to ignore case (default false)
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder ignoreHeaderCase(boolean value) {
            ignoreHeaderCase = once(ignoreHeaderCase, value, "ignoreHeaderCase");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the immutable settings
         * @throws IllegalStateException if the delimiter equals the quote (no field could be told from a quoted one)
         */
        public CsvSettings build() {
            CsvSettings s = new CsvSettings(this);
            if (s.delimiter == s.quote) {
                throw new IllegalStateException("delimiter and quote must differ, but both were '" + s.delimiter
                        + "'");
            }
            return s;
        }
    }
}
