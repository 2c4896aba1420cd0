package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sample-ratio-mismatch (SRM) check of an experiment: a chi-square goodness-of-fit test of the groups' sizes
 * against the planned split. A mismatch means the assignment or the logging is broken and the experiment's
 * comparison cannot be trusted, whatever its p-value.
 *
 * <p><b>Definition</b> (scipy 1.10 {@code chisquare(observed, f_exp=total * w / sum(w))}): {@code chi2 = sum
 * (o - e)^2 / e} with {@code k - 1} degrees of freedom. The default level is 0.001, the usual SRM alarm threshold
 * (the check runs on every experiment, so it must rarely fire by chance).
 *
 * <pre>{@code
 * SampleRatioCheck srm = SampleRatio.check(new long[] {50_210, 49_610}, new double[] {1, 1});
 * if (srm.mismatch()) { ... }
 * }</pre>
 */
public final class SampleRatio {

    /** The default significance level of the check. */
    public static final double DEFAULT_ALPHA = 0.001;

    private SampleRatio() {
    }

    /**
     * Checks the groups' sizes against planned weights at level {@value #DEFAULT_ALPHA}.
     *
     * @param observed the group sizes, at least two, each at least 0
     * @param weights the planned weights, one per group, positive (they need not sum to 1)
     * @return the check
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the lengths differ, there are fewer than two groups, a size is negative,
     *     a weight is not positive, or the sizes sum to 0
     */
    public static SampleRatioCheck check(long[] observed, double[] weights) {
        return check(observed, weights, DEFAULT_ALPHA);
    }

    /**
     * Checks the groups' sizes against planned weights.
     *
     * @param observed the group sizes, at least two, each at least 0
     * @param weights the planned weights, one per group, positive
     * @param alpha the level below which the split is declared broken, in (0, 1)
     * @return the check
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static SampleRatioCheck check(long[] observed, double[] weights, double alpha) {
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(weights, "weights");
        if (observed.length != weights.length || observed.length < 2) {
            throw new IllegalArgumentException("need one weight per group and at least 2 groups, but got "
                    + observed.length + " groups and " + weights.length + " weights");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), but was " + alpha);
        }
        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0 || !(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("group " + i + " must have a size of at least 0 and a positive"
                        + " weight, but had " + observed[i] + " and " + weights[i]);
            }
            total += observed[i];
            weightSum += weights[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("the groups are all empty");
        }
        double chi2 = 0;
        List<Long> o = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        for (int i = 0; i < observed.length; i++) {
            double expected = total * weights[i] / weightSum;
            double d = observed[i] - expected;
            chi2 += d * d / expected;
            o.add(observed[i]);
            e.add(expected);
        }
        int df = observed.length - 1;
        double p = Tails.chi2Sf(chi2, df);
        return new SampleRatioCheck(o, e, chi2, df, p, alpha, p < alpha);
    }
}
