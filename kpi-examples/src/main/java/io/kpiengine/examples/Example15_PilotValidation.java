package io.kpiengine.examples;

import io.kpiengine.analysis.DiffInDiff;
import io.kpiengine.analysis.DiffInDiffEstimate;
import io.kpiengine.analysis.Power;
import io.kpiengine.analysis.SampleSize;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Lesson 15: validating a pilot before rolling it out: difference in differences and power.
 *
 * <p>Operations tried self-checkout lanes in 5 of its 25 stores from Monday 2025-03-03 to cut the <b>wait per
 * customer</b> (minutes of queueing per customer served, lower is better). Eight weeks later the pilot stores wait
 * less than before. But spring brought more shoppers to every store, so waits rose everywhere: comparing the pilot
 * stores with their own past mixes the pilot with the season.
 *
 * <p><b>Difference in differences</b> compares changes instead: each store's change from the 8 weeks before to the 8
 * weeks after, the pilot stores' mean change minus the 20 control stores' mean change. What the season did to all
 * stores cancels; what is left is the pilot's effect, with a standard error from the spread of the stores' own
 * changes (Welch's test on the changes: the pilot group is small and may vary differently).
 *
 * <p><b>Power</b> asks whether the design could have seen an effect worth having: with 5 pilot stores against 20,
 * how likely is a real half-minute cut to come out significant, and how many stores per group would make that 80 %?
 * The spread behind it is the standard deviation of the control stores' changes.
 *
 * <p>The weekly wait per customer of each store is a ratio computed by the engine (queue minutes over customers of
 * the week); a store's level before or after is the mean of its 8 weekly values. The data is generated with a known
 * answer: the pilot cuts 1.2 minutes, spring adds 0.5 to every store.
 */
public final class Example15_PilotValidation {

    /** The seed of the generated data. */
    static final long SEED = 15;
    /** Monday of the first week before the pilot (2025-W02). */
    static final LocalDate FIRST = LocalDate.of(2025, 1, 6);
    /** The day the pilot starts (2025-W10). */
    static final LocalDate PILOT_START = LocalDate.of(2025, 3, 3);
    /** Weeks before and weeks after. */
    static final int WEEKS = 8;
    /** The stores, S01 to S25. */
    static final List<String> STORES = stores();
    /** The pilot stores. */
    static final List<String> PILOT = List.of("S03", "S07", "S12", "S18", "S22");
    /** The built-in effect of the pilot, minutes per customer. */
    static final double EFFECT = -1.2;
    /** The built-in spring shift of every store, minutes per customer. */
    static final double SEASON = 0.5;
    /** The smallest cut worth rolling out, minutes per customer. */
    static final double WORTH = 0.5;

    /**
     * One store's day: customers served and the minutes they queued in total.
     *
     * @param day the day
     * @param store the store
     * @param customers customers served
     * @param queueMinutes minutes queued, summed over the customers
     */
    record StoreDay(LocalDate day, String store, long customers, BigDecimal queueMinutes) {
        static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE),
                Column.of("store", ColumnType.CATEGORY), Column.of("customers", ColumnType.INTEGER),
                Column.decimal("queue_minutes", 1));

        Object[] values() {
            return new Object[] {day, store, customers, queueMinutes};
        }
    }

    private static List<String> stores() {
        List<String> out = new ArrayList<>();
        for (int s = 1; s <= 25; s++) {
            out.add(String.format(Locale.ROOT, "S%02d", s));
        }
        return List.copyOf(out);
    }

    /**
     * Generates 16 weeks of store days: each store has its own level (4 to 9 minutes) and size (500 to 1,200
     * customers a day); the daily wait per customer is the level, plus a store-week shock N(0, 0.4), plus after the
     * start the season and the store's own drift N(0, 0.5) (staff, local events), plus the pilot's effect in pilot
     * stores after the start, plus noise N(0, 0.6).
     *
     * @return the days, the same for every run
     */
    static List<StoreDay> days() {
        Random random = new Random(SEED);
        List<StoreDay> out = new ArrayList<>();
        double[] level = new double[STORES.size()];
        double[] size = new double[STORES.size()];
        double[] drift = new double[STORES.size()];
        for (int s = 0; s < level.length; s++) {
            level[s] = 4 + 5 * random.nextDouble();
            size[s] = 500 + 700 * random.nextDouble();
            drift[s] = 0.5 * random.nextGaussian();
        }
        double[] week = new double[STORES.size()];
        for (LocalDate day = FIRST; day.isBefore(FIRST.plusWeeks(2 * WEEKS)); day = day.plusDays(1)) {
            boolean after = !day.isBefore(PILOT_START);
            if (day.getDayOfWeek() == java.time.DayOfWeek.MONDAY) {
                for (int s = 0; s < week.length; s++) {
                    week[s] = 0.4 * random.nextGaussian();
                }
            }
            for (int s = 0; s < level.length; s++) {
                long customers = Math.round(size[s] * (0.9 + 0.2 * random.nextDouble()) * (after ? 1.1 : 1));
                double wait = level[s] + week[s] + (after ? SEASON + drift[s] : 0)
                        + (after && PILOT.contains(STORES.get(s)) ? EFFECT : 0) + 0.6 * random.nextGaussian();
                out.add(new StoreDay(day, STORES.get(s), customers,
                        BigDecimal.valueOf(Math.max(0, wait) * customers).setScale(1, RoundingMode.HALF_EVEN)));
            }
        }
        return out;
    }

    private Example15_PilotValidation() {
    }

    /**
     * Estimates the pilot's effect and the power of the design.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        DataSource checkouts = DataSource.builder("checkouts").schema(StoreDay.SCHEMA).timeColumn("day").build();
        Catalog catalog = Catalog.builder()
                .zone(ZoneOffset.UTC)
                .grain(Grain.WEEK)
                .source(checkouts)
                .metric(Metric.measure("customers").sum("customers").dimensions("store").unit("count").build())
                .metric(Metric.measure("queue_minutes").sum("queue_minutes").dimensions("store").unit("min").build())
                .metric(Metric.ratio("wait_per_customer").numerator("queue_minutes").denominator("customers")
                        .unit("min per count").direction(Direction.LOWER_IS_BETTER).build())
                .build();
        KpiResults results = KpiEngine.builder().catalog(catalog)
                .clock(Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC)).build()
                .evaluate(Map.of("checkouts", SampleData.source("checkouts", StoreDay.SCHEMA, days(),
                        StoreDay::values)));

        List<String> control = STORES.stream().filter(s -> !PILOT.contains(s)).toList();
        double[][] pilot = levels(results, PILOT);
        double[][] rest = levels(results, control);
        System.out.printf(Locale.ROOT, "Wait per customer, mean of %d weekly values before and after %s (minutes)%n",
                WEEKS, PILOT_START);
        System.out.println("  group     stores  before  after  change");
        System.out.printf(Locale.ROOT, "  pilot     %6d  %6.2f  %5.2f  %+6.2f%n", PILOT.size(), mean(pilot[0]),
                mean(pilot[1]), mean(pilot[1]) - mean(pilot[0]));
        System.out.printf(Locale.ROOT, "  control   %6d  %6.2f  %5.2f  %+6.2f%n", control.size(), mean(rest[0]),
                mean(rest[1]), mean(rest[1]) - mean(rest[0]));

        DiffInDiffEstimate did = DiffInDiff.estimate(pilot[0], pilot[1], rest[0], rest[1]);
        System.out.println();
        System.out.printf(Locale.ROOT, "Before/after in the pilot stores alone: %+.2f minutes (season and pilot"
                + " together)%n", did.pilotChange());
        System.out.printf(Locale.ROOT, "Difference in differences: %+.2f minutes per customer, 95 %% CI [%.2f, %.2f],"
                + " SE %.3f, t %.2f on %.1f df, p %s; %+.1f %% against the pilot stores' wait without the pilot%n",
                did.effect(), did.interval().low(), did.interval().high(), did.standardError(), did.t().value(),
                did.degreesOfFreedom().value(), did.pValue().value() < 0.0001 ? "< 0.0001"
                        : String.format(Locale.ROOT, "%.4f", did.pValue().value()),
                100 * did.relative().value());

        double sd = sd(changes(rest));
        double d = WORTH / sd;
        double power = Power.power(d, control.size(), 0.05, (double) PILOT.size() / control.size());
        SampleSize needed = Power.forMeans(WORTH, sd, 0.05, 0.8, 1);
        System.out.println();
        System.out.printf(Locale.ROOT, "Power: the control stores' changes spread with SD %.3f minutes; a real cut of"
                + " %.1f minutes (d %.2f) comes out significant at 5 %% with probability %.2f with %d pilot and %d"
                + " control stores; %d stores per group would make it 0.80%n", sd, WORTH, d, power, PILOT.size(),
                control.size(), needed.sizeA());
    }

    /** Per store, the mean of the weekly values before the start and after it: {@code [before[], after[]]}. */
    static double[][] levels(KpiResults results, List<String> stores) {
        double[][] out = new double[2][stores.size()];
        for (int i = 0; i < stores.size(); i++) {
            double[] sums = new double[2];
            for (KpiResult week : results.series("wait_per_customer", Map.of("store", stores.get(i)))) {
                sums[week.period().firstDate().isBefore(PILOT_START) ? 0 : 1] += week.value().asDouble().orElseThrow();
            }
            out[0][i] = sums[0] / WEEKS;
            out[1][i] = sums[1] / WEEKS;
        }
        return out;
    }

    static double[] changes(double[][] levels) {
        double[] out = new double[levels[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = levels[1][i] - levels[0][i];
        }
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n - 1). */
    static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
