package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Classical decomposition against statsmodels 0.13.5 {@code seasonal_decompose(x, model, period)} (centred 2x12
 * moving average for the even period, 7-point average for the odd one; phase means of the detrended points
 * normalised to sum 0 or mean 1; NaN trend and residual at the ends, absent points here).
 *
 * <pre>
 * x = pd.read_csv(f).Sales.values.astype(float); r = seasonal_decompose(x, model=model, period=12); n = len(x)
 * r.seasonal[:12]; at = [6, 7, 50, n-7]; r.trend[at]; r.resid[at]; np.nansum(r.trend); np.nansum(r.resid)
 * </pre>
 */
class DecompositionTest {

    @Test
    void of_champagneAdditive_equalsStatsmodels() {
        check("monthly_champagne_sales.csv", Decomposition.Model.ADDITIVE,
                new double[] {-1223.41158234127, -1624.2501240079366, -979.229290674603, -850.2449156746034,
                    -652.0961061507937, -671.1734871031749, -1242.5001240079368, -3060.5053323412703,
                    -312.39074900793656, 965.7290426587301, 3730.1300843253966, 5919.942584325397},
                new double[] {3466.75, 3447.125, 5047.874999999999, 5694.5},
                new double[] {57.75012400793685, 1825.3803323412703, 85.35429067460393, -138.27070932539698},
                454264.4583333333, 232.02715773812815);
    }

    @Test
    void of_champagneMultiplicative_equalsStatsmodels() {
        check("monthly_champagne_sales.csv", Decomposition.Model.MULTIPLICATIVE,
                new double[] {0.7546271148158711, 0.6742239539219893, 0.8076851978582941, 0.8299511208577167,
                    0.8742985545752394, 0.8661999705142361, 0.7405196542217396, 0.3809769229042326,
                    0.927180635683224, 1.1955816660610314, 1.7545539909047243, 2.194201217681704},
                new double[] {3466.75, 3447.125, 5047.874999999999, 5694.5},
                new double[] {0.8889074093000497, 1.6843386747312679, 1.018862965486007, 0.9951377272336391},
                454264.4583333333, 93.00948077969257);
    }

    @Test
    void of_carSalesAdditive_equalsStatsmodels() {
        check("monthly_car_sales_quebec.csv", Decomposition.Model.ADDITIVE,
                new double[] {-3247.6440972222226, -2835.2951388888887, 2883.5017361111113, 4953.850694444444,
                    6633.949652777778, 3740.6111111111113, -1042.894097222222, -3298.7222222222217,
                    -4695.993055555555, -614.5503472222213, -53.060763888888914, -2423.7534722222226},
                new double[] {10215.291666666666, 10270.833333333334, 15240.833333333334, 18192.166666666668},
                new double[] {325.6024305555559, 1278.8888888888878, 819.6649305555547, -848.7777777777792},
                1404423.1666666665, -458.1666666666497);
    }

    @Test
    void of_carSalesMultiplicative_equalsStatsmodels() {
        check("monthly_car_sales_quebec.csv", Decomposition.Model.MULTIPLICATIVE,
                new double[] {0.7822162165004832, 0.8181828455393709, 1.1949015749539402, 1.3437052158642353,
                    1.4571083516631216, 1.2563776637874582, 0.9346310520698135, 0.7642667770174164,
                    0.6659136416229458, 0.953857968107001, 0.9974178127365955, 0.8314208801376174},
                new double[] {10215.291666666666, 10270.833333333334, 15240.833333333334, 18192.166666666668},
                new double[] {0.9948123961009652, 1.051128772499729, 1.040233504320758, 0.9224617659169675},
                1404423.1666666665, 95.62600788616683);
    }

    private static void check(String file, Decomposition.Model model, double[] indices, double[] trend,
            double[] residual, double trendSum, double residualSum) {
        double[] x = Datasets.column(file, "Sales");
        int n = x.length;
        Decomposition d = Decomposition.of(x, 12, model);

        for (int phase = 0; phase < 12; phase++) {
            assertRelative(d.index(phase), indices[phase], 1e-12);
        }
        int[] at = {6, 7, 50, n - 7};
        double tSum = 0;
        double rSum = 0;
        for (int i = 0; i < at.length; i++) {
            assertRelative(d.trend().value(at[i]), trend[i], 1e-13);
            assertThat(d.residual().value(at[i])).isCloseTo(residual[i], within(1e-9 * Math.abs(trend[i])));
        }
        for (int t = 0; t < n; t++) {
            boolean inside = t >= 6 && t < n - 6;
            assertThat(d.trend().isPresent(t)).isEqualTo(inside);
            assertThat(d.residual().isPresent(t)).isEqualTo(inside);
            if (inside) {
                tSum += d.trend().value(t);
                rSum += d.residual().value(t);
            }
            double s = d.seasonal().value(t);
            assertThat(s).isEqualTo(d.index(t % 12));
            assertRelative(model == Decomposition.Model.ADDITIVE ? d.adjusted().value(t) + s
                    : d.adjusted().value(t) * s, x[t], 1e-14);
        }
        assertRelative(tSum, trendSum, 1e-13);
        assertThat(rSum).isCloseTo(residualSum, within(1e-9 * trendSum));
        assertThat(d.trend().reason(0)).contains("the centred moving average of 2x12 needs 6 points on each side");
        double norm = Arrays.stream(d.indices()).sum();
        if (model == Decomposition.Model.ADDITIVE) {
            assertThat(norm).isCloseTo(0, within(1e-9));
        } else {
            assertThat(norm / 12).isCloseTo(1, within(1e-14));
        }
    }

    /* r = seasonal_decompose(x[:50], model="additive", period=7), x the car sales: r.seasonal[:7], r.trend[[3, 4, 46]], r.resid[[3, 46]] */
    @Test
    void of_oddPeriod_equalsStatsmodelsPlainMovingAverage() {
        double[] x = Arrays.copyOf(Datasets.column("monthly_car_sales_quebec.csv", "Sales"), 50);
        Decomposition d = Decomposition.of(x, 7, Decomposition.Model.ADDITIVE);

        double[] indices = {300.04859086491757, -490.9037900874635, -1120.5466472303203, 235.26287657920255,
            318.01797862001956, 517.4295432458698, 240.69144800777445};
        for (int phase = 0; phase < 7; phase++) {
            assertRelative(d.index(phase), indices[phase], 1e-12);
        }
        assertRelative(d.trend().value(3), 11367.857142857143, 1e-14);
        assertRelative(d.trend().value(46), 11976.714285714283, 1e-14);
        assertRelative(d.residual().value(3), 2791.8799805636545, 1e-11);
        assertRelative(d.residual().value(46), 3641.2677356656977, 1e-11);
        assertThat(d.trend().isPresent(2)).isFalse();
        assertThat(d.trend().isPresent(47)).isFalse();
        assertThat(d.trend().reason(2)).contains("the centred moving average of 7 needs 3 points on each side");
    }

    /** Generated data with known components: a linear trend plus a fixed pattern is recovered exactly. */
    @Test
    void of_linearTrendPlusPattern_recoversPatternExactly() {
        double[] pattern = {5, -2, 3, -6};
        double[] x = new double[40];
        for (int t = 0; t < x.length; t++) {
            x[t] = 100 + 0.5 * t + pattern[t % 4];
        }
        Decomposition d = Decomposition.of(x, 4, Decomposition.Model.ADDITIVE);

        for (int phase = 0; phase < 4; phase++) {
            assertThat(d.index(phase)).isCloseTo(pattern[phase], within(1e-12));
        }
        for (int t = 2; t < 38; t++) {
            assertThat(d.trend().value(t)).isCloseTo(100 + 0.5 * t, within(1e-12));
            assertThat(d.residual().value(t)).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void of_badInput_namesTheRule() {
        assertThatThrownBy(() -> Decomposition.of(new double[23], 12, Decomposition.Model.ADDITIVE))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("seasonal decomposition: series 'series' has 23 points; period 12 needs at least 24 (two"
                        + " full periods)");
        double[] withZero = new double[24];
        Arrays.fill(withZero, 5);
        withZero[7] = 0;
        assertThatThrownBy(() -> Decomposition.of(withZero, 12, Decomposition.Model.MULTIPLICATIVE))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("seasonal decomposition: series 'series' is 0 at index 7; the multiplicative model needs"
                        + " positive values");
    }

    @Test
    void of_interpolatedMissing_equalsDecompositionOfFilledSeries() {
        double[] x = Arrays.copyOf(Datasets.column("monthly_car_sales_quebec.csv", "Sales"), 36);
        double[] gappy = x.clone();
        gappy[10] = Double.NaN;
        Decomposition d = Decomposition.of(Series.of("sales", gappy), 12, Decomposition.Model.ADDITIVE,
                MissingPolicy.INTERPOLATE);
        double[] filled = x.clone();
        filled[10] = (x[9] + x[11]) / 2;

        assertThat(d.indices()).containsExactly(Decomposition.of(filled, 12, Decomposition.Model.ADDITIVE).indices());
    }
}
