package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.score.internal.Draws;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    static KpiMatrix matrix(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> entities = new ArrayList<>();
        double[][] cols = new double[4][n];
        for (int e = 0; e < n; e++) {
            entities.add("s" + e);
            for (int k = 0; k < 4; k++) {
                cols[k][e] = 100 * r.nextDouble();
            }
        }
        KpiMatrix.Builder b = KpiMatrix.builder(entities);
        for (int k = 0; k < 4; k++) {
            b.column("k" + k, cols[k]);
        }
        return b.build();
    }

    static GoalTree tree() {
        return GoalTree.builder("h").node("a", "h", 0.6).kpi("k3", "h", 0.4)
                .kpi("k0", "a", 0.5).kpi("k1", "a", 0.3).kpi("k2", "a", 0.2).build();
    }

    @Test
    void run_sameSeed_sameReport_onOneOrTwoThreads() {
        KpiMatrix m = matrix(60, 3);
        ScoreCard card = ScoreCard.of(tree());
        RobustnessReport one = Robustness.builder(card).draws(200).seed(9).dirichlet(20)
                .normalizations(Normalization.zScore(), Normalization.percentileRank())
                .aggregators(Aggregator.geometric(Aggregator.NonPositive.SHIFT, 10)).parallelism(1).build().run(m);
        RobustnessReport two = Robustness.builder(card).draws(200).seed(9).dirichlet(20)
                .normalizations(Normalization.zScore(), Normalization.percentileRank())
                .aggregators(Aggregator.geometric(Aggregator.NonPositive.SHIFT, 10)).parallelism(2).build().run(m);
        for (String e : m.entities()) {
            assertThat(two.score(e)).isEqualTo(one.score(e));
            assertThat(two.rank(e)).isEqualTo(one.rank(e));
        }
        assertThat(two.sensitivity()).isEqualTo(one.sensitivity());
        assertThat(one.factors()).containsExactly("weight:k0", "weight:k1", "weight:k2", "weight:k3",
                "normalization", "aggregation");
        RobustnessReport other = Robustness.builder(card).draws(200).seed(10).dirichlet(20).build().run(m);
        assertThat(other.score("s0")).isNotEqualTo(one.score("s0"));
    }

    @Test
    void run_withoutAnyRealUncertainty_reproducesTheNominalScores() {
        KpiMatrix m = matrix(30, 4);
        ScoreCard card = ScoreCard.of(tree());
        RobustnessReport r = Robustness.builder(card).draws(50).weightJitter(0).build().run(m);
        Scores nominal = card.score(m);
        for (String e : m.entities()) {
            double s = nominal.score("h", e).orElseThrow();
            assertThat(r.score(e).median()).isCloseTo(s, within(1e-9));
            assertThat(r.score(e).width()).isCloseTo(0, within(1e-9));
            assertThat(r.rank(e).median()).isEqualTo(nominal.rank("h", e));
        }
        assertThat(r.meanAbsoluteRankShift()).isZero();
        assertThat(r.leaderKept()).isEqualTo(1);
        assertThat(r.sensitivity().values()).allSatisfy(v -> assertThat(v).isZero());
    }

    @Test
    void sensitivity_findsTheWeightThatDrivesTheScore() {
        // x scores 100 on k0 and 0 elsewhere: its score is 100 * w(k0) * w(a), so the weight of k0 explains most of
        // its variance; k3's weight moves w(a) too, k1 and k2 only through the renormalisation of a's weights
        KpiMatrix m = KpiMatrix.builder("x", "y").column("k0", new double[] {100, 0})
                .column("k1", new double[] {0, 100}).column("k2", new double[] {0, 100})
                .column("k3", new double[] {0, 100}).build();
        RobustnessReport r = Robustness.builder(ScoreCard.of(tree())).draws(2_000).seed(1).weightJitter(0.5).build()
                .run(m);
        double k0 = r.sensitivity("x", "weight:k0");
        assertThat(k0).isGreaterThan(0.4);
        assertThat(k0).isGreaterThan(r.sensitivity("x", "weight:k1"));
        assertThat(k0).isGreaterThan(r.sensitivity("x", "weight:k2"));
        assertThat(r.rank("x").median()).isEqualTo(2);
        assertThatThrownBy(() -> r.sensitivity("x", "weight:k9")).hasMessageContaining("did you mean");
    }

    @Test
    void builder_refusesAnAuditWithoutUncertainty_andSettingsTwice() {
        ScoreCard card = ScoreCard.of(tree());
        assertThatThrownBy(() -> Robustness.builder(card).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Robustness.builder(card).dirichlet(5).weightJitter(0.1))
                .hasMessage("weights are already drawn from a Dirichlet distribution (5.0); choose weightJitter or"
                        + " dirichlet");
        assertThatThrownBy(() -> Robustness.builder(card).draws(100).draws(100))
                .hasMessage("draws was already set to 100");
        assertThatThrownBy(() -> Robustness.builder(card).node("aa")).hasMessageContaining("did you mean 'a'?");
    }

    @Test
    void gammaVariates_haveTheirMeanAndVariance_andQuantilesFollowNumpy() {
        // Gamma(k, 1): mean k, variance k; 200,000 draws: standard error of the mean sqrt(k / 200000)
        for (double shape : new double[] {0.3, 1, 2.5, 40}) {
            SplittableRandom r = Draws.forDraw(5, (long) (shape * 10));
            int n = 200_000;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double g = Draws.gamma(r, shape);
                sum += g;
                sq += g * g;
            }
            double mean = sum / n;
            assertThat(mean).as("mean of Gamma(%s)", shape).isCloseTo(shape, within(5 * Math.sqrt(shape / n)));
            assertThat(sq / n - mean * mean).as("variance of Gamma(%s)", shape).isCloseTo(shape, within(0.05 * shape
                    + 0.01));
        }
        // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) = [1.15, 2.5, 3.85]
        double[] x = {1, 2, 3, 4};
        assertThat(Draws.quantile(x, 4, 0.05)).isCloseTo(1.15, within(1e-12));
        assertThat(Draws.quantile(x, 4, 0.5)).isCloseTo(2.5, within(1e-12));
        assertThat(Draws.quantile(x, 4, 0.95)).isCloseTo(3.85, within(1e-12));
    }
}
