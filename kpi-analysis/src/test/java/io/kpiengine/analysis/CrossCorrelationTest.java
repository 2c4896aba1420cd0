package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-correlation against statsmodels 0.13.5 {@code ccf(a, b, adjusted)}, defined as
 * {@code ccovf(a, b)[k] / (np.std(a) np.std(b))} with {@code ccovf(a, b)[k] = sum_t (a[t+k] - mean a)(b[t] - mean b)
 * / d}, {@code d = n - k} if adjusted else {@code n}. Our {@code r(k)} for leading {@code x}, lagging {@code y} is
 * {@code ccf(y, x)[k]} for {@code k >= 0} and {@code ccf(x, y)[-k]} for {@code k < 0}.
 */
class CrossCorrelationTest {

    /*
     * d = pd.read_csv("chickegg.csv"); x = d.egg.values.astype(float); y = d.chicken.values.astype(float)
     * ccf(y, x, adjusted=False)[:6]; ccf(x, y, adjusted=False)[:6]; (and adjusted=True)
     */
    private static final double[] POSITIVE = {-0.1948764720340244, -0.22955376804694638, -0.29248092300510736,
        -0.378801111514677, -0.444810359438071, -0.5069729586884926};
    private static final double[] NEGATIVE = {-0.19487647203402422, -0.1759171594354782, -0.174616270324294,
        -0.17959007923747297, -0.17861914920236796, -0.1775519865261092};
    private static final double[] POSITIVE_ADJUSTED = {-0.1948764720340244, -0.2338849712176435,
        -0.30373018927453455, -0.40108352983906975, -0.4803951881931167, -0.5587048932485428};
    private static final double[] NEGATIVE_ADJUSTED = {-0.19487647203402422, -0.17923635112294006,
        -0.18133228072138222, -0.19015420154555962, -0.19290868113855741, -0.19566953617163055};

    @Test
    void of_chickEgg_equalsStatsmodels() {
        CrossCorrelation ccf = CrossCorrelation.of(Datasets.egg(), Datasets.chicken(), 5);

        for (int k = 0; k <= 5; k++) {
            assertRelative(ccf.correlation(k).value(), POSITIVE[k], 1e-12);
            assertRelative(ccf.correlation(-k).value(), NEGATIVE[k], 1e-12);
        }
        assertThat(ccf.observations()).isEqualTo(54);
        assertThat(ccf.band()).isCloseTo(1.959963984540054 / Math.sqrt(54), within(1e-15));
        assertThat(ccf.bestLag()).hasValue(5);
        assertThat(ccf.bestLead()).hasValue(5);
        assertThat(ccf.isSignificant(5)).isTrue();
        assertThat(ccf.isSignificant(0)).isFalse();
    }

    @Test
    void leadLag_chickEggAdjusted_equalsStatsmodels() {
        CrossCorrelation ccf = LeadLag.of(Datasets.egg(), Datasets.chicken()).maxLag(5).maxOrder(1).adjusted(true)
                .run().crossCorrelation();

        for (int k = 0; k <= 5; k++) {
            assertRelative(ccf.correlation(k).value(), POSITIVE_ADJUSTED[k], 1e-12);
            assertRelative(ccf.correlation(-k).value(), NEGATIVE_ADJUSTED[k], 1e-12);
        }
    }

    /* dx, dy = np.diff(x), np.diff(y); ccf(dy, dx, adjusted=False)[:4]; ccf(dx, dy, adjusted=False)[:4] */
    @Test
    void leadLag_differenced_equalsStatsmodelsOnDiffs() {
        double[] positive = {0.6308078067745777, 0.2048978707102917, 0.11422824723591439, -0.08197787744755058};
        double[] negative = {0.6308078067745777, 0.1540312391918146, 0.10282284885848146, -0.045684215387205};

        CrossCorrelation ccf = LeadLag.of(Datasets.egg(), Datasets.chicken()).maxLag(3).maxOrder(1)
                .prewhitening(Prewhitening.difference()).run().crossCorrelation();

        assertThat(ccf.observations()).isEqualTo(53);
        for (int k = 0; k <= 3; k++) {
            assertRelative(ccf.correlation(k).value(), positive[k], 1e-12);
            assertRelative(ccf.correlation(-k).value(), negative[k], 1e-12);
        }
    }

    /*
     * res = AutoReg(x, lags=2, trend="c").fit()    # params [243.768..., 1.32871..., -0.37247...]
     * c, p1, p2 = res.params
     * fx = x[2:] - p1*x[1:-1] - p2*x[:-2]; fy = y[2:] - p1*y[1:-1] - p2*y[:-2]
     * ccf(fy, fx, adjusted=True)[:4]; ccf(fx, fy, adjusted=True)[:4]
     */
    @Test
    void leadLag_arPrewhitened_equalsStatsmodelsAutoRegFilter() {
        double[] positive = {0.5409891214190252, -0.06306031942855368, 0.0790717742229252, -0.11178389386099417};
        double[] negative = {0.5409891214190253, -0.12227576683498483, 0.07360049179498375, -0.10387290639511292};

        CrossCorrelation ccf = LeadLag.of(Datasets.egg(), Datasets.chicken()).maxLag(3).maxOrder(1).adjusted(true)
                .prewhitening(Prewhitening.autoregressive(2)).run().crossCorrelation();

        assertThat(ccf.observations()).isEqualTo(52);
        for (int k = 0; k <= 3; k++) {
            assertRelative(ccf.correlation(k).value(), positive[k], 1e-10);
            assertRelative(ccf.correlation(-k).value(), negative[k], 1e-10);
        }
    }

    /** Oracle: the definition written out as a double loop over t, with means and population sd in two passes. */
    @Test
    void of_randomSeries_equalsDefinitionLoop() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int n = 3 + random.nextInt(300);
            int maxLag = random.nextInt(Math.min(n - 1, 40));
            double[] x = new double[n];
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                x[t] = 500 + random.nextGaussian() * 3;
                y[t] = -20 + random.nextGaussian() + (t > 2 ? 0.5 * x[t - 3] : 0);
            }
            CrossCorrelation ccf = CrossCorrelation.of(Series.of("x", x), Series.of("y", y), maxLag);
            double mx = java.util.Arrays.stream(x).average().orElseThrow();
            double my = java.util.Arrays.stream(y).average().orElseThrow();
            double sx = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - mx) * (v - mx)).sum() / n);
            double sy = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - my) * (v - my)).sum() / n);
            for (int k = -maxLag; k <= maxLag; k++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    if (t + k >= 0 && t + k < n) {
                        s += (y[t + k] - my) * (x[t] - mx);
                    }
                }
                double expected = s / n / (sx * sy);
                assertThat(ccf.correlation(k).value()).as("seed %d lag %d", seed, k)
                        .isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void of_knownLead_findsIt() {
        Random random = new Random(11);
        double[] x = new double[400];
        double[] y = new double[400];
        for (int t = 0; t < 400; t++) {
            x[t] = random.nextGaussian();
            y[t] = (t >= 4 ? x[t - 4] : 0) + 0.3 * random.nextGaussian();
        }
        CrossCorrelation ccf = CrossCorrelation.of(Series.of("leading", x), Series.of("lagging", y), 8);

        assertThat(ccf.bestLead()).hasValue(4);
        assertThat(ccf.correlation(4).value()).isGreaterThan(0.9);
        // swapped: the best lag is negative and no positive lead is significant at this strength
        CrossCorrelation swapped = CrossCorrelation.of(Series.of("lagging", y), Series.of("leading", x), 8);
        assertThat(swapped.bestLag()).hasValue(-4);
    }

    @Test
    void of_tooShort_namesTheMinimum() {
        Series signups = Series.of("signups", new double[13]);
        Series revenue = Series.of("revenue", new double[13]);
        assertThatThrownBy(() -> CrossCorrelation.of(signups, revenue, 12))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("ccf: series 'signups' and 'revenue' have 13 points; maxLag 12 needs at least 14")
                .satisfies(e -> {
                    AnalysisException a = (AnalysisException) e;
                    assertThat(a.statistic()).isEqualTo("ccf");
                    assertThat(a.input()).isEqualTo("series 'signups' and 'revenue'");
                    assertThat(a.reason()).isEqualTo("have 13 points; maxLag 12 needs at least 14");
                });
    }

    @Test
    void of_constantSeries_isAbsentWithReason() {
        CrossCorrelation ccf = CrossCorrelation.of(Series.of("visits", 3, 3, 3, 3, 3),
                Series.of("orders", 1, 4, 2, 5, 3), 2);

        assertThat(ccf.correlation(1).isPresent()).isFalse();
        assertThat(ccf.correlation(1).reason())
                .contains("series 'visits' is constant (every point is 3); its correlation is undefined");
        assertThat(ccf.bestLag()).isEmpty();
        assertThat(ccf.isSignificant(0)).isFalse();
    }

    @Test
    void leadLag_linearTrendDifferenced_isConstantAfterDifferencing() {
        CrossCorrelation ccf = LeadLag.of(Series.of("trend", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
                Series.of("noise", 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7)).maxLag(2).maxOrder(1)
                .prewhitening(Prewhitening.difference()).run().crossCorrelation();

        assertThat(ccf.correlation(0).reason())
                .contains("series 'trend' is constant after differencing; its correlation is undefined");
    }

    @Test
    void of_missingPoint_isErrorNamingIndex() {
        Series x = Series.of("signups", 1, 2, Double.NaN, 4, 5, 6);
        Series y = Series.of("revenue", 1, 2, 3, 4, 5, 7);
        assertThatThrownBy(() -> CrossCorrelation.of(x, y, 1))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("ccf: series 'signups' has 1 missing point, the first at index 2; pass"
                        + " MissingPolicy.INTERPOLATE to allow them");
    }
}
