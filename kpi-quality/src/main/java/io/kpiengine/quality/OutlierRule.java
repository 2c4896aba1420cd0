package io.kpiengine.quality;

import io.kpiengine.quality.internal.Args;
import java.util.List;
import java.util.Objects;

/**
 * Finds outliers in a numeric column by a fence computed from the column's present values (per group when
 * {@link #groupBy()} is set) after duplicates are removed and missing values are filled, and flags (the
 * default), quarantines or winsorizes them.
 *
 * <pre>{@code
 * OutlierRule z = OutlierRule.zScore("revenue");                        // |x - mean| > 3 sd
 * OutlierRule iqr = OutlierRule.iqr("revenue").k(3).action(OutlierRule.Action.WINSORIZE);
 * }</pre>
 *
 * <p><b>Definitions</b>, over the n present values of a group:
 * <ul>
 *   <li>{@code Z_SCORE}: outside {@code mean +- k * sd}, sd the <em>sample</em> standard deviation (n - 1,
 *       pandas {@code Series.std()} with {@code ddof=1}); default k = 3.</li>
 *   <li>{@code ROBUST}: outside {@code median +- k * 1.482602218505602 * MAD}, MAD the median absolute deviation
 *       from the median (scipy {@code median_abs_deviation(scale='normal')}); default k = 3.5.</li>
 *   <li>{@code IQR}: outside {@code [Q1 - k * IQR, Q3 + k * IQR]}, quartiles by linear interpolation
 *       between order statistics (pandas {@code Series.quantile} default, numpy {@code method='linear'}:
 *       position {@code (n - 1) q}); default k = 1.5.</li>
 * </ul>
 * A group with fewer than 3 present values, or whose spread (sd, MAD or IQR) is zero, has no outliers. Values on
 * a fence are not outliers. Winsorizing replaces an outlier by the fence it crossed (rounded towards the inside
 * for integers and exact decimals). Every variant buffers the input until its end: the fences need every value.
 *
 * <p>Immutable and thread-safe; the {@code with}-style methods return new rules.
 *
 * @param id the rule id; default {@code "outliers:<column>"}
 * @param column an INTEGER or DECIMAL column
 * @param method how the fence is computed
 * @param k the fence width
 * @param action what happens to an outlier
 * @param groupBy group columns; empty = the whole column
 */
public record OutlierRule(String id, String column, Method method, double k, Action action, List<String> groupBy)
        implements Rule {

    /** How the fence is computed. */
    public enum Method {
        /** Mean and sample standard deviation. */
        Z_SCORE,
        /** Median and scaled median absolute deviation. */
        ROBUST,
        /** Quartiles and interquartile range. */
        IQR
    }

    /** What happens to an outlier. */
    public enum Action {
        /** Keep the row and record the finding (the default). */
        FLAG,
        /** Quarantine the row. */
        QUARANTINE,
        /** Replace the value by the fence it crossed. */
        WINSORIZE
    }

    /**
     * Validates the components.
     *
     * @param id the rule id; default {@code "outliers:<column>"}
     * @param column an INTEGER or DECIMAL column
     * @param method how the fence is computed
     * @param k the fence width
     * @param action what happens to an outlier
     * @param groupBy group columns; empty = the whole column
     * @throws NullPointerException if a component other than id is null
     * @throws IllegalArgumentException if k is not a positive finite number
     */
    public OutlierRule {
        Args.column("column", column);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(action, "action");
        groupBy = Args.columns("groupBy", groupBy);
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be a positive finite number, but was " + k);
        }
        id = id == null ? "outliers:" + column : Args.id(id);
    }

    /**
     * Outliers by z-score, k = 3, flagged.
     *
     * @param column the column
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static OutlierRule zScore(String column) {
        return new OutlierRule(null, column, Method.Z_SCORE, 3, Action.FLAG, List.of());
    }

    /**
     * Outliers by median and MAD, k = 3.5, flagged.
     *
     * @param column the column
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static OutlierRule robust(String column) {
        return new OutlierRule(null, column, Method.ROBUST, 3.5, Action.FLAG, List.of());
    }

    /**
     * Outliers by Tukey's IQR fences, k = 1.5, flagged.
     *
     * @param column the column
     * @return the rule
     */
    @SuppressWarnings("NullAway") // a null id stands for the default id, which the constructor sets
    public static OutlierRule iqr(String column) {
        return new OutlierRule(null, column, Method.IQR, 1.5, Action.FLAG, List.of());
    }

    /**
     * This rule with another fence width.
     *
     * @param width a positive number
     * @return a new rule
     */
    public OutlierRule k(double width) {
        return new OutlierRule(id, column, method, width, action, groupBy);
    }

    /**
     * This rule treating outliers another way.
     *
     * @param what the action
     * @return a new rule
     */
    public OutlierRule action(Action what) {
        return new OutlierRule(id, column, method, k, what, groupBy);
    }

    /**
     * This rule computing fences per group.
     *
     * @param first the first group column
     * @param more further group columns
     * @return a new rule
     * @throws IllegalStateException if groups were already set
     */
    public OutlierRule groupBy(String first, String... more) {
        List<String> g = Args.groupBy(groupBy, first, more);
        return new OutlierRule(id, column, method, k, action, g);
    }

    /**
     * This rule with another id.
     *
     * @param newId the id
     * @return a new rule
     */
    public OutlierRule withId(String newId) {
        return new OutlierRule(Args.id(newId), column, method, k, action, groupBy);
    }

    @Override
    public Dimension dimension() {
        return Dimension.VALIDITY;
    }

    @Override
    public List<String> columns() {
        return Args.union(column, groupBy);
    }
}
