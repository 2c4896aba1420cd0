package io.kpiengine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A columnar batch of records: one {@link Vector} per {@link Schema} column, all of the same size, plus for each
 * row the position of its record in the source ({@link #rowNumber(int)}) and the records of the same stretch of
 * the source that could not be read ({@link #rejected()}).
 *
 * <p>Batches are the unit of work downstream: quality rules transform them, the KPI engine aggregates them.
 * The account of a source is always complete: every source record is either a row of some batch or a
 * {@link RejectedRow} of some batch.
 *
 * <pre>{@code
 * RecordBatch batch = RecordBatch.builder(schema, "memory")
 *         .addRow(Instant.parse("2025-01-01T00:00:00Z"), "email", new BigDecimal("12.50"))
 *         .addRow(Instant.parse("2025-01-01T01:00:00Z"), "social", null)
 *         .build();
 * DecimalVector revenue = (DecimalVector) batch.column("revenue");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RecordBatch {

    private final Schema schema;
    private final String source;
    private final List<Vector> columns;
    private final long[] rowNumbers;
    private final int size;
    private final List<RejectedRow> rejected;

    private RecordBatch(Schema schema, String source, List<Vector> columns, long[] rowNumbers, int size,
            List<RejectedRow> rejected) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.source = Objects.requireNonNull(source, "source");
        this.columns = List.copyOf(columns);
        this.rejected = List.copyOf(rejected);
        if (this.columns.size() != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " columns, but " + this.columns.size()
                    + " vectors were given");
        }
        if (rowNumbers.length < size) {
            throw new IllegalArgumentException("rowNumbers has " + rowNumbers.length + " entries, but size is " + size);
        }
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.column(i);
            Vector v = this.columns.get(i);
            if (v.size() != size) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + v.size() + " rows, but the batch has "
                        + size);
            }
            if (!fits(c, v)) {
                throw new IllegalArgumentException("column '" + c.name() + "' is " + c + " but its vector is "
                        + v.getClass().getSimpleName() + " of " + v.type());
            }
        }
        this.rowNumbers = rowNumbers;
        this.size = size;
    }

    private static boolean fits(Column c, Vector v) {
        if (v.type() != c.type()) {
            return false;
        }
        if (c.type() == ColumnType.DECIMAL) {
            return c.isExactDecimal() ? v instanceof DecimalVector d && d.scale() == c.scale() : v instanceof DoubleVector;
        }
        return true;
    }

    /**
     * Assembles a batch from vectors; takes ownership of {@code rowNumbers}.
     *
     * @param schema the schema; vector i must match column i
     * @param source the source name
     * @param columns one vector per column, each of {@code size} rows
     * @param rowNumbers the source position of each row (1-based line or ordinal)
     * @param size the row count
     * @param rejected records of the same stretch of the source that could not be read
     * @return the batch
     * @throws IllegalArgumentException if a vector does not match its column or the sizes differ
     */
    public static RecordBatch of(Schema schema, String source, List<Vector> columns, long[] rowNumbers, int size,
            List<RejectedRow> rejected) {
        return new RecordBatch(schema, source, columns, rowNumbers, size, rejected);
    }

    /**
     * A builder that appends rows of boxed values, for tests, examples and in-memory sources.
     *
     * <pre>{@code
     * RecordBatch batch = RecordBatch.builder(schema, "memory")
     *         .addRow(Instant.parse("2025-01-01T00:00:00Z"), "email", 12L)
     *         .build();
     * }</pre>
     *
     * @param schema the schema
     * @param source the source name used in rejections and reports
     * @return a new builder
     */
    public static Builder builder(Schema schema, String source) {
        return new Builder(schema, source);
    }

    /**
     * The schema.
     *
     * @return the schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * The source name.
     *
     * @return the name of the source these records came from
     */
    public String source() {
        return source;
    }

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public int size() {
        return size;
    }

    /**
     * The vector of a column.
     *
     * @param position 0-based column position
     * @return the vector
     */
    public Vector column(int position) {
        return columns.get(position);
    }

    /**
     * The vector of a column.
     *
     * @param name the column name
     * @return the vector
     * @throws IllegalArgumentException if there is no such column
     */
    public Vector column(String name) {
        return columns.get(schema.indexOf(name));
    }

    /**
     * All vectors, in schema order.
     *
     * @return an immutable list
     */
    public List<Vector> columns() {
        return columns;
    }

    /**
     * Where the record of a row starts in its source: the 1-based line of a text file, or the 1-based ordinal
     * of a row of a query or list.
     *
     * @param row 0-based row of this batch
     * @return the source position
     */
    public long rowNumber(int row) {
        Objects.checkIndex(row, size);
        return rowNumbers[row];
    }

    /**
     * The records of this batch's stretch of the source that could not be read.
     *
     * @return an immutable list
     */
    public List<RejectedRow> rejected() {
        return rejected;
    }

    /**
     * A view of one row, for casual use.
     *
     * @param row 0-based row
     * @return the row view
     */
    public Row row(int row) {
        Objects.checkIndex(row, size);
        return new Row(this, row);
    }

    /**
     * A batch with only the given rows, in the given order; rejections are kept. No column values are copied: the
     * columns are selected views of this batch's vectors (see {@link Vector#select}) that share one array of row
     * positions, so dropping a few rows of a large batch is cheap.
     *
     * <pre>{@code
     * RecordBatch firstAndLast = batch.select(new int[] {0, batch.size() - 1}, 2);
     * }</pre>
     *
     * @param rows 0-based rows
     * @param count how many entries of {@code rows} to use
     * @return a new batch
     * @throws IndexOutOfBoundsException if a row is outside {@code 0..size()-1} or {@code count} exceeds
     *     {@code rows.length}
     */
    public RecordBatch select(int[] rows, int count) {
        Objects.checkFromIndexSize(0, count, rows.length);
        long[] numbers = new long[count];
        boolean ascending = true;
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            numbers[i] = rowNumbers[Objects.checkIndex(r, size)];
            ascending &= r > previous;
            previous = r;
        }
        // the rows are checked once, here, for every column; rows in ascending order (a filter) let the columns
        // find their missing values by search instead of testing every row
        return new RecordBatch(schema, source, Vector.selectAll(columns, rows, count, ascending), numbers, count,
                rejected);
    }

    /**
     * Copies the row numbers of rows {@code [from, from + length)} into {@code dst}.
     *
     * @param from first row
     * @param dst destination
     * @param dstOffset first destination index
     * @param length row count
     */
    public void copyRowNumbers(int from, long[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(from, /* size */ length, /* length */ size);
        System.arraycopy(rowNumbers, from, dst, dstOffset, length);
    }

    /**
     * A batch with one column replaced, possibly by a column of another type.
     *
     * @param name the column to replace
     * @param column the new column definition
     * @param vector its values
     * @return a new batch
     */
    public RecordBatch withColumn(String name, Column column, Vector vector) {
        int i = schema.indexOf(name);
        List<Vector> out = new ArrayList<>(columns);
        out.set(i, vector);
        return new RecordBatch(schema.replace(name, column), source, out, rowNumbers, size, rejected);
    }

    /**
     * A batch of the same rows (and row numbers) with other columns and rejections, for stages that transform
     * columns without changing which rows there are.
     *
     * <pre>{@code
     * RecordBatch doubled = batch.withColumns(batch.schema(), List.of(twice(batch.column(0))), batch.rejected());
     * }</pre>
     *
     * @param schema the schema of the new columns
     * @param columns one vector per column of {@code schema}, each of {@link #size()} rows
     * @param rejected the rejections of the new batch
     * @return a new batch
     * @throws IllegalArgumentException if a vector does not match its column or has another size
     */
    public RecordBatch withColumns(Schema schema, List<Vector> columns, List<RejectedRow> rejected) {
        return new RecordBatch(schema, source, columns, rowNumbers, size, rejected);
    }

    /**
     * A batch with a column added at the end.
     *
     * @param column the new column definition
     * @param vector its values
     * @return a new batch
     */
    public RecordBatch appendColumn(Column column, Vector vector) {
        List<Vector> out = new ArrayList<>(columns);
        out.add(vector);
        return new RecordBatch(schema.append(column), source, out, rowNumbers, size, rejected);
    }

    /**
     * A batch with other rejections (the rows are unchanged).
     *
     * @param rejected the rejections
     * @return a new batch
     */
    public RecordBatch withRejected(List<RejectedRow> rejected) {
        return new RecordBatch(schema, source, columns, rowNumbers, size, rejected);
    }

    @Override
    public String toString() {
        return "RecordBatch[" + source + ", " + size + " rows, " + rejected.size() + " rejected, " + schema + "]";
    }

    /**
     * Appends rows of boxed values; see {@link RecordBatch#builder(Schema, String)}.
     *
     * <p>Accepted values per column type: TEXT and CATEGORY take {@code String}; INTEGER takes {@code Long},
     * {@code Integer}, {@code Short} or {@code Byte}; DECIMAL takes any {@code Number} (exact decimals round
     * half-even to the scale only if no digit is lost, otherwise the row is refused); BOOLEAN takes
     * {@code Boolean}; TIMESTAMP takes {@code Instant}, {@code OffsetDateTime} or {@code ZonedDateTime};
     * DATE takes {@code LocalDate}. Null is a missing value.
     *
     * <p>Not thread-safe. {@link #build()} may be called once.
     */
    public static final class Builder {
        private final Schema schema;
        private final String source;
        private final Dictionary[] dictionaries;
        private final List<Object[]> rows = new ArrayList<>();
        private final List<Long> numbers = new ArrayList<>();
        private final List<RejectedRow> rejected = new ArrayList<>();
        private boolean built;

        private Builder(Schema schema, String source) {
            this.schema = Objects.requireNonNull(schema, "schema");
            this.source = Objects.requireNonNull(source, "source");
            this.dictionaries = new Dictionary[schema.size()];
        }

        /**
         * Uses a shared dictionary for a CATEGORY column (by default each builder makes its own).
         *
         * @param column the column name
         * @param dictionary the dictionary
         * @return this builder
         */
        public Builder dictionary(String column, Dictionary dictionary) {
            int i = schema.indexOf(column);
            if (schema.column(i).type() != ColumnType.CATEGORY) {
                throw new IllegalArgumentException("column '" + column + "' is " + schema.column(i).type()
                        + ", not CATEGORY");
            }
            dictionaries[i] = Objects.requireNonNull(dictionary, "dictionary");
            return this;
        }

        /**
         * Appends a row whose source position is its 1-based ordinal in this builder.
         *
         * @param values one value per column, in schema order
         * @return this builder
         * @throws IllegalArgumentException if the count or a type is wrong, naming the column and value
         */
        public Builder addRow(@Nullable Object... values) {
            return addRowAt(rows.size() + rejected.size() + 1L, values);
        }

        /**
         * Appends a row with an explicit source position.
         *
         * @param rowNumber the 1-based line or ordinal of the record in its source
         * @param values one value per column, in schema order
         * @return this builder
         * @throws IllegalArgumentException if the count or a type is wrong, naming the column and value
         */
        public Builder addRowAt(long rowNumber, @Nullable Object... values) {
            if (values.length != schema.size()) {
                throw new IllegalArgumentException("row " + rowNumber + " has " + values.length
                        + " values, but the schema has " + schema.size() + " columns " + schema.names());
            }
            Object[] copy = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = coerce(schema.column(i), values[i], rowNumber);
            }
            rows.add(copy);
            numbers.add(rowNumber);
            return this;
        }

        /**
         * Records a source record that could not be read.
         *
         * @param row the rejection
         * @return this builder
         */
        public Builder addRejected(RejectedRow row) {
            rejected.add(Objects.requireNonNull(row, "row"));
            return this;
        }

        /**
         * The number of rows appended so far.
         *
         * @return the row count
         */
        public int size() {
            return rows.size();
        }

        private static @Nullable Object coerce(Column c, @Nullable Object v, long rowNumber) {
            return io.kpiengine.data.internal.Values.coerce(c, v, rowNumber);
        }

        /**
         * Builds the batch.
         *
         * @return the batch
         * @throws IllegalStateException if called twice
         */
        public RecordBatch build() {
            if (built) {
                throw new IllegalStateException("build() was already called on this builder");
            }
            built = true;
            int n = rows.size();
            List<Vector> vectors = new ArrayList<>(schema.size());
            for (int col = 0; col < schema.size(); col++) {
                Column c = schema.column(col);
                long[] mask = Bits.newMask(n);
                for (int r = 0; r < n; r++) {
                    if (rows.get(r)[col] == null) {
                        Bits.set(mask, r);
                    }
                }
                switch (c.type()) {
                    case TEXT: {
                        String[] out = new String[n];
                        for (int r = 0; r < n; r++) {
                            out[r] = (String) rows.get(r)[col];
                        }
                        vectors.add(TextVector.wrap(out, n));
                        break;
                    }
                    case CATEGORY: {
                        Dictionary dict = dictionaries[col] != null ? dictionaries[col] : new Dictionary();
                        int[] out = new int[n];
                        for (int r = 0; r < n; r++) {
                            Object v = rows.get(r)[col];
                            out[r] = v == null ? 0 : dict.encode((String) v);
                        }
                        vectors.add(CategoryVector.wrap(out, mask, n, dict));
                        break;
                    }
                    case DECIMAL:
                        if (c.isExactDecimal()) {
                            vectors.add(DecimalVector.wrap(longs(col, n), mask, n, c.scale()));
                        } else {
                            double[] out = new double[n];
                            for (int r = 0; r < n; r++) {
                                Object v = rows.get(r)[col];
                                out[r] = v == null ? Double.NaN : (Double) v;
                            }
                            vectors.add(DoubleVector.wrap(out, mask, n));
                        }
                        break;
                    default:
                        vectors.add(LongVector.wrap(c.type(), longs(col, n), mask, n));
                        break;
                }
            }
            long[] numbersArray = new long[n];
            for (int r = 0; r < n; r++) {
                numbersArray[r] = numbers.get(r);
            }
            return new RecordBatch(schema, source, vectors, numbersArray, n, rejected);
        }

        private long[] longs(int col, int n) {
            long[] out = new long[n];
            for (int r = 0; r < n; r++) {
                Object v = rows.get(r)[col];
                out[r] = v == null ? 0L : (Long) v;
            }
            return out;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordBatch b && b.schema.equals(schema) && b.size == size && b.columns.equals(columns)
                && Arrays.equals(rowNumbers, 0, size, b.rowNumbers, 0, size) && b.rejected.equals(rejected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, size, columns);
    }
}
