package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * STL against statsmodels 0.13.5 {@code STL(x, period=12, robust=...).fit()} with its defaults (seasonal 7, trend
 * 23, low-pass 13, degree 1, no jumps; 5 inner passes, or 2 inner passes and 15 robustness rounds).
 *
 * <pre>
 * x = pd.read_csv(f).Sales.values.astype(float); r = STL(x, period=12, robust=robust).fit(); at = [0, 1, 50, n-1]
 * r.seasonal[at]; r.trend[at]; r.seasonal.sum(); r.trend.sum(); r.weights.sum()
 * </pre>
 */
class StlTest {

    @Test
    void of_champagne_equalsStatsmodels() {
        check("monthly_champagne_sales.csv", false,
                new double[] {-668.2073975211736, -809.0033172617179, -1007.433081688812, 212.74744395131293},
                new double[] {3278.0653972680407, 3302.1627019361968, 5133.702440818098, 5744.945706854451},
                -8949.71302343313, 508694.0991129826, 105.0);
    }

    @Test
    void of_champagneRobust_equalsStatsmodels() {
        check("monthly_champagne_sales.csv", true,
                new double[] {-601.6093060119885, -722.7475055515783, -891.0511893824676, 79.51688324352698},
                new double[] {3272.0154069618416, 3297.5628758979265, 5063.379260898309, 5833.461532032619},
                -9205.665984693253, 507099.21582968754, 83.54027432031683);
    }

    @Test
    void of_carSales_equalsStatsmodels() {
        check("monthly_car_sales_quebec.csv", false,
                new double[] {-3139.4059333781624, -988.3159962120579, 3002.1405636868026, -3799.957768645702},
                new double[] {10064.908952138156, 10091.426200657064, 15084.63548978796, 18837.335967681254},
                1008.629202485407, 1576158.1164762448, 108.0);
    }

    @Test
    void of_carSalesRobust_equalsStatsmodels() {
        check("monthly_car_sales_quebec.csv", true,
                new double[] {-3131.9575935622415, -918.5440496065004, 2958.063423625862, -4191.372137038411},
                new double[] {9984.930774923076, 10020.761741366225, 15204.081806195936, 19001.855543101723},
                732.3208377078336, 1584895.8055438444, 92.43373886431614);
    }

    private static void check(String file, boolean robust, double[] seasonal, double[] trend, double seasonalSum,
            double trendSum, double weightSum) {
        double[] x = Datasets.column(file, "Sales");
        int n = x.length;
        Stl stl = Stl.of(Series.of("sales", x), 12, robust);
        int[] at = {0, 1, 50, n - 1};
        for (int i = 0; i < at.length; i++) {
            assertThat(stl.seasonal().value(at[i])).isCloseTo(seasonal[i], within(1e-9 * Math.abs(trend[i])));
            assertRelative(stl.trend().value(at[i]), trend[i], 1e-10);
        }
        double s = 0;
        double t = 0;
        for (int i = 0; i < n; i++) {
            s += stl.seasonal().value(i);
            t += stl.trend().value(i);
            assertThat(stl.seasonal().value(i) + stl.trend().value(i) + stl.residual().value(i))
                    .isCloseTo(x[i], within(1e-9 * Math.abs(x[i])));
        }
        assertThat(s).isCloseTo(seasonalSum, within(1e-9 * trendSum));
        assertRelative(t, trendSum, 1e-11);
        assertRelative(Arrays.stream(stl.weights()).sum(), weightSum, 1e-10);
    }
}
