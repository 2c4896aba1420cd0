package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Anomaly scores and the EWMA chart against their written definitions, hand-worked examples and scipy.
 *
 * <p>Definitions: sigma z = (v - c) / s, s = numpy.std(w, ddof=1); robust z = (v - median) / (1.4826 MAD), MAD =
 * scipy.stats.median_abs_deviation(w, scale=1); p-values: scipy.stats.norm.sf(|z|) * 2, norm.sf(z), norm.cdf(z).
 * EWMA (NIST e-Handbook 6.3.2.4): z(0) = mu0, z(t) = lambda x(t) + (1 - lambda) z(t-1), limits mu0 +- L sigma
 * sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2t))).
 */
class AnomalyScoreTest {

    @Test
    void robustZ_handWorked() {
        double[] w = {1, 2, 3, 4, 100};
        // median 3; |x - 3| = 2, 1, 0, 1, 97 -> MAD 1
        assertThat(AnomalyScore.median(w, 0, 5)).isEqualTo(3);
        assertThat(AnomalyScore.mad(w, 0, 5)).isEqualTo(1);
        assertThat(AnomalyScore.robustZ(10, w, 0, 5)).isCloseTo(7 / 1.4826, within(1e-15));
        double[] even = {4, 1, 3, 2};
        assertThat(AnomalyScore.median(even, 0, 4)).isEqualTo(2.5);
        // |x - 2.5| = 1.5, 1.5, 0.5, 0.5 -> MAD 1.0
        assertThat(AnomalyScore.mad(even, 0, 4)).isEqualTo(1.0);
        assertThat(AnomalyScore.robustZ(9, new double[] {5, 5, 5, 6}, 0, 4)).isNaN();   // MAD 0: no score
        assertThat(AnomalyScore.robustZ(9, w, 2, 3)).isNaN();                            // one value
    }

    @Test
    void medianAndMadOfSorted_equalsTheSortingDefinition() {
        Random random = new Random(17);
        double[] a = new double[2];
        double[] b = new double[2];
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(25);
            double[] x = new double[n + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextGaussian() * 10;   // with ties
            }
            java.util.Arrays.sort(x, 1, n + 1);
            AnomalyScore.medianAndMadOfSorted(x, 1, n + 1, a);
            a = a.clone();
            b[0] = AnomalyScore.median(x, 1, n + 1);
            b[1] = AnomalyScore.mad(x, 1, n + 1);
            assertThat(a).as("seed 17, trial %d", trial).containsExactly(b[0], b[1]);
        }
    }

    @Test
    void sigmaZ_equalsTheTwoPassDefinition() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(30);
            double[] w = new double[n + 3];
            for (int i = 0; i < w.length; i++) {
                w[i] = 1e6 + random.nextGaussian() * 10;
            }
            double sum = 0;
            for (int i = 2; i < 2 + n; i++) {
                sum += w[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 2; i < 2 + n; i++) {
                ss += (w[i] - mean) * (w[i] - mean);
            }
            double s = Math.sqrt(ss / (n - 1));
            double value = 1e6 + random.nextGaussian() * 30;
            assertThat(AnomalyScore.sigmaZ(value, mean, w, 2, 2 + n)).as("seed 5, trial %d", trial)
                    .isCloseTo((value - mean) / s, within(1e-9));
        }
        // numpy.std([2, 4, 4, 4, 5, 5, 7, 9], ddof=1) = 2.138089935299395
        assertThat(AnomalyScore.standardDeviation(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 0, 8))
                .isCloseTo(2.138089935299395, within(1e-15));
    }

    @Test
    void pValues_equalScipyNorm() {
        // scipy.stats.norm.sf(3) * 2 = 0.0026997960632601866; norm.sf(3) = 0.0013498980316300933;
        // norm.cdf(-8) = 6.22096057427174e-16
        assertThat(AnomalyScore.pValue(-3, AnomalyScore.Tail.BOTH)).isCloseTo(0.0026997960632601866, within(1e-17));
        assertThat(AnomalyScore.pValue(3, AnomalyScore.Tail.UPPER)).isCloseTo(0.0013498980316300933, within(1e-17));
        assertThat(AnomalyScore.pValue(3, AnomalyScore.Tail.LOWER)).isCloseTo(1 - 0.0013498980316300933,
                within(1e-15));
        assertThat(AnomalyScore.pValue(-8, AnomalyScore.Tail.LOWER)).isCloseTo(6.22096057427174e-16, within(1e-28));
        assertThat(AnomalyScore.pValue(0, AnomalyScore.Tail.BOTH)).isEqualTo(1.0);
        assertThat(AnomalyScore.pValue(Double.NaN, AnomalyScore.Tail.BOTH)).isNaN();
    }

    @Test
    void ewmaLimits_handWorked_andTheRecursion() {
        EwmaChart chart = new EwmaChart(10, 2, 0.2, 3);
        // t = 1: 3 * 2 * sqrt(0.2 / 1.8 * (1 - 0.8^2)) = 6 * sqrt(0.04) = 1.2
        assertThat(chart.upperLimit(1)).isCloseTo(11.2, within(1e-12));
        assertThat(chart.lowerLimit(1)).isCloseTo(8.8, within(1e-12));
        // t -> infinity: 3 * 2 * sqrt(1 / 9) = 2
        assertThat(chart.upperLimit(10_000)).isCloseTo(12, within(1e-12));
        double[] x = {10.5, 12, 13, 14};
        double z = chart.mean();
        double[] expected = {10.1, 10.48, 10.984, 11.5872};   // 0.2 x + 0.8 z by hand
        for (int t = 1; t <= x.length; t++) {
            z = chart.next(z, x[t - 1]);
            assertThat(z).isCloseTo(expected[t - 1], within(1e-12));
            double sz = 2 * Math.sqrt(0.2 / 1.8 * (1 - Math.pow(0.8, 2 * t)));
            assertThat(chart.score(z, t)).isCloseTo((z - 10) / sz, within(1e-12));
        }
        EwmaChart calibrated = EwmaChart.calibrate(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 0, 8, 0.3, 2.8);
        assertThat(calibrated.mean()).isEqualTo(5);
        assertThat(calibrated.sigma()).isCloseTo(2.138089935299395, within(1e-15));
        assertThatThrownBy(() -> EwmaChart.calibrate(new double[] {3, 3, 3}, 0, 3, 0.2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an EWMA chart needs a phase-I window of at least two values with spread, but 3 values had"
                        + " standard deviation 0.0");
        assertThatThrownBy(() -> new EwmaChart(0, 1, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
