package io.kpiengine.analysis;

/**
 * The sample size an experiment needs; see {@link Power}.
 *
 * @param exact the solved size of group A before rounding up (statsmodels' {@code solve_power} result)
 * @param sizeA the size of group A, {@code ceil(exact)}
 * @param sizeB the size of group B, {@code ceil(exact * ratio)}
 */
public record SampleSize(double exact, long sizeA, long sizeB) {

    /**
     * Returns the total size of both groups.
     *
     * @return {@code sizeA + sizeB}
     */
    public long total() {
        return sizeA + sizeB;
    }
}
