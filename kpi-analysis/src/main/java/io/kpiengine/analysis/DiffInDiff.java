package io.kpiengine.analysis;

import java.util.Objects;

/**
 * Difference in differences for a pilot: did the pilot units (stores, regions, teams) change more than comparable
 * control units over the same time?
 *
 * <p><b>Estimator.</b> Each unit is observed before and after (a balanced 2 x 2 panel; units are paired by their
 * index in the two arrays of their group). With the unit changes {@code d = after - before}:
 * {@code effect = mean(d pilot) - mean(d control)}, standard error {@code sqrt(s_p^2/n_p + s_c^2/n_c)} of the unit
 * changes, Welch–Satterthwaite degrees of freedom, Student interval and two-sided p-value: Welch's t test on the unit
 * changes, scipy's {@code ttest_ind(d_pilot, d_control, equal_var=False)}. The point estimate equals the
 * {@code treated:post} coefficient of the OLS regression {@code y ~ treated * post} on the stacked observations; its
 * standard error here comes from the units' own changes (the first-difference estimator), which keeps each unit's
 * level out of the noise and allows the pilot and control changes to vary differently, unlike the plain OLS one.
 *
 * <p>Missing values: {@link MissingPolicy#ERROR} (default) or {@link MissingPolicy#DROP}, which leaves out a unit
 * missing either period.
 *
 * <pre>{@code
 * DiffInDiffEstimate did = DiffInDiff.estimate(pilotBefore, pilotAfter, controlBefore, controlAfter);
 * System.out.printf("+%.1f per store (%s), p = %.3f%n", did.effect(), did.interval(), did.pValue().value());
 * }</pre>
 */
public final class DiffInDiff {

    private static final String STATISTIC = "difference in differences";

    private DiffInDiff() {
    }

    /**
     * Estimates the pilot's effect with a 95 % interval; a missing value is an error.
     *
     * @param pilotBefore the pilot units before
     * @param pilotAfter the same units after, in the same order
     * @param controlBefore the control units before
     * @param controlAfter the same units after, in the same order
     * @return the estimate
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if a group's two arrays differ in length or a value is infinite
     * @throws AnalysisException if a group has fewer than 2 units or a missing value
     */
    public static DiffInDiffEstimate estimate(double[] pilotBefore, double[] pilotAfter, double[] controlBefore,
            double[] controlAfter) {
        return estimate(pilotBefore, pilotAfter, controlBefore, controlAfter, 0.95, MissingPolicy.ERROR);
    }

    /**
     * Estimates the pilot's effect.
     *
     * @param pilotBefore the pilot units before
     * @param pilotAfter the same units after, in the same order
     * @param controlBefore the control units before
     * @param controlAfter the same units after, in the same order
     * @param confidence the level of the interval, in (0, 1)
     * @param missing {@link MissingPolicy#ERROR} or {@link MissingPolicy#DROP}
     * @return the estimate
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a group's two arrays differ in length, a value is infinite,
     *     {@code confidence} is not in (0, 1) or {@code missing} is {@link MissingPolicy#INTERPOLATE}
     * @throws AnalysisException if fewer than 2 units remain in a group, or a value is missing under
     *     {@link MissingPolicy#ERROR}
     */
    public static DiffInDiffEstimate estimate(double[] pilotBefore, double[] pilotAfter, double[] controlBefore,
            double[] controlAfter, double confidence, MissingPolicy missing) {
        Objects.requireNonNull(missing, "missing");
        LaggedRegression.checkConfidence(confidence);
        if (missing == MissingPolicy.INTERPOLATE) {
            throw new IllegalArgumentException("missing must be ERROR or DROP: units have no order to interpolate in");
        }
        double[] pilot = changes(pilotBefore, pilotAfter, "pilot");
        double[] control = changes(controlBefore, controlAfter, "control");
        Means.Moments p = Means.Moments.of(pilot, "pilot group", STATISTIC, missing);
        Means.Moments c = Means.Moments.of(control, "control group", STATISTIC, missing);
        WelchTest welch = Means.compare(c, p, confidence);
        double before = 0;
        int count = 0;
        for (int i = 0; i < pilotBefore.length; i++) {
            if (!Double.isNaN(pilot[i])) {
                before += pilotBefore[i];
                count++;
            }
        }
        double counterfactual = before / count + c.mean;
        Figure relative = counterfactual == 0 ? Figure.absent("the pilot's counterfactual level is 0")
                : Figure.of((p.mean - c.mean) / counterfactual);
        double se = Math.sqrt(p.variance / p.count + c.variance / c.count);
        return new DiffInDiffEstimate(p.count, c.count, p.mean, c.mean, p.mean - c.mean, se,
                welch.degreesOfFreedom(), welch.t(), welch.pValue(), welch.lift().absoluteInterval(), relative);
    }

    /** after - before per unit; NaN where either is missing. */
    private static double[] changes(double[] before, double[] after, String group) {
        Objects.requireNonNull(before, group + "Before");
        Objects.requireNonNull(after, group + "After");
        if (before.length != after.length) {
            throw new IllegalArgumentException("the " + group + " units need a value before and after each, but had "
                    + before.length + " before and " + after.length + " after");
        }
        double[] d = new double[before.length];
        for (int i = 0; i < d.length; i++) {
            if (Double.isInfinite(before[i]) || Double.isInfinite(after[i])) {
                throw new IllegalArgumentException("the " + group + " units must have finite values, but unit " + i
                        + " had " + before[i] + " and " + after[i]);
            }
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
