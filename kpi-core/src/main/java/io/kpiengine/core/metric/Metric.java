package io.kpiengine.core.metric;

import java.util.List;

/**
 * A metric definition: a {@link Measure} aggregated from a column, a {@link Ratio} of two metrics, or a
 * {@link Derived} formula over other metrics; each with an id, {@link MetricMetadata}, the dimensions it is
 * grouped by and an explicit {@link EmptyPolicy}.
 *
 * <pre>{@code
 * Measure visitors = Metric.measure("visitors").source("events").sum("visitors")
 *         .dimensions("channel").unit("count").build();
 * Ratio rate = Metric.ratio("conversion_rate").numerator("conversions").denominator("visitors")
 *         .scale(100).unit("percent").build();
 * Derived growth = Metric.derived("revenue_growth")
 *         .formula("(revenue - lag(revenue, 1)) / lag(revenue, 1) * 100").unit("percent").build();
 * }</pre>
 *
 * <p>A metric alone is only checked for itself; references to other metrics, sources and columns are checked
 * when a catalog is built. Implementations are immutable and thread-safe.
 */
public sealed interface Metric permits Measure, Ratio, Derived {

    /**
     * The id: a letter or underscore, then letters, digits or underscores, at most 64 characters, not a formula
     * keyword or function name. Formulas refer to the metric by it.
     *
     * @return the id
     */
    String id();

    /**
     * The descriptive and governance metadata.
     *
     * @return the metadata
     */
    MetricMetadata metadata();

    /**
     * The columns the metric is grouped by, as declared. A measure always has a list (empty: one total per
     * period). A ratio or derived metric without a declaration is grouped by the dimensions its inputs share
     * (see the catalog's resolved dimensions); with one, each dimension must be a dimension of every input, and
     * the inputs' states are rolled up to it.
     *
     * <pre>{@code
     * List<String> byWhat = metric.declaresDimensions() ? metric.dimensions() : catalog.dimensionsOf(metric.id());
     * }</pre>
     *
     * @return the declared dimensions; empty when the metric declares none (then see
     *     {@link #declaresDimensions()}: a total, or the dimensions its inputs share)
     */
    List<String> dimensions();

    /**
     * Whether the metric declares its dimensions. A measure always does; a ratio or derived metric that does not
     * is grouped by the dimensions its inputs share.
     *
     * @return true when {@link #dimensions()} is a declaration
     */
    boolean declaresDimensions();

    /**
     * The dimensions an evaluation's grouping sets may slice the metric by, beyond its own {@link #dimensions()}. A
     * measure always has a list (empty: it is not sliced). A ratio or derived metric without a declaration may be
     * sliced by every dimension that all its inputs are grouped or may be sliced by (see the catalog's resolved
     * {@code sliceByOf}); with one, each must be such a dimension.
     *
     * <pre>{@code
     * List<String> slices = metric.declaresSliceBy() ? metric.sliceBy() : catalog.sliceByOf(metric.id());
     * }</pre>
     *
     * @return the declared dimensions; empty when the metric declares none (then see {@link #declaresSliceBy()}:
     *     not sliced, or sliced by what its inputs share)
     */
    List<String> sliceBy();

    /**
     * Whether the metric declares the dimensions it may be sliced by. A measure always does; a ratio or derived
     * metric that does not may be sliced by every dimension all its inputs reach.
     *
     * @return true when {@link #sliceBy()} is a declaration
     */
    boolean declaresSliceBy();

    /**
     * What the metric yields for a period or segment without input.
     *
     * @return the policy
     */
    EmptyPolicy onEmpty();

    /**
     * The ids of the metrics this one is computed from, in order of first use.
     *
     * @return an immutable list: empty for a measure, numerator and denominator for a ratio, the referenced
     *     metrics of a formula
     */
    List<String> inputs();

    /**
     * Starts a measure.
     *
     * <pre>{@code
     * Measure visitors = Metric.measure("visitors").sum("visitors").dimensions("channel").build();
     * }</pre>
     *
     * @param id the metric id
     * @return a new builder
     * @throws NullPointerException if id is null
     * @throws IllegalArgumentException if id is not a valid metric id
     */
    static Measure.Builder measure(String id) {
        return new Measure.Builder(id);
    }

    /**
     * Starts a ratio.
     *
     * <pre>{@code
     * Ratio rate = Metric.ratio("conversion_rate").numerator("conversions").denominator("visitors").scale(100).build();
     * }</pre>
     *
     * @param id the metric id
     * @return a new builder
     * @throws NullPointerException if id is null
     * @throws IllegalArgumentException if id is not a valid metric id
     */
    static Ratio.Builder ratio(String id) {
        return new Ratio.Builder(id);
    }

    /**
     * Starts a derived metric.
     *
     * <pre>{@code
     * Derived growth = Metric.derived("revenue_growth").formula("revenue / lag(revenue, 1) - 1").build();
     * }</pre>
     *
     * @param id the metric id
     * @return a new builder
     * @throws NullPointerException if id is null
     * @throws IllegalArgumentException if id is not a valid metric id
     */
    static Derived.Builder derived(String id) {
        return new Derived.Builder(id);
    }
}
