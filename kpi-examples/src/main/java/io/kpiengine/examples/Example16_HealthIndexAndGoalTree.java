package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.IncentivePlan;
import io.kpiengine.core.score.ScoreLift;
import io.kpiengine.core.score.Normalization;
import io.kpiengine.core.score.Payout;
import io.kpiengine.core.score.PayoutCurve;
import io.kpiengine.core.score.RankedEntity;
import io.kpiengine.core.score.Robustness;
import io.kpiengine.core.score.RobustnessReport;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.score.ScoreResults;
import io.kpiengine.core.score.ScoreValue;
import io.kpiengine.core.score.Scores;
import io.kpiengine.core.score.TargetCascade;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Lesson 16: a health index and a goal tree — from a company objective to each salesperson's score, its points,
 * its rank with an interval, what it takes to improve it, and the bonus it pays.
 *
 * <ol>
 *   <li>{@code sales-health.yaml} declares five monthly KPIs per salesperson and, in its {@code scores} section,
 *       the goal tree of the company objective "sales health": profitable growth (revenue against target, new
 *       customers, deals won; a geometric mean, so one collapsed KPI is not bought back by the others) and happy
 *       customers (satisfaction twice as important as response time, by a pairwise comparison); every KPI is
 *       normalised to 0-100 points against a target or goalposts.</li>
 *   <li>The company's March revenue target is cascaded down to the two teams and their eight salespeople in
 *       proportion to their January revenue.</li>
 *   <li>The engine computes the KPIs; the score card scores every salesperson and month, with each salesperson's
 *       own revenue target. One salesperson had no survey answers in March: the missing policy scores him on what
 *       is there, and every score says how much of the weight it rests on.</li>
 *   <li>The leader's score is explained down to each KPI's points; the last one learns the cheapest single-KPI
 *       move to the next status band.</li>
 *   <li>A Monte Carlo audit draws other weights and other normalisations 1,000 times: how sure is each rank?</li>
 *   <li>The bonus plan pays each salesperson on a threshold-target-maximum curve over their score, and the teams'
 *       revenue is rolled up against the cascaded targets.</li>
 * </ol>
 */
public final class Example16_HealthIndexAndGoalTree {

    /** The seed of the activity records. */
    static final long SEED = 16;
    /** The salespeople and their teams. */
    static final Map<String, String> TEAMS = teams();
    /** The first day of the records. */
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    /** The last day of the records. */
    static final LocalDate LAST = LocalDate.of(2025, 3, 31);
    /** The company's revenue target for March, in EUR. */
    static final double COMPANY_TARGET = 1_200_000;
    /** The bonus paid at the target score. */
    static final double TARGET_INCENTIVE = 5_000;
    /** The bonus curve: nothing below 60 points, half at 60, all at 80, 150% from 100. */
    static final PayoutCurve CURVE = PayoutCurve.builder().threshold(60, 0.5).target(80, 1).maximum(100, 1.5)
            .build();
    /** The Monte Carlo draws of the audit. */
    static final int DRAWS = 1_000;

    private Example16_HealthIndexAndGoalTree() {
    }

    private static Map<String, String> teams() {
        Map<String, String> t = new LinkedHashMap<>();
        for (String p : List.of("ana", "ben", "chloe", "dan")) {
            t.put(p, "north");
        }
        for (String p : List.of("eva", "farid", "gita", "hugo")) {
            t.put(p, "south");
        }
        return t;
    }

    /**
     * One salesperson's working day.
     *
     * @param day the day
     * @param salesperson who
     * @param revenue the won contract value in EUR
     * @param deals the deals won
     * @param newCustomers the deals that were a customer's first
     * @param csat the mean survey answer, or null when nobody answered
     * @param responseHours the mean hours to answer a customer
     */
    record Day(LocalDate day, String salesperson, BigDecimal revenue, long deals, long newCustomers, BigDecimal csat,
            BigDecimal responseHours) {

        Object[] values() {
            return new Object[] {day, salesperson, revenue, deals, newCustomers, csat, responseHours};
        }
    }

    /**
     * The activity records: every working day from January to March 2025 for each salesperson, seeded. Each has a
     * skill (deals per day) and a care for customers (survey answers, speed); hugo has no survey answers in
     * March.
     *
     * @return the records by day, then salesperson
     */
    static List<Day> activity() {
        Random r = new Random(SEED);
        double[] skill = {1.15, 0.95, 1.05, 0.8, 1.1, 0.9, 1.0, 0.85};
        double[] care = {0.9, 0.7, 0.85, 0.55, 0.6, 0.95, 0.75, 0.8};
        List<String> people = new ArrayList<>(TEAMS.keySet());
        List<Day> out = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int p = 0; p < people.size(); p++) {
                long deals = 0;
                long newCustomers = 0;
                double revenue = 0;
                for (int trial = 0; trial < 2; trial++) {
                    if (r.nextDouble() < 0.5 * skill[p]) {
                        deals++;
                        revenue += Math.exp(8.7 + 0.5 * r.nextGaussian());
                        newCustomers += r.nextDouble() < 0.4 ? 1 : 0;
                    }
                }
                boolean surveyed = r.nextDouble() < 0.5 && !(people.get(p).equals("hugo") && d.getMonthValue() == 3);
                double csat = Math.max(0, Math.min(10, 5 + 5 * care[p] + 0.8 * r.nextGaussian()));
                double hours = 2 + 30 * (1 - care[p]) + 2 * Math.abs(r.nextGaussian());
                out.add(new Day(d, people.get(p), BigDecimal.valueOf(revenue).setScale(2, RoundingMode.HALF_EVEN),
                        deals, newCustomers, surveyed ? BigDecimal.valueOf(csat).setScale(1, RoundingMode.HALF_EVEN)
                        : null, BigDecimal.valueOf(hours).setScale(1, RoundingMode.HALF_EVEN)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Runs the lesson.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        // 1. the catalog with its goal tree
        Catalog catalog = Catalog.read(Example16_HealthIndexAndGoalTree.class.getResourceAsStream(
                "sales-health.yaml"), "sales-health.yaml");
        GoalTree tree = catalog.goalTree("sales_health").orElseThrow();
        List<LintFinding> findings = catalog.lint();
        System.out.printf(Locale.ROOT, "1. Read %s: %d metrics, score %s over %s; lint: %d findings%n",
                catalog.name(), catalog.metrics().size(), tree.id(), tree.entityDimensions(), findings.size());
        tree.outline().lines().forEach(l -> System.out.println("     " + l));

        // 2. the KPIs, and the company target cascaded to teams and people by their January revenue
        Schema schema = catalog.source("activity").orElseThrow().schema();
        MemorySource rows = SampleData.source("activity", schema, activity(), Day::values);
        KpiResults results = KpiEngine.builder().catalog(catalog).parallelism(2).build()
                .evaluate(Map.of("activity", rows));
        Period january = catalog.calendar().parse("2025-01");
        Period march = catalog.calendar().parse("2025-03");
        TargetCascade.Builder org = TargetCascade.builder("company");
        TEAMS.values().stream().distinct().forEach(t -> org.unit(t, "company"));
        TEAMS.forEach(org::unit);
        TargetCascade cascade = org.build();
        Map<String, Double> januaryRevenue = new LinkedHashMap<>();
        TEAMS.keySet().forEach(p -> januaryRevenue.put(p, results.number("revenue", january,
                Map.of("salesperson", p)).orElseThrow()));
        Map<String, Double> targets = cascade.splitByBaseline(COMPANY_TARGET, januaryRevenue);
        System.out.printf(Locale.ROOT, "2. Revenue targets for %s: company %,.2f split by January revenue%n", march,
                COMPANY_TARGET);
        for (String unit : cascade.units().subList(1, cascade.units().size())) {
            System.out.printf(Locale.ROOT, "   %-6s %s target %,.2f%n", unit,
                    TEAMS.containsKey(unit) ? "person" : "team  ", targets.get(unit));
        }

        // 3. score every salesperson and month, with each one's own revenue target
        Map<String, Double> personTargets = new LinkedHashMap<>();
        TEAMS.keySet().forEach(p -> personTargets.put(p, targets.get(p)));
        ScoreCard card = ScoreCard.builder(tree).catalog(catalog).parallelism(2).build();
        ScoreResults scored = card.score(results, Map.of("revenue", personTargets));
        Scores s = scored.scores(march).orElseThrow();
        System.out.printf(Locale.ROOT, "3. Scores for %s (points 0-100, status, rank, share of the weight scored):%n",
                march);
        for (RankedEntity r : s.ranking(tree.id())) {
            ScoreValue v = s.value(tree.id(), r.entity());
            System.out.printf(Locale.ROOT, "   %-6s %-5s revenue %,11.2f (%5.1f%%)  health %6.2f  %-9s rank %d"
                    + "  coverage %3.0f%%%s%n", r.entity(), TEAMS.get(r.entity()),
                    results.number("revenue", march, Map.of("salesperson", r.entity())).orElseThrow(),
                    s.achievement("revenue", r.entity()), r.score(), s.status(tree.id(), r.entity()).orElseThrow(),
                    r.rank(), 100 * v.coverage(), v.missing().isEmpty() ? ""
                            : "  missing " + v.missing() + ": " + s.value(v.missing().get(0), r.entity()).detail());
        }

        // 4. the leader's score, down to each KPI's points
        String leader = s.ranking(tree.id()).get(0).entity();
        System.out.printf(Locale.ROOT, "4. Why %s scores %.2f: each KPI's points in the score%n", leader,
                s.score(tree.id(), leader).orElseThrow());
        for (Scores.Part p : s.breakdown(tree.id(), leader)) {
            System.out.printf(Locale.ROOT, "   %-15s %,11.2f -> %6.2f points -> %6.2f of the score%n", p.kpi(), p.raw(),
                    p.points(), p.contribution());
        }

        // 5. what it takes for the last one
        List<RankedEntity> ranking = s.ranking(tree.id());
        String last = ranking.get(ranking.size() - 1).entity();
        System.out.printf(Locale.ROOT, "5. What it takes for %s (%.2f, %s):%n", last,
                s.score(tree.id(), last).orElseThrow(), s.status(tree.id(), last).orElseThrow());
        for (ScoreLift l : s.whatItTakes(tree.id(), last, 5)) {
            System.out.println("   +5 points: " + l);
        }
        for (RankedEntity r : ranking) {
            String status = s.status(tree.id(), r.entity()).orElseThrow();
            if (status.equals("ON_TRACK")) {
                continue;
            }
            System.out.printf(Locale.ROOT, "   next status for %-6s (%s): %s%n", r.entity(), status, s.nextStatus(
                    tree.id(), r.entity()).map(l -> String.format(Locale.ROOT, "%s from %.2f to %.2f (%.2f standard"
                            + " deviations)", l.kpi(), l.current(), l.required(), l.cost()))
                    .orElse("no single KPI can do it"));
        }

        // 6. how sure are the ranks?
        RobustnessReport audit = Robustness.builder(card).draws(DRAWS).seed(SEED).dirichlet(40)
                .normalizations(Normalization.zScore(), Normalization.percentileRank()).parallelism(2).build()
                .run(s.matrix());
        System.out.printf(Locale.ROOT, "6. Robustness over %,d draws (Dirichlet weights, alternative normalisations):"
                + " rank median [5%%, 95%%]%n", audit.draws());
        for (RankedEntity r : ranking) {
            System.out.printf(Locale.ROOT, "   %-6s rank %d, over the draws %.1f [%.0f, %.0f]%n", r.entity(), r.rank(),
                    audit.rank(r.entity()).median(), audit.rank(r.entity()).p5(), audit.rank(r.entity()).p95());
        }
        System.out.printf(Locale.ROOT, "   mean absolute rank shift %.2f; the leader stays first in %.0f%% of the"
                + " draws; most influential: %s%n", audit.meanAbsoluteRankShift(), 100 * audit.leaderKept(),
                audit.sensitivity().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());

        // 7. bonuses, and revenue rolled up against the cascade
        IncentivePlan.Builder plan = IncentivePlan.builder(CURVE);
        TEAMS.keySet().forEach(p -> plan.onScore(p, tree.id(), TARGET_INCENTIVE));
        System.out.printf(Locale.ROOT, "7. Bonuses (%s of %,.0f):%n", CURVE, TARGET_INCENTIVE);
        for (Payout p : plan.build().pay(s)) {
            System.out.printf(Locale.ROOT, "   %-6s health %6.2f -> %5.1f%% = %,9.2f%n", p.owner(), p.measure(),
                    100 * p.multiple(), p.amount());
        }
        Map<String, Double> actual = new LinkedHashMap<>();
        TEAMS.keySet().forEach(p -> actual.put(p, results.number("revenue", march, Map.of("salesperson", p))
                .orElseThrow()));
        Map<String, Double> rolled = cascade.rollUp(actual);
        for (String unit : List.of("north", "south", "company")) {
            System.out.printf(Locale.ROOT, "   rolled up: %-7s revenue %,13.2f of %,13.2f (%.1f%%)%n", unit,
                    rolled.get(unit), targets.get(unit), 100 * rolled.get(unit) / targets.get(unit));
        }
    }
}
