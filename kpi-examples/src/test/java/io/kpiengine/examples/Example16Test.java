package io.kpiengine.examples;

import static io.kpiengine.examples.ExamplesTest.CENT;
import static io.kpiengine.examples.ExamplesTest.line;
import static io.kpiengine.examples.ExamplesTest.numbers;
import static io.kpiengine.examples.ExamplesTest.shows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Example16_HealthIndexAndGoalTree} and recomputes what it prints with plain Java from the example's
 * records and the formulas of {@code sales-health.yaml}: the monthly KPIs, the cascaded targets (a person's share of
 * the company target is their share of January revenue), the points (achievement capped at 120, goalposts), the
 * geometric mean of growth with a floor of 1 point, the pairwise weights 2/3 and 1/3, the renormalisation of a
 * score whose customer node is missing, ranks, statuses, the breakdown of the leader's score, the lifts of the last
 * one (by moving the KPI and scoring again), bonuses and the roll-up.
 */
class Example16Test {

    /** One salesperson's month. */
    static final class Month {
        double revenue;
        double deals;
        double newCustomers;
        double csatSum;
        int csatCount;
        double hoursSum;
        int days;

        double csat() {
            return csatCount == 0 ? Double.NaN : csatSum / csatCount;
        }

        double hours() {
            return hoursSum / days;
        }
    }

    static Map<String, Month> month(int m) {
        Map<String, Month> out = new LinkedHashMap<>();
        Example16_HealthIndexAndGoalTree.TEAMS.keySet().forEach(p -> out.put(p, new Month()));
        for (Example16_HealthIndexAndGoalTree.Day d : Example16_HealthIndexAndGoalTree.activity()) {
            if (d.day().getMonthValue() != m) {
                continue;
            }
            Month x = out.get(d.salesperson());
            x.revenue += d.revenue().doubleValue();
            x.deals += d.deals();
            x.newCustomers += d.newCustomers();
            if (d.csat() != null) {
                x.csatSum += d.csat().doubleValue();
                x.csatCount++;
            }
            x.hoursSum += d.responseHours().doubleValue();
            x.days++;
        }
        return out;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The points of the five KPIs: achievement capped at 120, goalposts clamped to 0..100. */
    static double[] points(double revenue, double target, double newCustomers, double deals, double csat,
            double hours) {
        return new double[] {clamp(100 * revenue / target, 0, 120), clamp(100 * newCustomers / 12, 0, 100),
            clamp(100 * deals / 30, 0, 100), clamp(100 * (csat - 6) / 4, 0, 100), clamp(100 * (hours - 24) / (2 - 24),
            0, 100)};
    }

    static final double[] GROWTH_WEIGHTS = {0.6, 0.2, 0.2};

    /** Geometric mean of growth, points floored at 1. */
    static double growth(double[] y) {
        double lnG = 0;
        for (int i = 0; i < 3; i++) {
            lnG += GROWTH_WEIGHTS[i] * Math.log(Math.max(1, y[i]));
        }
        return Math.exp(lnG);
    }

    /** Customers: 2/3 satisfaction + 1/3 speed, none without satisfaction (1/3 of the weight < 50%). */
    static double customers(double[] y) {
        return Double.isNaN(y[3]) ? Double.NaN : 2.0 / 3 * y[3] + 1.0 / 3 * y[4];
    }

    /** The root: 0.6 growth + 0.4 customers, or growth alone when customers is missing (0.6 >= 50%). */
    static double health(double[] y) {
        double c = customers(y);
        return Double.isNaN(c) ? growth(y) : 0.6 * growth(y) + 0.4 * c;
    }

    @Test
    void example16_healthIndexAndGoalTree_printsScoresExplainedRankedAndPaid() throws Exception {
        String out = ExamplesTest.run(Example16_HealthIndexAndGoalTree::main);
        assertThat(out).contains("lint: 0 findings");
        Map<String, Month> jan = month(1);
        Map<String, Month> mar = month(3);
        double janTotal = jan.values().stream().mapToDouble(x -> x.revenue).sum();
        Map<String, Double> target = new LinkedHashMap<>();
        Map<String, Double> team = new LinkedHashMap<>();
        Example16_HealthIndexAndGoalTree.TEAMS.forEach((p, t) -> {
            target.put(p, Example16_HealthIndexAndGoalTree.COMPANY_TARGET * jan.get(p).revenue / janTotal);
            team.merge(t, target.get(p), Double::sum);
        });
        target.forEach((p, t) -> shows(line(out, "   " + p + " ", "person target"), t, CENT));
        team.forEach((t, v) -> shows(line(out, "   " + t + " ", "team   target"), v, CENT));

        Map<String, double[]> points = new LinkedHashMap<>();
        Map<String, Double> health = new LinkedHashMap<>();
        mar.forEach((p, x) -> {
            double[] y = points(x.revenue, target.get(p), x.newCustomers, x.deals, x.csat(), x.hours());
            points.put(p, y);
            health.put(p, health(y));
        });
        List<String> byScore = new ArrayList<>(health.keySet());
        byScore.sort(Comparator.comparingDouble(health::get).reversed());
        for (String p : health.keySet()) {
            String l = line(out, "   " + p + " ", " revenue ", " health ");
            shows(l, mar.get(p).revenue, CENT);
            shows(l, health.get(p), CENT);
            assertThat(l).contains(health.get(p) >= 80 ? "ON_TRACK" : health.get(p) >= 60 ? "AT_RISK" : "OFF_TRACK");
            long better = health.values().stream().filter(v -> v > health.get(p) + 1e-9).count();
            assertThat(l).contains("rank " + (better + 1) + " ");
            assertThat(l).contains(Double.isNaN(mar.get(p).csat()) ? "coverage  60%" : "coverage 100%");
        }

        // the leader's breakdown: customers' leaves add 0.4 * w * points; growth's leaves split 0.6 G by
        // c_i = w_i A + L(G, A) w_i ln(y_i / A) over the floored points, L the logarithmic mean
        String leader = byScore.get(0);
        double[] y = points.get(leader);
        double g = growth(y);
        double a = 0;
        for (int i = 0; i < 3; i++) {
            a += GROWTH_WEIGHTS[i] * Math.max(1, y[i]);
        }
        double lm = (g - a) / Math.log(g / a);
        String[] kpis = {"revenue", "new_customers", "deals_won", "csat", "response_hours"};
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            double expected = i < 3 ? 0.6 * (GROWTH_WEIGHTS[i] * a + lm * GROWTH_WEIGHTS[i] * Math.log(Math.max(1,
                    y[i]) / a)) : 0.4 * (i == 3 ? 2.0 / 3 : 1.0 / 3) * y[i];
            List<Double> n = numbers(line(out, "   " + kpis[i] + " ", "of the score"));
            assertThat(n.get(1)).as(kpis[i] + " points").isCloseTo(y[i], within(CENT));
            assertThat(n.get(2)).as(kpis[i] + " contribution").isCloseTo(expected, within(CENT));
            sum += n.get(2);
        }
        assertThat(sum).isCloseTo(health.get(leader), within(5 * CENT));

        // the last one's lifts: moving that one KPI to the printed value gives the printed score (+5)
        String last = byScore.get(byScore.size() - 1);
        Month m = mar.get(last);
        double goal = health.get(last) + 5;
        for (String l : out.lines().filter(x -> x.startsWith("   +5 points: ")).toList()) {
            String kpi = l.substring("   +5 points: ".length(), l.indexOf(':', "   +5 points: ".length()));
            int i = List.of(kpis).indexOf(kpi);
            if (l.contains("even at its best")) {
                double[] best = points.get(last).clone();
                best[i] = 100;
                assertThat(health(best)).as(l).isLessThan(goal);
                shows(l, health(best), CENT);
                continue;
            }
            double required = numbers(l).get(2);
            double[] raw = {m.revenue, m.newCustomers, m.deals, m.csat(), m.hours()};
            raw[i] = required;
            double moved = health(points(raw[0], target.get(last), raw[1], raw[2], raw[3], raw[4]));
            // the printed value is rounded to cents (or to whole euros): csat moves the score by up to
            // 0.4 * 2/3 * 25 = 6.7 points per unit, so rounding may move it by 0.034
            assertThat(moved).as(l).isCloseTo(goal, within(0.04));
        }

        // bonuses by the curve: 0 below 60, 0.5 to 1 from 60 to 80, 1 to 1.5 from 80 to 100, 1.5 above
        for (String p : health.keySet()) {
            double h = health.get(p);
            double multiple = h < 60 ? 0 : h < 80 ? 0.5 + 0.5 * (h - 60) / 20 : h < 100 ? 1 + 0.5 * (h - 80) / 20 : 1.5;
            List<Double> n = numbers(line(out, "   " + p + " ", "% = "));
            assertThat(n.get(2)).isCloseTo(multiple * Example16_HealthIndexAndGoalTree.TARGET_INCENTIVE, within(CENT));
        }

        // revenue rolled up against the cascaded targets
        double north = 0;
        double company = 0;
        for (Map.Entry<String, String> e : Example16_HealthIndexAndGoalTree.TEAMS.entrySet()) {
            company += mar.get(e.getKey()).revenue;
            north += e.getValue().equals("north") ? mar.get(e.getKey()).revenue : 0;
        }
        shows(line(out, "rolled up: north"), north, CENT);
        shows(line(out, "rolled up: company"), company, CENT);
        shows(line(out, "rolled up: company"), Example16_HealthIndexAndGoalTree.COMPANY_TARGET, CENT);

        // rank intervals are ranks, ordered
        for (String p : health.keySet()) {
            List<Double> n = numbers(line(out, "   " + p + " ", "over the draws"));
            // rank, median, 5%, 95%
            assertThat(n.get(1)).isBetween(1.0, 8.0);
            assertThat(n.get(1)).isGreaterThanOrEqualTo(n.get(2) - 1e-9).isLessThanOrEqualTo(n.get(3) + 1e-9);
        }
        assertThat(BigDecimal.valueOf(numbers(line(out, "mean absolute rank shift")).get(0))).isPositive();
    }
}
