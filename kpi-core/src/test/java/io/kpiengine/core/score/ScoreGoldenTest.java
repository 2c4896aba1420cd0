package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Direction;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of every normalisation and aggregation method, computed by hand in the comments from the
 * formulas of the OECD/JRC <i>Handbook on Constructing Composite Indicators</i> (2008), sections 5 and 6, and checked
 * against the score card.
 *
 * <p>The data: four entities and three KPIs.
 * <pre>
 *            revenue (higher)   churn (lower)   nps (higher)
 *   a              100                5              30
 *   b              150                3              50
 *   c              200                4              10
 *   d              120                8              40
 * </pre>
 */
class ScoreGoldenTest {

    static final double EPS = 1e-9;

    static KpiMatrix matrix() {
        return KpiMatrix.builder("a", "b", "c", "d").label("2025-03")
                .column("revenue", new double[] {100, 150, 200, 120})
                .column("churn", new double[] {5, 3, 4, 8})
                .column("nps", new double[] {30, 50, 10, 40})
                .build();
    }

    /** One node over the three KPIs with weights 0.5, 0.3, 0.2. */
    static GoalTree.Builder flat(Normalization n, Aggregator a) {
        return GoalTree.builder("health")
                .kpi("revenue", "health", 0.5).kpi("churn", "health", 0.3).kpi("nps", "health", 0.2)
                .direction("churn", Direction.LOWER_IS_BETTER)
                .normalization(n).aggregator(a);
    }

    static Scores score(GoalTree tree) {
        return ScoreCard.of(tree).score(matrix());
    }

    static void points(Scores s, String node, double... expected) {
        for (int e = 0; e < expected.length; e++) {
            if (Double.isNaN(expected[e])) {
                assertThat(s.score(node, e)).as(node + " of " + s.entities().get(e)).isNaN();
            } else {
                assertThat(s.score(node, e)).as(node + " of " + s.entities().get(e)).isCloseTo(expected[e],
                        within(1e-9 * Math.max(1, Math.abs(expected[e]))));
            }
        }
    }

    @Test
    void minMax_directionAware_andArithmeticMean() {
        // min-max, I = 100 (v - min v) / (max v - min v), v = x or -x for lower-is-better (Handbook 5, "min-max")
        // revenue: (x - 100) / 100 * 100 -> a 0, b 50, c 100, d 20
        // churn: v = -x in {-5, -3, -4, -8}, min -8, max -3 -> a 60, b 100, c 80, d 0
        // nps: (x - 10) / 40 * 100 -> a 50, b 100, c 0, d 75
        // arithmetic, CI = sum w_q I_q (Handbook 6.1, "additive"):
        // a 0.5*0 + 0.3*60 + 0.2*50 = 28; b 25 + 30 + 20 = 75; c 50 + 24 + 0 = 74; d 10 + 0 + 15 = 25
        Scores s = score(flat(Normalization.minMax(), Aggregator.arithmetic()).build());
        points(s, "revenue", 0, 50, 100, 20);
        points(s, "churn", 60, 100, 80, 0);
        points(s, "nps", 50, 100, 0, 75);
        points(s, "health", 28, 75, 74, 25);
        assertThat(s.contribution("churn", "a")).isCloseTo(18, within(EPS));
        assertThat(s.ranking("health")).extracting(RankedEntity::entity).containsExactly("b", "c", "a", "d");
    }

    @Test
    void minMaxOverTime_takesItsBoundsOverThePanel() {
        // revenue in February 40, 80 and in March 100, 200 (entities a, b): over time min 40, max 200, so
        // February a 0, b 25; March a 37.5, b 100; per period each month would give 0 and 100
        KpiMatrix feb = KpiMatrix.builder("a", "b").label("2025-02").column("revenue", new double[] {40, 80}).build();
        KpiMatrix mar = KpiMatrix.builder("a", "b").label("2025-03").column("revenue", new double[] {100, 200})
                .build();
        GoalTree t = GoalTree.builder("h").kpi("revenue", "h", 1)
                .normalization("revenue", Normalization.minMaxOverTime()).build();
        java.util.List<Scores> panel = ScoreCard.of(t).score(java.util.List.of(feb, mar));
        points(panel.get(0), "revenue", 0, 25);
        points(panel.get(1), "revenue", 37.5, 100);
        points(ScoreCard.of(GoalTree.builder("h").kpi("revenue", "h", 1).build()).score(feb), "revenue", 0, 100);
    }

    @Test
    void zScore_usesTheSampleStandardDeviation() {
        // z = (v - mean) / sd, sd with n - 1 (Handbook 5, "standardisation"; R sd(), pandas std())
        // revenue: mean 142.5, deviations -42.5, 7.5, 57.5, -22.5; sum of squares 1806.25 + 56.25 + 3306.25
        // + 506.25 = 5675; sd = sqrt(5675 / 3) = 43.4932...; a: -42.5 / 43.4932 = -0.97716
        Scores s = score(flat(Normalization.zScore(), Aggregator.arithmetic()).build());
        double sd = Math.sqrt(5675.0 / 3);
        points(s, "revenue", -42.5 / sd, 7.5 / sd, 57.5 / sd, -22.5 / sd);
        // churn lower-is-better: v = -x, mean -5, deviations 0, 2, 1, -3; sd = sqrt(14 / 3)
        double sdc = Math.sqrt(14.0 / 3);
        points(s, "churn", 0, 2 / sdc, 1 / sdc, -3 / sdc);
    }

    @Test
    void goalposts_clampToTheirRange() {
        // I = clamp(100 (x - worst) / (best - worst), 0, 100); nps goalposts worst 20, best 45:
        // a (30 - 20) / 25 = 40; b 50 -> 120 -> 100; c 10 -> -40 -> 0; d 20 / 25 = 80
        // churn lower-is-better, goalposts worst 8, best 2: a (5 - 8) / (2 - 8) = 50; b 83.33; c 66.67; d 0
        Scores s = score(flat(Normalization.minMax(), Aggregator.arithmetic())
                .normalization("nps", Normalization.goalposts(20, 45))
                .normalization("churn", Normalization.goalposts(8, 2)).build());
        points(s, "nps", 40, 100, 0, 80);
        points(s, "churn", 50, 500.0 / 6, 400.0 / 6, 0);
    }

    @Test
    void achievementAndDistanceToTarget_directionAware_capAndFloor() {
        // achievement, 100 + 100 s (x - t) / |t|, clamped to [floor, cap]; revenue t = 150, cap 120:
        // a 66.67; b 100; c 133.33 -> 120; d 80
        // churn t = 4, lower-is-better (s = -1), default cap 100: a 100 - 25 = 75; b 125 -> 100; c 100; d 0
        // distance to target, 100 s (x - t) / |t|; nps t = 40: a -25, b 25, c -75, d 0 (Handbook 5, "distance to
        // a reference")
        Scores s = score(flat(Normalization.minMax(), Aggregator.arithmetic())
                .normalization("revenue", Normalization.achievement().cap(120)).target("revenue", 150)
                .normalization("churn", Normalization.achievement()).target("churn", 4)
                .normalization("nps", Normalization.distanceToTarget()).target("nps", 40).build());
        points(s, "revenue", 200.0 / 3, 100, 120, 80);
        points(s, "churn", 75, 100, 100, 0);
        points(s, "nps", -25, 25, -75, 0);
        // with a floor of 50 (and the default cap 100), churn of d (0) rises to 50
        Scores floored = score(flat(Normalization.minMax(), Aggregator.arithmetic())
                .normalization("churn", Normalization.achievement().floor(50)).target("churn", 4).build());
        points(floored, "churn", 75, 100, 100, 50);
    }

    @Test
    void percentileRankAndRank_tiesAtTheLowestRank() {
        // a fifth entity e ties with a on every KPI
        KpiMatrix m = KpiMatrix.builder("a", "b", "c", "d", "e")
                .column("revenue", new double[] {100, 150, 200, 120, 100})
                .column("churn", new double[] {5, 3, 4, 8, 5})
                .column("nps", new double[] {30, 50, 10, 40, 30}).build();
        // rank, ascending, ties at the lowest rank (pandas rank(method='min')): revenue 100, 150, 200, 120, 100
        // -> a 1, b 4, c 5, d 3, e 1
        // percentile rank 100 (r - 1) / (n - 1): a 0, b 75, c 100, d 50, e 0
        Scores ranks = ScoreCard.of(flat(Normalization.rank(), Aggregator.arithmetic()).build()).score(m);
        points(ranks, "revenue", 1, 4, 5, 3, 1);
        // churn lower-is-better: v = -5, -3, -4, -8, -5 -> a 2, b 5, c 4, d 1, e 2
        points(ranks, "churn", 2, 5, 4, 1, 2);
        Scores pct = ScoreCard.of(flat(Normalization.percentileRank(), Aggregator.arithmetic()).build()).score(m);
        points(pct, "revenue", 0, 75, 100, 50, 0);
    }

    @Test
    void geometricMean_andItsContributions() {
        // weighted geometric mean, CI = prod I_q ^ w_q (Handbook 6.1, "geometric aggregation"), on min-max points
        // a has revenue 0 points: refused (no score, NON_POSITIVE); d has churn 0 points: refused
        // b: 50^0.5 * 100^0.3 * 100^0.2 = 7.0711 * 10 = 70.7107
        // c: nps 0 points: refused
        Scores s = score(flat(Normalization.minMax(), Aggregator.geometric()).build());
        double g = Math.pow(50, 0.5) * Math.pow(100, 0.3) * Math.pow(100, 0.2);
        points(s, "health", Double.NaN, g, Double.NaN, Double.NaN);
        assertThat(s.value("health", "a").reason()).isEqualTo(NoScoreReason.NON_POSITIVE);
        assertThat(s.value("health", "a").detail()).isEqualTo("component 'revenue' of 'health' has 0.0 points for"
                + " 'a' in 2025-03; the geometric mean needs positive points (use a floor or a shift)");
        // contributions c_i = w_i A + L(G, A) w_i ln(y_i / A), A = 75, L(a, b) = (a - b) / (ln a - ln b):
        // L = (70.7107 - 75) / ln(70.7107 / 75) = 72.8233; revenue 37.5 + 72.8233 * 0.5 * ln(50 / 75) = 22.7341
        double a = 75;
        double l = (g - a) / Math.log(g / a);
        assertThat(s.contribution("revenue", "b")).isCloseTo(37.5 + l * 0.5 * Math.log(50 / a), within(EPS));
        assertThat(s.contribution("revenue", "b")).isCloseTo(22.7341, within(1e-4));
        assertThat(s.contribution("churn", "b") + s.contribution("nps", "b") + s.contribution("revenue", "b"))
                .isCloseTo(g, within(EPS));
        // with a floor of 1 point, a: 1^0.5 * 60^0.3 * 50^0.2 = 3.4154 * 2.1867 = 7.4686
        Scores floored = score(flat(Normalization.minMax(), Aggregator.geometric(Aggregator.NonPositive.FLOOR, 1))
                .build());
        assertThat(floored.score("health", 0)).isCloseTo(Math.pow(60, 0.3) * Math.pow(50, 0.2), within(EPS));
        // with a shift of 1: prod (I + 1)^w - 1; a: 1^0.5 * 61^0.3 * 51^0.2 - 1
        Scores shifted = score(flat(Normalization.minMax(), Aggregator.geometric(Aggregator.NonPositive.SHIFT, 1))
                .build());
        assertThat(shifted.score("health", 0)).isCloseTo(Math.pow(61, 0.3) * Math.pow(51, 0.2) - 1, within(EPS));
    }

    @Test
    void harmonicMean_andItsContributions() {
        // weighted harmonic mean, 1 / sum(w_q / I_q); b: 1 / (0.5/50 + 0.3/100 + 0.2/100) = 1 / 0.015 = 66.667
        Scores s = score(flat(Normalization.minMax(), Aggregator.harmonic()).build());
        assertThat(s.score("health", 1)).isCloseTo(200.0 / 3, within(EPS));
        // c_i = w_i A + w_i H (y_i - A) / y_i; revenue of b: 37.5 + 0.5 * 66.667 * (50 - 75) / 50 = 20.8333
        assertThat(s.contribution("revenue", "b")).isCloseTo(37.5 + 0.5 * (200.0 / 3) * (50 - 75) / 50.0,
                within(EPS));
        assertThat(s.contribution("nps", "b")).isCloseTo(15 + 0.2 * (200.0 / 3) * 25 / 100, within(EPS));
    }

    @Test
    void copeland_countsWeightedMajorityDuels_withTies() {
        // points (revenue, churn, nps) from min-max: a (0, 60, 50), b (50, 100, 100), c (100, 80, 0), d (20, 0, 75)
        // D_xy = sum w_i sign(y_xi - y_yi) (Handbook 6.1.3, Condorcet/Copeland):
        // a-b: -1, a-c: -0.5 - 0.3 + 0.2 = -0.6, a-d: -0.5 + 0.3 - 0.2 = -0.4 -> a loses 3: C = -3
        // b-c: -0.5 + 0.3 + 0.2 = 0 (tie), b-d: +1 -> b wins 2: C = 2; c-d: 0.5 + 0.3 - 0.2 = 0.6 -> c: C = 2
        // d: beats a, loses to b and c: C = -1. Score 50 + 50 C / (n - 1): a 0, b 83.33, c 83.33, d 33.33
        Scores s = score(flat(Normalization.minMax(), Aggregator.copeland()).build());
        points(s, "health", 0, 250.0 / 3, 250.0 / 3, 100.0 / 3);
        assertThat(s.rank("health", "b")).isEqualTo(1);
        assertThat(s.rank("health", "c")).isEqualTo(1);
        assertThat(s.rank("health", "d")).isEqualTo(3);
        // contributions of c: 50 w_i + 50/3 sum_duels o w_i sign_i / D; duels with a and d both (+, +, -), D = 0.6:
        // revenue 25 + 50/3 * 2 * 0.5 / 0.6 = 52.78; churn 15 + 50/3 * 2 * 0.3 / 0.6 = 31.67;
        // nps 10 - 50/3 * 2 * 0.2 / 0.6 = -1.11
        assertThat(s.contribution("revenue", "c")).isCloseTo(25 + 50.0 / 3 * 2 * 0.5 / 0.6, within(EPS));
        assertThat(s.contribution("churn", "c")).isCloseTo(15 + 50.0 / 3 * 2 * 0.3 / 0.6, within(EPS));
        assertThat(s.contribution("nps", "c")).isCloseTo(10 - 50.0 / 3 * 2 * 0.2 / 0.6, within(EPS));
    }

    @Test
    void targetBand_scoresTheDistanceToTheBand() {
        // inventory days with a band 20..40: inside 100 points, outside 100 - 100 d / |edge|
        KpiMatrix m = KpiMatrix.builder("a", "b", "c").column("days", new double[] {30, 10, 50}).build();
        io.kpiengine.core.metric.Catalog catalog = io.kpiengine.core.metric.Catalog.builder()
                .zone(java.time.ZoneId.of("UTC"))
                .source(io.kpiengine.core.metric.DataSource.builder("s").schema(io.kpiengine.data.Schema.of(
                        io.kpiengine.data.Column.of("t", io.kpiengine.data.ColumnType.DATE),
                        io.kpiengine.data.Column.of("d", io.kpiengine.data.ColumnType.DECIMAL))).timeColumn("t")
                        .build())
                .metric(io.kpiengine.core.metric.Metric.measure("days").aggregate(
                        io.kpiengine.core.metric.Aggregation.AVERAGE, "d").direction(Direction.TARGET_BAND)
                        .targetBand(new java.math.BigDecimal("20"), new java.math.BigDecimal("40")).build())
                .build();
        GoalTree tree = GoalTree.builder("h").kpi("days", "h", 1).normalization("days", Normalization.achievement())
                .build();
        Scores s = ScoreCard.builder(tree).catalog(catalog).build().score(m);
        // a inside: 100; b 10 days below 20: 100 - 100 * 10 / 20 = 50; c 10 above 40: 100 - 100 * 10 / 40 = 75
        points(s, "days", 100, 50, 75);
        // min-max on v = -d: a 0, b -10, c -10 -> a 100, b 0, c 0
        GoalTree mm = GoalTree.builder("h").kpi("days", "h", 1).build();
        points(ScoreCard.builder(mm).catalog(catalog).build().score(m), "days", 100, 0, 0);
    }
}
