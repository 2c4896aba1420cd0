package io.kpiengine.analysis;

/**
 * One segment's part in the change of a ratio: its share of the denominator (mix), its own rate, and the two
 * effects; see {@link MixRate}.
 *
 * @param name the segment's name
 * @param weightBefore its share of the total denominator in the earlier period
 * @param weightAfter its share in the later period
 * @param rateBefore its own rate in the earlier period; absent when its denominator was 0
 * @param rateAfter its own rate in the later period; absent when its denominator was 0
 * @param mixEffect the change of the overall rate due to the segment's change of weight
 * @param rateEffect the change of the overall rate due to the segment's change of rate
 */
public record SegmentMixRate(String name, double weightBefore, double weightAfter, Figure rateBefore,
        Figure rateAfter, double mixEffect, double rateEffect) {
}
