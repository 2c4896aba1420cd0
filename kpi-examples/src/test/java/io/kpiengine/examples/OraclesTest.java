package io.kpiengine.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The oracles against printed statistical tables (Abramowitz and Stegun 26.2, 26.7) and a worked regression. */
class OraclesTest {

    @Test
    void distributions_matchTheTables() {
        assertThat(Oracles.normalCdf(1.0)).isCloseTo(0.8413447461, within(1e-9));
        assertThat(Oracles.normalQuantile(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(Oracles.tQuantile(0.975, 10)).isCloseTo(2.228138852, within(1e-8));
        assertThat(Oracles.tQuantile(0.975, 3)).isCloseTo(3.182446305, within(1e-8));
        assertThat(Oracles.tCdf(2.0, 5)).isCloseTo(0.9490302605, within(1e-9));
    }

    @Test
    void ols_fitsALineThroughItsPoints() {
        double[] fit = Oracles.ols(new double[][] {{1, 0}, {1, 1}, {1, 2}, {1, 3}}, new double[] {1, 3, 5, 8});
        // slope Sxy/Sxx = 11.5/5 = 2.3, intercept 4.25 - 2.3 * 1.5 = 0.8, residuals .2 -.1 -.4 .3
        assertThat(fit[0]).isCloseTo(0.8, within(1e-12));
        assertThat(fit[1]).isCloseTo(2.3, within(1e-12));
        assertThat(fit[2]).isCloseTo(0.3, within(1e-12));
    }
}
