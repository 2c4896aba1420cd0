package io.kpiengine.data;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named, typed column of a {@link Schema}.
 *
 * <p>A {@link ColumnType#DECIMAL} column may declare a {@code scale}: its values are then held exactly as
 * unscaled {@code long}s ({@code 12.34} with scale 2 is {@code 1234}), which makes sums of money exact. Without a
 * scale ({@link #NO_SCALE}) a decimal column holds {@code double}s.
 *
 * <pre>{@code
 * Column revenue = Column.decimal("revenue", 2);
 * Column channel = Column.of("channel", ColumnType.CATEGORY);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column name: 1 to 128 characters, no control characters
 * @param type the logical type
 * @param scale digits after the decimal point for exact decimals, or {@link #NO_SCALE}
 */
public record Column(String name, ColumnType type, int scale) {

    /** The scale of every column that is not an exact decimal. */
    public static final int NO_SCALE = -1;

    /** The largest scale an exact decimal column may declare. */
    public static final int MAX_SCALE = 18;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /**
     * Validates the components.
     *
     * @param name the column name: 1 to 128 characters, no control characters
     * @param type the logical type
     * @param scale digits after the decimal point for exact decimals, or {@link #NO_SCALE}
     * @throws NullPointerException if name or type is null
     * @throws IllegalArgumentException if the name is empty, longer than 128 characters or has control
     *     characters, or the scale is not {@link #NO_SCALE} for a non-decimal column or outside 0..18
     */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.length() > 128 || CONTROL.matcher(name).find()) {
            throw new IllegalArgumentException(
                    "column name must be 1 to 128 characters without control characters, but was '" + name + "'");
        }
        if (scale != NO_SCALE && type != ColumnType.DECIMAL) {
            throw new IllegalArgumentException("column '" + name + "': only DECIMAL columns have a scale, but a "
                    + type + " column was given scale " + scale);
        }
        if (scale != NO_SCALE && (scale < 0 || scale > MAX_SCALE)) {
            throw new IllegalArgumentException("column '" + name + "': a decimal scale must be 0.." + MAX_SCALE
                    + ", but was " + scale);
        }
    }

    /**
     * A column of the given type without a scale.
     *
     * @param name the column name
     * @param type the logical type
     * @return the column
     */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, NO_SCALE);
    }

    /**
     * An exact decimal column with the given scale.
     *
     * @param name the column name
     * @param scale digits after the decimal point, 0..18
     * @return the column
     */
    public static Column decimal(String name, int scale) {
        return new Column(name, ColumnType.DECIMAL, scale);
    }

    /**
     * Whether this is a decimal column with a declared scale, held as unscaled longs.
     *
     * @return true for exact decimals
     */
    public boolean isExactDecimal() {
        return scale != NO_SCALE;
    }

    @Override
    public String toString() {
        return name + ":" + type + (scale == NO_SCALE ? "" : "(" + scale + ")");
    }
}
