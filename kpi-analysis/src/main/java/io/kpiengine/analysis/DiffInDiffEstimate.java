package io.kpiengine.analysis;

/**
 * A difference-in-differences estimate of a pilot's effect; see {@link DiffInDiff}.
 *
 * @param pilotUnits the pilot units used (with both periods present)
 * @param controlUnits the control units used
 * @param pilotChange the mean change of the pilot units, after minus before
 * @param controlChange the mean change of the control units
 * @param effect {@code pilotChange - controlChange}
 * @param standardError {@code sqrt(s_p^2 / n_p + s_c^2 / n_c)} of the unit changes
 * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom; absent when no unit's change varies
 * @param t {@code effect / standardError}; absent like the degrees of freedom
 * @param pValue its two-sided Student p-value; absent like the degrees of freedom
 * @param interval the confidence interval of the effect; zero-width when no unit's change varies
 * @param relative the effect relative to the pilot's counterfactual after-level, {@code effect / (mean pilot before
 *     + controlChange)}; absent when that level is 0
 */
public record DiffInDiffEstimate(int pilotUnits, int controlUnits, double pilotChange, double controlChange,
        double effect, double standardError, Figure degreesOfFreedom, Figure t, Figure pValue, Interval interval,
        Figure relative) {
}
