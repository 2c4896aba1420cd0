package io.kpiengine.analysis;

import java.util.Objects;

/**
 * One segment of a ratio metric in two periods, for {@link MixRate}: for a conversion rate, the conversions
 * (numerator) and visits (denominator) of one channel.
 *
 * @param name the segment's name
 * @param numeratorBefore its numerator in the earlier period
 * @param denominatorBefore its denominator in the earlier period, at least 0
 * @param numeratorAfter its numerator in the later period
 * @param denominatorAfter its denominator in the later period, at least 0
 */
public record SegmentRatio(String name, double numeratorBefore, double denominatorBefore, double numeratorAfter,
        double denominatorAfter) {

    /**
     * Checks the fields.
     *
     * @param name the segment's name
     * @param numeratorBefore its numerator in the earlier period
     * @param denominatorBefore its denominator in the earlier period, at least 0
     * @param numeratorAfter its numerator in the later period
     * @param denominatorAfter its denominator in the later period, at least 0
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if a value is not finite or a denominator is negative
     */
    public SegmentRatio {
        Objects.requireNonNull(name, "name");
        for (double v : new double[] {numeratorBefore, denominatorBefore, numeratorAfter, denominatorAfter}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("segment '" + name + "' must have finite values");
            }
        }
        if (denominatorBefore < 0 || denominatorAfter < 0) {
            throw new IllegalArgumentException("segment '" + name + "' must have denominators of at least 0, but had "
                    + denominatorBefore + " and " + denominatorAfter);
        }
    }
}
