package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * AHP weights against numpy: {@code w, v = numpy.linalg.eig(A); i = argmax(w.real); x = v[:, i].real / sum},
 * {@code CI = (λmax - n) / (n - 1)}, {@code CR = CI / RI(n)} with Saaty's RI(3) = 0.58, RI(4) = 0.90.
 */
class WeightsTest {

    @Test
    void pairwise_consistentEnoughMatrix_matchesTheEigenvector() {
        AhpResult r = Weights.pairwise(new double[][] {{1, 3, 5}, {1 / 3.0, 1, 2}, {1 / 5.0, 1 / 2.0, 1}});
        assertThat(r.weights().get(0)).isCloseTo(0.64832901, within(1e-8));
        assertThat(r.weights().get(1)).isCloseTo(0.22965079, within(1e-8));
        assertThat(r.weights().get(2)).isCloseTo(0.12202019, within(1e-8));
        assertThat(r.lambdaMax()).isCloseTo(3.003694598, within(1e-8));
        assertThat(r.consistencyIndex()).isCloseTo(0.00184730, within(1e-8));
        assertThat(r.consistencyRatio()).isCloseTo(0.00318500, within(1e-8));
        assertThat(r.isConsistent()).isTrue();
        assertThat(r.iterations()).isLessThan(100);
    }

    @Test
    void pairwise_intransitiveJudgements_areInconsistent() {
        // b > a, a > c, c > b: a cycle of strong judgements
        AhpResult r = Weights.pairwise(new double[][] {{1, 1 / 4.0, 4}, {4, 1, 1 / 3.0}, {1 / 4.0, 3, 1}});
        assertThat(r.weights().get(0)).isCloseTo(0.33231394, within(1e-8));
        assertThat(r.weights().get(1)).isCloseTo(0.36575881, within(1e-8));
        assertThat(r.lambdaMax()).isCloseTo(4.90940179, within(1e-7));
        assertThat(r.consistencyRatio()).isCloseTo(1.64603603, within(1e-7));
        assertThat(r.isConsistent()).isFalse();
    }

    @Test
    void pairwise_perfectlyConsistent_convergesAtOnce() {
        // a_ij = v_i / v_j for v = (4, 2, 1): weights 4/7, 2/7, 1/7, λmax = n, CR = 0
        AhpResult r = Weights.pairwise(new double[][] {{1, 2, 4}, {0.5, 1, 2}, {0.25, 0.5, 1}});
        assertThat(r.weights().get(0)).isCloseTo(4 / 7.0, within(1e-15));
        assertThat(r.weights().get(1)).isCloseTo(2 / 7.0, within(1e-15));
        assertThat(r.weights().get(2)).isCloseTo(1 / 7.0, within(1e-15));
        assertThat(r.consistencyRatio()).isCloseTo(0, within(1e-12));
        assertThat(r.iterations()).isLessThanOrEqualTo(2);
    }

    @Test
    void pairwise_invalidMatrices_nameTheCell() {
        assertThatThrownBy(() -> Weights.pairwise(new double[][] {{1, 3}, {0.5, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pairwise matrix cell (1, 2) is 3.0, so cell"
                        + " (2, 1) must be its reciprocal 0.3333333333333333, but was 0.5");
        assertThatThrownBy(() -> Weights.pairwise(new double[][] {{2}}))
                .hasMessage("pairwise matrix cell (1, 1) must be 1 (a child is as important as itself), but was 2.0");
        assertThatThrownBy(() -> Weights.pairwise(new double[][] {{1, 0}, {0, 1}}))
                .hasMessage("pairwise matrix cell (1, 2) must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> Weights.pairwise(new double[][] {{1, 2}, {0.5}}))
                .hasMessage("a pairwise matrix must be square, but row 2 has 1 values for 2 rows");
    }

    @Test
    void equalAndNormalise() {
        assertThat(Weights.equal(4)).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(Weights.normalise(3, 1)).containsExactly(0.75, 0.25);
        assertThatThrownBy(() -> Weights.normalise(0, 0)).hasMessage("priorities must not all be zero");
        assertThatThrownBy(() -> Weights.normalise(1, -1))
                .hasMessage("a priority must be non-negative and finite, but was -1.0");
    }
}
