package io.kpiengine.analysis;

/**
 * The comparison of two conversion rates, control A and treatment B; see {@link Proportions#zTest}.
 *
 * @param successesA the successes of the control
 * @param trialsA the trials of the control
 * @param successesB the successes of the treatment
 * @param trialsB the trials of the treatment
 * @param rateA {@code successesA / trialsA}
 * @param rateB {@code successesB / trialsB}
 * @param z the pooled z statistic of {@code rateB - rateA}; absent when the pooled rate is 0 or 1
 * @param pValue its two-sided p-value; absent like {@code z}
 * @param lift the absolute lift with its unpooled Wald interval and the relative lift with its delta-method
 *     interval
 */
public record ProportionTest(long successesA, long trialsA, long successesB, long trialsB, double rateA,
        double rateB, Figure z, Figure pValue, Lift lift) {
}
