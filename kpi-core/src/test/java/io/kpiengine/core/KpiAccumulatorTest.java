package io.kpiengine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The live accumulator against its definition: after every batch, a snapshot equals a full evaluation of every row
 * added so far (the engine's own result, from scratch); queries equal the cells of the full table; eight writers
 * lose no row.
 */
class KpiAccumulatorTest {

    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("segment", ColumnType.CATEGORY),
            Column.decimal("amount", 2), Column.of("order_id", ColumnType.TEXT));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-20T12:00:00Z"), ZoneOffset.UTC);
    static final LocalDate START = LocalDate.of(2025, 1, 1);

    static Catalog catalog() {
        return Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.DAY)
                .source(DataSource.builder("orders").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("revenue").sum("amount").dimensions("segment").unit("USD").build())
                .metric(Metric.measure("orders").countDistinct("order_id").dimensions("segment").build())
                .metric(Metric.measure("lines").count().build())
                .metric(Metric.measure("median_amount").median("amount").dimensions("segment").unit("USD").build())
                .metric(Metric.ratio("aov").numerator("revenue").denominator("orders").build())
                .metric(Metric.derived("revenue_7d").formula("trailing(revenue, 7)").unit("USD").build())
                .metric(Metric.derived("growth").formula("revenue - lag(revenue, 1)").unit("USD").build())
                .build();
    }

    static KpiEngine engine() {
        return KpiEngine.builder().catalog(catalog()).clock(CLOCK).partialWindows(true).parallelism(1).build();
    }

    record Row(LocalDate day, String segment, BigDecimal amount, String order) {
    }

    static List<Row> batch(Random r, int n, int firstDay, int days, int segments) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Row(START.plusDays(firstDay + r.nextInt(days)), "s" + r.nextInt(segments),
                    BigDecimal.valueOf(r.nextInt(100_000), 2), "o" + r.nextInt(5_000)));
        }
        return out;
    }

    static MemorySource source(List<Row> rows) {
        MemorySource.Builder b = MemorySource.builder(SCHEMA).batchSize(64);
        rows.forEach(x -> b.row(x.day(), x.segment(), x.amount(), x.order()));
        return b.build();
    }

    static List<RecordBatch> batches(List<Row> rows) {
        List<RecordBatch> out = new ArrayList<>();
        try (RecordSource s = source(rows)) {
            for (RecordBatch b = s.next(); b != null; b = s.next()) {
                out.add(b);
            }
        }
        return out;
    }

    static void assertSameTable(KpiResults expected, KpiResults actual, String context) {
        assertThat(actual.rows()).as(context).hasSameSizeAs(expected.rows());
        for (int i = 0; i < expected.rows().size(); i++) {
            KpiResult e = expected.rows().get(i);
            KpiResult a = actual.rows().get(i);
            String at = context + ": " + e;
            assertThat(a.metric()).as(at).isEqualTo(e.metric());
            assertThat(a.period()).as(at).isEqualTo(e.period());
            assertThat(a.dimensions()).as(at).isEqualTo(e.dimensions());
            assertThat(a.status()).as(at).isEqualTo(e.status());
            assertThat(a.rows()).as(at).isEqualTo(e.rows());
            assertThat(a.value()).as(at).isEqualTo(e.value());
        }
    }

    @Test
    void snapshot_afterEveryBatch_equalsAFullEvaluationOfEveryRowSoFar() {
        KpiEngine engine = engine();
        KpiAccumulator live = engine.accumulator();
        assertThat(live.snapshot().rows()).isEmpty();
        Random r = new Random(11);
        List<Row> all = new ArrayList<>();
        List<List<Row>> steps = new ArrayList<>();
        steps.add(batch(r, 300, 10, 20, 3));          // the first days and segments
        steps.add(batch(r, 40, 29, 1, 3));            // the last day again
        steps.add(batch(r, 40, 30, 1, 3));            // a new day at the end
        steps.add(batch(r, 20, 35, 1, 3));            // after a gap
        steps.add(batch(r, 30, 15, 3, 3));            // back in the middle
        steps.add(batch(r, 10, 36, 1, 4));            // a new segment
        steps.add(batch(r, 10, 2, 1, 3));             // before the first day
        steps.add(List.of());                          // nothing new
        steps.add(batch(r, 50, 36, 1, 4));
        int step = 0;
        for (List<Row> rows : steps) {
            for (RecordBatch b : batches(rows)) {
                live.add("orders", b);
            }
            all.addAll(rows);
            KpiResults expected = engine.evaluate(Map.of("orders", source(all)));
            assertSameTable(expected, live.snapshot(), "step " + step++);
        }
        assertThat(live.rows("orders")).isEqualTo(all.size());
        // in full: the first snapshot, the one with a new segment, the one with a day before the first
        assertThat(live.fullSnapshots).isEqualTo(4);
    }

    @Test
    void query_oneMetricPeriodAndSegment_equalsTheFullTable_andNumberIsItsValue() {
        KpiEngine engine = engine();
        KpiAccumulator live = engine.accumulator();
        List<Row> rows = batch(new Random(3), 2_000, 0, 90, 5);
        live.add("orders", source(rows));
        KpiResults full = engine.evaluate(Map.of("orders", source(rows)));
        Period from = engine.calendar().parse("2025-02-01");
        Period to = engine.calendar().parse("2025-02-28");
        for (String metric : List.of("revenue", "aov", "revenue_7d", "median_amount", "lines", "growth")) {
            KpiResults month = live.query().metric(metric).from(from).to(to).results();
            List<KpiResult> expected = full.query().metric(metric).from(from).to(to).list();
            assertThat(month.rows()).as(metric).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(month.rows().get(i).value()).as(metric + " " + expected.get(i))
                        .isEqualTo(expected.get(i).value());
            }
        }
        Period day = engine.calendar().parse("2025-02-14");
        assertThat(live.query().metric("revenue").from(day).to(day).where("segment", "s2").number())
                .isEqualTo(full.number("revenue", day, Map.of("segment", "s2")));
        assertThatThrownBy(() -> live.query().metric("revenue").from(day).to(day).number())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("selects 5");
        KpiResults monthly = live.snapshot(Grain.MONTH);
        assertSameTable(KpiEngine.builder().catalog(catalog()).clock(CLOCK).partialWindows(true).grain(Grain.MONTH)
                .build().evaluate(Map.of("orders", source(rows))), monthly, "months from days");
    }

    @Test
    void eightWriters_loseNoRow_whileAReaderTakesSnapshots() throws Exception {
        KpiEngine engine = engine();
        KpiAccumulator live = engine.accumulator();
        int writers = 8;
        int batchesEach = 40;
        List<List<RecordBatch>> work = new ArrayList<>();
        List<Row> all = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Row> rows = batch(new Random(100 + w), batchesEach * 64, 0, 60, 6);
            all.addAll(rows);
            work.add(batches(rows));
        }
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<RecordBatch> mine = work.get(w);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    mine.forEach(b -> live.add("orders", b));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        Thread reader = new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < 20; i++) {
                    live.snapshot();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        threads.forEach(Thread::start);
        reader.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        reader.join();
        assertThat(failure.get()).isNull();
        assertThat(live.rows("orders")).isEqualTo((long) writers * batchesEach * 64);
        KpiResults snap = live.snapshot();
        long counted = snap.metric("lines").stream().mapToLong(c -> (long) c.value().value()).sum();
        assertThat(counted).isEqualTo(all.size());
        assertSameTable(engine.evaluate(Map.of("orders", source(all))), snap, "8 writers");
    }

    @Test
    void state_isSaveable_andASnapshotsStateIsOnlyAvailableUntilMoreRowsArrive() {
        KpiEngine engine = engine();
        KpiAccumulator live = engine.accumulator();
        List<Row> rows = batch(new Random(5), 200, 0, 10, 2);
        live.add("orders", source(rows));
        KpiResults snap = live.snapshot();
        AggregationState state = snap.state();
        assertThat(state.rows("orders")).isEqualTo(200);
        KpiAccumulator resumed = engine.accumulator(engine.restore(state.toBytes()));
        assertSameTable(snap, resumed.snapshot(), "resumed");
        live.add("orders", source(batch(new Random(6), 5, 0, 10, 2)));
        assertThatThrownBy(snap::state).isInstanceOf(IllegalStateException.class)
                .hasMessage("the accumulator took more rows since this snapshot; its current state is"
                        + " KpiAccumulator.state()");
        assertThat(live.state().rows("orders")).isEqualTo(205);
        assertThat(engine.emptyState().isEmpty()).isTrue();
        assertThatThrownBy(() -> live.add("events", batches(rows).get(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source must be a data source the catalog's metrics read [orders], but was 'events'");
    }
}
