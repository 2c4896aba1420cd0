package io.kpiengine.quality;

import java.util.Objects;

/**
 * The scores below which a dimension turns the report's gate to {@link GateStatus#WARN} or
 * {@link GateStatus#FAIL}. A score equal to a threshold is not below it.
 *
 * <pre>{@code
 * Threshold validity = new Threshold(Dimension.VALIDITY, 0.99, 0.95);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param dimension the dimension
 * @param warnBelow a score below this warns, 0..1
 * @param failBelow a score below this fails, 0..warnBelow
 */
public record Threshold(Dimension dimension, double warnBelow, double failBelow) {

    /** The default warning threshold of every dimension. */
    public static final double DEFAULT_WARN = 0.99;

    /** The default failure threshold of every dimension. */
    public static final double DEFAULT_FAIL = 0.95;

    /**
     * Validates the components.
     *
     * @param dimension the dimension
     * @param warnBelow a score below this warns, 0..1
     * @param failBelow a score below this fails, 0..warnBelow
     * @throws NullPointerException if dimension is null
     * @throws IllegalArgumentException if a value is outside 0..1 or failBelow is above warnBelow
     */
    public Threshold {
        Objects.requireNonNull(dimension, "dimension");
        if (!(warnBelow >= 0 && warnBelow <= 1) || !(failBelow >= 0 && failBelow <= warnBelow)) {
            throw new IllegalArgumentException(dimension + " thresholds must satisfy 0 <= fail <= warn <= 1, but were"
                    + " warn " + warnBelow + ", fail " + failBelow);
        }
    }

    /**
     * The default threshold of a dimension: warn below 0.99, fail below 0.95.
     *
     * @param dimension the dimension
     * @return the default
     */
    public static Threshold defaultFor(Dimension dimension) {
        return new Threshold(dimension, DEFAULT_WARN, DEFAULT_FAIL);
    }

    /**
     * The status of a score under this threshold.
     *
     * @param score a score in 0..1
     * @return FAIL, WARN or PASS
     */
    public GateStatus statusOf(double score) {
        return score < failBelow ? GateStatus.FAIL : score < warnBelow ? GateStatus.WARN : GateStatus.PASS;
    }
}
