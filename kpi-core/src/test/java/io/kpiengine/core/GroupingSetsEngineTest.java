package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.KpiAccumulatorTest.Row;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.GroupingSets;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.RecordBatch;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Grouping sets, re-graining and the whole range on the engine, against their definitions in the engine's own
 * terms: a metric in grouping set G equals the same metric declared with G as its dimensions; a result at a coarse
 * grain from a fine state equals an engine aggregating at the coarse grain; the whole range with a fixed range
 * holds exactly the rows inside it; an accumulator re-grained with grouping sets equals a full evaluation after
 * every batch.
 */
class GroupingSetsEngineTest {

    /** revenue and orders may be sliced by segment; a ratio, a lag and a trailing window read them. */
    static Catalog sliced(String... metricsDims) {
        return Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.DAY)
                .source(DataSource.builder("orders").schema(KpiAccumulatorTest.SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("revenue").sum("amount").sliceBy("segment").unit("USD").build())
                .metric(Metric.measure("orders").countDistinct("order_id").sliceBy("segment").build())
                .metric(Metric.ratio("aov").numerator("revenue").denominator("orders").build())
                .metric(Metric.derived("revenue_3d").formula("trailing(revenue, 3)").unit("USD").build())
                .metric(Metric.derived("growth").formula("revenue - lag(revenue, 1)").unit("USD").build())
                .build();
    }

    /** The same metrics grouped by fixed dimensions. */
    static Catalog fixed(String... dims) {
        return Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.DAY)
                .source(DataSource.builder("orders").schema(KpiAccumulatorTest.SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("revenue").sum("amount").dimensions(dims).unit("USD").build())
                .metric(Metric.measure("orders").countDistinct("order_id").dimensions(dims).build())
                .metric(Metric.ratio("aov").numerator("revenue").denominator("orders").build())
                .metric(Metric.derived("revenue_3d").formula("trailing(revenue, 3)").unit("USD").build())
                .metric(Metric.derived("growth").formula("revenue - lag(revenue, 1)").unit("USD").build())
                .build();
    }

    static KpiEngine.Builder engine(Catalog c) {
        return KpiEngine.builder().catalog(c).clock(KpiAccumulatorTest.CLOCK).parallelism(2);
    }

    @Test
    void eachGroupingSet_equalsTheMetricsDeclaredWithItsDimensions() {
        List<Row> rows = KpiAccumulatorTest.batch(new Random(21), 1_500, 0, 40, 4);
        KpiResults sets = engine(sliced()).groupingSets(GroupingSets.by("segment").and(GroupingSets.total())).build()
                .evaluate(Map.of("orders", KpiAccumulatorTest.source(rows)));
        KpiResults bySegment = engine(fixed("segment")).build()
                .evaluate(Map.of("orders", KpiAccumulatorTest.source(rows)));
        KpiResults total = engine(fixed()).build().evaluate(Map.of("orders", KpiAccumulatorTest.source(rows)));
        List<KpiResult> expected = new ArrayList<>();
        for (String m : bySegment.metrics()) {
            expected.addAll(bySegment.metric(m));
            expected.addAll(total.metric(m));
        }
        KpiAccumulatorTest.assertSameTable(new KpiResults(expected, sets.quality(), (AggregationState) null,
                List.of()), sets, "grouping sets");
    }

    @Test
    void wholeRange_withAFixedRange_holdsTheRowsInsideIt_andRefusesReferences() {
        List<Row> rows = KpiAccumulatorTest.batch(new Random(22), 800, 0, 60, 3);
        Catalog c = Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.WHOLE_RANGE)
                .source(DataSource.builder("orders").schema(KpiAccumulatorTest.SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("revenue").sum("amount").dimensions("segment").unit("USD").build())
                .metric(Metric.measure("lines").count().build())
                .build();
        Period from = c.calendar().parse("2025-01-10");
        Period to = c.calendar().parse("2025-02-05");
        KpiResults r = engine(c).periods(from, to).build().evaluate(Map.of("orders", KpiAccumulatorTest.source(rows)));
        long inside = rows.stream().filter(x -> !x.day().isBefore(LocalDate.of(2025, 1, 10))
                && !x.day().isAfter(LocalDate.of(2025, 2, 5))).count();
        Period range = c.calendar().range(LocalDate.of(2025, 1, 10), LocalDate.of(2025, 2, 5));
        assertThat(r.number("lines", range)).hasValue(inside);
        assertThat(r.series("lines")).hasSize(1);
        assertThat(r.rows()).allMatch(x -> x.period().equals(range));
        Catalog daily = sliced();
        assertThat(daily.grainProblems(Grain.DAY)).isEmpty();
        assertThatThrownBy(() -> engine(daily).grain(Grain.WHOLE_RANGE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric 'revenue_3d': trailing(revenue,3) cannot be computed at grain"
                        + " whole_range: the whole range is one period, with no earlier period and no window");
    }

    @Test
    void accumulator_monthlyWithGroupingSets_fromADailyState_equalsAFullEvaluationAfterEveryBatch() {
        KpiEngine monthly = engine(sliced()).grain(Grain.MONTH).stateGrain(Grain.DAY)
                .groupingSets(GroupingSets.rollup("segment")).build();
        KpiAccumulator live = monthly.accumulator();
        Random r = new Random(23);
        List<Row> all = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            List<Row> rows = KpiAccumulatorTest.batch(r, 120, 20 + step * 9, 10, 3);
            for (RecordBatch b : KpiAccumulatorTest.batches(rows)) {
                live.add("orders", b);
            }
            all.addAll(rows);
            KpiResults expected = monthly.evaluate(Map.of("orders", KpiAccumulatorTest.source(all)));
            KpiAccumulatorTest.assertSameTable(expected, live.snapshot(), "step " + step);
            assertThat(live.state().grain()).isEqualTo(Grain.DAY);
        }
        assertThat(live.fullSnapshots).isLessThan(6);
    }
}
