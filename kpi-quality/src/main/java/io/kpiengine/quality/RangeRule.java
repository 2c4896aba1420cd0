package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the values of a numeric column lie within inclusive bounds; missing values are not checked.
 *
 * <pre>{@code
 * RangeRule visitors = RangeRule.of("visitors").min(0).max(500);
 * RangeRule revenue = RangeRule.nonNegative("revenue").onInvalid(OnInvalid.NULLIFY);
 * }</pre>
 *
 * <p>Values are compared exactly (exact decimals and integers) or as {@code double}s (DECIMAL columns without a
 * scale).
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "range:<column>"}
 * @param column an INTEGER or DECIMAL column
 * @param min the smallest allowed value, or null
 * @param max the largest allowed value, or null
 * @param onInvalid what happens to a row out of range
 */
public record RangeRule(String id, String column, @Nullable BigDecimal min, @Nullable BigDecimal max,
        OnInvalid onInvalid)
        implements Rule {

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "range:<column>"}
     * @param column an INTEGER or DECIMAL column
     * @param min the smallest allowed value, or null
     * @param max the largest allowed value, or null
     * @param onInvalid what happens to a row out of range
     * @throws NullPointerException if column or onInvalid is null
     * @throws IllegalArgumentException if min is greater than max
     */
    public RangeRule {
        Args.column("column", column);
        Objects.requireNonNull(onInvalid, "onInvalid");
        min = min == null ? null : normalize(min);
        max = max == null ? null : normalize(max);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("column '" + column + "': min must be <= max, but was "
                    + min.toPlainString() + " > " + max.toPlainString());
        }
        id = id == null ? "range:" + column : Args.id(id);
    }

    private static BigDecimal normalize(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /**
     * A range rule without bounds yet; add {@link #min} and/or {@link #max}.
     *
     * @param column the column
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static RangeRule of(String column) {
        return new RangeRule(null, column, null, null, OnInvalid.QUARANTINE);
    }

    /**
     * A rule that values are at least zero.
     *
     * @param column the column
     * @return the rule
     */
    public static RangeRule nonNegative(String column) {
        return of(column).min(0);
    }

    /**
     * This rule with a lower bound.
     *
     * @param value the smallest allowed value
     * @return a new rule
     * @throws IllegalStateException if a lower bound was already set
     */
    public RangeRule min(Number value) {
        Args.once("min", min, value);
        return new RangeRule(id, column, decimal(value), max, onInvalid);
    }

    /**
     * This rule with an upper bound.
     *
     * @param value the largest allowed value
     * @return a new rule
     * @throws IllegalStateException if an upper bound was already set
     */
    public RangeRule max(Number value) {
        Args.once("max", max, value);
        return new RangeRule(id, column, min, decimal(value), onInvalid);
    }

    private static BigDecimal decimal(Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (!Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException("bound must be a finite number, but was " + value);
        }
        return new BigDecimal(value.toString());
    }

    /**
     * This rule treating rows out of range another way.
     *
     * @param action the action
     * @return a new rule
     */
    public RangeRule onInvalid(OnInvalid action) {
        return new RangeRule(id, column, min, max, action);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public RangeRule withId(String newId) {
        return new RangeRule(Args.id(newId), column, min, max, onInvalid);
    }

    @Override
    public Dimension dimension() {
        return Dimension.VALIDITY;
    }

    @Override
    public List<String> columns() {
        return List.of(column);
    }
}
