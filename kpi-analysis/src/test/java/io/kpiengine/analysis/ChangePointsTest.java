package io.kpiengine.analysis;

import static io.kpiengine.analysis.GrangerTest.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Change points: PELT against the exact optimal partitioning it prunes (a plain O(n^2) recursion written here),
 * generated shifts with known positions, and the noise estimate against scipy.
 */
class ChangePointsTest {

    @Test
    void detect_knownShifts_findsThem() {
        Random random = new Random(21);
        double[] v = new double[300];
        for (int t = 0; t < v.length; t++) {
            double level = t < 100 ? 50 : t < 180 ? 58 : 47;
            v[t] = 1e6 + level + random.nextGaussian();
        }
        ChangePoints shifts = ChangePoints.detect(Series.of("orders", v));

        assertThat(shifts.indices()).containsExactly(100, 180);
        assertThat(shifts.segments()).hasSize(3);
        assertThat(shifts.segments().get(1).mean()).isCloseTo(1e6 + 58, org.assertj.core.api.Assertions.within(0.5));
        assertThat(shifts.penalty()).isEqualTo(2 * Math.log(300));
    }

    @Test
    void detect_randomSeries_equalsExactOptimalPartitioning() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int n = 4 + random.nextInt(150);
            double[] v = new double[n];
            double level = 0;
            for (int t = 0; t < n; t++) {
                if (random.nextInt(25) == 0) {
                    level += random.nextGaussian() * 4;
                }
                v[t] = level + random.nextGaussian() * (random.nextInt(10) == 0 ? 4 : 1);
            }
            ChangePoints pelt = ChangePoints.detect(Series.of("x", v));
            assertThat(pelt.indices()).as("seed %d", seed)
                    .isEqualTo(optimalPartitioning(v, pelt.sigma(), 2 * Math.log(n), ChangePoints.MIN_SEGMENT));
        }
    }

    /** The recursion F(t) = min over admissible tau of F(tau) + RSS(tau, t) / sigma^2 + beta, every tau tried. */
    private static List<Integer> optimalPartitioning(double[] v, double sigma, double beta, int minSegment) {
        int n = v.length;
        double[] f = new double[n + 1];
        int[] last = new int[n + 1];
        Arrays.fill(f, Double.POSITIVE_INFINITY);
        f[0] = -beta;
        for (int t = minSegment; t <= n; t++) {
            for (int tau = 0; tau <= t - minSegment; tau++) {
                if (tau != 0 && tau < minSegment) {
                    continue;
                }
                double mean = 0;
                for (int i = tau; i < t; i++) {
                    mean += v[i];
                }
                mean /= t - tau;
                double rss = 0;
                for (int i = tau; i < t; i++) {
                    rss += (v[i] - mean) * (v[i] - mean);
                }
                double candidate = f[tau] + rss / (sigma * sigma) + beta;
                if (f[t] == Double.POSITIVE_INFINITY || candidate < f[t] - 1e-9 * Math.abs(f[t])) {
                    f[t] = candidate;
                    last[t] = tau;
                }
            }
        }
        List<Integer> cuts = new ArrayList<>();
        for (int t = last[n]; t > 0; t = last[t]) {
            cuts.add(t);
        }
        Collections.reverse(cuts);
        return cuts;
    }

    /* stats.median_abs_deviation(np.diff(y[:200]), scale="normal") / np.sqrt(2), y the unique visits */
    @Test
    void detect_noiseEstimate_equalsScipyMadOfDifferences() {
        double[] y = Arrays.copyOf(Datasets.column("daily_website_visitors.csv", "Unique.Visits"), 200);
        assertRelative(ChangePoints.detect(Series.of("visits", y)).sigma(), 471.7611371283888, 1e-14);
    }

    @Test
    void detect_noiselessSteps_fallsBackToSdOfDifferences() {
        ChangePoints shifts = ChangePoints.detect(Series.of("steps", 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 2, 2, 2, 2, 2));

        assertThat(shifts.indices()).containsExactly(5, 11);
    }

    @Test
    void detect_constant_hasOneSegment() {
        ChangePoints shifts = ChangePoints.detect(Series.of("flat", 3, 3, 3, 3, 3, 3));

        assertThat(shifts.indices()).isEmpty();
        assertThat(shifts.segments()).containsExactly(new MeanSegment(0, 6, 3));
        assertThat(shifts.sigma()).isZero();
    }
}
