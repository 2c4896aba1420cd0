package io.kpiengine.analysis;

import java.util.List;

/**
 * A sample-ratio-mismatch check: are the groups' sizes consistent with the planned split? See
 * {@link SampleRatio#check(long[], double[], double)}.
 *
 * @param observed the observed group sizes
 * @param expected the sizes the planned weights imply, {@code total x weight / sum of weights}
 * @param chi2 Pearson's statistic {@code sum (observed - expected)^2 / expected}
 * @param degreesOfFreedom the number of groups minus 1
 * @param pValue the chi-square upper tail
 * @param alpha the level below which the split is declared broken
 * @param mismatch whether {@code pValue < alpha}
 */
public record SampleRatioCheck(List<Long> observed, List<Double> expected, double chi2, int degreesOfFreedom,
        double pValue, double alpha, boolean mismatch) {

    /**
     * Copies the lists.
     *
     * @param observed the observed group sizes
     * @param expected the sizes the planned weights imply, {@code total x weight / sum of weights}
     * @param chi2 Pearson's statistic {@code sum (observed - expected)^2 / expected}
     * @param degreesOfFreedom the number of groups minus 1
     * @param pValue the chi-square upper tail
     * @param alpha the level below which the split is declared broken
     * @param mismatch whether {@code pValue < alpha}
     * @throws NullPointerException if a list is null
     */
    public SampleRatioCheck {
        observed = List.copyOf(observed);
        expected = List.copyOf(expected);
    }
}
