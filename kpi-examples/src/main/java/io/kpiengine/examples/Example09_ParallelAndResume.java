package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.AggregationState;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 9: parallel evaluation, and resuming from saved state when a new day's file arrives.
 *
 * <p>The engine reads a source on {@code parallelism} threads: a CSV file is cut into byte ranges that start at
 * record boundaries, each thread aggregates its range into its own state, and the states are merged. Merging is
 * exact for counts, distinct counts, percentiles and exact decimal sums, so the result does not depend on the
 * number of threads.
 *
 * <p>The same merge lets a daily job avoid re-reading history. Monday's run saves its
 * {@link AggregationState} as bytes ({@link AggregationState#toBytes()}); on Tuesday a new process restores it
 * ({@link KpiEngine#restore}) and evaluates only Tuesday's file on top of it. The result equals a single run over
 * both days, including the KPIs that cannot be added up from daily values: the <b>distinct customers</b> of the
 * month so far count a customer who ordered on both days once. Within a day, the 90th percentile of the <b>order
 * processing time</b> is exact although each of two threads saw only part of the orders. The state holds what
 * the aggregations need (for distinct counts and percentiles, the values themselves), not the raw rows.
 */
public final class Example09_ParallelAndResume {

    /** The shop's zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Monday 1 September: the first day of the month, so that the month to date has all its days. */
    static final LocalDate MONDAY = LocalDate.of(2025, 9, 1);
    /** The seed of Monday's orders; Tuesday's is the next one. */
    static final long SEED = 9;

    private Example09_ParallelAndResume() {
    }

    /**
     * Runs Monday, saves the state, resumes with Tuesday and compares with one run over both days.
     *
     * @param args not used
     * @throws IOException if a temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        SampleData.inTemporaryDirectory("kpi-example09", Example09_ParallelAndResume::run);
    }

    private static void run(Path dir) throws IOException {
        DataSource orders = DataSource.builder("orders").schema(SampleData.Order.SCHEMA).timeColumn("placed_at")
                .build();
        Catalog catalog = Catalog.builder()
                .zone(ZONE)
                .source(orders)
                .metric(Metric.measure("orders").count().dimensions("warehouse").unit("count").build())
                .metric(Metric.measure("p90_processing_time").percentile("processing_hours", 0.9)
                        .dimensions("warehouse").unit("h").build())
                .metric(Metric.measure("customers").countDistinct("customer_id").build())
                .metric(Metric.derived("customers_mtd").formula("to_date(customers, month)").build())
                .build();
        Clock clock = Clock.fixed(Instant.parse("2025-09-03T06:00:00Z"), ZoneOffset.UTC);
        Path monday = SampleData.writeCsv(dir.resolve("orders-" + MONDAY + ".csv"), SampleData.Order.SCHEMA,
                day(MONDAY), SampleData.Order::values);
        Path tuesday = SampleData.writeCsv(dir.resolve("orders-" + MONDAY.plusDays(1) + ".csv"), SampleData.Order.SCHEMA,
                day(MONDAY.plusDays(1)), SampleData.Order::values);

        // Monday night: two threads, then save the state
        KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(2).clock(clock).build();
        KpiResults mondayResults = engine.evaluate(Map.of("orders", orders.csvReader(monday).build()));
        Path statePath = Files.write(dir.resolve("orders.state"), mondayResults.state().toBytes());
        System.out.printf(Locale.ROOT, "Monday: %,d orders on 2 threads; state saved, %,d bytes%n",
                mondayResults.quality().sources().get(0).rowsAggregated(), Files.size(statePath));

        // Tuesday night, a new process: restore and add only Tuesday's file
        KpiEngine tomorrow = KpiEngine.builder().catalog(catalog).parallelism(2).clock(clock).build();
        AggregationState saved = tomorrow.restore(Files.readAllBytes(statePath));
        KpiResults resumed = tomorrow.evaluate(saved, Map.of("orders", orders.csvReader(tuesday).build()));
        System.out.printf(Locale.ROOT, "Tuesday: resumed from the state and read %,d new orders%n",
                resumed.quality().sources().get(0).rowsAggregated());

        // For comparison: one run over both days, on one thread
        List<SampleData.Order> both = new ArrayList<>(day(MONDAY));
        both.addAll(day(MONDAY.plusDays(1)));
        Path all = SampleData.writeCsv(dir.resolve("orders-both.csv"), SampleData.Order.SCHEMA, both,
                SampleData.Order::values);
        KpiResults onePass = KpiEngine.builder().catalog(catalog).parallelism(1).clock(clock).build()
                .evaluate(Map.of("orders", orders.csvReader(all).build()));
        System.out.printf(Locale.ROOT, "Resumed run equals one run over both days: %s (%d cells)%n%n",
                resumed.rows().equals(onePass.rows()), resumed.rows().size());

        System.out.println("day         customers  month to date");
        for (KpiResult r : resumed.series("customers")) {
            System.out.printf(Locale.ROOT, "%-10s  %9.0f  %13.0f%n", r.period(), r.value().value(),
                    resumed.number("customers_mtd", r.period()).orElseThrow());
        }
        System.out.println("(a customer who ordered on both days counts once in the month)");
        System.out.println();
        System.out.println("warehouse  day         orders  p90 processing time");
        List<KpiResult> orderCells = new ArrayList<>(resumed.metric("orders"));
        orderCells.sort(Comparator.comparing((KpiResult r) -> r.dimensions().get("warehouse"))
                .thenComparing(KpiResult::period));
        for (KpiResult r : orderCells) {
            Period p = r.period();
            System.out.printf(Locale.ROOT, "%-9s  %-10s  %6.0f  %6.1f h%n", r.dimensions().get("warehouse"), p,
                    r.value().value(),
                    resumed.number("p90_processing_time", p, r.dimensions()).orElseThrow());
        }
    }

    /**
     * The orders of one day; each day has its own seed and order-id prefix.
     *
     * @param day the day
     * @return the orders
     */
    static List<SampleData.Order> day(LocalDate day) {
        long offset = day.toEpochDay() - MONDAY.toEpochDay();
        return SampleData.orders(SEED + offset, day, 1, ZONE, "D" + (offset + 1) + "-");
    }
}
