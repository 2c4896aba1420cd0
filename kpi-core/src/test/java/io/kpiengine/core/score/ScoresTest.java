package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Direction;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Missing policies and their reports, breakdowns, ranks, statuses and "what it takes". */
class ScoresTest {

    static final double EPS = 1e-9;

    static KpiMatrix withGaps() {
        return KpiMatrix.builder("a", "b", "c", "d").label("2025-03")
                .column("revenue", new double[] {100, 150, 200, 120})
                .column("churn", new double[] {5, Double.NaN, 4, 8})
                .column("nps", new double[] {30, 50, Double.NaN, Double.NaN})
                .missing("churn", "b", "no churn data for b in 2025-03")
                .build();
    }

    static Scores score(MissingComponents policy) {
        return ScoreCard.of(ScoreGoldenTest.flat(Normalization.minMax(), Aggregator.arithmetic()).missing(policy)
                .build()).score(withGaps());
    }

    @Test
    void renormalise_dividesByThePresentWeight_andReportsCoverage() {
        // min-max: revenue a 0, b 50, c 100, d 20; churn (lower, over a, c, d) v = -5, -4, -8: a 75, c 100, d 0;
        // nps over a, b: a 0, b 100
        // b: revenue and nps present, weight 0.5 + 0.2 = 0.7: (0.5*50 + 0.2*100) / 0.7 = 64.2857
        Scores s = score(MissingComponents.renormalise());
        ScoreValue b = s.value("health", "b");
        assertThat(b.score()).isCloseTo(45 / 0.7, within(EPS));
        assertThat(b.coverage()).isCloseTo(0.7, within(EPS));
        assertThat(b.missing()).containsExactly("churn");
        assertThat(s.value("churn", "b").detail()).isEqualTo("no value of 'churn' for 'b' in 2025-03: no churn data"
                + " for b in 2025-03");
        assertThat(s.contribution("revenue", "b")).isCloseTo(25 / 0.7, within(EPS));
        assertThat(s.contribution("churn", "b")).isZero();
        // with a minimum coverage of 0.75, b (0.7) has no score
        ScoreValue low = score(MissingComponents.renormalise(0.75)).value("health", "b");
        assertThat(low.reason()).isEqualTo(NoScoreReason.LOW_COVERAGE);
        assertThat(low.detail()).isEqualTo("the components of 'health' with a score carry 70.0% of its weight for 'b'"
                + " in 2025-03, below the minimum 75.0% of renormalise(min 0.75); missing [churn]");
    }

    @Test
    void penalise_countsMissingAsThePenalty_andNoScoreRefuses() {
        // penalise(0): b = 0.5*50 + 0.3*0 + 0.2*100 = 45, coverage 0.7
        ScoreValue b = score(MissingComponents.penalise(0)).value("health", "b");
        assertThat(b.score()).isCloseTo(45, within(EPS));
        assertThat(b.coverage()).isCloseTo(0.7, within(EPS));
        ScoreValue none = score(MissingComponents.noScore()).value("health", "b");
        assertThat(none.isPresent()).isFalse();
        assertThat(none.reason()).isEqualTo(NoScoreReason.MISSING_COMPONENT);
        assertThat(none.detail()).isEqualTo("component 'churn' of 'health' has no score (no value of 'churn' for 'b'"
                + " in 2025-03: no churn data for b in 2025-03) and the missing policy is no-score");
        assertThat(none.toString()).startsWith("no score (MISSING_COMPONENT: component 'churn'");
        assertThat(score(MissingComponents.noScore()).ranking("health")).extracting(RankedEntity::entity)
                .containsExactly("a");
    }

    @Test
    void undefinedNormalisation_isExplained() {
        KpiMatrix same = KpiMatrix.builder("a", "b").label("W1").column("revenue", new double[] {5, 5}).build();
        GoalTree t = GoalTree.builder("h").kpi("revenue", "h", 1).build();
        ScoreValue v = ScoreCard.of(t).score(same).value("revenue", "a");
        assertThat(v.reason()).isEqualTo(NoScoreReason.UNDEFINED_NORMALISATION);
        assertThat(v.detail()).isEqualTo("every entity has the same value of 'revenue' in W1, so min-max is undefined;"
                + " use goalposts");
        GoalTree target = GoalTree.builder("h").kpi("revenue", "h", 1)
                .normalization("revenue", Normalization.achievement()).build();
        assertThat(ScoreCard.of(target).score(same).value("revenue", "a").detail()).isEqualTo("leaf 'revenue'"
                + " normalises by achievement(0..100), but 'a' in W1 has no target for 'revenue'");
    }

    @Test
    void entityTargets_comeBeforeTheLeafTarget() {
        KpiMatrix m = KpiMatrix.builder("a", "b").column("revenue", new double[] {90, 90})
                .targets("revenue", new double[] {100, Double.NaN}).build();
        GoalTree t = GoalTree.builder("h").kpi("revenue", "h", 1)
                .normalization("revenue", Normalization.achievement()).target("revenue", 120).build();
        Scores s = ScoreCard.of(t).score(m);
        assertThat(s.score("revenue", 0)).isCloseTo(90, within(EPS));
        assertThat(s.score("revenue", 1)).isCloseTo(75, within(EPS));
    }

    @Test
    void breakdown_explainsAScoreDownToEachKpi() {
        GoalTree t = GoalTree.builder("h").node("g", "h", 0.6).kpi("nps", "h", 0.4)
                .kpi("revenue", "g", 0.5).kpi("churn", "g", 0.5).direction("churn", Direction.LOWER_IS_BETTER).build();
        Scores s = ScoreCard.of(t).score(ScoreGoldenTest.matrix());
        // b: revenue 50, churn 100, nps 100 -> g = 75, h = 0.6*75 + 0.4*100 = 85; revenue 0.6*0.5*50 = 15 points
        List<Scores.Part> parts = s.breakdown("h", "b");
        assertThat(parts).extracting(Scores.Part::kpi).containsExactly("revenue", "churn", "nps");
        assertThat(parts.get(0).raw()).isEqualTo(150);
        assertThat(parts.get(0).points()).isCloseTo(50, within(EPS));
        assertThat(parts.get(0).contribution()).isCloseTo(15, within(EPS));
        assertThat(parts.stream().mapToDouble(Scores.Part::contribution).sum()).isCloseTo(85, within(EPS));
        assertThat(s.contribution("revenue", "g", "b")).isCloseTo(25, within(EPS));
        assertThat(s.contributionToTop("revenue", "b")).isCloseTo(15, within(EPS));
        assertThatThrownBy(() -> s.contribution("g", "revenue", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ranks_tiesShareTheSmallestRank() {
        KpiMatrix m = KpiMatrix.builder("a", "b", "c", "d", "e").column("k", new double[] {1, 3, 3, 2, Double.NaN})
                .build();
        Scores s = ScoreCard.of(GoalTree.builder("h").kpi("k", "h", 1).build()).score(m);
        // pandas Series([0, 100, 100, 50, nan]).rank(method='min', ascending=False): 4, 1, 1, 3, nan
        assertThat(List.of("a", "b", "c", "d", "e").stream().map(x -> s.rank("h", x)).toList())
                .containsExactly(4, 1, 1, 3, 0);
        assertThat(s.ranking("h")).extracting(RankedEntity::entity).containsExactly("b", "c", "d", "a");
    }

    @Test
    void whatItTakes_oneKpiAtATime_withThePeriodHeld() {
        Scores s = ScoreCard.of(ScoreGoldenTest.flat(Normalization.minMax(), Aggregator.arithmetic()).build())
                .score(ScoreGoldenTest.matrix());
        // a scores 28; +5 points: revenue (w 0.5) +10 points -> 100 + 10/100 * 100 = 110;
        // churn (w 0.3) +16.67 points: 60 -> 76.67, v = -8 + 0.7667 * 5 = -4.1667 -> churn 4.1667;
        // nps (w 0.2) +25 points: 50 -> 75 -> 10 + 0.75 * 40 = 40
        List<ScoreLift> lifts = s.whatItTakes("health", "a", 5);
        assertThat(lifts).extracting(ScoreLift::kpi).containsExactly("revenue", "churn", "nps");
        assertThat(lifts.get(0).required()).isCloseTo(110, within(1e-6));
        assertThat(lifts.get(1).required()).isCloseTo(4 + 1 / 6.0, within(1e-6));
        assertThat(lifts.get(2).required()).isCloseTo(40, within(1e-6));
        assertThat(lifts.get(0).toScore()).isCloseTo(33, within(1e-6));
        assertThat(lifts.get(0).toString()).isEqualTo("revenue: 100.00 -> 110.00 lifts 'health' from 28.00 to 33.00"
                + " for 'a'");
        // the next status (standard scale: AT_RISK from 70): +42 points; only revenue can (84 points -> 184)
        ScoreLift next = s.nextStatus("health", "a").orElseThrow();
        assertThat(next.kpi()).isEqualTo("revenue");
        assertThat(next.required()).isCloseTo(184, within(1e-6));
        assertThat(next.cost()).isCloseTo(84 / Math.sqrt(5675.0 / 3), within(1e-6));
        ScoreLift churn = s.whatItTakes("health", "a", 42).get(1);
        assertThat(churn.feasible()).isFalse();
        assertThat(churn.detail()).isEqualTo("churn: even at its best (100.00 points) 'churn' lifts 'health' to 40.00"
                + " only, short of 70.00");
        assertThat(s.status("health", "a")).contains("OFF_TRACK");
    }

    @Test
    void whatItTakes_reachesItsGoal_whenTheKpiIsMoved() {
        // goalposts and achievement do not depend on the other entities, so moving the KPI to the required value
        // must give the promised score exactly
        for (long seed = 1; seed <= 100; seed++) {
            Random r = new Random(seed);
            GoalTree t = GoalTree.builder("h").node("g", "h", 0.5 + r.nextDouble()).kpi("k3", "h", r.nextDouble())
                    .kpi("k1", "g", 0.2 + r.nextDouble()).kpi("k2", "g", 0.2 + r.nextDouble())
                    .normalization("k1", Normalization.goalposts(0, 100)).normalization("k2",
                            Normalization.achievement().cap(150)).target("k2", 50)
                    .normalization("k3", Normalization.goalposts(100, 0)).direction("k3", Direction.LOWER_IS_BETTER)
                    .aggregator("g", r.nextBoolean() ? Aggregator.geometric() : Aggregator.harmonic())
                    .build();
            KpiMatrix m = KpiMatrix.builder("a", "b").column("k1", new double[] {5 + 90 * r.nextDouble(), 50})
                    .column("k2", new double[] {5 + 50 * r.nextDouble(), 50})
                    .column("k3", new double[] {5 + 90 * r.nextDouble(), 50}).build();
            ScoreCard card = ScoreCard.of(t);
            Scores s = card.score(m);
            for (ScoreLift l : s.whatItTakes("h", "a", 3)) {
                if (!l.feasible()) {
                    continue;
                }
                double moved = card.score(ScorePropertiesTest.with(m, l.kpi(), 0, l.required())).score("h", 0);
                assertThat(moved).as("seed %d, %s", seed, l).isCloseTo(l.toScore(), within(1e-9))
                        .isGreaterThanOrEqualTo(l.fromScore() + 3 - 1e-9);
            }
        }
    }

    @Test
    void whatItTakes_rankMethods_overtakeTheNextEntity() {
        GoalTree t = GoalTree.builder("h").kpi("k", "h", 1).normalization("k", Normalization.percentileRank())
                .build();
        KpiMatrix m = KpiMatrix.builder("a", "b", "c", "d", "e").column("k", new double[] {10, 20, 30, 40, 50})
                .build();
        Scores s = ScoreCard.of(t).score(m);
        // a: percentile 0; +30 points needs 2 of 4 others below (50): beat 30 -> the next double above 30
        ScoreLift l = s.whatItTakes("h", "a", 30).get(0);
        assertThat(l.required()).isEqualTo(Math.nextUp(30.0));
        assertThat(l.toScore()).isEqualTo(50);
    }
}
