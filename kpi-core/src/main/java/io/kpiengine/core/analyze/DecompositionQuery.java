package io.kpiengine.core.analyze;

import io.kpiengine.analysis.Decomposition;
import io.kpiengine.analysis.SeasonalComponents;
import io.kpiengine.analysis.Stl;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.time.Grain;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What part of a metric is seasonal? The classical {@link Decomposition} (statsmodels {@code seasonal_decompose}) or
 * {@link Stl} of one metric's series over the periods of a result table.
 *
 * <pre>{@code
 * SeasonalComponents parts = results.decompose("revenue").period(12).run();   // monthly table, yearly season
 * parts.adjusted();                                                          // seasonally adjusted revenue
 * results.decompose("orders").stl(true).run();                              // robust STL, season from the grain
 * }</pre>
 *
 * <p>The season length defaults to the grain's natural cycle: 24 hours, 7 days, 52 weeks, 12 months, 4 quarters;
 * yearly grains have none and need {@link #period(int)}. The classical decomposition is additive unless
 * {@link #model(Decomposition.Model)} says otherwise. Missing periods: {@code ERROR} (default) or
 * {@code INTERPOLATE}; {@code DROP} would shift the seasonal phase and is refused. Not thread-safe.
 */
public final class DecompositionQuery extends MetricQuery<DecompositionQuery> {

    private static final String STATISTIC = "seasonal decomposition";

    private Integer period;
    private Decomposition.Model model;
    private Boolean robustStl;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    private DecompositionQuery(KpiResults results, String metric) {
        super(results, metric);
    }

    /**
     * Starts a seasonal decomposition of one metric of a table; {@code results.decompose(metric)} is the same.
     *
     * <pre>{@code
     * SeasonalComponents parts = DecompositionQuery.of(results, "revenue").run();
     * }</pre>
     *
     * @param results the result table
     * @param metric the metric id
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric
     */
    public static DecompositionQuery of(KpiResults results, String metric) {
        return new DecompositionQuery(results, metric);
    }

    /**
     * Sets the number of periods in a season.
     *
     * <pre>{@code
     * results.decompose("visitors").period(7).run();    // a daily table, weekly season
     * }</pre>
     *
     * @param length the season length, at least 2
     * @return this query
     * @throws IllegalArgumentException if {@code length < 2}
     * @throws IllegalStateException if it was already set
     */
    public DecompositionQuery period(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("period must be at least 2, but was " + length);
        }
        period = once(period, length, "period");
        return this;
    }

    /**
     * Sets the model of the classical decomposition.
     *
     * <pre>{@code
     * results.decompose("revenue").model(Decomposition.Model.MULTIPLICATIVE).run();
     * }</pre>
     *
     * @param combination additive or multiplicative
     * @return this query
     * @throws NullPointerException if {@code combination} is null
     * @throws IllegalStateException if it was already set, or STL was chosen
     */
    public DecompositionQuery model(Decomposition.Model combination) {
        Objects.requireNonNull(combination, "combination");
        if (robustStl != null) {
            throw new IllegalStateException("model applies to the classical decomposition, but stl(" + robustStl
                    + ") was chosen");
        }
        model = once(model, combination, "model");
        return this;
    }

    /**
     * Chooses STL (statsmodels {@code STL} with its defaults) instead of the classical decomposition.
     *
     * <pre>{@code
     * results.decompose("revenue").stl(true).run();    // robust to outliers
     * }</pre>
     *
     * @param robust true for the robust variant
     * @return this query
     * @throws IllegalStateException if it was already set, or a model of the classical decomposition was set
     */
    public DecompositionQuery stl(boolean robust) {
        if (model != null) {
            throw new IllegalStateException("stl(...) cannot follow model(" + model + "), which applies to the"
                    + " classical decomposition");
        }
        robustStl = once(robustStl, robust, "stl");
        return this;
    }

    /**
     * Runs the decomposition.
     *
     * @return the components: a {@link Decomposition} or an {@link Stl}
     * @throws IllegalArgumentException if the metric has no such segment (or needs one), the missing policy is
     *     {@code DROP}, or the grain has no natural season and no period was set
     * @throws MissingValueException if a period has no value under {@code MissingPolicy.ERROR}
     * @throws io.kpiengine.analysis.AnalysisException if the series is shorter than two seasons, or not positive
     *     under the multiplicative model
     */
    public SeasonalComponents run() {
        MetricSeries s = series(STATISTIC);
        int m;
        if (period != null) {
            m = period;
        } else {
            Grain grain = results.metric(metric).get(0).period().grain();
            OptionalInt natural = seasonLength(grain);
            if (natural.isEmpty()) {
                throw new IllegalArgumentException("period must be set for a " + grain.id() + " table: the grain has"
                        + " no natural season");
            }
            m = natural.getAsInt();
        }
        return robustStl != null ? Stl.of(s.series(), m, robustStl, missingPolicy())
                : Decomposition.of(s.series(), m, model == null ? Decomposition.Model.ADDITIVE : model,
                        missingPolicy());
    }

    /** The natural season of a grain: 24 hours, 7 days, 52 weeks, 12 months, 4 quarters; none for years. */
    static OptionalInt seasonLength(Grain grain) {
        switch (grain) {
            case HOUR:
                return OptionalInt.of(24);
            case DAY:
                return OptionalInt.of(7);
            case WEEK:
                return OptionalInt.of(52);
            case MONTH:
                return OptionalInt.of(12);
            case QUARTER:
            case FISCAL_QUARTER:
                return OptionalInt.of(4);
            default:
                return OptionalInt.empty();
        }
    }
}
