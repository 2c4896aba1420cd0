package io.kpiengine.data;

/**
 * The logical type of a column in a {@link Schema}.
 *
 * <p>Each logical type has one physical representation inside a {@link RecordBatch}:
 *
 * <table>
 *   <caption>Physical representation of each logical type</caption>
 *   <tr><th>type</th><th>vector</th><th>value</th></tr>
 *   <tr><td>{@link #TEXT}</td><td>{@link TextVector}</td><td>{@code String}</td></tr>
 *   <tr><td>{@link #CATEGORY}</td><td>{@link CategoryVector}</td><td>dictionary code ({@code int})</td></tr>
 *   <tr><td>{@link #INTEGER}</td><td>{@link LongVector}</td><td>{@code long}</td></tr>
 *   <tr><td>{@link #DECIMAL}</td><td>{@link DoubleVector}, or {@link DecimalVector} when the column
 *       declares a scale</td><td>{@code double}, or unscaled {@code long}</td></tr>
 *   <tr><td>{@link #BOOLEAN}</td><td>{@link LongVector}</td><td>0 or 1</td></tr>
 *   <tr><td>{@link #TIMESTAMP}</td><td>{@link LongVector}</td><td>microseconds since 1970-01-01T00:00Z</td></tr>
 *   <tr><td>{@link #DATE}</td><td>{@link LongVector}</td><td>days since 1970-01-01</td></tr>
 * </table>
 */
public enum ColumnType {
    /** Free text; stored as {@code String}. */
    TEXT,
    /** Text with few distinct values; stored as dictionary codes. */
    CATEGORY,
    /** A 64-bit signed integer. */
    INTEGER,
    /** A decimal number: a {@code double}, or an exact unscaled {@code long} when a scale is declared. */
    DECIMAL,
    /** A boolean, stored as 0 or 1. */
    BOOLEAN,
    /** An instant, stored as microseconds since the epoch (UTC). */
    TIMESTAMP,
    /** A calendar date, stored as days since 1970-01-01. */
    DATE;

    /**
     * Whether values of this type are stored in a {@link LongVector}.
     *
     * @return true for INTEGER, BOOLEAN, TIMESTAMP and DATE
     */
    public boolean isLongBacked() {
        return this == INTEGER || this == BOOLEAN || this == TIMESTAMP || this == DATE;
    }

    /**
     * Whether values of this type are numbers that can be aggregated arithmetically.
     *
     * @return true for INTEGER, DECIMAL and BOOLEAN
     */
    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == BOOLEAN;
    }
}
