package io.kpiengine.analysis;

/**
 * Welch's two-sample t test of the means of control A and treatment B; see {@link Means#welch}.
 *
 * @param sizeA the observations of the control
 * @param sizeB the observations of the treatment
 * @param meanA the control's mean
 * @param meanB the treatment's mean
 * @param sdA the control's sample standard deviation (ddof 1)
 * @param sdB the treatment's sample standard deviation (ddof 1)
 * @param t the statistic of {@code meanB - meanA}; absent when neither sample varies
 * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom; absent like {@code t}
 * @param pValue the two-sided p-value; absent like {@code t}
 * @param lift the absolute lift with its t interval and the relative lift with its delta-method normal interval
 */
public record WelchTest(int sizeA, int sizeB, double meanA, double meanB, double sdA, double sdB, Figure t,
        Figure degreesOfFreedom, Figure pValue, Lift lift) {
}
