package io.kpiengine.examples;

import io.kpiengine.core.KpiAccumulator;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Lesson 12: a live accumulator in a service.
 *
 * <p>A shop's order service sees orders arrive on several request threads and answers dashboard questions at the
 * same time ("units shipped from Berlin today?"). Re-evaluating the whole history for every batch would cost
 * time that grows with the history. {@code engine.accumulator()} keeps the aggregation state alive instead:
 * {@code add(source, batch)} aggregates a batch's rows and returns (safe from many threads: each writer works in a
 * stripe of its own); {@code snapshot()} returns every KPI, recomputing only the periods that changed since the
 * last snapshot; {@code query()} answers one metric, period range and segment. An accumulator starts empty, and
 * its {@code state()} is saved and restored like any aggregation state, so a restart resumes where it stopped.
 *
 * <p>Here four writer threads add 34 days of orders in batches of 100 while a reader answers questions; then the
 * service reads the numbers of the last day and restarts from the saved state.
 */
public final class Example12_LiveAccumulator {

    /** The seed of the orders. */
    static final long SEED = 12;
    /** The first day of the orders. */
    static final LocalDate FIRST = LocalDate.of(2025, 5, 1);
    /** The number of days. */
    static final int DAYS = 34;
    /** The business zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** The writer threads. */
    static final int WRITERS = 4;
    /** Rows per batch. */
    static final int BATCH = 100;

    private Example12_LiveAccumulator() {
    }

    /** The catalog: units and orders by warehouse, cost of goods, cost per unit. */
    static Catalog catalog() {
        DataSource orders = DataSource.builder("orders").schema(SampleData.Order.SCHEMA).timeColumn("placed_at")
                .build();
        return Catalog.builder().zone(ZONE).grain(Grain.DAY).source(orders)
                .metric(Metric.measure("units").sum("quantity").dimensions("warehouse").unit("count").build())
                .metric(Metric.measure("orders").count().dimensions("warehouse").unit("count").build())
                .metric(Metric.measure("cogs").sum("cogs").dimensions("warehouse").unit("USD").build())
                .metric(Metric.ratio("cost_per_unit").numerator("cogs").denominator("units").build())
                .build();
    }

    /** The orders as batches of the source's schema, as a request handler would hold them. */
    static List<RecordBatch> batches() {
        List<RecordBatch> out = new ArrayList<>();
        List<SampleData.Order> orders = SampleData.orders(SEED, FIRST, DAYS, ZONE, "L");
        for (int i = 0; i < orders.size(); i += BATCH) {
            try (RecordSource s = SampleData.source("orders", SampleData.Order.SCHEMA,
                    orders.subList(i, Math.min(orders.size(), i + BATCH)), SampleData.Order::values)) {
                for (RecordBatch b = s.next(); b != null; b = s.next()) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /**
     * Runs the service: writers and a reader at once, then the numbers of the last day and a restart.
     *
     * @param args not used
     * @throws Exception if a thread fails
     */
    public static void main(String[] args) throws Exception {
        Catalog catalog = catalog();
        KpiEngine engine = KpiEngine.builder().catalog(catalog)
                .clock(Clock.fixed(Instant.parse("2025-06-04T18:00:00Z"), ZoneOffset.UTC)).build();
        KpiAccumulator live = engine.accumulator();
        System.out.println("Empty at start: " + live.snapshot().rows().size() + " cells");

        List<RecordBatch> batches = batches();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int first = w;
            writers.add(pool.submit(() -> {
                for (int i = first; i < batches.size(); i += WRITERS) {
                    live.add("orders", batches.get(i));          // what a request handler does
                }
            }));
        }
        Period lastDay = catalog.calendar().period(Grain.DAY, FIRST.plusDays(DAYS - 1));
        Future<Integer> reader = pool.submit(() -> {
            int answered = 0;
            for (int i = 0; i < 20; i++) {                       // a dashboard asking while orders arrive
                live.query().metric("units").from(lastDay).to(lastDay).where("warehouse", "berlin").number();
                answered++;
            }
            return answered;
        });
        for (Future<?> f : writers) {
            f.get();
        }
        System.out.println(WRITERS + " writers added " + batches.size() + " batches; the reader answered "
                + reader.get() + " questions meanwhile");
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        KpiResults now = live.snapshot();
        System.out.printf(Locale.ROOT, "Snapshot: %,d cells, %,d orders aggregated%n", now.rows().size(),
                live.rows("orders"));
        for (String warehouse : SampleData.WAREHOUSES) {
            Map<String, String> w = Map.of("warehouse", warehouse);
            System.out.printf(Locale.ROOT, "  %s %-6s units %4.0f, orders %3.0f, cost per unit %6.2f%n", lastDay,
                    warehouse, now.number("units", lastDay, w).orElseThrow(),
                    now.number("orders", lastDay, w).orElseThrow(),
                    now.number("cost_per_unit", lastDay, w).orElseThrow());
        }
        double berlin = live.query().metric("units").from(lastDay).to(lastDay).where("warehouse", "berlin").number()
                .orElseThrow();
        System.out.printf(Locale.ROOT, "Query: units from berlin on %s = %.0f%n", lastDay, berlin);

        byte[] saved = live.state().toBytes();
        KpiAccumulator restarted = engine.accumulator(engine.restore(saved));
        KpiResult same = restarted.snapshot().value("units", lastDay, Map.of("warehouse", "berlin")).orElseThrow();
        System.out.printf(Locale.ROOT, "After a restart from %,d saved bytes: units from berlin on %s = %s%n",
                saved.length, lastDay, same.value());
    }
}
