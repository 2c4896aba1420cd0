package io.kpiengine.core.metric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metric computed as {@code numerator / denominator * scale} from the aggregated values of two other metrics in
 * the same period and segment: the ratio of sums, never an average of per-row ratios. Over windows
 * ({@code trailing}, {@code to_date}) the numerator's and denominator's states are merged first.
 *
 * <pre>{@code
 * Ratio conversionRate = Metric.ratio("conversion_rate")
 *         .numerator("conversions").denominator("visitors")
 *         .scale(100).unit("percent")
 *         .onZeroDenominator(EmptyPolicy.NO_VALUE)
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Ratio implements Metric {

    private final String id;
    private final MetricMetadata metadata;
    private final String numerator;
    private final String denominator;
    private final BigDecimal scale;
    private final List<String> dimensions;
    private final List<String> sliceBy;
    private final EmptyPolicy onEmpty;
    private final EmptyPolicy onZeroDenominator;

    private Ratio(Builder b, MetricMetadata metadata) {
        this.id = b.id;
        this.metadata = metadata;
        this.numerator = b.numerator;
        this.denominator = b.denominator;
        this.scale = b.scale == null ? BigDecimal.ONE : b.scale;
        this.dimensions = b.declaredDimensions();
        this.sliceBy = b.declaredSliceBy();
        this.onEmpty = b.onEmptyOr(EmptyPolicy.NO_VALUE);
        this.onZeroDenominator = b.onZeroDenominator == null ? EmptyPolicy.NO_VALUE : b.onZeroDenominator;
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
     * The numerator metric's id.
     *
     * @return the id
     */
    public String numerator() {
        return numerator;
    }

    /**
     * The denominator metric's id.
     *
     * @return the id
     */
    public String denominator() {
        return denominator;
    }

    /**
     * The factor applied to the quotient, e.g. 100 for percent.
     *
     * @return the scale, 1 by default
     */
    public BigDecimal scale() {
        return scale;
    }

    @Override
    public List<String> dimensions() {
        return dimensions == null ? List.of() : dimensions;
    }

    @Override
    public boolean declaresDimensions() {
        return dimensions != null;
    }

    @Override
    public List<String> sliceBy() {
        return sliceBy == null ? List.of() : sliceBy;
    }

    @Override
    public boolean declaresSliceBy() {
        return sliceBy != null;
    }

    /**
     * What the ratio yields when numerator or denominator has no value (no input rows).
     *
     * @return the policy, NO_VALUE by default
     */
    @Override
    public EmptyPolicy onEmpty() {
        return onEmpty;
    }

    /**
     * What the ratio yields when the denominator is zero.
     *
     * @return the policy, NO_VALUE by default
     */
    public EmptyPolicy onZeroDenominator() {
        return onZeroDenominator;
    }

    @Override
    public List<String> inputs() {
        return numerator.equals(denominator) ? List.of(numerator) : List.of(numerator, denominator);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ratio r && r.id.equals(id) && r.metadata.equals(metadata)
                && r.numerator.equals(numerator) && r.denominator.equals(denominator)
                && r.scale.compareTo(scale) == 0 && Objects.equals(r.dimensions, dimensions)
                && Objects.equals(r.sliceBy, sliceBy)
                && r.onEmpty == onEmpty && r.onZeroDenominator == onZeroDenominator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, numerator, denominator, scale.stripTrailingZeros(), dimensions);
    }

    @Override
    public String toString() {
        return "ratio " + id + " = " + numerator + " / " + denominator
                + (scale.compareTo(BigDecimal.ONE) == 0 ? "" : " * " + scale.toPlainString())
                + (dimensions == null ? "" : " by " + dimensions)
                + (sliceBy == null ? "" : " sliced by " + sliceBy);
    }

    /**
     * Builds a {@link Ratio}; numerator and denominator are required.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder extends MetricBuilder<Builder, Ratio> {

        private String numerator;
        private String denominator;
        private BigDecimal scale;
        private EmptyPolicy onZeroDenominator;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        Builder(String id) {
            super(id);
        }

        /**
         * Sets the numerator metric.
         *
         * @param metricId the id
         * @return this builder
         * @throws IllegalArgumentException if the id is blank
         * @throws IllegalStateException if already set
         */
        public Builder numerator(String metricId) {
            this.numerator = once(this.numerator, name(metricId, "numerator"), "numerator");
            return this;
        }

        /**
         * Sets the denominator metric.
         *
         * @param metricId the id
         * @return this builder
         * @throws IllegalArgumentException if the id is blank
         * @throws IllegalStateException if already set
         */
        public Builder denominator(String metricId) {
            this.denominator = once(this.denominator, name(metricId, "denominator"), "denominator");
            return this;
        }

        /**
         * Sets the scale factor.
         *
         * @param scale a positive factor, e.g. 100 for percent
         * @return this builder
         * @throws IllegalArgumentException if scale is not positive
         * @throws IllegalStateException if already set
         */
        public Builder scale(BigDecimal scale) {
            Objects.requireNonNull(scale, "scale");
            if (scale.signum() <= 0) {
                throw new IllegalArgumentException("scale must be positive, but was " + scale.toPlainString());
            }
            this.scale = once(this.scale, scale, "scale");
            return this;
        }

        /**
         * Sets the scale factor.
         *
         * @param scale a positive whole factor, e.g. 100 for percent
         * @return this builder
         * @throws IllegalArgumentException if scale is not positive
         * @throws IllegalStateException if already set
         */
        public Builder scale(long scale) {
            return scale(BigDecimal.valueOf(scale));
        }

        /**
         * Sets what the ratio yields when the denominator is zero.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder onZeroDenominator(EmptyPolicy policy) {
            this.onZeroDenominator = once(this.onZeroDenominator, policy, "onZeroDenominator");
            return this;
        }

        @Override
        public Ratio build() {
            List<String> problems = new ArrayList<>();
            if (numerator == null) {
                problems.add("numerator must be set, but was not");
            }
            if (denominator == null) {
                problems.add("denominator must be set, but was not");
            }
            MetricMetadata metadata = metadataOrThrow(problems);
            return new Ratio(this, metadata);
        }
    }
}
