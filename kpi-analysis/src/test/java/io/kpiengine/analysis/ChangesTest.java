package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Changes and moving averages against pandas 1.5.3 on the daily visitors and the Quebec car sales. */
class ChangesTest {

    /*
     * d = pd.read_csv("daily_website_visitors.csv", thousands=","); y = pd.Series(d["Unique.Visits"].values[:40].astype(float))
     * y.pct_change(periods=7, fill_method=None).values[[7, 8, 39]]
     */
    @Test
    void periodOverPeriod_equalsPandasPctChange() {
        Points change = Changes.periodOverPeriod(visits40(), 7);

        assertRelative(change.value(7), 0.04677623261694053, 1e-15);
        assertRelative(change.value(8), 0.022943037974683556, 1e-15);
        assertRelative(change.value(39), -0.004503152206544625, 1e-15);
        assertThat(change.reason(6)).contains("no point 7 periods earlier");
        assertThat(change.absentCount()).isEqualTo(7);
    }

    /* m = pd.read_csv("monthly_car_sales_quebec.csv"); s.pct_change(periods=12, fill_method=None).values[[12, 13, 107]] */
    @Test
    void yearOverYear_carSales_equalsPandas() {
        Series sales = Series.of("sales", Datasets.column("monthly_car_sales_quebec.csv", "Sales"));
        Points yoy = Changes.yearOverYear(sales, 12);

        assertRelative(yoy.value(12), 0.1048854961832062, 1e-15);
        assertRelative(yoy.value(13), 0.07401466544454638, 1e-15);
        assertRelative(yoy.value(107), 0.06300590680376295, 1e-15);
        // (s[-1] / s[0]) ** (12 / 107) - 1
        assertRelative(Changes.cagr(sales, 12).value(), 0.0938650823897913, 1e-14);
    }

    @Test
    void periodOverPeriod_zeroOrMissingBase_isAbsentWithReason() {
        Points change = Changes.periodOverPeriod(Series.of("orders", 0, 5, Double.NaN, 6, 3), 1);

        assertThat(change.reason(1)).contains("the base, point 0, is 0");
        assertThat(change.reason(2)).contains("point 2 is missing");
        assertThat(change.reason(3)).contains("the base, point 2, is missing");
        assertThat(change.value(4)).isEqualTo(-0.5);
        assertThat(change.toArray()[1]).isNaN();
    }

    @Test
    void cagr_definition_andAbsentCases() {
        assertRelative(Changes.cagr(100, 121, 2).value(), 0.1, 1e-15);
        assertThat(Changes.cagr(100, 0, 3).value()).isEqualTo(-1);
        assertThat(Changes.cagr(0, 10, 1).reason()).contains("CAGR needs a positive start value, but it was 0");
        assertThat(Changes.cagr(5, -1, 1).reason()).contains("CAGR needs an end value of at least 0, but it was -1");
    }

    /* y.rolling(7).mean().values[6:12] */
    @Test
    void sma_equalsPandasRollingMean() {
        double[] expected = {2100.1428571428573, 2110.714285714286, 2119.0, 2208.5714285714284, 2288.714285714286,
            2383.4285714285716};
        Points sma = Smoothing.sma(visits40(), 7);

        for (int i = 0; i < expected.length; i++) {
            assertRelative(sma.value(6 + i), expected[i], 1e-15);
        }
        assertThat(sma.reason(5)).contains("a window of 7 needs 6 earlier points");
    }

    @Test
    void sma_windowWithMissingPoint_isAbsent() {
        Points sma = Smoothing.sma(Series.of("x", 1, 2, 3, Double.NaN, 5, 6, 7), 3);

        assertThat(sma.value(2)).isEqualTo(2);
        assertThat(sma.reason(5)).contains("the window 3..5 holds missing point 3");
        assertThat(sma.value(6)).isEqualTo(6);
    }

    /*
     * y.ewm(alpha=0.3, adjust=True).mean().values[[0, 1, 2, 10, 39]]
     * y.ewm(span=9, adjust=False).mean().values[[0, 1, 2, 10, 39]]
     * y.ewm(halflife=5.0).mean().values[[0, 5, 39]]
     */
    @Test
    void ema_equalsPandasEwm() {
        Points adjusted = Smoothing.ema(visits40(), 0.3, true);
        Points recursive = Smoothing.ema(visits40(), Smoothing.alphaFromSpan(9), false);
        Points halfLife = Smoothing.ema(visits40(), Smoothing.alphaFromHalfLife(5), true);

        int[] at = {0, 1, 2, 10, 39};
        double[] a = {1582.0, 2138.470588235294, 2362.9132420091323, 2651.491139404052, 3276.917412874105};
        double[] r = {1582.0, 1771.2000000000003, 1942.9600000000003, 2430.0427713536, 3149.256869780028};
        for (int i = 0; i < at.length; i++) {
            assertRelative(adjusted.value(at[i]), a[i], 1e-15);
            assertRelative(recursive.value(at[i]), r[i], 1e-15);
        }
        assertRelative(halfLife.value(5), 2265.179294670324, 1e-14);
        assertRelative(halfLife.value(39), 3009.5361891647694, 1e-14);
    }

    private static Series visits40() {
        return Series.of("visits", java.util.Arrays.copyOf(
                Datasets.column("daily_website_visitors.csv", "Unique.Visits"), 40));
    }
}
