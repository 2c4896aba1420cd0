package io.kpiengine.analysis;

import java.util.List;

/**
 * The change of a ratio across segments split into mix and rate effects; see {@link MixRate}. The effects sum to
 * the change (to floating-point rounding).
 *
 * @param rateBefore the overall rate in the earlier period
 * @param rateAfter the overall rate in the later period
 * @param mixEffect the sum of the segments' mix effects
 * @param rateEffect the sum of the segments' rate effects
 * @param segments one per segment, in the input order
 */
public record MixRateSplit(double rateBefore, double rateAfter, double mixEffect, double rateEffect,
        List<SegmentMixRate> segments) {

    /**
     * Copies the list.
     *
     * @param rateBefore the overall rate in the earlier period
     * @param rateAfter the overall rate in the later period
     * @param mixEffect the sum of the segments' mix effects
     * @param rateEffect the sum of the segments' rate effects
     * @param segments one per segment, in the input order
     * @throws NullPointerException if {@code segments} is null
     */
    public MixRateSplit {
        segments = List.copyOf(segments);
    }

    /**
     * Returns the change of the overall rate.
     *
     * @return {@code rateAfter - rateBefore}, equal to {@code mixEffect + rateEffect}
     */
    public double change() {
        return rateAfter - rateBefore;
    }
}
