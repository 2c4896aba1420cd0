package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * Granger tests against statsmodels 0.13.5 {@code grangercausalitytests}, whose definition is, for each order p on
 * rows {@code p..n-1} ({@code m = n - p}): OLS of {@code effect[t]} on a constant and {@code effect[t-1..t-p]}
 * (restricted, SSR {@code R}) and also on {@code cause[t-1..t-p]} (unrestricted, SSR {@code U}, residual df
 * {@code m - 2p - 1}); {@code F = (R - U) / U / p * (m - 2p - 1)}, {@code chi2 = m (R - U) / U}, {@code lr = -2
 * (llf_R - llf_U) = m ln(R / U)}.
 */
class GrangerTest {

    /*
     * import pandas as pd
     * from statsmodels.tsa.stattools import grangercausalitytests
     * d = pd.read_csv("chickegg.csv")
     * r = grangercausalitytests(d[["chicken", "egg"]].values, 4, verbose=False)   # does egg cause chicken?
     * [(r[p][0]["ssr_ftest"], r[p][0]["ssr_chi2test"], r[p][0]["lrtest"]) for p in (1, 2, 3, 4)]
     */
    private static final double[][] EGG_CAUSES_CHICKEN = {
        // F, p, dfDenom, chi2, p, lr, p
        {1.2071001073095042, 0.27716961823263575, 50, 1.2795261137480745, 0.2579871650098883, 1.2643251216147746,
            0.26083398909730976},
        {8.817472803317777, 0.000560165105043546, 47, 19.511003649894654, 5.797481737181118e-05, 16.567596056902858,
            0.0002525760848622297},
        {5.404984372335079, 0.0029663974455762473, 44, 18.794604749256067, 0.0003014773550056849,
            16.000284988230305, 0.0011338317398181842},
        {4.256765796672329, 0.005671436904255725, 41, 20.764711203279653, 0.0003525594845365414, 17.366872084106717,
            0.0016400652674254126},
    };

    /* r = grangercausalitytests(d[["egg", "chicken"]].values, 4, verbose=False)   # does chicken cause egg? */
    private static final double[][] CHICKEN_CAUSES_EGG = {
        {0.04703185649934399, 0.8291934626129993, 50, 0.04985376788930463, 0.8233179240738282, 0.04983033542987414,
            0.8233587660665145},
        {0.8799844471159065, 0.4215113700418689, 47, 1.9471996276607295, 0.3777208629993636, 1.9116273782645976,
            0.38449915444857136},
        {0.5916153294546953, 0.623786200392404, 44, 2.057207850149281, 0.5606182956436934, 2.016799697132683,
            0.568927196697762},
        {0.3928632977627963, 0.8125377840666634, 41, 1.916406330550226, 0.7511305068256802, 1.8805924529449385,
            0.7577092281216218},
    };

    @Test
    void test_chickEggEggCausesChicken_equalsStatsmodels() {
        GrangerResult result = Granger.test(Datasets.egg(), Datasets.chicken(), 4);

        assertMatches(result, EGG_CAUSES_CHICKEN);
        GrangerOrder third = result.order(3).orElseThrow();
        assertThat(third.f()).isCloseTo(5.405, within(5e-4));
        assertThat(third.fPValue()).isCloseTo(0.00297, within(5e-6));
        assertThat(third.observations()).isEqualTo(51);
    }

    @Test
    void test_chickEggChickenCausesEgg_equalsStatsmodels() {
        assertMatches(Granger.test(Datasets.chicken(), Datasets.egg(), 4), CHICKEN_CAUSES_EGG);
    }

    private static void assertMatches(GrangerResult result, double[][] expected) {
        assertThat(result.reason()).isEmpty();
        assertThat(result.orders()).hasSize(expected.length);
        for (int p = 1; p <= expected.length; p++) {
            GrangerOrder o = result.order(p).orElseThrow();
            double[] e = expected[p - 1];
            assertThat(o.dfNum()).isEqualTo(p);
            assertThat(o.dfDenom()).isEqualTo((int) e[2]);
            assertRelative(o.f(), e[0], 1e-9);
            assertRelative(o.fPValue(), e[1], 1e-9);
            assertRelative(o.chi2(), e[3], 1e-9);
            assertRelative(o.chi2PValue(), e[4], 1e-9);
            assertRelative(o.lr(), e[5], 1e-9);
            assertRelative(o.lrPValue(), e[6], 1e-9);
        }
    }

    static void assertRelative(double actual, double expected, double relative) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * relative + 1e-300));
    }

    /**
     * Oracle: the two regressions built as explicit design matrices and solved by Hipparchus' QR decomposition,
     * independent of the lag-sum and nested-Cholesky shortcuts of the implementation; random data with large
     * offsets (mean 1e6, unit noise) to exercise the centring.
     */
    @Test
    void test_randomSeries_equalExplicitRegressions() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int n = 30 + random.nextInt(200);
            double[] x = new double[n];
            double[] y = new double[n];
            double level = 0;
            for (int t = 0; t < n; t++) {
                level += random.nextGaussian() * 0.1;
                x[t] = 1e6 + level + random.nextGaussian();
                y[t] = -3e5 + (t >= 2 ? 0.4 * x[t - 2] - 4e5 : 0) + random.nextGaussian() + 0.3 * level;
            }
            int maxOrder = 1 + random.nextInt(Math.min(6, (n - 2) / 3));
            GrangerResult result = Granger.test(Series.of("x", x), Series.of("y", y), maxOrder);
            for (int p = 1; p <= maxOrder; p++) {
                double restricted = ssr(y, x, p, false);
                double unrestricted = ssr(y, x, p, true);
                int m = n - p;
                double f = (restricted - unrestricted) / unrestricted / p * (m - 2 * p - 1);
                GrangerOrder o = result.order(p).orElseThrow();
                assertThat(o.f()).as("seed %d order %d", seed, p).isCloseTo(f, within(Math.abs(f) * 1e-7 + 1e-9));
                assertThat(o.lr()).as("seed %d order %d", seed, p)
                        .isCloseTo(m * Math.log(restricted / unrestricted), within(1e-7 * o.lr() + 1e-9));
            }
        }
    }

    private static double ssr(double[] y, double[] x, int p, boolean withCause) {
        int n = y.length;
        int columns = 1 + p + (withCause ? p : 0);
        RealMatrix design = new Array2DRowRealMatrix(n - p, columns);
        RealVector target = new ArrayRealVector(n - p);
        for (int t = p; t < n; t++) {
            design.setEntry(t - p, 0, 1);
            for (int i = 1; i <= p; i++) {
                design.setEntry(t - p, i, y[t - i]);
                if (withCause) {
                    design.setEntry(t - p, p + i, x[t - i]);
                }
            }
            target.setEntry(t - p, y[t]);
        }
        RealVector beta = new QRDecomposition(design).getSolver().solve(target);
        RealVector residual = target.subtract(design.operate(beta));
        return residual.dotProduct(residual);
    }

    /*
     * Series of the benchmark's shape (a random walk * 0.1 plus noise, 1,826 points) from an LCG both languages
     * reproduce bit for bit:
     * def lcg_series(seed, n):
     *     u = seed; out = np.empty(n); walk = 0.0
     *     for t in range(n):
     *         u = (1103515245*u + 12345) % 2147483648; a = u / 2147483648.0
     *         u = (1103515245*u + 12345) % 2147483648; b = u / 2147483648.0
     *         walk += a - 0.5; out[t] = walk*0.1 + (b - 0.5)
     *     return out
     * x, y = lcg_series(7, 1826), lcg_series(11, 1826)
     * r = grangercausalitytests(np.column_stack([y, x]), 4, verbose=False)   # ssr_ftest F, p; lrtest
     * ccf(y, x, adjusted=False)[[0, 1, 6, 12]]
     */
    static double[] lcgSeries(long seed, int n) {
        long u = seed;
        double walk = 0;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            u = (1103515245L * u + 12345) % 2147483648L;
            double a = u / 2147483648.0;
            u = (1103515245L * u + 12345) % 2147483648L;
            double b = u / 2147483648.0;
            walk += a - 0.5;
            out[t] = walk * 0.1 + (b - 0.5);
        }
        return out;
    }

    @Test
    void test_benchmarkShapedSeries_equalsStatsmodels() {
        Series x = Series.of("x", lcgSeries(7, 1826));
        Series y = Series.of("y", lcgSeries(11, 1826));
        double[][] expected = {
            {213.64326154162146, 7.78842176897724e-46, 202.35065119084538},
            {51.88932040546037, 1.2138117611833567e-22, 101.20363508919218},
            {19.26130234680287, 2.7003451694808154e-12, 57.10289711503265},
            {8.803453119927136, 4.880928848096919e-07, 35.04932961747636},
        };
        GrangerResult result = Granger.test(x, y, 4);
        for (int p = 1; p <= 4; p++) {
            GrangerOrder o = result.order(p).orElseThrow();
            assertRelative(o.f(), expected[p - 1][0], 1e-9);
            assertRelative(o.fPValue(), expected[p - 1][1], 1e-9);
            assertRelative(o.lr(), expected[p - 1][2], 1e-9);
        }
        CrossCorrelation ccf = CrossCorrelation.of(x, y, 12);
        double[] r = {-0.7431681919795194, -0.7429417040565256, -0.7277411294572798, -0.712928263433437};
        int[] lags = {0, 1, 6, 12};
        for (int i = 0; i < lags.length; i++) {
            assertRelative(ccf.correlation(lags[i]).value(), r[i], 1e-12);
        }
        LeadLagFinding scanned = LeadLagScan.of(java.util.List.of(x, y)).maxLag(12).maxOrder(4).run()
                .finding("x", "y").orElseThrow();
        assertRelative(scanned.granger().order(1).orElseThrow().fPValue(), expected[0][1], 1e-9);
    }

    @Test
    void test_tooShort_namesTheMinimum() {
        Series a = Series.of("signups", new double[13]);
        Series b = Series.of("revenue", new double[13]);
        assertThatThrownBy(() -> Granger.test(a, b, 4))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("granger: series 'signups' and 'revenue' have 13 points; maxOrder 4 needs at least 14");
    }

    @Test
    void test_constantCause_isAbsentWithReason() {
        double[] flat = new double[20];
        java.util.Arrays.fill(flat, 7);
        double[] moving = new double[20];
        for (int i = 0; i < 20; i++) {
            moving[i] = Math.sin(i) + i;
        }
        GrangerResult result = Granger.test(Series.of("visits", flat), Series.of("orders", moving), 2);

        assertThat(result.orders()).isEmpty();
        assertThat(result.reason()).contains(
                "series 'visits' is constant (every point is 7); the regressions are undefined");
        assertThat(result.pValue().isPresent()).isFalse();
    }

    @Test
    void test_effectIsExactLagOfCause_isPerfectFitWithReason() {
        double[] x = new double[30];
        double[] y = new double[30];
        Random random = new Random(3);
        for (int t = 0; t < 30; t++) {
            x[t] = random.nextGaussian();
            y[t] = t == 0 ? 0 : 2 * x[t - 1] + 1;
        }
        GrangerResult result = Granger.test(Series.of("x", x), Series.of("y", y), 1);

        assertThat(result.orders()).isEmpty();
        assertThat(result.reason()).contains(
                "order 1: the lags fit series 'y' exactly on rows 1..29; the F test is undefined");
    }
}
