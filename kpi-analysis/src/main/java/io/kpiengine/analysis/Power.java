package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;
import org.hipparchus.analysis.solvers.BrentSolver;

/**
 * Power and sample size of two-group experiments, for proportions and for means.
 *
 * <p><b>Definitions</b> (statsmodels 0.13 {@code NormalIndPower}, two-sided, {@code ddof = 0}). With the
 * standardised effect size {@code d}, group sizes {@code nA} and {@code nB = ratio nA}, the effective size
 * {@code n = 1 / (1/nA + 1/nB)} and {@code c = z(1 - alpha/2)}:
 * <pre>
 *   power = P(Z &gt; c - d sqrt(n)) + P(Z &lt; -c - d sqrt(n))
 * </pre>
 * The sample size is the {@code nA} at which the power reaches the target (solved by Brent's method, as statsmodels'
 * {@code solve_power}), rounded up. The effect size of proportions is Cohen's {@code h = 2 asin sqrt(pB) - 2 asin
 * sqrt(pA)} (statsmodels {@code proportion_effectsize}); of means, Cohen's {@code d = difference / sd}. For means this
 * is the normal approximation (statsmodels' {@code TTestIndPower} uses the noncentral t and asks a few more units
 * when groups are small, under about 30).
 *
 * <pre>{@code
 * SampleSize n = Power.forProportions(0.048, 0.055, 0.05, 0.8, 1);   // 15,632 per group
 * double p = Power.power(Power.cohensH(0.048, 0.055), 5_000, 0.05, 1); // 0.354
 * }</pre>
 */
public final class Power {

    private Power() {
    }

    /**
     * Returns Cohen's h, the effect size of two proportions.
     *
     * @param rateA the control's rate, in [0, 1]
     * @param rateB the treatment's rate, in [0, 1]
     * @return {@code 2 asin sqrt(rateB) - 2 asin sqrt(rateA)}
     * @throws IllegalArgumentException if a rate is outside [0, 1]
     */
    public static double cohensH(double rateA, double rateB) {
        if (!(rateA >= 0 && rateA <= 1 && rateB >= 0 && rateB <= 1)) {
            throw new IllegalArgumentException("rates must be in [0, 1], but were " + rateA + " and " + rateB);
        }
        return 2 * Math.asin(Math.sqrt(rateB)) - 2 * Math.asin(Math.sqrt(rateA));
    }

    /**
     * Returns the power of a two-sided z test.
     *
     * @param effectSize the standardised effect size (its sign does not matter)
     * @param sizeA the size of group A, positive
     * @param alpha the significance level, in (0, 1)
     * @param ratio {@code sizeB / sizeA}, positive
     * @return the probability of rejecting the null when the effect is real
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double power(double effectSize, double sizeA, double alpha, double ratio) {
        check(alpha, ratio);
        if (!(sizeA > 0) || !Double.isFinite(effectSize)) {
            throw new IllegalArgumentException("sizeA must be positive and effectSize finite, but were " + sizeA
                    + " and " + effectSize);
        }
        double n = 1 / (1 / sizeA + 1 / (sizeA * ratio));
        double c = Tails.normalQuantile(1 - alpha / 2);
        double shift = Math.abs(effectSize) * Math.sqrt(n);
        return Tails.normalSf(c - shift) + Tails.normalCdf(-c - shift);
    }

    /**
     * Returns the group sizes at which a two-sided z test reaches a power.
     *
     * @param effectSize the standardised effect size, not 0
     * @param alpha the significance level, in (0, 1)
     * @param power the target power, in (alpha, 1)
     * @param ratio {@code sizeB / sizeA}, positive
     * @return the sizes
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static SampleSize sampleSize(double effectSize, double alpha, double power, double ratio) {
        check(alpha, ratio);
        if (!(power > alpha && power < 1)) {
            throw new IllegalArgumentException("power must be in (alpha, 1), but was " + power);
        }
        if (effectSize == 0 || !Double.isFinite(effectSize)) {
            throw new IllegalArgumentException("effectSize must be finite and not 0, but was " + effectSize);
        }
        double c = Tails.normalQuantile(1 - alpha / 2);
        double guess = Math.pow((c + Tails.normalQuantile(power)) / effectSize, 2) * (1 + 1 / ratio);
        double low = guess / 4;
        double high = guess * 4;
        while (power(effectSize, low, alpha, ratio) > power) {
            low /= 4;
        }
        double exact = new BrentSolver(1e-14, 1e-10, 1e-15).solve(10_000,
                n -> power(effectSize, n, alpha, ratio) - power, low, high, guess);
        return new SampleSize(exact, (long) Math.ceil(exact), (long) Math.ceil(exact * ratio));
    }

    /**
     * Returns the group sizes to detect a change of a rate from {@code rateA} to {@code rateB}.
     *
     * @param rateA the control's expected rate, in [0, 1]
     * @param rateB the treatment's rate to detect, in [0, 1], not {@code rateA}
     * @param alpha the significance level, in (0, 1)
     * @param power the target power, in (alpha, 1)
     * @param ratio {@code sizeB / sizeA}, positive
     * @return the sizes
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static SampleSize forProportions(double rateA, double rateB, double alpha, double power, double ratio) {
        return sampleSize(cohensH(rateA, rateB), alpha, power, ratio);
    }

    /**
     * Returns the group sizes to detect a difference of means.
     *
     * @param difference the difference of means to detect, not 0
     * @param sd the standard deviation of one observation, positive
     * @param alpha the significance level, in (0, 1)
     * @param power the target power, in (alpha, 1)
     * @param ratio {@code sizeB / sizeA}, positive
     * @return the sizes
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static SampleSize forMeans(double difference, double sd, double alpha, double power, double ratio) {
        if (!(sd > 0)) {
            throw new IllegalArgumentException("sd must be positive, but was " + sd);
        }
        return sampleSize(difference / sd, alpha, power, ratio);
    }

    private static void check(double alpha, double ratio) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), but was " + alpha);
        }
        if (!(ratio > 0) || !Double.isFinite(ratio)) {
            throw new IllegalArgumentException("ratio must be positive, but was " + ratio);
        }
    }
}
