package io.kpiengine.core.metric;

import io.kpiengine.core.time.Grain;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reference from a {@link Derived} formula to another metric: the metric's value in the current period, or
 * through a reference function at an offset or over a window.
 *
 * <table>
 *   <caption>Reference functions</caption>
 *   <tr><th>formula text</th><th>kind</th><th>meaning</th></tr>
 *   <tr><td>{@code revenue}</td><td>CURRENT</td><td>the value in the current period</td></tr>
 *   <tr><td>{@code lag(revenue, 12)}</td><td>LAG</td><td>the value n &gt;= 1 periods earlier</td></tr>
 *   <tr><td>{@code last_year(revenue)}</td><td>LAST_YEAR</td><td>the value in the same period one year
 *       earlier ({@link io.kpiengine.core.time.Period#plusYears(long)})</td></tr>
 *   <tr><td>{@code to_date(revenue, month)}</td><td>TO_DATE</td><td>the aggregate from the start of the
 *       enclosing period of a coarser grain up to and including the current period (month-to-date at day
 *       grain)</td></tr>
 *   <tr><td>{@code trailing(revenue, 7)}</td><td>TRAILING</td><td>the aggregate over the n &gt;= 1 periods ending
 *       with the current one</td></tr>
 * </table>
 *
 * <p>Windows (TO_DATE, TRAILING) merge the aggregation states of the periods they cover and then finish them, so
 * a windowed ratio is the ratio of the windowed sums, never an average of ratios; a windowed distinct count
 * counts distinct values over the whole window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the kind of reference
 * @param metric the referenced metric's id
 * @param periods n for LAG and TRAILING, 0 otherwise
 * @param grain the enclosing grain for TO_DATE, null otherwise
 */
public record MetricReference(Kind kind, String metric, int periods, @Nullable Grain grain) {

    /** The largest n of {@code lag} and {@code trailing}. */
    public static final int MAX_PERIODS = 10_000;

    /** The kind of a reference. */
    public enum Kind {
        /** The value in the current period. */
        CURRENT,
        /** {@code lag(m, n)}: the value n periods earlier. */
        LAG,
        /** {@code last_year(m)}: the value in the same period one year earlier. */
        LAST_YEAR,
        /** {@code to_date(m, grain)}: period-to-date within the enclosing coarser grain. */
        TO_DATE,
        /** {@code trailing(m, n)}: the window of the trailing n periods including the current one. */
        TRAILING;

        /**
         * The reference function's name in formulas, or null for CURRENT.
         *
         * @return e.g. {@code "last_year"}; null for CURRENT
         */
        public @Nullable String function() {
            return this == CURRENT ? null : name().toLowerCase(Locale.ROOT);
        }

        /**
         * The kind of a reference function name.
         *
         * @param function e.g. {@code "lag"}, case-insensitive
         * @return the kind, or empty if no reference function has that name
         */
        public static Optional<Kind> ofFunction(String function) {
            for (Kind k : values()) {
                if (k != CURRENT && function.equalsIgnoreCase(k.function())) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Validates the reference.
     *
     * @param kind the kind of reference
     * @param metric the referenced metric's id
     * @param periods n for LAG and TRAILING, 0 otherwise
     * @param grain the enclosing grain for TO_DATE, null otherwise
     * @throws NullPointerException if kind or metric is null, or grain is null for TO_DATE
     * @throws IllegalArgumentException if periods is outside 1..10,000 for LAG and TRAILING or not 0 otherwise,
     *     or a grain is given for another kind than TO_DATE
     */
    public MetricReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metric, "metric");
        boolean counted = kind == Kind.LAG || kind == Kind.TRAILING;
        if (counted && (periods < 1 || periods > MAX_PERIODS)) {
            throw new IllegalArgumentException("periods of " + kind.function() + "(" + metric + ", n) must be 1.."
                    + MAX_PERIODS + ", but was " + periods);
        }
        if (!counted && periods != 0) {
            throw new IllegalArgumentException("periods must be 0 for a " + kind + " reference, but was "
                    + periods);
        }
        if (kind == Kind.TO_DATE) {
            Objects.requireNonNull(grain, "grain");
        } else if (grain != null) {
            throw new IllegalArgumentException("grain must be null for a " + kind + " reference, but was "
                    + grain.id());
        }
    }

    /**
     * The value in the current period.
     *
     * @param metric the metric id
     * @return the reference
     */
    public static MetricReference current(String metric) {
        return new MetricReference(Kind.CURRENT, metric, 0, null);
    }

    /**
     * The canonical formula text of the reference, which is also the name of its variable slot in the compiled
     * formula: {@code revenue}, {@code lag(revenue,12)}, {@code last_year(revenue)},
     * {@code to_date(revenue,month)}, {@code trailing(revenue,7)}.
     *
     * @return the slot name
     */
    public String slot() {
        switch (kind) {
            case CURRENT:
                return metric;
            case LAST_YEAR:
                return "last_year(" + metric + ")";
            case TO_DATE:
                return "to_date(" + metric + "," + Objects.requireNonNull(grain, "grain").id() + ")";
            default:
                return kind.function() + "(" + metric + "," + periods + ")";
        }
    }

    @Override
    public String toString() {
        return slot();
    }
}
