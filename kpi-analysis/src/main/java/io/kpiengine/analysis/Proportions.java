package io.kpiengine.analysis;

import io.kpiengine.analysis.internal.Tails;

/**
 * Two-proportion tests for A/B experiments on conversion rates.
 *
 * <p><b>Definitions.</b> With {@code pA = xA / nA}, {@code pB = xB / nB}:
 * <ul>
 *   <li>z test, pooled as statsmodels 0.13 {@code proportions_ztest([xB, xA], [nB, nA])}:
 *       {@code p = (xA + xB) / (nA + nB)}, {@code z = (pB - pA) / sqrt(p (1 - p) (1/nA + 1/nB))}, two-sided normal
 *       p-value;</li>
 *   <li>absolute lift interval, unpooled Wald as {@code confint_proportions_2indep(xB, nB, xA, nA, method="wald",
 *       compare="diff")}: {@code pB - pA ± z sqrt(pA(1-pA)/nA + pB(1-pB)/nB)};</li>
 *   <li>relative lift {@code pB / pA - 1} with the delta-method interval of {@link Lift} (variances
 *       {@code p(1-p)/n}); statsmodels' {@code compare="ratio"} intervals are on the log scale and differ.</li>
 * </ul>
 *
 * <pre>{@code
 * ProportionTest t = Proportions.zTest(480, 10_000, 552, 10_050);
 * System.out.printf("lift %.2f pp, p = %.3f%n", 100 * t.lift().absolute(), t.pValue().value());
 * }</pre>
 */
public final class Proportions {

    private Proportions() {
    }

    /**
     * Tests {@code pB = pA} with 95 % intervals.
     *
     * @param successesA the control's successes
     * @param trialsA the control's trials, positive
     * @param successesB the treatment's successes
     * @param trialsB the treatment's trials, positive
     * @return the test
     * @throws IllegalArgumentException if a count is negative, a trial count is 0, or successes exceed trials
     */
    public static ProportionTest zTest(long successesA, long trialsA, long successesB, long trialsB) {
        return zTest(successesA, trialsA, successesB, trialsB, 0.95);
    }

    /**
     * Tests {@code pB = pA}.
     *
     * @param successesA the control's successes
     * @param trialsA the control's trials, positive
     * @param successesB the treatment's successes
     * @param trialsB the treatment's trials, positive
     * @param confidence the level of the intervals, in (0, 1)
     * @return the test
     * @throws IllegalArgumentException if a count is negative, a trial count is 0, successes exceed trials, or
     *     {@code confidence} is not in (0, 1)
     */
    public static ProportionTest zTest(long successesA, long trialsA, long successesB, long trialsB,
            double confidence) {
        check(successesA, trialsA, "A");
        check(successesB, trialsB, "B");
        LaggedRegression.checkConfidence(confidence);
        double pA = (double) successesA / trialsA;
        double pB = (double) successesB / trialsB;
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double seNull = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        Figure z;
        Figure p;
        if (seNull > 0) {
            double zv = (pB - pA) / seNull;
            z = Figure.of(zv);
            p = Figure.of(Tails.normalTwoSided(zv));
        } else {
            String reason = "the pooled rate is " + Texts.number(pooled) + " (no variation); the test is undefined";
            z = Figure.absent(reason);
            p = Figure.absent(reason);
        }
        double varA = pA * (1 - pA) / trialsA;
        double varB = pB * (1 - pB) / trialsB;
        double q = Tails.normalQuantile((1 + confidence) / 2);
        Lift lift = Lift.of(pA, varA, pB, varB, q * Math.sqrt(varA + varB), q, confidence);
        return new ProportionTest(successesA, trialsA, successesB, trialsB, pA, pB, z, p, lift);
    }

    private static void check(long successes, long trials, String group) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("group " + group + " must have 0 <= successes <= trials and trials > 0,"
                    + " but had " + successes + " of " + trials);
        }
    }
}
