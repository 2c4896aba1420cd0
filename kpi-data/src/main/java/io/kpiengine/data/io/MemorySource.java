package io.kpiengine.data.io;

import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.internal.Values;
import io.kpiengine.data.io.internal.SourceOptions;
import io.kpiengine.data.io.internal.Splits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A source of records held in memory: batches built elsewhere, or rows of boxed values, for tests, examples and
 * services that receive records in a request.
 *
 * <pre>{@code
 * MemorySource source = MemorySource.builder(schema)
 *         .row(Instant.parse("2025-01-01T00:00:00Z"), "email", 12L)
 *         .row(Instant.parse("2025-01-01T01:00:00Z"), "social", null)
 *         .build();
 * RecordBatch first = source.next();
 * }</pre>
 *
 * <p>Rows take the values that {@link RecordBatch.Builder} accepts. A row whose values do not fit its columns
 * (a wrong count, a {@code LocalDateTime} for a TIMESTAMP, the text {@code "12.50"} for a DECIMAL, an
 * {@code Integer} for a BOOLEAN, {@code 12.505} for {@code decimal(2)}) is refused at once by
 * {@link Builder#row(Object...)} with an {@link IllegalArgumentException} that names the row, the column, the
 * expected and the given type: a row in memory is the caller's value, so a wrong one is a programming error, never
 * a record silently left out. {@link #split(int)} divides the batches into contiguous runs. A source is a cursor
 * read once by one thread; build or {@link #of} another for a second pass.
 */
public final class MemorySource implements RecordSource {

    private final Schema schema;
    private final String name;
    private final List<RecordBatch> batches;
    private int next;
    private boolean split;

    private MemorySource(Schema schema, String name, List<RecordBatch> batches) {
        this.schema = schema;
        this.name = name;
        this.batches = List.copyOf(batches);
    }

    /**
     * A source of existing batches, in order.
     *
     * <pre>{@code
     * MemorySource source = MemorySource.of(schema, List.of(monday, tuesday));
     * }</pre>
     *
     * @param schema the schema every batch has
     * @param batches the batches
     * @return a new source named after the first batch's source ("memory" when there is none)
     * @throws IllegalArgumentException if a batch has another schema
     */
    public static MemorySource of(Schema schema, List<RecordBatch> batches) {
        Objects.requireNonNull(schema, "schema");
        for (int i = 0; i < batches.size(); i++) {
            RecordBatch b = Objects.requireNonNull(batches.get(i), "batch");
            if (!b.schema().equals(schema)) {
                throw new IllegalArgumentException("batch " + (i + 1) + " must have schema " + schema + ", but was "
                        + b.schema());
            }
        }
        return new MemorySource(schema, batches.isEmpty() ? "memory" : batches.get(0).source(), batches);
    }

    /**
     * A builder of rows of boxed values.
     *
     * <pre>{@code
     * MemorySource rows = MemorySource.builder(schema).row(LocalDate.of(2025, 3, 3), "email", 1200L).build();
     * }</pre>
     *
     * @param schema the schema
     * @return the builder
     */
    public static Builder builder(Schema schema) {
        return new Builder(Objects.requireNonNull(schema, "schema"));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long estimatedRows() {
        long n = 0;
        for (int i = next; i < batches.size(); i++) {
            n += batches.get(i).size() + batches.get(i).rejected().size();
        }
        return n;
    }

    @Override
    public @Nullable RecordBatch next() {
        Splits.checkNotSplit(name, split);
        return next < batches.size() ? batches.get(next++) : null;
    }

    /**
     * Divides the unread batches into at most {@code parts} contiguous runs of nearly equal batch counts.
     *
     * @param parts the wanted number of partitions, at least 1
     * @return the partitions, in order
     * @throws IllegalArgumentException if parts is less than 1
     * @throws IllegalStateException if this source was already read or split
     */
    @Override
    public List<RecordSource> split(int parts) {
        Splits.checkSplit(name, parts, split || next > 0);
        int n = Math.max(1, Math.min(parts, batches.size()));
        if (n == 1) {
            return List.of(this);
        }
        split = true;
        List<RecordSource> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(new MemorySource(schema, name,
                    batches.subList(batches.size() * k / n, batches.size() * (k + 1) / n)));
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        next = batches.size();
    }

    @Override
    public String toString() {
        return "MemorySource[" + name + ", " + batches.size() + " batches, " + schema + "]";
    }

    /**
     * Collects rows and cuts them into batches. Single-valued options may be set once; {@link #build()} leaves
     * the builder reusable (each build makes a new source over the same rows). Not thread-safe.
     */
    public static final class Builder {
        private final Schema schema;
        private final List<Object[]> rows = new ArrayList<>();
        private final SourceOptions options = new SourceOptions("memory");

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /**
         * The source name used in rejected rows (default "memory").
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
         * The dictionary of a CATEGORY column (by default each build makes one per column).
         *
         * @param column the column name
         * @param dictionary the dictionary
         * @return this builder
         * @throws IllegalArgumentException if the column is not a CATEGORY column of the schema
         * @throws IllegalStateException if this column already has a dictionary
         */
        public Builder dictionary(String column, Dictionary dictionary) {
            Objects.requireNonNull(dictionary, "dictionary");
            if (schema.find(column).map(c -> c.type() != ColumnType.CATEGORY).orElse(true)) {
                throw new IllegalArgumentException("dictionary column must be a CATEGORY column of " + schema
                        + ", but was '" + column + "'");
            }
            options.dictionary(column, dictionary);
            return this;
        }

        /**
         * Appends a row; its ordinal (for {@link RecordBatch#rowNumber(int)}) is its 1-based position.
         *
         * <pre>{@code
         * builder.row(Instant.parse("2025-01-01T00:00:00Z"), "email", new BigDecimal("12.50"));
         * }</pre>
         *
         * @param values one value per column (see {@link RecordBatch.Builder})
         * @return this builder
         * @throws IllegalArgumentException if the number of values differs from the schema's columns, or a column
         *     cannot hold its value, e.g. {@code row 3, column 'ts' (TIMESTAMP): expected Instant, OffsetDateTime or
         *     ZonedDateTime (...), but was LocalDateTime '2025-01-01T00:00'}
         */
        public Builder row(@Nullable Object... values) {
            @Nullable Object[] copy = Objects.requireNonNull(values, "values").clone();
            long ordinal = rows.size() + 1L;
            if (copy.length != schema.size()) {
                throw new IllegalArgumentException("row " + ordinal + " has " + copy.length + " values, but the schema"
                        + " has " + schema.size() + " columns " + schema.names());
            }
            for (int c = 0; c < copy.length; c++) {
                Values.coerce(schema.column(c), copy[c], ordinal);
            }
            rows.add(copy);
            return this;
        }

        /**
         * Appends rows.
         *
         * @param values rows of values
         * @return this builder
         * @throws IllegalArgumentException if a row does not fit the schema (see {@link #row(Object...)}); the rows
         *     before it are kept
         */
        public Builder rows(List<Object[]> values) {
            for (Object[] v : values) {
                row(v);
            }
            return this;
        }

        /**
         * Cuts the rows into batches.
         *
         * @return a new source
         */
        public MemorySource build() {
            String name = options.name();
            Map<String, Dictionary> dicts = new LinkedHashMap<>(options.dictionaries());
            schema.columns().stream().filter(c -> c.type() == ColumnType.CATEGORY)
                    .forEach(c -> dicts.putIfAbsent(c.name(), new Dictionary()));
            List<RecordBatch> batches = new ArrayList<>();
            RecordBatch.Builder current = null;
            int inBatch = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (current == null) {
                    current = RecordBatch.builder(schema, name);
                    for (Map.Entry<String, Dictionary> d : dicts.entrySet()) {
                        current.dictionary(d.getKey(), d.getValue());
                    }
                }
                current.addRowAt(i + 1L, rows.get(i));
                if (++inBatch == options.batchSize()) {
                    batches.add(current.build());
                    current = null;
                    inBatch = 0;
                }
            }
            if (current != null) {
                batches.add(current.build());
            }
            return new MemorySource(schema, name, batches);
        }
    }
}
