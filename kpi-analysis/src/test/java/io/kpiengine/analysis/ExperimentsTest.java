package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A/B tests and pilots against statsmodels 0.13.5 and scipy 1.10.1, with the definitions they use. */
class ExperimentsTest {

    /*
     * z, p = proportions_ztest([552, 480], [10050, 10000])     # pooled: p = 1032/20050, z = (pB - pA) / sqrt(p(1-p)(1/nA + 1/nB))
     * confint_proportions_2indep(552, 10050, 480, 10000, method="wald", compare="diff")   # pB - pA ± 1.96 sqrt(sum p(1-p)/n)
     */
    @Test
    void zTest_equalsStatsmodelsProportionsZtest() {
        ProportionTest t = Proportions.zTest(480, 10_000, 552, 10_050);

        assertRelative(t.z().value(), 2.219019542666625, 1e-12);
        assertRelative(t.pValue().value(), 0.026485395028988164, 1e-11);
        assertRelative(t.lift().absoluteInterval().low(), 0.0008102124787648006, 1e-10);
        assertRelative(t.lift().absoluteInterval().high(), 0.01304053378989192, 1e-11);
        // delta method: r = pB/pA, se = sqrt(var B / pA^2 + pB^2 var A / pA^4), var = p(1-p)/n
        double pA = 0.048;
        double pB = 552 / 10_050.0;
        double se = Math.sqrt(pB * (1 - pB) / 10_050 / (pA * pA) + pB * pB * pA * (1 - pA) / 10_000 / Math.pow(pA, 4));
        assertRelative(t.lift().relative().value(), pB / pA - 1, 1e-14);
        assertRelative(t.lift().relativeInterval().orElseThrow().low(), pB / pA - 1 - 1.959963984540054 * se, 1e-12);
        assertRelative(t.lift().relativeInterval().orElseThrow().high(), pB / pA - 1 + 1.959963984540054 * se,
                1e-12);
    }

    @Test
    void zTest_noVariation_isAbsentWithReason() {
        ProportionTest t = Proportions.zTest(0, 500, 0, 520);

        assertThat(t.pValue().reason()).contains("the pooled rate is 0 (no variation); the test is undefined");
        assertThat(t.lift().relative().reason()).contains("the control is 0; the relative lift is undefined");
    }

    /*
     * rng = np.random.default_rng(3); a = np.round(rng.normal(20, 5, 40), 2); b = np.round(rng.normal(23, 8, 55), 2)
     * r = stats.ttest_ind(b, a, equal_var=False)
     * df = (va + vb)**2 / (va**2/(na-1) + vb**2/(nb-1)) with v = s^2/n; interval b.mean() - a.mean() ± t.ppf(0.975, df) * se
     */
    private static final double[] A = {30.2, 7.22, 22.09, 17.16, 17.74, 18.92, 9.9, 18.84, 15.67, 36.61, 21.13, 18.24,
        18.59, 16.66, 14.72, 18.05, 22.41, 18.81, 24.79, 19.0, 20.12, 27.73, 22.73, 17.47, 19.09, 22.7, 29.68, 18.65,
        18.78, 25.01, 15.57, 18.54, 24.41, 22.9, 20.46, 23.35, 5.86, 25.11, 15.2, 11.66};
    private static final double[] B = {25.21, 28.6, 19.44, 14.39, 23.21, 22.58, 34.24, 28.98, 24.55, 31.89, 21.36,
        15.59, 27.67, 27.66, 21.28, 16.74, 24.83, 3.05, 28.52, 26.93, 9.89, 23.49, 15.29, 29.06, 6.73, 15.68, 28.68,
        32.25, 5.74, 19.02, 25.62, 18.13, 35.73, 13.47, 25.84, 14.61, 34.25, 22.83, 20.02, 9.25, 36.45, 29.02, 29.03,
        32.1, 25.79, 17.89, 16.6, 16.6, 33.96, 11.32, 18.23, 20.43, 24.8, 27.6, 13.01};

    @Test
    void welch_equalsScipyTtestInd() {
        WelchTest t = Means.welch(A, B);

        assertRelative(t.t().value(), 1.7369931031255343, 1e-12);
        assertRelative(t.pValue().value(), 0.08569946835046541, 1e-11);
        assertRelative(t.degreesOfFreedom().value(), 92.99472344791812, 1e-12);
        assertRelative(t.lift().absolute(), 2.4808409090909045, 1e-12);
        double se = 2.4808409090909045 / 1.7369931031255343;
        // t.ppf(0.975, df) = 1.9858032991685257 from scipy, whose ppf is off by < 1e-9 (see TailsTest)
        assertRelative(t.lift().absoluteInterval().low(), 2.4808409090909045 - 1.9858032991685257 * se, 1e-9);
        assertRelative(t.lift().absoluteInterval().high(), 2.4808409090909045 + 1.9858032991685257 * se, 1e-9);
    }

    @Test
    void welch_missingValues_dropOrError() {
        double[] gappy = A.clone();
        gappy[3] = Double.NaN;
        assertThatThrownBy(() -> Means.welch(gappy, B))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("welch t test: control sample has a missing value at index 3; pass MissingPolicy.DROP to"
                        + " leave missing values out");
        WelchTest dropped = Means.welch(gappy, B, 0.95, MissingPolicy.DROP);
        assertThat(dropped.sizeA()).isEqualTo(39);
    }

    /*
     * pw = NormalIndPower(); h = proportion_effectsize(0.055, 0.048)
     * pw.solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1.0); (power=0.9, ratio=2.0)
     * pw.power(effect_size=h, nobs1=5000, alpha=0.05, ratio=1.0); pw.solve_power(effect_size=0.3/1.7, alpha=0.05, power=0.8)
     */
    @Test
    void power_equalsStatsmodelsNormalIndPower() {
        double h = Power.cohensH(0.048, 0.055);
        assertRelative(h, 0.03168973312200751, 1e-13);

        SampleSize n = Power.forProportions(0.048, 0.055, 0.05, 0.8, 1);
        assertRelative(n.exact(), 15631.456378215395, 1e-9);
        assertThat(n.sizeA()).isEqualTo(15_632);
        assertThat(n.sizeB()).isEqualTo(15_632);
        assertRelative(Power.forProportions(0.048, 0.055, 0.05, 0.9, 2).exact(), 15694.596808806742, 1e-9);
        assertRelative(Power.power(h, 5000, 0.05, 1), 0.3538494682887024, 1e-12);
        assertRelative(Power.forMeans(0.3, 1.7, 0.05, 0.8, 1).exact(), 504.0712637946098, 1e-9);
        assertThat(Power.power(h, n.exact(), 0.05, 1)).isCloseTo(0.8, within(1e-12));
    }

    /* stats.chisquare([50210, 49610], [49910, 49910]); stats.chisquare([3320, 3350, 3150], [0.34, 0.33, 0.33] * 9820) */
    @Test
    void sampleRatio_equalsScipyChisquare() {
        SampleRatioCheck two = SampleRatio.check(new long[] {50_210, 49_610}, new double[] {1, 1});
        assertRelative(two.chi2(), 3.6064916850330597, 1e-13);
        assertRelative(two.pValue(), 0.05755441383693439, 1e-12);
        assertThat(two.mismatch()).isFalse();

        SampleRatioCheck three = SampleRatio.check(new long[] {3320, 3350, 3150}, new double[] {0.34, 0.33, 0.33},
                0.05);
        assertRelative(three.chi2(), 6.332088102784159, 1e-13);
        assertRelative(three.pValue(), 0.04217009108019648, 1e-12);
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.mismatch()).isTrue();
    }

    /*
     * rng = np.random.default_rng(15): pilot 5 stores, control 20, before/after
     * dp, dc = pa - pb, ca - cb; stats.ttest_ind(dp, dc, equal_var=False); df Welch-Satterthwaite; se = sqrt(vp + vc)
     * smf.ols("y ~ treated*post", stacked).fit().params["treated:post"] == 7.060000000000036 (same point estimate)
     */
    @Test
    void diffInDiff_equalsWelchOnUnitChanges() {
        double[] pb = {82.8, 88.8, 104.7, 93.7, 106.3};
        double[] pa = {94.2, 93.5, 116.8, 100.9, 121.6};
        double[] cb = {102.3, 89.6, 97.0, 97.1, 98.3, 108.9, 100.3, 111.6, 101.3, 93.2, 79.8, 79.4, 97.0, 101.9, 109.4,
            88.9, 95.8, 86.9, 90.8, 72.2};
        double[] ca = {107.5, 90.4, 99.8, 101.4, 102.3, 108.0, 107.9, 116.9, 105.8, 94.2, 78.0, 77.5, 99.4, 105.4,
            110.3, 97.4, 99.7, 92.9, 96.5, 72.0};
        DiffInDiffEstimate did = DiffInDiff.estimate(pb, pa, cb, ca);

        assertRelative(did.effect(), 7.059999999999999, 1e-12);
        assertThat(did.effect()).isCloseTo(7.060000000000036, within(1e-10));
        assertRelative(did.t().value(), 3.5470764059471125, 1e-11);
        assertRelative(did.pValue().value(), 0.016087122854193205, 1e-10);
        assertRelative(did.degreesOfFreedom().value(), 5.064872438854345, 1e-12);
        assertRelative(did.standardError(), 1.9903715601285146, 1e-12);
        assertRelative(did.interval().high(), 7.06 + 2.5607103029772778 * 1.9903715601285146, 1e-9);
        double counterfactual = (82.8 + 88.8 + 104.7 + 93.7 + 106.3) / 5 + did.controlChange();
        assertRelative(did.relative().value(), did.effect() / counterfactual, 1e-14);
        assertThat(did.pilotUnits()).isEqualTo(5);
        assertThat(did.controlUnits()).isEqualTo(20);
    }

    @Test
    void diffInDiff_tooFewUnits_namesTheMinimum() {
        assertThatThrownBy(() -> DiffInDiff.estimate(new double[] {1}, new double[] {2}, new double[] {1, 2},
                new double[] {2, 3}))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("difference in differences: pilot group has 1 value; needs at least 2");
    }
}
