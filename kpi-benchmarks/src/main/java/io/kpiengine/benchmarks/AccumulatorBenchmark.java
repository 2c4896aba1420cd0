package io.kpiengine.benchmarks;

import io.kpiengine.core.AggregationState;
import io.kpiengine.core.KpiAccumulator;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The live accumulator of a service against a full evaluation of the same state: a state of 365 days times 50
 * segments (six KPIs by segment: revenue, distinct orders, visitors, average order value, conversion rate and
 * 7-day revenue; 146,000 rows, every (day, segment) with rows), then
 *
 * <ul>
 *   <li>{@code add1000}: add one batch of 1,000 rows of the last 30 days (the cost per row is this / 1,000);</li>
 *   <li>{@code addThenQueryMonth}: add one batch of 1,000 rows of the last day, then the cells of every KPI and
 *       segment for the last month ({@code query().from(..).to(..).results()});</li>
 *   <li>{@code addThenSnapshot}: add one such batch, then the whole table ({@code snapshot()}), which recomputes
 *       the changed day only;</li>
 *   <li>{@code fullEvaluate}: every cell of the same state from scratch ({@code engine.results(state)}), what a
 *       service paid per batch before the accumulator.</li>
 * </ul>
 *
 * <p>The batches cycle through 64 pre-generated ones and order ids through a fixed pool, so the state stops
 * growing after the warm-up. Goals: {@code add1000} at most 1 µs per row; {@code addThenQueryMonth} at least
 * 20 times faster than {@code fullEvaluate}.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar AccumulatorBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccumulatorBenchmark {

    static final int DAYS = 365;
    static final int SEGMENTS = 50;
    static final int BATCH = 1_000;
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("segment", ColumnType.CATEGORY),
            Column.decimal("amount", 2), Column.of("order_id", ColumnType.TEXT), Column.of("visitors", ColumnType.INTEGER));

    private KpiEngine engine;
    private KpiAccumulator live;
    private AggregationState state;
    private RecordBatch[] recent;
    private RecordBatch[] today;
    private Period monthFirst;
    private Period monthLast;
    private int next;

    static Catalog catalog() {
        return Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.DAY)
                .source(DataSource.builder("orders").schema(SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("revenue").sum("amount").dimensions("segment").unit("USD").build())
                .metric(Metric.measure("orders").countDistinct("order_id").dimensions("segment").build())
                .metric(Metric.measure("visitors").sum("visitors").dimensions("segment").unit("count").build())
                .metric(Metric.ratio("aov").numerator("revenue").denominator("orders").build())
                .metric(Metric.ratio("conversion").numerator("orders").denominator("visitors").scale(100)
                        .unit("percent").build())
                .metric(Metric.derived("revenue_7d").formula("trailing(revenue, 7)").unit("USD").build())
                .build();
    }

    static RecordBatch[] batches(SplittableRandom r, int count, int firstDay, int days) {
        RecordBatch[] out = new RecordBatch[count];
        for (int i = 0; i < count; i++) {
            MemorySource.Builder b = MemorySource.builder(SCHEMA).batchSize(BATCH);
            for (int k = 0; k < BATCH; k++) {
                b.row(START.plusDays(firstDay + r.nextInt(days)), "s" + r.nextInt(SEGMENTS),
                        BigDecimal.valueOf(r.nextInt(50_000), 2), "O" + r.nextInt(200_000), (long) r.nextInt(100));
            }
            try (RecordSource s = b.build()) {
                out[i] = s.next();
            }
        }
        return out;
    }

    /** Builds the 365 x 50 state and the batches to add. */
    @Setup(Level.Trial)
    public void setUp() {
        engine = KpiEngine.builder().catalog(catalog()).parallelism(1)
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        live = engine.accumulator();
        SplittableRandom r = new SplittableRandom(365);
        MemorySource.Builder b = MemorySource.builder(SCHEMA).batchSize(BATCH);
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < SEGMENTS; s++) {
                for (int k = 0; k < 8; k++) {
                    b.row(START.plusDays(d), "s" + s, BigDecimal.valueOf(r.nextInt(50_000), 2), "O" + r.nextInt(200_000),
                            (long) r.nextInt(100));
                }
            }
        }
        live.add("orders", b.build());
        recent = batches(r, 64, DAYS - 30, 30);
        today = batches(r, 64, DAYS - 1, 1);
        for (RecordBatch x : recent) {
            live.add("orders", x);
        }
        for (RecordBatch x : today) {
            live.add("orders", x);
        }
        live.snapshot();
        state = live.state();
        monthFirst = engine.calendar().parse("2025-12-01");
        monthLast = engine.calendar().parse("2025-12-31");
    }

    /**
     * Adds 1,000 rows of the last 30 days.
     */
    @Benchmark
    public void add1000() {
        live.add("orders", recent[next++ & 63]);
    }

    /**
     * Adds 1,000 rows of the last day, then asks for every KPI and segment over the last month.
     *
     * @return the month's cells
     */
    @Benchmark
    public KpiResults addThenQueryMonth() {
        live.add("orders", today[next++ & 63]);
        return live.query().from(monthFirst).to(monthLast).results();
    }

    /**
     * Adds 1,000 rows of the last day, then takes the whole table.
     *
     * @return the table
     */
    @Benchmark
    public KpiResults addThenSnapshot() {
        live.add("orders", today[next++ & 63]);
        return live.snapshot();
    }

    /**
     * The whole table now, without adding (for {@link AccumulatorTimes}: takes in what earlier adds left).
     *
     * @return the table
     */
    public KpiResults snapshot() {
        return live.snapshot();
    }

    /**
     * Every cell of the state from scratch.
     *
     * @return the table
     */
    @Benchmark
    public KpiResults fullEvaluate() {
        return engine.results(state);
    }
}
