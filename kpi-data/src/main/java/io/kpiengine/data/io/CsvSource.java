package io.kpiengine.data.io;

import static io.kpiengine.data.io.internal.SourceOptions.once;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.data.io.internal.SchemaChecks;
import io.kpiengine.data.io.internal.BudgetTracker;
import io.kpiengine.data.io.internal.ByteInput;
import io.kpiengine.data.io.internal.CsvReader;
import io.kpiengine.data.io.internal.FileStamp;
import io.kpiengine.data.io.internal.SourceOptions;
import io.kpiengine.data.io.internal.SplitPlan;
import io.kpiengine.data.io.internal.Splits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of CSV files into columnar {@link RecordBatch}es: RFC 4180 quoting, header mapping,
 * per-column formats, quarantine of malformed records, an error budget and parallel reading of one file.
 *
 * <pre>{@code
 * Schema schema = Schema.of(
 *         Column.of("ts", ColumnType.TIMESTAMP),
 *         Column.of("channel", ColumnType.CATEGORY),
 *         Column.of("visitors", ColumnType.INTEGER),
 *         Column.decimal("revenue", 2));
 * try (CsvSource source = CsvSource.builder(Path.of("events.csv"))
 *         .schema(schema)
 *         .format("visitors", ColumnFormat.builder().thousandsSeparator(',').build())
 *         .errorBudget(ErrorBudget.maxFraction(0.05, 1_000))
 *         .build()) {
 *     for (RecordBatch batch = source.next(); batch != null; batch = source.next()) {
 *         // batch.size() rows; batch.rejected() records that could not be read
 *     }
 * }
 * }</pre>
 *
 * <p><b>Input.</b> A file is read with positional reads into a buffer and never loaded whole; numbers, dates,
 * timestamps, booleans and known categories are parsed straight from the bytes. The charset is UTF-8 unless set;
 * a UTF-8 byte-order mark is skipped, and a UTF-16 byte-order mark switches the charset to UTF-16. Charsets
 * that are not ASCII-compatible (UTF-16, UTF-32, ...) and {@code Reader} inputs are re-encoded on the fly. Records
 * end with LF, CRLF or a lone CR; the last record needs no line break. Lines that hold nothing are skipped.
 *
 * <p><b>Header.</b> With a header (the default), schema columns are found by header name (exactly, or under the
 * name given by {@link Builder#headerName(String, String)}); header columns the schema lacks are ignored unless
 * {@link Builder#allowExtraColumns(boolean)} is false; a schema column missing from the header fails
 * {@link Builder#build()} naming the file and the header, unless declared {@link Builder#optionalColumns
 * optional} (then it is missing on every row). Without a header, column i is field i.
 *
 * <p><b>A file that changes while it is read</b> fails the source: at its end (and at the end of each partition)
 * the reader compares the file's size, modification time and file key with those it had when reading started,
 * and throws {@link SourceException} ("the file changed while it was read (its size went from ... to ... bytes)")
 * if it was appended to, truncated, rewritten or replaced. So does an input whose last record has no line break
 * and cannot be read (too few fields, an open quote, a value cut short): the input was cut off mid-record.
 *
 * <p><b>Bad records</b> never stop the reading and are never lost: a record with the wrong number of fields, a
 * stray or unbalanced quote, bytes that are not valid in the charset, or a value that does not parse becomes a
 * {@link io.kpiengine.data.RejectedRow} of the batch, with the line where the record starts, its raw text and
 * the reason, e.g. {@code column 'visitors': 'abc' is not an integer (expected digits with an optional sign)}.
 * When a record with a quote problem spans several lines, only its first line is rejected and reading resumes on
 * the next line. The {@link ErrorBudget} (unlimited by default) ends the run with
 * {@link ErrorBudgetExceededException} once too many records fail.
 *
 * <p><b>Parallel reading.</b> {@link #split(int)} cuts a file into byte ranges that start at record starts (see
 * the rule below); each partition is read by its own thread, shares the category dictionaries and the error
 * budget, and yields the same rows and line numbers as a sequential read. Streams and re-encoded inputs do not
 * split. The rule: the data is cut into equal chunks; a partition starts after the first line break at or after
 * its chunk's start that is outside quotes by quote parity (counted per chunk, in parallel, by the partitions
 * themselves, which also gives each partition its first line number); a chunk inside one long quoted field
 * merges with its neighbour (fewer partitions). When a stray quote breaks quote parity so that a record would
 * cross a partition boundary, the reader throws {@link SourceException} instead of yielding wrong records: correct
 * the quote, or read such a file without splitting ({@code kpi run --threads 1}). Whether a given stray quote
 * crosses a boundary depends on where the boundaries fall, so such a file may read with one thread count and
 * fail with another; it never yields different records.
 *
 * <p>A source is read by one thread; partitions may be read concurrently. Close it (or each partition) when done.
 */
public final class CsvSource implements RecordSource {

    /** The default number of rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 8192;

    /** The default longest record, in bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;

    private final Schema schema;
    private final String name;
    private final CsvReader.Settings settings;
    private final int[] fieldOfColumn;
    private final int expectedFields;
    private final String fieldCountRule;
    private final ColumnFormat[] formats;
    private final Dictionary[] dictionaries;
    private final ErrorBudget budget;
    private final @Nullable Path path;
    private final boolean splittable;
    private final CsvReader reader;
    private final long dataStart;
    private final long dataLine;
    private final long size;
    private final @Nullable FileStamp stamp;
    private long estimate = -2;
    private boolean split;
    private volatile boolean hashText;

    private CsvSource(Builder b, Opened opened) {
        this.schema = Objects.requireNonNull(b.schema, "schema");
        this.name = opened.name;
        this.settings = opened.settings;
        this.budget = b.options.errorBudget();
        this.path = opened.path;
        this.splittable = opened.splittable;
        this.reader = opened.reader;
        this.size = opened.size;
        this.stamp = opened.stamp;
        this.formats = new ColumnFormat[schema.size()];
        this.dictionaries = new Dictionary[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            formats[c] = opened.csv.formats().getOrDefault(column.name(),
                    opened.csv.defaultFormat().orElse(ColumnFormat.DEFAULT));
            if (column.type() == ColumnType.CATEGORY) {
                dictionaries[c] = b.options.dictionaries().getOrDefault(column.name(), new Dictionary());
            }
        }
        List<String> header = null;
        long headerLine = reader.line();
        if (opened.csv.header()) {
            header = reader.readHeader();
            if (header == null) {
                reader.close();
                throw new SourceException(name, headerLine, "the input is empty: it has no header with the columns "
                        + schema.names() + " that the schema requires", null);
            }
        }
        this.dataStart = reader.offset();
        this.dataLine = reader.line();
        this.fieldOfColumn = new int[schema.size()];
        if (header != null) {
            this.expectedFields = header.size();
            this.fieldCountRule = "the header has " + header.size();
            mapHeader(b, opened.csv, header, headerLine);
        } else {
            this.expectedFields = schema.size();
            this.fieldCountRule = schema.size() + " are expected";
            for (int c = 0; c < schema.size(); c++) {
                fieldOfColumn[c] = c;
            }
        }
        reader.bind(schema, fieldOfColumn, expectedFields, fieldCountRule, formats, dictionaries,
                new BudgetTracker(name, budget, 1));
        FileStamp fileStamp = stamp;
        if (fileStamp != null) {
            reader.onEnd(() -> fileStamp.check(name, reader.line()));
        }
    }

    private void mapHeader(Builder b, CsvSettings csv, List<String> header, long headerLine) {
        Map<String, List<Integer>> positions = new HashMap<>();
        boolean fold = csv.ignoreHeaderCase();
        for (int i = 0; i < header.size(); i++) {
            positions.computeIfAbsent(fold ? header.get(i).toLowerCase(Locale.ROOT) : header.get(i),
                    k -> new ArrayList<>()).add(i);
        }
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (int c = 0; c < schema.size(); c++) {
            String column = schema.column(c).name();
            String wanted = csv.headerNames().getOrDefault(column, column);
            List<Integer> at = positions.get(fold ? wanted.toLowerCase(Locale.ROOT) : wanted);
            if (at == null) {
                fieldOfColumn[c] = -1;
                if (!b.optional.contains(column)) {
                    missing.add("'" + wanted + "'" + Suggestions.didYouMean(wanted, header).replace("; did", " (did")
                            .replace("?", "?)"));
                }
                continue;
            }
            if (at.size() > 1) {
                problems.add("the header has '" + wanted + "' " + at.size() + " times (fields "
                        + at.stream().map(i -> String.valueOf(i + 1)).reduce((x, y) -> x + ", " + y).orElse("") + ")");
            }
            fieldOfColumn[c] = at.get(0);
            used.add(fold ? wanted.toLowerCase(Locale.ROOT) : wanted);
        }
        if (!missing.isEmpty()) {
            problems.add(0, "the header lacks " + (missing.size() == 1 ? "the column " : "the columns ")
                    + String.join(", ", missing) + " that the schema requires");
        }
        if (!b.allowExtra) {
            List<String> extra = new ArrayList<>();
            for (String h : header) {
                if (!used.contains(fold ? h.toLowerCase(Locale.ROOT) : h)) {
                    extra.add("'" + h + "'");
                }
            }
            if (!extra.isEmpty()) {
                problems.add("the header has columns that the schema does not declare: " + String.join(", ", extra));
            }
        }
        if (!problems.isEmpty()) {
            reader.close();
            throw new SourceException(name, headerLine,
                    String.join("; ", problems) + "; the header is " + header, null);
        }
    }

    /**
     * A builder for a CSV file; the file can be split for parallel reading.
     *
     * <pre>{@code
     * try (CsvSource source = CsvSource.builder(Path.of("events.csv")).schema(schema).build()) {
     *     for (RecordBatch batch = source.next(); batch != null; batch = source.next()) { ... }
     * }
     * }</pre>
     *
     * @param file the file
     * @return the builder
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"), null, null, file.getFileName() == null
                ? file.toString() : file.getFileName().toString());
    }

    /**
     * A builder for CSV bytes from a stream (not splittable); the stream is closed with the source.
     *
     * <pre>{@code
     * CsvSource source = CsvSource.builder(new ByteArrayInputStream(bytes), "upload").schema(schema).build();
     * }</pre>
     *
     * @param in the stream
     * @param name the source name for messages and rejected rows
     * @return the builder; {@link Builder#build()} may be called once
     */
    public static Builder builder(InputStream in, String name) {
        return new Builder(null, Objects.requireNonNull(in, "in"), null, SourceOptions.checkName(name));
    }

    /**
     * A builder for CSV text from a reader (not splittable); the reader is closed with the source.
     *
     * <pre>{@code
     * CsvSource source = CsvSource.builder(new StringReader("visitors\n12\n"), "inline").schema(schema).build();
     * }</pre>
     *
     * @param reader the reader
     * @param name the source name for messages and rejected rows
     * @return the builder; {@link Builder#build()} may be called once
     */
    public static Builder builder(Reader reader, String name) {
        return new Builder(null, null, Objects.requireNonNull(reader, "reader"), SourceOptions.checkName(name));
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
     * @throws IllegalStateException if this source was split
     * @throws SourceException on an I/O failure
     * @throws ErrorBudgetExceededException when too many records were rejected
     */
    @Override
    public @Nullable RecordBatch next() {
        Splits.checkNotSplit(name, split);
        return reader.next();
    }

    /**
     * For a file: its bytes after the header times the line breaks per byte of its first MiB (exact when the file
     * is smaller; quoted line breaks make it an overestimate); -1 for streams and readers.
     */
    @Override
    public long estimatedRows() {
        long e = estimate;
        if (e == -2) {
            e = estimate = estimate(path, dataStart, size);
        }
        return e;
    }

    private static long estimate(@Nullable Path path, long dataStart, long size) {
        if (path == null || size <= 0) {
            return -1;
        }
        long data = size - dataStart;
        if (data <= 0) {
            return 0;
        }
        byte[] bytes = new byte[(int) Math.min(data, 1 << 20)];
        ByteBuffer sample = ByteBuffer.wrap(bytes);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (sample.hasRemaining() && channel.read(sample, dataStart + sample.position()) > 0) {
                // reads until the sample is full or the file ends
            }
        } catch (IOException e) {
            return -1;
        }
        int n = sample.position();
        long lines = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        if (n == data) {
            return n > 0 && bytes[n - 1] != '\n' ? lines + 1 : lines;
        }
        return lines == 0 ? 1 : (long) Math.ceil((double) data * lines / n);
    }

    /**
     * Attaches 128-bit text digest values to TEXT vectors: the reader hashes the bytes of each
     * ASCII value while it has them, which costs a fraction of hashing the decoded strings later. Applies to the
     * batches read afterwards, and to partitions made by {@link #split} before or after. Only for UTF-8,
     * US-ASCII and ISO-8859-1 files (where ASCII bytes are the same characters); false otherwise.
     *
     * <pre>{@code
     * source.attachTextHashes();   // exact duplicate detection calls this itself
     * }</pre>
     */
    @Override
    public boolean attachTextHashes() {
        boolean on = reader.hashText();
        hashText = on;
        return on;
    }

    /**
     * Splits the unread file into at most {@code parts} partitions that start at record starts (see the class
     * documentation for the rule). Streams and re-encoded inputs return a list holding only this source.
     *
     * <pre>{@code
     * List<RecordSource> partitions = source.split(2);
     * // read partitions.get(0) and partitions.get(1) on two threads; close each
     * }</pre>
     *
     * @param parts the wanted number of partitions, at least 1
     * @return the partitions, in file order
     * @throws IllegalArgumentException if parts is less than 1
     * @throws IllegalStateException if a batch was already read or the source was already split
     */
    @Override
    public List<RecordSource> split(int parts) {
        Splits.checkSplit(name, parts, split || reader.started());
        if (!splittable || parts == 1) {
            return List.of(this);
        }
        split = true;
        reader.close();
        int n = (int) Math.max(1, Math.min(parts, size - dataStart));
        SplitPlan plan = new SplitPlan(path, name, dataStart, dataLine, size, settings.quote(), n);
        BudgetTracker tracker = new BudgetTracker(name, budget, n);
        List<RecordSource> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new Partition(this, plan, k, tracker));
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public String toString() {
        return "CsvSource[" + name + ", " + schema + "]";
    }

    /** One byte range of a split file; opens its own channel at the first read. */
    private static final class Partition implements RecordSource {
        private final CsvSource parent;
        private final SplitPlan plan;
        private final int index;
        private final BudgetTracker tracker;
        private @Nullable CsvReader reader;
        private boolean closed;

        Partition(CsvSource parent, SplitPlan plan, int index, BudgetTracker tracker) {
            this.parent = parent;
            this.plan = plan;
            this.index = index;
            this.tracker = tracker;
        }

        @Override
        public Schema schema() {
            return parent.schema;
        }

        @Override
        public String name() {
            return parent.name;
        }

        @Override
        public long estimatedRows() {
            long all = parent.estimatedRows();
            return all < 0 ? -1 : all / plan.parts() + 1;
        }

        @Override
        public @Nullable RecordBatch next() {
            if (closed) {
                throw new IllegalStateException("partition " + index + " of " + parent.name + " is closed");
            }
            if (reader == null) {
                plan.prepare(index);
                long[] start = plan.start(index);
                FileChannel channel;
                try {
                    channel = FileChannel.open(parent.path, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new SourceException(parent.name, 0, "cannot open: " + e.getMessage(), e);
                }
                CsvReader r = new CsvReader(parent.settings, ByteInput.file(channel, start[0], true), start[0],
                        start[1]);
                reader = r;
                reader.bind(parent.schema, parent.fieldOfColumn, parent.expectedFields, parent.fieldCountRule,
                        parent.formats, parent.dictionaries, tracker);
                FileStamp fileStamp = parent.stamp;
                if (fileStamp != null) {
                    reader.onEnd(() -> fileStamp.check(parent.name, r.line()));
                }
                if (parent.hashText) {
                    reader.hashText();
                }
                if (index + 1 < plan.parts()) {
                    reader.limit(plan.nominal(index + 1), () -> plan.start(index + 1)[0]);
                }
            }
            return reader.next();
        }

        @Override
        public boolean attachTextHashes() {
            boolean on = parent.attachTextHashes();
            if (on && reader != null) {
                reader.hashText();
            }
            return on;
        }

        @Override
        public void close() {
            closed = true;
            if (reader != null) {
                reader.close();
            }
        }

        @Override
        public String toString() {
            return "CsvSource[" + parent.name + ", partition " + (index + 1) + " of " + plan.parts() + "]";
        }
    }

    /** What {@link Builder#build()} opened; filled field by field by {@link Builder#open}. */
    private static final class Opened {
        @SuppressWarnings("NullAway.Init")
        String name;
        @SuppressWarnings("NullAway.Init")
        CsvSettings csv;
        @SuppressWarnings("NullAway.Init")
        CsvReader.Settings settings;
        @SuppressWarnings("NullAway.Init")
        CsvReader reader;
        @Nullable Path path;
        boolean splittable;
        long size;
        @Nullable FileStamp stamp;
    }

    /**
     * Builds a {@link CsvSource}. Each single-valued option may be set once; {@link #build()} checks the options
     * together. A file builder stays reusable (each build opens the file anew); a stream or reader builder builds
     * once. Not thread-safe.
     */
    public static final class Builder {
        private final @Nullable Path file;
        private @Nullable InputStream stream;
        private @Nullable Reader text;
        private final SourceOptions options;
        private @Nullable Schema schema;
        private final CsvSettings.Builder csv = CsvSettings.builder();
        private Set<String> optional = Set.of();
        private boolean optionalSet;
        private boolean allowExtra = true;
        private boolean allowExtraSet;
        private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
        private boolean maxRecordBytesSet;

        private Builder(@Nullable Path file, @Nullable InputStream stream, @Nullable Reader text, String name) {
            this.file = file;
            this.stream = stream;
            this.text = text;
            this.options = new SourceOptions(name);
        }

        /**
         * The schema of the batches (required).
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
         * The source name used in messages and rejected rows (default: the file name).
         *
         * @param name a non-blank name
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder name(String name) {
            options.name(name);
            return this;
        }

        /**
         * The charset of the bytes (default UTF-8; a byte-order mark wins).
         *
         * @param charset the charset
         * @return this builder
         * @throws IllegalStateException if already set, or for a reader input (which is text already)
         */
        public Builder charset(Charset charset) {
            if (text != null) {
                throw new IllegalStateException("charset must not be set for a Reader input, which is already text");
            }
            csv.charset(charset);
            return this;
        }

        /**
         * The field delimiter (default {@code ','}).
         *
         * @param delimiter a printable ASCII character or tab, not a quote, CR or LF
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder delimiter(char delimiter) {
            csv.delimiter(delimiter);
            return this;
        }

        /**
         * The quote character (default {@code '"'}).
         *
         * @param quote a printable ASCII character, not CR or LF
         * @return this builder
         * @throws IllegalArgumentException if the character is not allowed
         * @throws IllegalStateException if already set
         */
        public Builder quote(char quote) {
            csv.quote(quote);
            return this;
        }

        /**
         * Whether the first record is a header (default true).
         *
         * @param header false when the file has no header
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder header(boolean header) {
            csv.header(header);
            return this;
        }

        /**
         * Reads a schema column from a header column of another name, e.g. {@code headerName("page_loads",
         * "Page.Loads")}.
         *
         * @param column the schema column
         * @param headerName its name in the header
         * @return this builder
         * @throws IllegalStateException if this column already has a header name
         */
        public Builder headerName(String column, String headerName) {
            csv.headerName(column, headerName);
            return this;
        }

        /**
         * Matches header names without regard to case ({@link CsvSettings.Builder#ignoreHeaderCase(boolean)}).
         *
         * <pre>{@code
         * CsvSource.builder(path).schema(schema).ignoreHeaderCase(true).build();   // 'Order_Date' finds order_date
         * }</pre>
         *
         * @param ignore true to ignore case (default false)
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder ignoreHeaderCase(boolean ignore) {
            csv.ignoreHeaderCase(ignore);
            return this;
        }

        /**
         * Schema columns that may be absent from the header; they are then missing on every row.
         *
         * @param columns column names
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder optionalColumns(String... columns) {
            once(optionalSet, "optionalColumns", optional);
            optional = Set.of(columns);
            optionalSet = true;
            return this;
        }

        /**
         * Whether header columns the schema does not declare are ignored (true, the default) or refused by
         * {@link #build()}.
         *
         * @param allow false to refuse them
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder allowExtraColumns(boolean allow) {
            once(allowExtraSet, "allowExtraColumns", allowExtra);
            allowExtra = allow;
            allowExtraSet = true;
            return this;
        }

        /**
         * The format of one column.
         *
         * @param column the column name
         * @param format its format
         * @return this builder
         * @throws IllegalStateException if this column already has a format
         */
        public Builder format(String column, ColumnFormat format) {
            csv.format(column, format);
            return this;
        }

        /**
         * The format of every column that has none of its own (default {@link ColumnFormat#DEFAULT}); for
         * instance to declare null tokens for the whole file.
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
         * Takes all eight CSV options (delimiter, quote, header, charset, header names, formats, default format,
         * header case) from settings, as if each was set here; for a {@code Reader} input the charset is left out.
         *
         * <pre>{@code
         * CsvSource source = CsvSource.builder(Path.of("export.csv")).csv(settings).schema(schema).build();
         * }</pre>
         *
         * @param settings the settings
         * @return this builder
         * @throws IllegalStateException if one of the options was already set, or the settings have a charset other
         *     than UTF-8 and the input is a {@code Reader}
         */
        public Builder csv(CsvSettings settings) {
            Objects.requireNonNull(settings, "settings");
            if (text != null && !settings.charset().equals(StandardCharsets.UTF_8)) {
                throw new IllegalStateException("charset must not be set for a Reader input, which is already text,"
                        + " but the settings have " + settings.charset());
            }
            csv.all(settings, text == null);
            return this;
        }

        /**
         * The dictionary of a CATEGORY column, to share codes with other sources (by default each source makes
         * one per column, shared by its partitions).
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
         * The number of records per batch (default 8,192).
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
         * The longest record, in bytes (default 8 MiB); a longer one is rejected (see the class documentation).
         *
         * @param bytes 1,024 to 1,073,741,824
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxRecordBytes(int bytes) {
            once(maxRecordBytesSet, "maxRecordBytes", maxRecordBytes);
            if (bytes < 1024 || bytes > 1 << 30) {
                throw new IllegalArgumentException("maxRecordBytes must be in 1024..1073741824, but was " + bytes);
            }
            maxRecordBytes = bytes;
            maxRecordBytesSet = true;
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
         * Opens the input, reads the header and maps it to the schema.
         *
         * @return the source, positioned at the first data record
         * @throws IllegalStateException if the schema is missing, the delimiter equals the quote, an option names
         *     a column the schema lacks, or a stream builder is built twice
         * @throws SourceException if the input cannot be opened or its header lacks required columns
         */
        public CsvSource build() {
            if (schema == null) {
                throw new IllegalStateException("schema must be set before build()");
            }
            CsvSettings settings = csv.build();
            List<String> unknown = new ArrayList<>();
            SchemaChecks.unknownColumns("headerName", settings.headerNames().keySet(), schema, unknown);
            SchemaChecks.unknownColumns("optionalColumns", optional, schema, unknown);
            SchemaChecks.unknownColumns("format", settings.formats().keySet(), schema, unknown);
            SchemaChecks.unknownColumns("dictionary", options.dictionaries().keySet(), schema, unknown);
            for (String c : options.dictionaries().keySet()) {
                if (schema.contains(c) && schema.find(c).orElseThrow().type() != ColumnType.CATEGORY) {
                    unknown.add("dictionary: column '" + c + "' is " + schema.find(c).orElseThrow().type()
                            + ", not CATEGORY");
                }
            }
            if (!settings.header() && !settings.headerNames().isEmpty()) {
                unknown.add("headerName needs header(true)");
            }
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("invalid CSV options: " + String.join("; ", unknown));
            }
            if (file == null && stream == null && text == null) {
                throw new IllegalStateException("a stream or reader builder can build only once");
            }
            Opened opened = open(settings);
            try {
                return new CsvSource(this, opened);
            } catch (RuntimeException e) {
                opened.reader.close();
                throw e;
            }
        }

        private Opened open(CsvSettings csvSettings) {
            Opened o = new Opened();
            o.name = options.name();
            o.csv = csvSettings;
            byte d = (byte) csvSettings.delimiter();
            byte q = (byte) csvSettings.quote();
            Charset cs = csvSettings.charset();
            try {
                if (file != null) {
                    o.stamp = FileStamp.of(file);
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    try {
                        o.size = channel.size();
                        byte[] head = new byte[2];
                        int n = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
                        Charset bom = utf16Bom(head, n);
                        if (bom != null || !isAsciiCompatible(cs)) {
                            channel.close();
                            Charset actual = bom != null ? bom : cs;
                            InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16);
                            if (bom != null) {
                                in.skipNBytes(2);
                            }
                            o.settings = settings(d, q, StandardCharsets.UTF_8, actual.name(), true);
                            o.reader = new CsvReader(o.settings, ByteInput.transcode(in, actual), 0, 1);
                        } else {
                            o.settings = settings(d, q, cs, cs.name(), false);
                            o.reader = new CsvReader(o.settings, ByteInput.file(channel, 0, true), 0, 1);
                            o.path = file;
                            o.splittable = true;
                        }
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw e;
                    }
                } else if (stream != null) {
                    BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
                    stream = null;
                    in.mark(2);
                    byte[] head = in.readNBytes(2);
                    in.reset();
                    Charset bom = utf16Bom(head, head.length);
                    if (bom != null || !isAsciiCompatible(cs)) {
                        Charset actual = bom != null ? bom : cs;
                        if (bom != null) {
                            in.skipNBytes(2);
                        }
                        o.settings = settings(d, q, StandardCharsets.UTF_8, actual.name(), true);
                        o.reader = new CsvReader(o.settings, ByteInput.transcode(in, actual), 0, 1);
                    } else {
                        o.settings = settings(d, q, cs, cs.name(), false);
                        o.reader = new CsvReader(o.settings, ByteInput.stream(in), 0, 1);
                    }
                } else {
                    Reader r = text;
                    text = null;
                    o.settings = settings(d, q, StandardCharsets.UTF_8, "text", true);
                    o.reader = new CsvReader(o.settings, ByteInput.text(r), 0, 1);
                }
            } catch (IOException e) {
                throw new SourceException(options.name(), 0, "cannot open: " + e, e);
            }
            o.reader.skipUtf8Bom();
            return o;
        }

        private CsvReader.Settings settings(byte d, byte q, Charset parse, String encoding, boolean transcoded) {
            return new CsvReader.Settings(options.name(), parse, encoding, transcoded, d, q, options.batchSize(),
                    maxRecordBytes);
        }

        private static @Nullable Charset utf16Bom(byte[] head, int n) {
            if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
            if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            return null;
        }

        private static boolean isAsciiCompatible(Charset cs) {
            String n = cs.name();
            return cs.equals(StandardCharsets.UTF_8) || cs.equals(StandardCharsets.US_ASCII)
                    || n.startsWith("ISO-8859-") || n.startsWith("windows-125");
        }
    }
}
