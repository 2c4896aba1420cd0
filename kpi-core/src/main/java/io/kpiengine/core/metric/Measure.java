package io.kpiengine.core.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A metric aggregated from a column of a data source: sum, count, distinct count, average, min, max, median and
 * percentiles, first/last in period, weighted average ({@link Aggregation}), over the rows that pass an optional
 * {@link Filter}, grouped by its dimensions.
 *
 * <pre>{@code
 * Measure emailRevenue = Metric.measure("email_revenue")
 *         .source("events")
 *         .sum("revenue_usd")
 *         .filter("channel = 'email'")
 *         .dimensions("region")
 *         .unit("USD")
 *         .build();
 * Measure orders = Metric.measure("orders").source("events").countDistinct("order_id").build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Measure implements Metric {

    private final String id;
    private final MetricMetadata metadata;
    private final String source;
    private final Aggregation aggregation;
    private final @Nullable String column;
    private final String weightColumn;
    private final double percentile;
    private final Filter filter;
    private final List<String> dimensions;
    private final List<String> sliceBy;
    private final EmptyPolicy onEmpty;

    private Measure(Builder b, MetricMetadata metadata) {
        this.id = b.id;
        this.metadata = metadata;
        this.source = b.source;
        this.aggregation = b.aggregation;
        this.column = b.column;
        this.weightColumn = b.weightColumn;
        this.percentile = b.aggregation == Aggregation.MEDIAN ? 0.5 : b.percentile == null ? Double.NaN
                : b.percentile;
        this.filter = b.filter;
        this.dimensions = b.declaredDimensions() == null ? List.of() : b.declaredDimensions();
        this.sliceBy = b.declaredSliceBy() == null ? List.of() : b.declaredSliceBy();
        this.onEmpty = b.onEmptyOr(b.aggregation.defaultOnEmpty());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MetricMetadata metadata() {
        return metadata;
    }

    /**
     * The name of the data source whose rows are aggregated; when absent, a catalog with exactly one source uses
     * that one.
     *
     * @return the source name, if declared
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The aggregation.
     *
     * @return the aggregation
     */
    public Aggregation aggregation() {
        return aggregation;
    }

    /**
     * The aggregated column; absent only for a COUNT of rows.
     *
     * @return the column name, if any
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /**
     * The weight column of a WEIGHTED_AVERAGE.
     *
     * @return the column name, present exactly for WEIGHTED_AVERAGE
     */
    public Optional<String> weightColumn() {
        return Optional.ofNullable(weightColumn);
    }

    /**
     * The percentile in 0..1 of a PERCENTILE (0.5 for MEDIAN), see {@link Aggregation#PERCENTILE}.
     *
     * @return the fraction, or NaN for other aggregations
     */
    public double percentile() {
        return percentile;
    }

    /**
     * The row filter.
     *
     * @return the filter, if any
     */
    public Optional<Filter> filter() {
        return Optional.ofNullable(filter);
    }

    /**
     * The dimensions, always declared for a measure (empty: one total per period).
     *
     * @return the dimensions
     */
    @Override
    public List<String> dimensions() {
        return dimensions;
    }

    /**
     * Always true: a measure declares its dimensions (none: one total per period).
     *
     * @return true
     */
    @Override
    public boolean declaresDimensions() {
        return true;
    }

    /**
     * The dimensions grouping sets may slice this measure by, always declared for a measure (empty: not sliced).
     *
     * @return the dimensions
     */
    @Override
    public List<String> sliceBy() {
        return sliceBy;
    }

    /**
     * Always true: a measure declares the dimensions it may be sliced by (none: not sliced).
     *
     * @return true
     */
    @Override
    public boolean declaresSliceBy() {
        return true;
    }

    @Override
    public EmptyPolicy onEmpty() {
        return onEmpty;
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    /**
     * The columns of the source this measure reads: value, weight, filter columns, dimensions and sliceBy columns.
     *
     * @return the names, in that order, without duplicates
     */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        if (column != null) {
            out.add(column);
        }
        if (weightColumn != null && !out.contains(weightColumn)) {
            out.add(weightColumn);
        }
        if (filter != null) {
            filter.columns().stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        dimensions.stream().filter(c -> !out.contains(c)).forEach(out::add);
        sliceBy.stream().filter(c -> !out.contains(c)).forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measure m && m.id.equals(id) && m.metadata.equals(metadata)
                && Objects.equals(m.source, source) && m.aggregation == aggregation
                && Objects.equals(m.column, column) && Objects.equals(m.weightColumn, weightColumn)
                && Double.compare(m.percentile, percentile) == 0 && Objects.equals(m.filter, filter)
                && m.dimensions.equals(dimensions) && m.sliceBy.equals(sliceBy) && m.onEmpty == onEmpty;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, aggregation, column, weightColumn, filter, dimensions, sliceBy, onEmpty);
    }

    @Override
    public String toString() {
        String agg = aggregation.id() + "(" + (column == null ? "*" : column)
                + (weightColumn == null ? "" : ", " + weightColumn)
                + (aggregation == Aggregation.PERCENTILE ? ", " + percentile : "") + ")";
        return "measure " + id + " = " + agg + (source == null ? "" : " from " + source)
                + (filter == null ? "" : " where " + filter)
                + (dimensions.isEmpty() ? "" : " by " + dimensions)
                + (sliceBy.isEmpty() ? "" : " sliced by " + sliceBy);
    }

    /**
     * Builds a {@link Measure}: choose the aggregation with one of {@link #sum(String)}, {@link #count()},
     * {@link #countDistinct(String)}, ... (exactly once).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder extends MetricBuilder<Builder, Measure> {

        private String source;
        private Aggregation aggregation;
        private @Nullable String column;
        private String weightColumn;
        private Double percentile;
        private Filter filter;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        Builder(String id) {
            super(id);
        }

        /**
         * Sets the data source.
         *
         * @param name the source name
         * @return this builder
         * @throws IllegalArgumentException if the name is blank
         * @throws IllegalStateException if already set
         */
        public Builder source(String name) {
            this.source = once(this.source, name(name, "source"), "source");
            return this;
        }

        /**
         * Sets the aggregation and its column.
         *
         * @param aggregation the aggregation; for WEIGHTED_AVERAGE use {@link #weightedAverage(String, String)},
         *     for PERCENTILE {@link #percentile(String, double)}
         * @param column the column; may be null only for COUNT (count rows)
         * @return this builder
         * @throws IllegalArgumentException if the column is blank, or null for an aggregation that needs one, or
         *     the aggregation is WEIGHTED_AVERAGE or PERCENTILE
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder aggregate(Aggregation aggregation, String column) {
            Objects.requireNonNull(aggregation, "aggregation");
            if (aggregation == Aggregation.WEIGHTED_AVERAGE || aggregation == Aggregation.PERCENTILE) {
                throw new IllegalArgumentException("aggregation must be set with " + (aggregation
                        == Aggregation.PERCENTILE ? "percentile(column, p)" : "weightedAverage(value, weight)")
                        + ", but was " + aggregation.id() + " through aggregate(...)");
            }
            return choose(aggregation, column);
        }

        private Builder choose(Aggregation aggregation, @Nullable String column) {
            if (column == null && aggregation.needsColumn()) {
                throw new IllegalArgumentException("column of a " + aggregation.id()
                        + " measure must be set, but was null");
            }
            this.aggregation = once(this.aggregation, aggregation, "aggregation");
            this.column = column == null ? null : name(column, "column");
            return this;
        }

        /**
         * Sums a column.
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder sum(String column) {
            return choose(Aggregation.SUM, Objects.requireNonNull(column, "column"));
        }

        /**
         * Counts rows.
         *
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder count() {
            return choose(Aggregation.COUNT, null);
        }

        /**
         * Counts the rows where a column is not missing.
         *
         * @param column any column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder count(String column) {
            return choose(Aggregation.COUNT, Objects.requireNonNull(column, "column"));
        }

        /**
         * Counts the distinct non-missing values of a column, exactly.
         *
         * @param column any column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder countDistinct(String column) {
            return choose(Aggregation.COUNT_DISTINCT, Objects.requireNonNull(column, "column"));
        }

        /**
         * Averages a column.
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder average(String column) {
            return choose(Aggregation.AVERAGE, Objects.requireNonNull(column, "column"));
        }

        /**
         * The smallest value of a column.
         *
         * @param column a numeric, date or timestamp column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder min(String column) {
            return choose(Aggregation.MIN, Objects.requireNonNull(column, "column"));
        }

        /**
         * The largest value of a column.
         *
         * @param column a numeric, date or timestamp column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder max(String column) {
            return choose(Aggregation.MAX, Objects.requireNonNull(column, "column"));
        }

        /**
         * The median of a column.
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder median(String column) {
            return choose(Aggregation.MEDIAN, Objects.requireNonNull(column, "column"));
        }

        /**
         * A continuous percentile of a column, see {@link Aggregation#PERCENTILE}.
         *
         * @param column a numeric column
         * @param p the fraction, 0..1 (0.95 for the 95th percentile)
         * @return this builder
         * @throws IllegalArgumentException if p is outside 0..1
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder percentile(String column, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("percentile must be between 0 and 1 (0.95 for the 95th), but was "
                        + p);
            }
            choose(Aggregation.PERCENTILE, Objects.requireNonNull(column, "column"));
            this.percentile = p;
            return this;
        }

        /**
         * The value of the earliest row in the period.
         *
         * @param column a numeric, date or timestamp column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder first(String column) {
            return choose(Aggregation.FIRST, Objects.requireNonNull(column, "column"));
        }

        /**
         * The value of the latest row in the period.
         *
         * @param column a numeric, date or timestamp column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder last(String column) {
            return choose(Aggregation.LAST, Objects.requireNonNull(column, "column"));
        }

        /**
         * The weighted average {@code sum(value * weight) / sum(weight)}.
         *
         * @param valueColumn a numeric column
         * @param weightColumn a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder weightedAverage(String valueColumn, String weightColumn) {
            choose(Aggregation.WEIGHTED_AVERAGE, Objects.requireNonNull(valueColumn, "valueColumn"));
            this.weightColumn = name(weightColumn, "weightColumn");
            return this;
        }

        /**
         * The sample variance of a column (ddof 1, pandas {@code var()}), see {@link Aggregation#VARIANCE}.
         *
         * <pre>{@code
         * Metric.measure("sales_variance").variance("sales").build();
         * }</pre>
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder variance(String column) {
            return choose(Aggregation.VARIANCE, Objects.requireNonNull(column, "column"));
        }

        /**
         * The population variance of a column (ddof 0, pandas {@code var(ddof=0)}).
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder variancePop(String column) {
            return choose(Aggregation.VARIANCE_POP, Objects.requireNonNull(column, "column"));
        }

        /**
         * The sample standard deviation of a column (ddof 1, pandas {@code std()}), see {@link Aggregation#STDDEV}.
         *
         * <pre>{@code
         * Metric.measure("sales_std").stddev("sales").unit("USD").build();
         * }</pre>
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder stddev(String column) {
            return choose(Aggregation.STDDEV, Objects.requireNonNull(column, "column"));
        }

        /**
         * The population standard deviation of a column (ddof 0, pandas {@code std(ddof=0)}).
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder stddevPop(String column) {
            return choose(Aggregation.STDDEV_POP, Objects.requireNonNull(column, "column"));
        }

        /**
         * The coefficient of variation of a column: sample standard deviation over the mean, see
         * {@link Aggregation#CV}.
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder cv(String column) {
            return choose(Aggregation.CV, Objects.requireNonNull(column, "column"));
        }

        /**
         * The coefficient of variation with the population standard deviation, see {@link Aggregation#CV_POP}.
         *
         * @param column a numeric column
         * @return this builder
         * @throws IllegalStateException if an aggregation was already chosen
         */
        public Builder cvPop(String column) {
            return choose(Aggregation.CV_POP, Objects.requireNonNull(column, "column"));
        }

        /**
         * Sets the row filter.
         *
         * @param filter the filter
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder filter(Filter filter) {
            this.filter = once(this.filter, filter, "filter");
            return this;
        }

        /**
         * Sets the row filter from its text form.
         *
         * @param filter e.g. {@code "channel = 'email'"}
         * @return this builder
         * @throws IllegalArgumentException if the text is not a filter
         * @throws IllegalStateException if already set
         */
        public Builder filter(String filter) {
            return filter(Filter.parse(filter));
        }

        @Override
        public Measure build() {
            List<String> problems = new ArrayList<>();
            if (aggregation == null) {
                problems.add("aggregation must be chosen (sum, count, ...), but was not");
            }
            MetricMetadata metadata = metadataOrThrow(problems);
            return new Measure(this, metadata);
        }
    }
}
