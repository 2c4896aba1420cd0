package io.kpiengine.data.io.internal;

import io.kpiengine.data.Bits;
import io.kpiengine.data.Column;
import io.kpiengine.data.Vector;
import io.kpiengine.data.io.ColumnFormat;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Turns the bytes of one field into the value of one column of the batch being built, straight from the read
 * buffer: no {@code String} is made for numbers, dates, timestamps, booleans or known categories.
 *
 * <p>{@link #parse} writes the value of a row, or marks it missing, and returns null; when the text cannot be
 * read it returns the reason (naming the column, the text and the expected format) and the caller rejects the
 * record and calls {@link #clear} for that row. Each reader (partition) has its own parsers; not thread-safe.
 */
public abstract class ColumnParser {

    /** The longest field text quoted in a message. */
    static final int MAX_QUOTED = 100;

    final Column column;
    final ColumnFormat format;
    final Charset charset;
    private final byte[][] nullTokens;
    long[] nulls;
    int capacity;

    ColumnParser(Column column, ColumnFormat format, Charset charset) {
        this.column = column;
        this.format = format;
        this.charset = charset;
        List<String> tokens = format.nullTokens();
        this.nullTokens = new byte[tokens.size()][];
        for (int i = 0; i < tokens.size(); i++) {
            nullTokens[i] = tokens.get(i).getBytes(charset);
        }
    }

    /**
     * Starts a new batch of up to {@code capacity} rows with fresh arrays (the previous batch owns its arrays).
     *
     * @param capacity the batch size
     */
    public void start(int capacity) {
        this.capacity = capacity;
        this.nulls = Bits.newMask(capacity);
        allocate(capacity);
    }

    abstract void allocate(int capacity);

    /**
     * Reads one field into a row.
     *
     * @param b the buffer
     * @param s first byte of the field content (inside quotes for a quoted field)
     * @param e end of the content (exclusive)
     * @param escaped whether the content holds doubled quotes to undo
     * @param row the row
     * @return null on success, else the reason the field cannot be read
     */
    public abstract String parse(byte[] b, int s, int e, boolean escaped, int row);

    /**
     * Marks a row missing (the column is absent from the file).
     *
     * @param row the row
     */
    public final void setNull(int row) {
        Bits.set(nulls, row);
    }

    /**
     * Forgets whatever a rejected record left in a row.
     *
     * @param row the row
     */
    public final void clear(int row) {
        Bits.clear(nulls, row);
    }

    /**
     * The vector of the first {@code size} rows; the arrays belong to it afterwards.
     *
     * @param size the row count
     * @return the vector
     */
    public abstract Vector finish(int size);

    /**
     * Stores a value already converted to the column's {@code long} form: the value of INTEGER, BOOLEAN (0/1),
     * TIMESTAMP (microseconds) and DATE (days) columns, or the unscaled value of an exact decimal.
     *
     * @param row the row
     * @param value the value
     * @throws UnsupportedOperationException if the column is not long-backed
     */
    public void putLong(int row, long value) {
        throw new UnsupportedOperationException("column '" + column.name() + "' is " + column + ", not long-backed");
    }

    /**
     * Stores the value of a DECIMAL column without a scale.
     *
     * @param row the row
     * @param value the value
     * @throws UnsupportedOperationException for other columns
     */
    public void putDouble(int row, double value) {
        throw new UnsupportedOperationException("column '" + column.name() + "' is " + column + ", not a double");
    }

    /**
     * Stores the value of a TEXT or CATEGORY column as it is (no trimming, no null tokens).
     *
     * @param row the row
     * @param value the value
     * @throws UnsupportedOperationException for other columns
     */
    public void putText(int row, String value) {
        throw new UnsupportedOperationException("column '" + column.name() + "' is " + column + ", not text");
    }

    /**
     * Whether the column can reject a value (numbers, dates...); text and categories cannot.
     *
     * @return true if {@link #parse} may fail
     */
    public boolean canFail() {
        return true;
    }

    /**
     * The column.
     *
     * @return the column
     */
    public final Column column() {
        return column;
    }

    static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    /** Whether the (already trimmed) text is a null token. */
    final boolean isNullToken(byte[] b, int s, int e) {
        for (byte[] t : nullTokens) {
            if (t.length == e - s && NumberScanner.matches(b, s, e, t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of a field for a message: decoded, quoted, shortened to {@value #MAX_QUOTED} characters.
     */
    final String quoted(byte[] b, int s, int e) {
        String text = new String(b, s, e - s, charset);
        if (text.length() > MAX_QUOTED) {
            text = text.substring(0, MAX_QUOTED - 3) + "...";
        }
        return "'" + text + "'";
    }

    /** The start of {@code column 'name': 'text'} messages. */
    final String problem(byte[] b, int s, int e) {
        return "column '" + column.name() + "': " + quoted(b, s, e);
    }

    /**
     * A parser for typed values: trims blanks, handles missing values, then calls {@link #value}.
     */
    abstract static class Typed extends ColumnParser {

        Typed(Column column, ColumnFormat format, Charset charset) {
            super(column, format, charset);
        }

        @Override
        public final String parse(byte[] b, int s, int e, boolean escaped, int row) {
            while (s < e && isBlank(b[s])) {
                s++;
            }
            while (e > s && isBlank(b[e - 1])) {
                e--;
            }
            if (s == e || isNullToken(b, s, e)) {
                Bits.set(nulls, row);
                return null;
            }
            return value(b, s, e, row);
        }

        abstract String value(byte[] b, int s, int e, int row);
    }
}
