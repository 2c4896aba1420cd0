package io.kpiengine.examples;

import static io.kpiengine.examples.ExamplesTest.CENT;
import static io.kpiengine.examples.ExamplesTest.TENTH;
import static io.kpiengine.examples.ExamplesTest.line;
import static io.kpiengine.examples.ExamplesTest.numbers;
import static io.kpiengine.examples.ExamplesTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recomputes what {@code Example14_LeadingIndicators} prints from its generated days, by the written definitions:
 * <ul>
 *   <li>cross-correlation (statsmodels {@code ccf(revenue, visitors, adjusted=False)[k]}):
 *       {@code r(k) = sum_t (x_t - mean x)(y_{t+k} - mean y) / (n sd_x sd_y)}, population standard deviations;</li>
 *   <li>Granger ssr F of order 2 (statsmodels {@code grangercausalitytests}): on rows {@code 2..n-1},
 *       {@code y_t ~ 1 + y_{t-1} + y_{t-2}} against {@code + x_{t-1} + x_{t-2}},
 *       {@code F = ((RSS_r - RSS_u) / 2) / (RSS_u / (n - 2 - 5))};</li>
 *   <li>the lagged regression on percent changes {@code c_t = v_t / v_{t-1} - 1}: OLS of revenue's {@code c_t} on
 *       email's {@code c_{t-2}}, prediction interval {@code t(0.975, m - 2) s sqrt(1 + 1/m + (x0 - mean)^2 / Sxx)}
 *       (statsmodels {@code get_prediction}).</li>
 * </ul>
 * The known answers of the generator: email leads revenue by 2 weeks; no other channel leads it.
 */
class Example14Test {

    static final int N = Example14_LeadingIndicators.WEEKS;

    /** Weekly sums: the four channels' visitors, then revenue. */
    static double[][] weekly() {
        Example14_LeadingIndicators.Data data = Example14_LeadingIndicators.data();
        double[][] out = new double[5][N];
        for (Example14_LeadingIndicators.Visits v : data.visits()) {
            out[Example14_LeadingIndicators.CHANNELS.indexOf(v.channel())][week(v.day())] += v.visitors();
        }
        for (Example14_LeadingIndicators.Sales s : data.sales()) {
            out[4][week(s.day())] += s.revenue().doubleValue();
        }
        return out;
    }

    static int week(java.time.LocalDate day) {
        return (int) (ChronoUnit.DAYS.between(Example14_LeadingIndicators.FIRST, day) / 7);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double ccf(double[] x, double[] y, int k) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int t = 0; t < x.length; t++) {
            sxx += (x[t] - mx) * (x[t] - mx);
            syy += (y[t] - my) * (y[t] - my);
            if (t + k < y.length) {
                sxy += (x[t] - mx) * (y[t + k] - my);
            }
        }
        return sxy / x.length / Math.sqrt(sxx / x.length * syy / y.length);
    }

    static double grangerF(double[] x, double[] y) {
        int m = y.length - 2;
        double[][] restricted = new double[m][];
        double[][] unrestricted = new double[m][];
        double[] target = new double[m];
        for (int t = 2; t < y.length; t++) {
            restricted[t - 2] = new double[] {1, y[t - 1], y[t - 2]};
            unrestricted[t - 2] = new double[] {1, y[t - 1], y[t - 2], x[t - 1], x[t - 2]};
            target[t - 2] = y[t];
        }
        double rssR = Oracles.ols(restricted, target)[3];
        double rssU = Oracles.ols(unrestricted, target)[5];
        return (rssR - rssU) / 2 / (rssU / (m - 5));
    }

    @Test
    void example14_leadingIndicators_findsEmailTwoWeeksAheadAndItsEarlyWarning() throws Exception {
        String out = run(Example14_LeadingIndicators::main);
        double[][] w = weekly();
        double[] revenue = w[4];

        assertThat(numbers(line(out, "Which channel's traffic leads revenue?"))).containsExactly(104.0, 20.0, 8.0, 5.0);
        for (int c = 0; c < 4; c++) {
            String channel = Example14_LeadingIndicators.CHANNELS.get(c);
            String l = ExamplesTest.lineStarting(out, "  visitors (channel=" + channel + ") ");
            List<Double> n = numbers(l);
            assertThat(n.get(n.size() - 1)).isCloseTo(grangerF(w[c], revenue), within(TENTH));
            if (channel.equals("email")) {
                assertThat(n.get(0)).isEqualTo(2.0);
                assertThat(n.get(1)).isCloseTo(ccf(w[c], revenue, 2), within(CENT));
                assertThat(l).endsWith("leads revenue");
            } else {
                assertThat(l).endsWith("no lead");
            }
        }

        // the lagged regression of revenue's weekly change on email's change two weeks earlier
        double[] x = new double[N - 1 - 2];
        double[] y = new double[x.length];
        double[][] design = new double[x.length][];
        for (int t = 3; t < N; t++) {
            x[t - 3] = w[0][t - 2] / w[0][t - 3] - 1;
            y[t - 3] = revenue[t] / revenue[t - 1] - 1;
            design[t - 3] = new double[] {1, x[t - 3]};
        }
        double[] fit = Oracles.ols(design, y);
        int m = x.length;
        double mx = mean(x);
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < m; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - mean(y)) * (y[i] - mean(y));
        }
        double x0 = w[0][N - 1] / w[0][N - 2] - 1;
        double expected = fit[0] + fit[1] * x0;
        double half = Oracles.tQuantile(0.975, m - 2) * Math.sqrt(fit[2] / (m - 2))
                * Math.sqrt(1 + 1.0 / m + (x0 - mx) * (x0 - mx) / sxx);
        double r2 = 1 - fit[2] / syy;

        String warning = line(out, "Early warning:");
        List<Double> n = numbers(warning);
        assertThat(warning).contains("visitors (channel=email) fell ", " in the last week; revenue is expected to fall ",
                "in 2 weeks (lead 2 weeks, R² ", "Granger p < 0.001)");
        assertThat(n.get(0)).isCloseTo(-100 * x0, within(TENTH));
        assertThat(n.get(0)).isCloseTo(100 * Example14_LeadingIndicators.EMAIL_FALL, within(TENTH));
        assertThat(n.get(1)).isCloseTo(-100 * expected, within(TENTH));
        assertThat(n.get(2)).isCloseTo(100 * half, within(TENTH));
        assertThat(n.get(5)).isCloseTo(r2, within(CENT));
        List<Double> line = numbers(line(out, "from revenue change = "));
        assertThat(line.get(0)).isCloseTo(fit[0], within(0.00006));
        assertThat(line.get(1)).isCloseTo(fit[1], within(0.0006));
        assertThat(line.subList(2, 4)).containsExactly(2.0, (double) m);
        assertThat(line.get(4)).isCloseTo(r2, within(CENT));

        // the same warning leads the improvement points, scored by its forecast over its standard error
        String top = line(out, "leading-indicator");
        assertThat(top).endsWith(warning.substring("Early warning: ".length()));
        assertThat(numbers(top).get(0)).isCloseTo(1.959963984540054 * Math.abs(expected) / half, within(TENTH));
        assertThat(line(out, "What deserves attention in 2025-W52:")).isNotEmpty();
    }
}
