package io.kpiengine.examples;

import static io.kpiengine.examples.ExamplesTest.CENT;
import static io.kpiengine.examples.ExamplesTest.TENTH;
import static io.kpiengine.examples.ExamplesTest.line;
import static io.kpiengine.examples.ExamplesTest.numbers;
import static io.kpiengine.examples.ExamplesTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recomputes every number {@code Example15_PilotValidation} prints from its generated store days: the weekly wait
 * per customer as queue minutes over customers of each ISO week, difference in differences as Welch's test on the
 * stores' changes (scipy {@code ttest_ind(d_pilot, d_control, equal_var=False)}), power as statsmodels'
 * {@code NormalIndPower} ({@code P(Z > c - d sqrt(n)) + P(Z < -c - d sqrt(n))}, {@code n = 1 / (1/nA + 1/nB)}), with
 * the distributions of {@link Oracles}.
 */
class Example15Test {

    /** Per store, the mean of its 8 weekly ratios before and after the start. */
    static double[][] levels(List<Example15_PilotValidation.StoreDay> days, List<String> stores) {
        double[][] queue = new double[stores.size()][16];
        double[][] customers = new double[stores.size()][16];
        for (Example15_PilotValidation.StoreDay d : days) {
            int s = stores.indexOf(d.store());
            if (s >= 0) {
                int w = (int) (ChronoUnit.DAYS.between(Example15_PilotValidation.FIRST, d.day()) / 7);
                queue[s][w] += d.queueMinutes().doubleValue();
                customers[s][w] += d.customers();
            }
        }
        double[][] out = new double[2][stores.size()];
        for (int s = 0; s < stores.size(); s++) {
            for (int w = 0; w < 16; w++) {
                out[w < 8 ? 0 : 1][s] += queue[s][w] / customers[s][w] / 8;
            }
        }
        return out;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /** The sample variance, {@code sum (x - mean)^2 / (n - 1)}. */
    static double variance(double[] v) {
        double m = mean(v);
        return Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
    }

    static final double C = Oracles.normalQuantile(0.975);

    static double power(double d, double nA, double ratio) {
        double n = 1 / (1 / nA + 1 / (nA * ratio));
        double c = C;
        return 1 - Oracles.normalCdf(c - d * Math.sqrt(n)) + Oracles.normalCdf(-c - d * Math.sqrt(n));
    }

    @Test
    void example15_pilotValidation_printsTheDidEffectAndPowerOfItsData() throws Exception {
        String out = run(Example15_PilotValidation::main);

        List<Example15_PilotValidation.StoreDay> days = Example15_PilotValidation.days();
        List<String> pilotStores = Example15_PilotValidation.PILOT;
        List<String> controlStores = Example15_PilotValidation.STORES.stream().filter(s -> !pilotStores.contains(s))
                .toList();
        double[][] pilot = levels(days, pilotStores);
        double[][] control = levels(days, controlStores);
        double[] dp = new double[5];
        double[] dc = new double[20];
        for (int i = 0; i < 5; i++) {
            dp[i] = pilot[1][i] - pilot[0][i];
        }
        for (int i = 0; i < 20; i++) {
            dc[i] = control[1][i] - control[0][i];
        }
        shows(numbers(line(out, "  pilot ")), 5, mean(pilot[0]), mean(pilot[1]), mean(dp));
        shows(numbers(line(out, "  control ")), 20, mean(control[0]), mean(control[1]), mean(dc));

        double effect = mean(dp) - mean(dc);
        double se = Math.sqrt(variance(dp) / 5 + variance(dc) / 20);
        double a = variance(dp) / 5;
        double b = variance(dc) / 20;
        double df = (a + b) * (a + b) / (a * a / 4 + b * b / 19);
        double t = effect / se;
        double p = 2 * Oracles.tCdf(-Math.abs(t), df);
        double q = Oracles.tQuantile(0.975, df);
        double relative = effect / (mean(pilot[0]) + mean(dc));
        List<Double> did = numbers(line(out, "Difference in differences:"));
        assertThat(did.get(0)).isCloseTo(effect, within(CENT));
        assertThat(did.get(2)).isCloseTo(effect - q * se, within(CENT));
        assertThat(did.get(3)).isCloseTo(effect + q * se, within(CENT));
        assertThat(did.get(4)).isCloseTo(se, within(0.00051));
        assertThat(did.get(5)).isCloseTo(t, within(CENT));
        assertThat(did.get(6)).isCloseTo(df, within(TENTH));
        assertThat(did.get(7)).isCloseTo(p, within(0.000051));
        assertThat(did.get(8)).isCloseTo(100 * relative, within(TENTH));
        // the known answer lies in the interval; the pilot stores' own before/after does not show it
        assertThat(Example15_PilotValidation.EFFECT).isBetween(effect - q * se, effect + q * se);
        assertThat(numbers(line(out, "Before/after in the pilot stores alone")).get(0))
                .isCloseTo(mean(dp), within(CENT)).isGreaterThan(effect + q * se);

        double sd = Math.sqrt(variance(dc));
        double d = Example15_PilotValidation.WORTH / sd;
        double exact = 1;
        double hi = 10_000;
        for (int i = 0; i < 80; i++) {
            double mid = (exact + hi) / 2;
            if (power(d, mid, 1) < 0.8) {
                exact = mid;
            } else {
                hi = mid;
            }
        }
        List<Double> pw = numbers(line(out, "Power:"));
        assertThat(pw.get(0)).isCloseTo(sd, within(0.00051));
        assertThat(pw.get(2)).isCloseTo(d, within(CENT));
        assertThat(pw.get(4)).isCloseTo(power(d, 20, 0.25), within(CENT));
        assertThat(pw.subList(5, 7)).containsExactly(5.0, 20.0);
        assertThat(pw.get(7)).isEqualTo(Math.ceil(hi));
    }

    /** A table row: the store count exactly, then numbers printed with two decimals. */
    static void shows(List<Double> printed, int stores, double... values) {
        assertThat(printed).hasSize(values.length + 1);
        assertThat(printed.get(0)).isEqualTo(stores);
        for (int i = 0; i < values.length; i++) {
            assertThat(printed.get(i + 1)).isCloseTo(values[i], within(CENT));
        }
    }
}
