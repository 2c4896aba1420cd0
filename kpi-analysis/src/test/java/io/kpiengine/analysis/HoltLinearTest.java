package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holt's linear method against statsmodels 0.13.5.
 *
 * <p>Reference definitions: {@code statsmodels.tsa.holtwinters.Holt(y, initialization_method="estimated").fit()}
 * minimises {@code SSE = sum_t (y(t) - l(t) - b(t))^2} with {@code l(t+1) = alpha y(t) + (1 - alpha)(l(t) + b(t))},
 * {@code b(t+1) = beta (l(t+1) - l(t)) + (1 - beta) b(t)}, {@code l(0) = initial_level}, {@code b(0) =
 * initial_trend}, over {@code sqrt(eps) <= alpha <= 1 - sqrt(eps)}, {@code 0 <= beta <= alpha} and free initial
 * values; {@code ETSModel(y, error="add", trend="add").smooth([alpha, alpha * beta, l0, b0])} gives
 * {@code mse = SSE / n} and prediction intervals {@code mean +- z(0.9) sqrt(mse (1 + sum_{j<h} (alpha + alpha beta
 * j)^2))} ({@code summary_frame(alpha=0.2)}). The numbers below were printed by those calls.
 */
class HoltLinearTest {

    /** {@code 100 + 2.5 t + N(0, 4)} with numpy's {@code default_rng(7)}, 40 points. */
    static final double[] TRENDING = {100.00492061342993, 103.69498215003388, 103.90344857855114, 103.9376326449709,
        108.18131685931311, 108.53341378001414, 115.24057441038975, 122.86086098221813, 118.03117392579468,
        120.01810040072024, 126.9593682007408, 128.92754803264023, 130.42165699599158, 128.77812782116717,
        134.8829927101469, 140.28121277783316, 134.62314181085966, 140.66953695583913, 137.39510904079663,
        142.3418490408601, 142.63305984883306, 151.55963547570127, 149.93021407422518, 158.5850574352868,
        160.6270043464969, 161.75227622148017, 154.93296115671794, 165.34522841661345, 169.8059962183957,
        172.95323594401324, 168.87945693797843, 175.58898689586428, 176.08592368777343, 179.2646510422976,
        189.24359449354432, 184.26986129867242, 189.8699131802179, 196.0375594695327, 192.6655982690268,
        197.05319220166336};

    /** The SSE straight from the recursion of the class comment: an independent evaluation of the objective. */
    static double sse(double[] y, double a, double b, double l, double t) {
        double s = 0;
        for (double v : y) {
            double e = v - (l + t);
            s += e * e;
            double next = a * v + (1 - a) * (l + t);
            t = b * (next - l) + (1 - b) * t;
            l = next;
        }
        return s;
    }

    @Test
    void fit_trendingSeries_equalsStatsmodelsWhereItsOptimiserConverges() {
        HoltLinear holt = HoltLinear.fit(TRENDING);
        // statsmodels: smoothing_level 1.4901161193847656e-08, smoothing_trend 4.676270085019216e-17,
        // initial_level 96.37320827137891, initial_trend 2.4778552812656343, sse 417.7329477951396
        assertThat(holt.alpha()).isCloseTo(1.4901161193847656e-08, within(1e-12));
        assertThat(holt.beta()).isBetween(0.0, holt.alpha());   // beta <= alpha ~ 1e-8: without effect here
        assertThat(holt.initialLevel()).isCloseTo(96.37320827137891, within(1e-4));
        assertThat(holt.initialTrend()).isCloseTo(2.4778552812656343, within(1e-5));
        assertThat(holt.sse()).isCloseTo(417.7329477951396, within(1e-6)).isLessThanOrEqualTo(417.7329477951396);
        double[] statsmodels = {197.96527480328086, 200.44313008454648, 202.92098536581213, 205.39884064707775,
            207.8766959283434};
        for (int h = 1; h <= 5; h++) {
            assertThat(holt.forecast(h)).as("forecast %d", h).isCloseTo(statsmodels[h - 1], within(1e-4));
        }
        assertThat(holt.sse()).isCloseTo(sse(TRENDING, holt.alpha(), holt.beta(), holt.initialLevel(),
                holt.initialTrend()), within(1e-9));
    }

    @Test
    void fit_realSeries_reachesTheMinimumWhereStatsmodelsStopsEarly() {
        double[] egg = Datasets.column("chickegg.csv", "egg");
        double[] chicken = Datasets.column("chickegg.csv", "chicken");
        double[] champagne = Arrays.copyOf(Datasets.column("monthly_champagne_sales.csv", "Sales"), 36);
        double[] cars = Arrays.copyOf(Datasets.column("monthly_car_sales_quebec.csv", "Sales"), 48);
        // {series, statsmodels' SSE (its SLSQP stops after 1 to 5 iterations), the minimum on a 400 x 201 grid of
        // (alpha, beta / alpha) with exact least-squares initial values (numpy lstsq)}
        Object[][] cases = {
            {egg, 1637242.2417802922, 1532656.8089543723},
            {chicken, 34559128147.42112, 33184750827.55198},
            {champagne, 91914843.9272645, 91332997.07108961},
            {cars, 430715576.9508842, 407296449.5640237},
        };
        for (Object[] c : cases) {
            double[] y = (double[]) c[0];
            HoltLinear holt = HoltLinear.fit(y);
            double statsmodels = (double) c[1];
            double grid = (double) c[2];
            assertThat(holt.sse()).isCloseTo(sse(y, holt.alpha(), holt.beta(), holt.initialLevel(),
                    holt.initialTrend()), within(1e-9 * holt.sse()));
            assertThat(holt.sse()).isLessThan(statsmodels).isLessThanOrEqualTo(grid * (1 + 1e-9))
                    .isGreaterThan(grid * (1 - 1e-3));
            assertThat(holt.alpha()).isBetween(HoltLinear.LOWER_BOUND, 1 - HoltLinear.LOWER_BOUND);
            assertThat(holt.beta()).isBetween(0.0, holt.alpha());
        }
    }

    @Test
    void givenParameters_sseForecastsAndIntervals_equalStatsmodelsEts() {
        HoltLinear holt = HoltLinear.of(TRENDING, 0.4, 0.25, 98.0, 2.0);
        // ETSModel(...).smooth([0.4, 0.1, 98.0, 2.0]): sse 587.3752986761245, mse 14.684382466903113
        assertThat(holt.sse()).isCloseTo(587.3752986761245, within(1e-9));
        assertThat(holt.sigma2()).isCloseTo(14.684382466903113, within(1e-12));
        double[] mean = {200.32853798880538, 203.00959480714096, 205.69065162547653, 208.3717084438121,
            211.0527652621477};
        double[] low = {195.41760589133995, 197.5190058057318, 199.4593773540193, 201.25509172387953,
            202.92372619589818};
        double[] high = {205.2394700862708, 208.5001838085501, 211.92192589693377, 215.4883251637447,
            219.1818043283972};
        for (int h = 1; h <= 5; h++) {
            Interval pi = holt.interval(h, 0.8);
            assertThat(holt.forecast(h)).isCloseTo(mean[h - 1], within(1e-9));
            assertThat(pi.low()).as("low %d", h).isCloseTo(low[h - 1], within(1e-8));
            assertThat(pi.high()).as("high %d", h).isCloseTo(high[h - 1], within(1e-8));
        }
    }

    @Test
    void sumVariance_equalsTheInnovationsOracle_andTheSingleStepVariance() {
        HoltLinear holt = HoltLinear.of(TRENDING, 0.37, 0.11, 99.0, 2.2);
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int horizon = 1 + random.nextInt(15);
            double[] w = new double[horizon];
            for (int i = 0; i < horizon; i++) {
                w[i] = random.nextDouble() * 2;
            }
            // y(n+h) - forecast = sum over k <= h of C[h][k] e(n+k): C[h][h] = 1, C[h][k] = alpha + alpha beta (h - k)
            double expected = 0;
            for (int k = 1; k <= horizon; k++) {
                double coefficient = 0;
                for (int h = k; h <= horizon; h++) {
                    coefficient += w[h - 1] * (h == k ? 1 : 0.37 + 0.37 * 0.11 * (h - k));
                }
                expected += coefficient * coefficient;
            }
            expected *= holt.sigma2();
            assertThat(holt.sumVariance(w)).as("seed 11, trial %d", trial).isCloseTo(expected, within(1e-9 * expected));
        }
        for (int h = 1; h <= 6; h++) {
            double[] only = new double[h];
            only[h - 1] = 1;
            assertThat(holt.sumVariance(only)).isCloseTo(holt.variance(h), within(1e-9));
        }
    }

    @Test
    void badInput_fails() {
        assertThatThrownBy(() -> HoltLinear.fit(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Holt's method needs at least 4 points, but got 3");
        assertThatThrownBy(() -> HoltLinear.fit(1, 2, Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point 2 must be finite, but was NaN");
        assertThatThrownBy(() -> HoltLinear.of(TRENDING, 0.3, 0.4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoltLinear.fit(TRENDING).forecast(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
