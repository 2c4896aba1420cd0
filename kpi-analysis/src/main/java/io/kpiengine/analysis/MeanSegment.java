package io.kpiengine.analysis;

/**
 * A stretch of a series with one mean level, between two change points.
 *
 * @param from the first period of the segment
 * @param to the period after its last one (exclusive)
 * @param mean the mean of the segment's points
 */
public record MeanSegment(int from, int to, double mean) {

    /**
     * Returns the number of points in the segment.
     *
     * @return {@code to - from}
     */
    public int length() {
        return to - from;
    }
}
