package io.kpiengine.core.analyze;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.time.Period;
import java.util.Map;
import java.util.Objects;

/**
 * The options every analysis of series from a result table shares: the range of periods, whether a partial period
 * counts, and the policy for periods without a value. Each option can be set once.
 *
 * <pre>{@code
 * results.trend("revenue")
 *         .from(calendar.parse("2024-01")).to(calendar.parse("2025-06"))
 *         .missing(MissingPolicy.INTERPOLATE)
 *         .run();
 * }</pre>
 *
 * <p>Defaults: every period of the table, complete periods only, {@link MissingPolicy#ERROR} (a period without a
 * value is a {@link MissingValueException} naming it and its reason). Queries are mutable and not thread-safe;
 * running one leaves it reusable, and the results are immutable.
 *
 * @param <Q> the concrete query, returned by every option for chaining
 */
public abstract sealed class SeriesQuery<Q extends SeriesQuery<Q>>
        permits MetricQuery, LeadLagQuery, ScanQuery, ImprovementQuery {

    final KpiResults results;
    private Period from;
    private Period to;
    private MissingPolicy missing;
    private Boolean partial;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    SeriesQuery(KpiResults results) {
        this.results = Objects.requireNonNull(results, "results");
    }

    /**
     * Starts the series at a period: periods that start before it are left out.
     *
     * @param first the first period
     * @return this query
     * @throws NullPointerException if {@code first} is null
     * @throws IllegalStateException if it was already set
     */
    public Q from(Period first) {
        from = once(from, Objects.requireNonNull(first, "first"), "from");
        return self();
    }

    /**
     * Ends the series at a period: periods that end after it are left out.
     *
     * @param last the last period
     * @return this query
     * @throws NullPointerException if {@code last} is null
     * @throws IllegalStateException if it was already set
     */
    public Q to(Period last) {
        to = once(to, Objects.requireNonNull(last, "last"), "to");
        return self();
    }

    /**
     * Sets what the statistics do with periods where a cell has no value; see {@link MissingPolicy} and, for which
     * statistic accepts which policy, docs/analysis.md.
     *
     * @param policy the policy
     * @return this query
     * @throws NullPointerException if {@code policy} is null
     * @throws IllegalStateException if it was already set
     */
    public Q missing(MissingPolicy policy) {
        missing = once(missing, Objects.requireNonNull(policy, "policy"), "missing");
        return self();
    }

    /**
     * Sets whether a partial period (the one that holds the engine's "now") is a point of the series. Off by
     * default: its numbers are still growing, and its fall would read as a real one.
     *
     * @param include true to include it
     * @return this query
     * @throws IllegalStateException if it was already set
     */
    public Q partialPeriods(boolean include) {
        partial = once(partial, include, "partialPeriods");
        return self();
    }

    /** The policy, {@link MissingPolicy#ERROR} by default. */
    final MissingPolicy missingPolicy() {
        return missing == null ? MissingPolicy.ERROR : missing;
    }

    /** The periods the series of this query are laid over. */
    final MetricSeries.Axis axis() {
        if (from != null && to != null && to.end().isBefore(from.end())) {
            throw new IllegalArgumentException("to must not end before from, but from was " + from + " and to " + to);
        }
        return MetricSeries.Axis.of(results, from, to, partial != null && partial);
    }

    /** A series of this query, checked against the missing policy. */
    final MetricSeries series(String metric, Map<String, String> segment, MetricSeries.Axis axis, String statistic) {
        return MetricSeries.of(results, metric, segment, axis).require(missingPolicy(), statistic);
    }

    @SuppressWarnings("unchecked")
    final Q self() {
        return (Q) this;
    }

    /** Checks a level or rate in (0, 1). */
    static double fraction(double value, String option) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must be in (0, 1), but was " + value);
        }
        return value;
    }

    /** Sets a single-valued option: fails if it was already set, naming the value it has. */
    static <T> T once(T current, T value, String option) {
        if (current != null) {
            throw new IllegalStateException(option + " was already set to " + current + ", cannot set it to " + value);
        }
        return value;
    }
}
