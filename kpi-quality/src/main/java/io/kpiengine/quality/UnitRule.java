package io.kpiengine.quality;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.quality.internal.Args;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Declares the {@link ColumnUnit} of a numeric column and optionally converts it to another unit of the same kind,
 * or parses a text column whose cells carry scale suffixes or unit symbols.
 *
 * <pre>{@code
 * UnitRule duration = UnitRule.of("duration", ColumnUnit.MILLISECONDS).convertTo(ColumnUnit.SECONDS);
 * UnitRule followers = UnitRule.of("followers", ColumnUnit.COUNT).parseText(ColumnType.INTEGER, Column.NO_SCALE);
 * }</pre>
 *
 * <p><b>Text cells</b> ({@link #parseText}) are read as: optional sign, digits with an optional {@code .}
 * fraction and optional {@code ,} thousands separators, then optionally a scale suffix ({@code k}/{@code K}
 * 10<sup>3</sup>, {@code M} 10<sup>6</sup>, {@code B}/{@code bn} 10<sup>9</sup>, {@code T} 10<sup>12</sup>) or
 * the symbol of a unit of the same kind ({@code 1500 ms}, {@code 12.5%}, {@code 35bp}), which is converted to
 * the declared unit. Spaces around are ignored. A cell that does not read this way, or that does not fit the
 * parse type (a fraction for an INTEGER column, too many digits for an exact decimal), quarantines its row with
 * the reason. Parsing is idempotent: a column that is already numeric is not parsed again.
 *
 * <p><b>Conversion</b> multiplies or divides by a whole number; the result is a DECIMAL column of
 * {@code double}s. A conversion is the one rule that a second cleaning run would apply again (numbers carry no
 * unit), see {@code docs/quality-rules.md}.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "unit:<column>"}
 * @param column the column
 * @param unit the unit of the values as they arrive (bare numbers in text cells)
 * @param convertTo the unit to convert to, or null to keep the values
 * @param parseType for text columns: INTEGER or DECIMAL, the type the cells are parsed into; null = no parsing
 * @param parseScale for a DECIMAL parse type: the exact scale, or {@link Column#NO_SCALE} for doubles
 */
public record UnitRule(String id, String column, ColumnUnit unit, @Nullable ColumnUnit convertTo,
        @Nullable ColumnType parseType,
        int parseScale) implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "unit:<column>"}
     * @param column the column
     * @param unit the unit of the values as they arrive (bare numbers in text cells)
     * @param convertTo the unit to convert to, or null to keep the values
     * @param parseType for text columns: INTEGER or DECIMAL, the type the cells are parsed into; null = no parsing
     * @param parseScale for a DECIMAL parse type: the exact scale, or {@link Column#NO_SCALE} for doubles
     * @throws NullPointerException if column or unit is null
     * @throws IllegalArgumentException if the units have different kinds or the parse type is not numeric
     */
    public UnitRule {
        Args.column("column", column);
        Objects.requireNonNull(unit, "unit");
        if (convertTo != null && !unit.convertsTo(convertTo)) {
            throw new IllegalArgumentException("column '" + column + "': " + unit.incompatible(convertTo));
        }
        if (parseType != null && parseType != ColumnType.INTEGER && parseType != ColumnType.DECIMAL) {
            throw new IllegalArgumentException("parseType must be INTEGER or DECIMAL, but was " + parseType);
        }
        if (parseScale != Column.NO_SCALE && (parseType != ColumnType.DECIMAL || parseScale < 0
                || parseScale > Column.MAX_SCALE)) {
            throw new IllegalArgumentException("parseScale must be " + Column.NO_SCALE + " or, for DECIMAL, 0.."
                    + Column.MAX_SCALE + ", but was " + parseScale);
        }
        id = id == null ? "unit:" + column : Args.id(id);
    }

    /**
     * Declares the unit of a column.
     *
     * @param column the column
     * @param unit its unit
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static UnitRule of(String column, ColumnUnit unit) {
        return new UnitRule(null, column, unit, null, null, Column.NO_SCALE);
    }

    /**
     * This rule converting the values to another unit of the same kind.
     *
     * @param target the unit to convert to
     * @return a new rule
     * @throws IllegalArgumentException if the units cannot be converted
     * @throws IllegalStateException if a target was already set
     */
    public UnitRule convertTo(ColumnUnit target) {
        Args.once("convertTo", convertTo, target);
        return new UnitRule(id, column, unit, Objects.requireNonNull(target, "target"), parseType, parseScale);
    }

    /**
     * This rule parsing a text column into doubles (DECIMAL without scale).
     *
     * @return a new rule
     */
    public UnitRule parseText() {
        return parseText(ColumnType.DECIMAL, Column.NO_SCALE);
    }

    /**
     * This rule parsing a text column into a numeric type.
     *
     * @param type INTEGER or DECIMAL
     * @param scale for DECIMAL the exact scale, or {@link Column#NO_SCALE}
     * @return a new rule
     * @throws IllegalStateException if parsing was already set
     */
    public UnitRule parseText(ColumnType type, int scale) {
        Args.once("parseText", parseType, type);
        return new UnitRule(id, column, unit, convertTo, Objects.requireNonNull(type, "type"), scale);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public UnitRule withId(String newId) {
        return new UnitRule(Args.id(newId), column, unit, convertTo, parseType, parseScale);
    }

    /**
     * The unit of the column after this rule.
     *
     * @return the target unit, or the declared one without conversion
     */
    public ColumnUnit outputUnit() {
        return convertTo == null ? unit : convertTo;
    }

    /**
     * Whether this rule changes the values (a conversion between different units).
     *
     * @return true if it converts
     */
    public boolean converts() {
        return convertTo != null && convertTo != unit;
    }

    @Override
    public Dimension dimension() {
        return Dimension.CONSISTENCY;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
