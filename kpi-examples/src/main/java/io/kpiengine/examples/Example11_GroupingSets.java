package io.kpiengine.examples;

import io.kpiengine.core.AggregationState;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 11: grouping sets, roll-ups and re-grained periods.
 *
 * <p>Operations wants units and cost per unit by warehouse, by SKU, by both and in total, per month and for the
 * whole quarter, plus the spread of shipping times. Instead of one copy of every metric per grouping, a metric
 * declares the dimensions it may be <b>sliced by</b> ({@code sliceBy}), and the evaluation asks for <b>grouping
 * sets</b>: here {@code CUBE(warehouse, sku)}, which is {@code (warehouse, sku), (warehouse), (sku), ()}. The
 * engine reads the data once and aggregates each measure at the finest grouping; every set is a roll-up of it,
 * exact for sums, counts and distinct counts. A ratio is recomputed in each set from its parts: the warehouse's
 * cost per unit is its cost over its units, not the average of its SKUs' ratios. Each result row carries its
 * grouping set ({@code KpiResult.groupingSet()}).
 *
 * <p>The state is kept per day ({@code stateGrain(Grain.DAY)}) while the results are monthly; the same state
 * answers ISO weeks and the whole range ({@link Grain#WHOLE_RANGE}, one period from the first to the last day)
 * without reading the data again ({@code engine.results(state, grain)}). The standard deviation and the
 * coefficient of variation of the processing time are mergeable spread statistics (pandas {@code std()}, ddof 1),
 * so they too come out exact in every period, however coarse.
 */
public final class Example11_GroupingSets {

    /** The seed of the orders. */
    static final long SEED = 11;
    /** The first day of the orders. */
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    /** January to March 2025. */
    static final int DAYS = 90;
    /** The business zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private Example11_GroupingSets() {
    }

    /** The catalog: measures that may be sliced by warehouse and SKU, a ratio and two spread statistics. */
    static Catalog catalog() {
        DataSource orders = DataSource.builder("orders").schema(SampleData.Order.SCHEMA).timeColumn("placed_at")
                .build();
        return Catalog.builder().zone(ZONE).grain(Grain.MONTH).source(orders)
                .metric(Metric.measure("units").sum("quantity").sliceBy("warehouse", "sku").unit("count").build())
                .metric(Metric.measure("cogs").sum("cogs").sliceBy("warehouse", "sku").unit("USD").build())
                .metric(Metric.ratio("cost_per_unit").numerator("cogs").denominator("units").build())
                .metric(Metric.measure("customers").countDistinct("customer_id").sliceBy("warehouse", "sku").build())
                .metric(Metric.measure("hours_std").stddev("processing_hours").sliceBy("warehouse").unit("h")
                        .build())
                .metric(Metric.measure("hours_cv").cv("processing_hours").sliceBy("warehouse").unit("1").build())
                .build();
    }

    /**
     * Prints March by every grouping set of the cube, the quarter by warehouse, and the first ISO weeks.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        Catalog catalog = catalog();
        KpiEngine engine = KpiEngine.builder().catalog(catalog)
                .groupingSets(GroupingSets.cube("warehouse", "sku"))
                .stateGrain(Grain.DAY)
                .build();
        KpiResults months = engine.evaluate(Map.of("orders", SampleData.source("orders", SampleData.Order.SCHEMA,
                SampleData.orders(SEED, FIRST, DAYS, ZONE, "G"), SampleData.Order::values)));
        System.out.println("March 2025, " + engine.groupingSets().orElseThrow() + ":");
        for (KpiResult r : months.query().metric("units").from(catalog.calendar().parse("2025-03"))
                .to(catalog.calendar().parse("2025-03")).list()) {
            Map<String, String> segment = r.dimensions();
            System.out.printf(Locale.ROOT, "  %-18s %-18s units %5.0f, cogs %10.2f, cost per unit %6.2f%n",
                    GroupingSets.text(r.groupingSet()), segment.isEmpty() ? "total" : String.join(" / ",
                            segment.values()), r.value().value(),
                    months.number("cogs", r.period(), segment).orElseThrow(),
                    months.number("cost_per_unit", r.period(), segment).orElseThrow());
        }

        AggregationState daily = months.state();
        KpiResults quarter = engine.results(daily, Grain.WHOLE_RANGE);
        System.out.println("The whole range from the same daily state, by warehouse:");
        for (KpiResult r : quarter.metric("hours_std")) {
            if (r.groupingSet().equals(List.of("warehouse"))) {
                Map<String, String> w = r.dimensions();
                System.out.printf(Locale.ROOT, "  %s %-8s processing hours std %.3f, cv %.3f, customers %.0f%n",
                        r.period(), w.get("warehouse"), r.value().value(),
                        quarter.number("hours_cv", r.period(), w).orElseThrow(),
                        quarter.number("customers", r.period(), w).orElseThrow());
            }
        }
        KpiResults weeks = engine.results(daily, Grain.WEEK);
        System.out.println("ISO weeks from the same daily state, all warehouses:");
        for (KpiResult r : weeks.series("units", Map.of()).subList(0, 3)) {
            System.out.printf(Locale.ROOT, "  %s units %.0f%n", r.period(), r.value().value());
        }
    }
}
