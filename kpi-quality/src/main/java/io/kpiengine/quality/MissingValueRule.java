package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to do with missing values of one column: quarantine the row, fill a constant or zero, forward-fill or
 * interpolate within a group ordered by a column, fill the group mean or median, or leave them (only counted).
 *
 * <pre>{@code
 * MissingValueRule zero = MissingValueRule.zero("visitors");
 * MissingValueRule ffill = MissingValueRule.forwardFill("price").groupBy("sku").orderBy("ts").limit(3);
 * MissingValueRule lerp = MissingValueRule.interpolate("temperature").groupBy("sensor").orderBy("ts");
 * }</pre>
 *
 * <p><b>Semantics</b> (pandas, for a frame sorted by {@code orderBy} within each group, ties in source order):
 * <ul>
 *   <li>{@code FORWARD_FILL} = {@code df.groupby(groupBy)[column].ffill(limit=limit)}: a missing value takes
 *       the last present value before it in its group; leading missing values stay missing; with a limit, at
 *       most that many consecutive missing values are filled.</li>
 *   <li>{@code INTERPOLATE} = {@code interpolate(method='linear', limit_area='inside')} per group: interior gaps
 *       are filled on the straight line between the present neighbours, spaced by position; with
 *       {@link #byTime()} spaced by the {@code orderBy} values ({@code method='time'}). {@link #extendArea()}
 *       is {@code limit_area=None} with the default {@code limit_direction='forward'}: trailing missing values
 *       take the last present value as well, leading ones stay missing.</li>
 *   <li>{@code MEAN}, {@code MEDIAN} = {@code fillna(df.groupby(groupBy)[column].transform('mean'|'median'))}:
 *       over the present values of the group (median of an even count is the mean of the middle two); a group
 *       without any present value stays missing.</li>
 * </ul>
 * Integer columns round filled values half-even; exact decimals round half-even to their scale.
 * Without {@code orderBy} the order is the source order. {@code QUARANTINE}, {@code CONSTANT}, {@code ZERO}
 * and {@code LEAVE} work row by row and stream; the other strategies buffer the input until its end.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "missing:<column>"}
 * @param column the column
 * @param strategy what to do
 * @param value the constant of {@code CONSTANT} ({@code BigDecimal}, {@code String} or {@code Boolean}), else null
 * @param groupBy the group columns of the group strategies; empty = one group
 * @param orderBy the ordering column of forward fill and interpolation, or null for source order
 * @param limit the most consecutive values forward fill fills, 0 = no limit
 * @param insideOnly for interpolation: only interior gaps ({@code limit_area='inside'}, the default)
 * @param timeWeighted for interpolation: space points by the {@code orderBy} value instead of by position
 */
public record MissingValueRule(String id, String column, Strategy strategy, @Nullable Object value,
        List<String> groupBy, @Nullable String orderBy, int limit, boolean insideOnly, boolean timeWeighted)
        implements Rule {

    /** The treatment of a missing value. */
    public enum Strategy {
        /** Remove the row to the quarantine. */
        QUARANTINE,
        /** Fill a constant. */
        CONSTANT,
        /** Fill zero (numbers) or false (booleans). */
        ZERO,
        /** Fill the last present value of the group (pandas {@code ffill}). */
        FORWARD_FILL,
        /** Fill by linear interpolation within the group (pandas {@code interpolate}). */
        INTERPOLATE,
        /** Fill the mean of the group. */
        MEAN,
        /** Fill the median of the group. */
        MEDIAN,
        /** Leave the value missing; it is only counted. */
        LEAVE
    }

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "missing:<column>"}
     * @param column the column
     * @param strategy what to do
     * @param value the constant of {@code CONSTANT} ({@code BigDecimal}, {@code String} or {@code Boolean}), else null
     * @param groupBy the group columns of the group strategies; empty = one group
     * @param orderBy the ordering column of forward fill and interpolation, or null for source order
     * @param limit the most consecutive values forward fill fills, 0 = no limit
     * @param insideOnly for interpolation: only interior gaps ({@code limit_area='inside'}, the default)
     * @param timeWeighted for interpolation: space points by the {@code orderBy} value instead of by position
     * @throws NullPointerException if column, strategy or groupBy is null
     * @throws IllegalArgumentException if an option does not fit the strategy
     */
    public MissingValueRule {
        Args.column("column", column);
        Objects.requireNonNull(strategy, "strategy");
        groupBy = Args.columns("groupBy", groupBy);
        if (strategy == Strategy.CONSTANT) {
            value = normalizeConstant(value);
        } else if (value != null) {
            throw new IllegalArgumentException("value must be null for strategy " + strategy + ", but was " + value);
        }
        boolean grouped = strategy == Strategy.FORWARD_FILL || strategy == Strategy.INTERPOLATE
                || strategy == Strategy.MEAN || strategy == Strategy.MEDIAN;
        if (!grouped && !groupBy.isEmpty()) {
            throw new IllegalArgumentException("groupBy must be empty for strategy " + strategy + ", but was "
                    + groupBy);
        }
        boolean ordered = strategy == Strategy.FORWARD_FILL || strategy == Strategy.INTERPOLATE;
        if (orderBy != null) {
            Args.column("orderBy", orderBy);
            if (!ordered) {
                throw new IllegalArgumentException("orderBy is only for FORWARD_FILL and INTERPOLATE, but was '"
                        + orderBy + "' for " + strategy);
            }
        }
        if (limit < 0 || (limit > 0 && strategy != Strategy.FORWARD_FILL)) {
            throw new IllegalArgumentException("limit must be >= 0 and only set for FORWARD_FILL, but was " + limit
                    + " for " + strategy);
        }
        if (strategy != Strategy.INTERPOLATE && (!insideOnly || timeWeighted)) {
            throw new IllegalArgumentException("extendArea and byTime are only for INTERPOLATE, not " + strategy);
        }
        if (timeWeighted && orderBy == null) {
            throw new IllegalArgumentException("byTime needs orderBy, but orderBy was not set");
        }
        id = id == null ? "missing:" + column : Args.id(id);
    }

    private static @Nullable Object normalizeConstant(@Nullable Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("value must be a finite number, but was " + value);
            }
            return normalizeConstant(new BigDecimal(value.toString()));
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("value must be a Number, String or Boolean, but was "
                + value.getClass().getSimpleName() + " " + value);
    }

    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    private static MissingValueRule of(String column, Strategy strategy, @Nullable Object value) {
        return new MissingValueRule(null, column, strategy, value, List.of(), null, 0, true, false);
    }

    /**
     * Missing values quarantine their row.
     *
     * @param column the column
     * @return the rule
     */
    public static MissingValueRule quarantine(String column) {
        return of(column, Strategy.QUARANTINE, null);
    }

    /**
     * Missing values become a constant. Numbers are given as any {@code Number}, text as {@code String}
     * (for TIMESTAMP and DATE columns an ISO-8601 instant or date), booleans as {@code Boolean}.
     *
     * @param column the column
     * @param value the constant
     * @return the rule
     */
    public static MissingValueRule constant(String column, Object value) {
        return of(column, Strategy.CONSTANT, value);
    }

    /**
     * Missing numbers become zero (booleans false).
     *
     * @param column the column
     * @return the rule
     */
    public static MissingValueRule zero(String column) {
        return of(column, Strategy.ZERO, null);
    }

    /**
     * Missing values take the last present value of their group (pandas {@code ffill}).
     *
     * @param column the column
     * @return the rule
     */
    public static MissingValueRule forwardFill(String column) {
        return of(column, Strategy.FORWARD_FILL, null);
    }

    /**
     * Interior gaps are filled by linear interpolation within their group.
     *
     * @param column a numeric column
     * @return the rule
     */
    public static MissingValueRule interpolate(String column) {
        return of(column, Strategy.INTERPOLATE, null);
    }

    /**
     * Missing values take the mean of their group.
     *
     * @param column a numeric column
     * @return the rule
     */
    public static MissingValueRule mean(String column) {
        return of(column, Strategy.MEAN, null);
    }

    /**
     * Missing values take the median of their group.
     *
     * @param column a numeric column
     * @return the rule
     */
    public static MissingValueRule median(String column) {
        return of(column, Strategy.MEDIAN, null);
    }

    /**
     * Missing values are left missing and counted.
     *
     * @param column the column
     * @return the rule
     */
    public static MissingValueRule leave(String column) {
        return of(column, Strategy.LEAVE, null);
    }

    /**
     * This rule computed per group of rows with equal values in the given columns.
     *
     * @param first the first group column
     * @param more further group columns
     * @return a new rule
     * @throws IllegalStateException if the groups were already set
     */
    public MissingValueRule groupBy(String first, String... more) {
        List<String> g = Args.groupBy(groupBy, first, more);
        return new MissingValueRule(id, column, strategy, value, g, orderBy, limit, insideOnly, timeWeighted);
    }

    /**
     * This rule ordering each group by a column (ties keep source order).
     *
     * @param column the ordering column, usually a timestamp
     * @return a new rule
     * @throws IllegalStateException if the order was already set
     */
    public MissingValueRule orderBy(String column) {
        Args.once("orderBy", orderBy, column);
        return new MissingValueRule(id, this.column, strategy, value, groupBy, column, limit, insideOnly,
                timeWeighted);
    }

    /**
     * This forward fill filling at most {@code n} consecutive missing values.
     *
     * @param n at least 1
     * @return a new rule
     */
    public MissingValueRule limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be >= 1, but was " + n);
        }
        return new MissingValueRule(id, column, strategy, value, groupBy, orderBy, n, insideOnly, timeWeighted);
    }

    /**
     * This interpolation also filling trailing gaps with the last value (pandas {@code limit_area=None}).
     *
     * @return a new rule
     */
    public MissingValueRule extendArea() {
        return new MissingValueRule(id, column, strategy, value, groupBy, orderBy, limit, false, timeWeighted);
    }

    /**
     * This interpolation spacing points by the {@code orderBy} values (pandas {@code method='time'}).
     *
     * @return a new rule
     */
    public MissingValueRule byTime() {
        return new MissingValueRule(id, column, strategy, value, groupBy, orderBy, limit, insideOnly, true);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public MissingValueRule withId(String newId) {
        return new MissingValueRule(Args.id(newId), column, strategy, value, groupBy, orderBy, limit, insideOnly,
                timeWeighted);
    }

    /**
     * Whether this strategy needs the rows of a whole group and therefore buffers the input.
     *
     * @return true for forward fill, interpolation, mean and median
     */
    public boolean isGrouped() {
        return strategy == Strategy.FORWARD_FILL || strategy == Strategy.INTERPOLATE || strategy == Strategy.MEAN
                || strategy == Strategy.MEDIAN;
    }

    @Override
    public Dimension dimension() {
        return Dimension.COMPLETENESS;
    }

    @Override
    public List<String> columns() {
        return Args.union(column, groupBy, orderBy);
    }
}
