package io.kpiengine.core.analyze;

import io.kpiengine.analysis.LaggedRegression;
import io.kpiengine.analysis.LeadLag;
import io.kpiengine.analysis.LeadLagAnalysis;
import io.kpiengine.analysis.Prewhitening;
import io.kpiengine.core.KpiResults;
import java.util.Map;
import java.util.Objects;

/**
 * Does one metric of a result table move before another? A {@link LeadLag} analysis of two metrics' series
 * (cross-correlation, Granger tests, lead time, lagged regression, early warning), each in a segment, over the
 * table's periods.
 *
 * <pre>{@code
 * LeadLagAnalysis a = results.leadLag("visitors", "revenue")
 *         .leadingSegment(Map.of("channel", "email"))       // visitors by channel; revenue has no dimensions
 *         .maxLag(8)
 *         .run();
 * a.lead();                                                  // OptionalInt[2]: two periods ahead
 * a.earlyWarning("week").map(EarlyWarning::sentence).ifPresent(System.out::println);
 * }</pre>
 *
 * <p>The options not set keep {@link LeadLag}'s defaults (lags up to 12, Granger orders up to 4, unadjusted ccf,
 * no pre-whitening, 95 %, the regression on percent changes). Missing periods: {@code ERROR} (default) or
 * {@code INTERPOLATE}; {@code DROP} would shift the lags and is refused. See {@link SeriesQuery} for the range
 * options. Not thread-safe; the result is immutable.
 */
public final class LeadLagQuery extends SeriesQuery<LeadLagQuery> {

    private static final String STATISTIC = "lead/lag";

    private final String leading;
    private final String lagging;
    private Map<String, String> leadingSegment;
    private Map<String, String> laggingSegment;
    private Integer maxLag;
    private Integer maxOrder;
    private Boolean adjusted;
    private Prewhitening prewhitening;
    private Double confidence;
    private LaggedRegression.Scale scale;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    private LeadLagQuery(KpiResults results, String leading, String lagging) {
        super(results);
        this.leading = Objects.requireNonNull(leading, "leading");
        this.lagging = Objects.requireNonNull(lagging, "lagging");
    }

    /**
     * Starts a lead/lag analysis of two metrics of a table; {@code results.leadLag(leading, lagging)} is the same.
     *
     * <pre>{@code
     * LeadLagQuery q = LeadLagQuery.of(results, "signups", "revenue");
     * }</pre>
     *
     * @param results the result table
     * @param leading the metric expected to move first
     * @param lagging the metric expected to follow
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the table has no such metric
     */
    public static LeadLagQuery of(KpiResults results, String leading, String lagging) {
        LeadLagQuery q = new LeadLagQuery(results, leading, lagging);
        MetricSeries.requireMetric(results, leading);
        MetricSeries.requireMetric(results, lagging);
        return q;
    }

    /**
     * Sets the segment of both metrics (when they have the same dimensions).
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").segment(Map.of("channel", "email")).run();
     * }</pre>
     *
     * @param segment every dimension with its value
     * @return this query
     * @throws NullPointerException if {@code segment} is null
     * @throws IllegalStateException if a segment was already set
     */
    public LeadLagQuery segment(Map<String, String> segment) {
        Objects.requireNonNull(segment, "segment");
        leadingSegment(segment);
        return laggingSegment(segment);
    }

    /**
     * Sets the segment of the leading metric.
     *
     * <pre>{@code
     * results.leadLag("visitors", "revenue").leadingSegment(Map.of("channel", "email")).run();
     * }</pre>
     *
     * @param segment every dimension of the leading metric with its value
     * @return this query
     * @throws NullPointerException if {@code segment} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery leadingSegment(Map<String, String> segment) {
        leadingSegment = once(leadingSegment, MetricSeries.copy(segment), "leadingSegment");
        return this;
    }

    /**
     * Sets the segment of the lagging metric.
     *
     * <pre>{@code
     * results.leadLag("visitors", "revenue").laggingSegment(Map.of("region", "north")).run();
     * }</pre>
     *
     * @param segment every dimension of the lagging metric with its value
     * @return this query
     * @throws NullPointerException if {@code segment} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery laggingSegment(Map<String, String> segment) {
        laggingSegment = once(laggingSegment, MetricSeries.copy(segment), "laggingSegment");
        return this;
    }

    /**
     * Sets the largest lag of the cross-correlation; see {@link LeadLag#maxLag(int)}.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").maxLag(12).run();
     * }</pre>
     *
     * @param lags the largest lag, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code lags < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery maxLag(int lags) {
        maxLag = once(maxLag, atLeastOne(lags, "maxLag"), "maxLag");
        return this;
    }

    /**
     * Sets the largest Granger lag order; see {@link LeadLag#maxOrder(int)}.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").maxOrder(2).run();
     * }</pre>
     *
     * @param order the largest order, at least 1
     * @return this query
     * @throws IllegalArgumentException if {@code order < 1}
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery maxOrder(int order) {
        maxOrder = once(maxOrder, atLeastOne(order, "maxOrder"), "maxOrder");
        return this;
    }

    /**
     * Sets whether the cross-correlation divides lag {@code k} by {@code n - |k|}; see {@link LeadLag#adjusted}.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").adjusted(true).run();
     * }</pre>
     *
     * @param adjust true for statsmodels' {@code adjusted=True}
     * @return this query
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery adjusted(boolean adjust) {
        adjusted = once(adjusted, adjust, "adjusted");
        return this;
    }

    /**
     * Sets the pre-whitening of the cross-correlation; see {@link Prewhitening}.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").prewhitening(Prewhitening.difference()).run();
     * }</pre>
     *
     * @param filter the pre-whitening
     * @return this query
     * @throws NullPointerException if {@code filter} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery prewhitening(Prewhitening filter) {
        prewhitening = once(prewhitening, Objects.requireNonNull(filter, "filter"), "prewhitening");
        return this;
    }

    /**
     * Sets the confidence level of the significance band and the regression's intervals.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").confidence(0.9).run();
     * }</pre>
     *
     * @param level the level, in (0, 1)
     * @return this query
     * @throws IllegalArgumentException if {@code level} is not in (0, 1)
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery confidence(double level) {
        confidence = once(confidence, SeriesQuery.fraction(level, "confidence"), "confidence");
        return this;
    }

    /**
     * Sets the scale of the lagged regression behind forecasts and early warnings.
     *
     * <pre>{@code
     * results.leadLag("signups", "revenue").regressionScale(LaggedRegression.Scale.LEVELS).run();
     * }</pre>
     *
     * @param regressionScale levels or percent changes
     * @return this query
     * @throws NullPointerException if {@code regressionScale} is null
     * @throws IllegalStateException if it was already set
     */
    public LeadLagQuery regressionScale(LaggedRegression.Scale regressionScale) {
        scale = once(scale, Objects.requireNonNull(regressionScale, "regressionScale"), "regressionScale");
        return this;
    }

    /**
     * Runs the analysis on the two series.
     *
     * @return the analysis; its series are named by {@link MetricSeries#label()}
     * @throws IllegalArgumentException if a metric has no such segment (or needs one), or the missing policy is
     *     {@code DROP}
     * @throws MissingValueException if a period has no value under {@code MissingPolicy.ERROR}
     * @throws io.kpiengine.analysis.AnalysisException if the series are too short for the lags asked
     */
    public LeadLagAnalysis run() {
        MetricSeries.Axis axis = axis();
        MetricSeries x = series(leading, leadingSegment == null ? Map.of() : leadingSegment, axis, STATISTIC);
        MetricSeries y = series(lagging, laggingSegment == null ? Map.of() : laggingSegment, axis, STATISTIC);
        LeadLag analysis = LeadLag.of(x.series(), y.series()).missing(missingPolicy());
        if (maxLag != null) {
            analysis.maxLag(maxLag);
        }
        if (maxOrder != null) {
            analysis.maxOrder(maxOrder);
        }
        if (adjusted != null) {
            analysis.adjusted(adjusted);
        }
        if (prewhitening != null) {
            analysis.prewhitening(prewhitening);
        }
        if (confidence != null) {
            analysis.confidence(confidence);
        }
        if (scale != null) {
            analysis.regressionScale(scale);
        }
        return analysis.run();
    }

    static int atLeastOne(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, but was " + value);
        }
        return value;
    }
}
