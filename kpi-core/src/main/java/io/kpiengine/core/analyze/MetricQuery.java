package io.kpiengine.core.analyze;

import io.kpiengine.core.KpiResults;
import java.util.Map;
import java.util.Objects;

/**
 * A query on the series of one metric in one segment: the {@link SeriesQuery} options and the segment.
 *
 * <pre>{@code
 * results.trend("revenue").segment(Map.of("channel", "email")).run();
 * }</pre>
 *
 * @param <Q> the concrete query, returned by every option for chaining
 */
public abstract sealed class MetricQuery<Q extends MetricQuery<Q>> extends SeriesQuery<Q>
        permits TrendQuery, DecompositionQuery {

    final String metric;
    private Map<String, String> segment;

    @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
    MetricQuery(KpiResults results, String metric) {
        super(Objects.requireNonNull(results, "results"));
        this.metric = MetricSeries.requireMetric(results, metric);
    }

    /**
     * Sets the segment of the metric; a metric with dimensions needs one.
     *
     * <pre>{@code
     * results.decompose("revenue").segment(Map.of("region", "north")).run();
     * }</pre>
     *
     * @param values every dimension of the metric with its value
     * @return this query
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalStateException if it was already set
     */
    public Q segment(Map<String, String> values) {
        segment = once(segment, MetricSeries.copy(values), "segment");
        return self();
    }

    /** The series of the metric in its segment, checked against the missing policy. */
    final MetricSeries series(String statistic) {
        return series(metric, segment == null ? Map.of() : segment, axis(), statistic);
    }
}
