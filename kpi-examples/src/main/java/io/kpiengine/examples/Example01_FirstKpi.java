package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 1: one KPI, the conversion rate, from a handful of rows held in memory.
 *
 * <p>A KPI is computed in three steps, and every later lesson uses the same three:
 * <ol>
 *   <li><b>Describe the data.</b> A {@link Schema} names the columns and their types; a {@link DataSource} adds
 *       the column that places each row in time. Here each row is one day of one marketing channel.</li>
 *   <li><b>Declare the metrics.</b> Two <i>measures</i> sum a column (visitors, conversions); the KPI itself is a
 *       <i>ratio</i> of the two. A ratio divides the <em>aggregated</em> numerator by the <em>aggregated</em>
 *       denominator of the same period, so the conversion rate of a day is all conversions over all visitors of
 *       that day, not the average of each channel's rate. The metrics and their data source form a
 *       {@link Catalog}.</li>
 *   <li><b>Evaluate.</b> A {@link KpiEngine} reads the rows once and returns a table of {@link KpiResult}s: one
 *       cell per metric and period (a day, unless you choose another grain; lesson 6).</li>
 * </ol>
 *
 * <p>The catalog also checks the definitions before anything runs: a misspelt column or metric name, or a
 * ratio whose units do not fit, is an error at {@code build()} (lesson 5 shows the messages).
 */
public final class Example01_FirstKpi {

    /** The input: day, channel, visitors, conversions. */
    static final Object[][] ROWS = {
        {LocalDate.of(2025, 3, 3), "email", 1200L, 36L},
        {LocalDate.of(2025, 3, 3), "social", 3400L, 51L},
        {LocalDate.of(2025, 3, 3), "paid_search", 2100L, 63L},
        {LocalDate.of(2025, 3, 4), "email", 1100L, 44L},
        {LocalDate.of(2025, 3, 4), "social", 2900L, 29L},
        {LocalDate.of(2025, 3, 4), "paid_search", 2300L, 81L},
        {LocalDate.of(2025, 3, 5), "email", 1250L, 40L},
        {LocalDate.of(2025, 3, 5), "social", 3100L, 34L},
        {LocalDate.of(2025, 3, 5), "paid_search", 1900L, 57L},
    };

    private Example01_FirstKpi() {
    }

    /**
     * Computes the daily conversion rate and prints it.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        // 1. the data: a schema, and a source of rows that follow it
        Schema schema = Schema.of(
                Column.of("day", ColumnType.DATE),
                Column.of("channel", ColumnType.CATEGORY),
                Column.of("visitors", ColumnType.INTEGER),
                Column.of("conversions", ColumnType.INTEGER));
        DataSource web = DataSource.builder("web").schema(schema).timeColumn("day").build();

        // 2. the metrics: two sums and their ratio, in percent
        Catalog catalog = Catalog.builder()
                .zone(ZoneId.of("UTC"))
                .source(web)
                .metric(Metric.measure("visitors").sum("visitors").unit("count").build())
                .metric(Metric.measure("conversions").sum("conversions").unit("count").build())
                .metric(Metric.ratio("conversion_rate")
                        .numerator("conversions").denominator("visitors")
                        .scale(100).unit("percent")
                        .build())
                .build();

        // 3. evaluate: one record source per data source of the catalog
        MemorySource rows = MemorySource.builder(schema).rows(List.of(ROWS)).build();
        KpiEngine engine = KpiEngine.builder().catalog(catalog).build();
        KpiResults results = engine.evaluate(Map.of("web", rows));

        System.out.println("Conversion rate per day = conversions / visitors * 100, summed over the channels");
        for (KpiResult day : results.series("conversion_rate")) {
            double conversions = results.number("conversions", day.period()).orElseThrow();
            double visitors = results.number("visitors", day.period()).orElseThrow();
            System.out.printf(Locale.ROOT, "  %s  conversion_rate = %.2f %%   (%,.0f conversions of %,.0f visitors)%n",
                    day.period(), day.value().value(), conversions, visitors);
        }
        System.out.println("The whole table: " + results);
    }
}
