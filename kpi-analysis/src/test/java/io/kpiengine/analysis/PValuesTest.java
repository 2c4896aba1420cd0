package io.kpiengine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Holm and Benjamini–Hochberg against statsmodels 0.13.5 {@code multipletests(p, method="holm" / "fdr_bh")[1]}.
 * Definitions (p sorted ascending, rank j from 1): Holm {@code adj(i) = min(1, max over j <= i of (m - j + 1)
 * p(j))}; BH {@code adj(i) = min(1, min over j >= i of m p(j) / j)}.
 */
class PValuesTest {

    /* multipletests([0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.0001, 0.9], method=...)[1] */
    private static final double[] RAW = {0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.0001, 0.9};

    @Test
    void holm_equalsStatsmodels() {
        double[] expected = {0.06, 0.16, 0.15, 0.035, 1.0, 0.16, 0.0008, 1.0};
        assertThat(PValues.holm(RAW)).containsExactly(expected, within(1e-15));
    }

    @Test
    void benjaminiHochberg_equalsStatsmodels() {
        double[] expected = {0.02666666666666667, 0.05333333333333334, 0.05333333333333334, 0.02, 0.5714285714285714,
            0.05333333333333334, 0.0008, 0.9};
        assertThat(PValues.benjaminiHochberg(RAW)).containsExactly(expected, within(1e-15));
    }

    /** Properties on random p-values: both adjustments are monotone in p, at least p, at most 1; BH at most Holm. */
    @Test
    void adjustments_randomPValues_monotoneAndBounded() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            double[] p = new double[1 + random.nextInt(60)];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextInt(4) == 0 ? 0.05 : Math.pow(random.nextDouble(), 3);
            }
            double[] holm = PValues.holm(p);
            double[] bh = PValues.benjaminiHochberg(p);
            for (int i = 0; i < p.length; i++) {
                assertThat(holm[i]).as("seed %d", seed).isBetween(p[i], 1.0);
                // m p / m may differ from p by an ulp
                assertThat(bh[i]).as("seed %d", seed).isBetween(p[i] * (1 - 1e-15), 1.0)
                        .isLessThanOrEqualTo(holm[i] * (1 + 1e-15));
                for (int j = 0; j < p.length; j++) {
                    if (p[i] <= p[j]) {
                        assertThat(holm[i]).as("seed %d", seed).isLessThanOrEqualTo(holm[j]);
                        assertThat(bh[i]).as("seed %d", seed).isLessThanOrEqualTo(bh[j]);
                    }
                }
            }
        }
    }

    @Test
    void holm_outOfRange_fails() {
        assertThatThrownBy(() -> PValues.holm(0.1, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p-values must be in [0, 1], but p[1] was 1.5");
    }
}
