package io.kpiengine.core.internal;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Dictionary;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random rows of a small sales schema, as batches, for aggregation tests. */
public final class TestData {

    public static final Schema SCHEMA = Schema.of(
            Column.of("ts", ColumnType.TIMESTAMP),
            Column.of("channel", ColumnType.CATEGORY),
            Column.of("region", ColumnType.TEXT),
            Column.of("visitors", ColumnType.INTEGER),
            Column.decimal("revenue", 2),
            Column.of("price", ColumnType.DECIMAL),
            Column.of("id", ColumnType.TEXT));

    public static final String[] CHANNELS = {"email", "social", "organic", "paid_search"};

    /** One generated row: the boxed values in schema order. */
    public record Row(long tsMicros, String channel, String region, Long visitors, BigDecimal revenue, Double price,
            String id) {
        Object[] values() {
            return new Object[] {Instant.EPOCH.plusNanos(tsMicros * 1000), channel, region, visitors, revenue,
                price, id};
        }
    }

    public static List<Row> rows(long seed, int n) {
        Random r = new Random(seed);
        List<Row> out = new ArrayList<>(n);
        long start = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
        long step = 20 * 86_400_000_000L / n;
        for (int i = 0; i < n; i++) {
            // a permutation of n disjoint intervals: timestamps are unique, so first/last have no ties
            long ts = start + (i * 7919L % n) * step + (long) (r.nextDouble() * step);
            String channel = r.nextInt(50) == 0 ? null : CHANNELS[r.nextInt(CHANNELS.length)];
            String region = r.nextInt(40) == 0 ? null : "R" + r.nextInt(3);
            Long visitors = r.nextInt(20) == 0 ? null : (long) r.nextInt(500);
            BigDecimal revenue = r.nextInt(20) == 0 ? null
                    : BigDecimal.valueOf(r.nextInt(2_000_000) - 100_000, 2);
            Double price = r.nextInt(25) == 0 ? null : Math.round(r.nextGaussian() * 1e6) / 1e3;
            String id = r.nextInt(3) == 0 ? "customer-with-a-long-id-" + r.nextInt(200)
                    : r.nextInt(30) == 0 ? null : "O" + r.nextInt(n / 2 + 1);
            out.add(new Row(ts, channel, region, visitors, revenue, price, id));
        }
        return out;
    }

    /** The rows cut into batches of random sizes that share one dictionary. */
    public static List<RecordBatch> batches(List<Row> rows, long seed, int maxBatch) {
        Random r = new Random(seed);
        Dictionary dict = new Dictionary();
        List<RecordBatch> out = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            int size = 1 + r.nextInt(maxBatch);
            RecordBatch.Builder b = RecordBatch.builder(SCHEMA, "test").dictionary("channel", dict);
            for (int k = 0; k < size && i < rows.size(); k++, i++) {
                b.addRowAt(i + 1L, rows.get(i).values());
            }
            out.add(b.build());
        }
        return out;
    }

    /** Calendar days in a fixed UTC offset. */
    public static PeriodIndexer days(int offsetHours) {
        return days(offsetHours, 1);
    }

    /** Periods of {@code length} days in a fixed UTC offset ({@code Integer.MAX_VALUE}: one period). */
    public static PeriodIndexer days(int offsetHours, int length) {
        long off = offsetHours * 3_600_000_000L;
        long width = 86_400_000_000L * length;
        return new PeriodIndexer() {
            @Override
            public int indexOfMicros(long epochMicros) {
                return (int) Math.floorDiv(epochMicros + off, width);
            }

            @Override
            public int indexOfEpochDay(long epochDay) {
                return (int) Math.floorDiv(epochDay, (long) length);
            }
        };
    }

    private TestData() {
    }
}
