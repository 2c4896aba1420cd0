package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payout curves, incentive plans and target cascades. */
class IncentivesTest {

    static final PayoutCurve CURVE = PayoutCurve.builder().threshold(80, 0.5).target(100, 1).maximum(120, 1.5).build();

    @Test
    void linearCurve_interpolatesBetweenItsPoints_andCaps() {
        assertThat(CURVE.payout(79.99)).isZero();
        assertThat(CURVE.payout(80)).isEqualTo(0.5);
        // 90 lies halfway from 80 (0.5) to 100 (1): 0.75; 110 halfway from 100 (1) to 120 (1.5): 1.25
        assertThat(CURVE.payout(90)).isCloseTo(0.75, within(1e-12));
        assertThat(CURVE.payout(110)).isCloseTo(1.25, within(1e-12));
        assertThat(CURVE.payout(500)).isEqualTo(1.5);
        assertThat(CURVE.payout(Double.NaN)).isZero();
        assertThat(CURVE.toString()).isEqualTo("linear 80 -> 0.5, 100 -> 1, 120 -> 1.5 (cap)");
    }

    @Test
    void steppedCurve_paysTheHighestPointReached_andWithoutMaximumStopsAtTheTarget() {
        PayoutCurve stepped = PayoutCurve.builder().threshold(80, 0.5).target(100, 1).maximum(120, 1.5)
                .interpolation(PayoutCurve.Interpolation.STEPPED).build();
        assertThat(List.of(79.0, 80.0, 99.9, 100.0, 119.9, 120.0).stream().map(stepped::payout).toList())
                .containsExactly(0.0, 0.5, 0.5, 1.0, 1.0, 1.5);
        PayoutCurve noMax = PayoutCurve.builder().threshold(50, 0).target(100, 1).build();
        assertThat(noMax.payout(75)).isEqualTo(0.5);
        assertThat(noMax.payout(150)).isEqualTo(1);
        assertThatThrownBy(() -> PayoutCurve.builder().threshold(100, 0.5).target(90, 1).build())
                .hasMessage("the points of a payout curve must increase (threshold < target < maximum), but were"
                        + " 100.0, 90.0, NaN");
        assertThatThrownBy(() -> PayoutCurve.builder().threshold(80, 1).target(100, 0.5).build())
                .hasMessageStartingWith("the payouts of a payout curve must not decrease");
    }

    @Test
    void plan_paysEachOwnerOnTheirMeasure() {
        GoalTree t = GoalTree.builder("h").kpi("revenue", "h", 1)
                .normalization("revenue", Normalization.achievement().cap(150)).build();
        KpiMatrix m = KpiMatrix.builder("alice", "bob", "carol").column("revenue", new double[] {95, 112, Double.NaN})
                .targets("revenue", new double[] {100, 100, 100}).build();
        Scores s = ScoreCard.of(t).score(m);
        PayoutCurve stepped = PayoutCurve.builder().threshold(80, 0.5).target(100, 1)
                .interpolation(PayoutCurve.Interpolation.STEPPED).build();
        List<Payout> pay = IncentivePlan.builder(CURVE)
                .onScore("alice", "h", 1_000)
                .onAchievement("bob", "revenue", 2_000)
                .onScore("carol", "h", 1_000)
                .onScore("head of sales", "bob", "h", 3_000)
                .curve("head of sales", stepped)
                .build().pay(s);
        // alice 95 points: 0.5 + 0.5 * 15 / 20 = 0.875 -> 875; bob achieves 112%: 1 + 0.5 * 12 / 20 = 1.3 -> 2,600
        assertThat(pay).extracting(Payout::amount).containsExactly(875.0, 2_600.0, 0.0, 3_000.0);
        assertThat(pay.get(2).detail()).isEqualTo("no score: LOW_COVERAGE: no component of 'h' with a weight has a"
                + " score for 'carol'; 'revenue': no value of 'revenue' for 'carol'");
        assertThat(pay.get(0).toString()).isEqualTo("alice: score:h 95.0 -> 88% = 875.00");
        assertThatThrownBy(() -> IncentivePlan.builder(CURVE).onScore("alice", "h", 1).curve("alcie", CURVE).build())
                .hasMessage("a curve is set for owner 'alcie', who is not paid by the plan; did you mean 'alice'?");
    }

    @Test
    void cascade_splitsTopDown_andRollsUp() {
        TargetCascade org = TargetCascade.builder("company").unit("north", "company").unit("south", "company")
                .unit("alice", "north").unit("bob", "north").unit("carol", "south").build();
        assertThat(org.units()).containsExactly("company", "north", "alice", "bob", "south", "carol");
        // baseline share: north 500 of 1000 -> 600,000; alice 300 of 500 of north -> 360,000; carol all of south
        Map<String, Double> t = org.splitByBaseline(1_200_000, Map.of("alice", 300.0, "bob", 200.0, "carol", 500.0));
        assertThat(t.get("north")).isCloseTo(600_000, within(1e-6));
        assertThat(t.get("alice")).isCloseTo(360_000, within(1e-6));
        assertThat(t.get("bob")).isCloseTo(240_000, within(1e-6));
        assertThat(t.get("carol")).isCloseTo(600_000, within(1e-6));
        // by weights: north 2, south 1; alice and bob equal
        Map<String, Double> w = org.split(1_200_000, Map.of("north", 2.0, "south", 1.0));
        assertThat(w.get("north")).isCloseTo(800_000, within(1e-6));
        assertThat(w.get("alice")).isCloseTo(400_000, within(1e-6));
        // the split targets roll up to the total
        Map<String, Double> leaves = Map.of("alice", t.get("alice"), "bob", t.get("bob"), "carol", t.get("carol"));
        assertThat(org.rollUp(leaves).get("company")).isCloseTo(1_200_000, within(1e-6));
        assertThatThrownBy(() -> org.rollUp(Map.of("alice", 1.0))).hasMessage("every leaf unit needs a value, but"
                + " [bob, carol] have none");
        assertThatThrownBy(() -> TargetCascade.builder("c").unit("x", "nrth").unit("north", "c").build())
                .hasMessage("parent 'nrth' of unit 'x' is not a unit; did you mean 'north'?");
    }
}
