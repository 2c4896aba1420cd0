package io.kpiengine.core.analyze;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A weekly shop table for the analysis tests: per channel and week one row with visitors, orders and revenue, and a
 * catalog of sums by channel, ratios, a product formula, a difference, an average and a total with a leading
 * indicator. Week {@code w} is the ISO week of Monday {@code 2024-01-01 + 7w}; the clock is in 2030, so every week
 * is complete.
 */
final class Fixture {

    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.of("visitors", ColumnType.INTEGER), Column.of("orders", ColumnType.INTEGER),
            Column.of("revenue", ColumnType.INTEGER));

    final Map<String, long[][]> channels = new LinkedHashMap<>();
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    /** Adds a channel: visitors, orders, revenue per week; a negative visitors value leaves the week without a row. */
    Fixture channel(String name, long[] visitors, long[] orders, long[] revenue) {
        channels.put(name, new long[][] {visitors, orders, revenue});
        return this;
    }

    static Catalog catalog() {
        DataSource shop = DataSource.builder("shop").schema(SCHEMA).timeColumn("day").build();
        return Catalog.builder().zone(ZoneOffset.UTC).grain(Grain.WEEK).source(shop)
                .metric(Metric.measure("visitors").sum("visitors").dimensions("channel").unit("count").build())
                .metric(Metric.measure("orders").sum("orders").dimensions("channel").unit("count").build())
                .metric(Metric.measure("revenue").sum("revenue").dimensions("channel").unit("USD").build())
                .metric(Metric.ratio("conversion").numerator("orders").denominator("visitors").scale(100)
                        .unit("percent").build())
                .metric(Metric.ratio("aov").numerator("revenue").denominator("orders").unit("USD per count").build())
                .metric(Metric.derived("revenue_model").formula("visitors * conversion * aov / 100").unit("USD")
                        .build())
                .metric(Metric.derived("gross").formula("visitors - orders").build())
                .metric(Metric.derived("growth").formula("revenue / lag(revenue, 1)").build())
                .metric(Metric.measure("avg_revenue").average("revenue").dimensions("channel").unit("USD").build())
                .metric(Metric.measure("total_revenue").sum("revenue").unit("USD")
                        .direction(Direction.HIGHER_IS_BETTER).leadingIndicators("visitors").build())
                .build();
    }

    KpiResults results() {
        return results(catalog());
    }

    /** The results of another catalog over the same source (the catalog's metrics, with more of them). */
    KpiResults results(Catalog catalog) {
        MemorySource.Builder rows = MemorySource.builder(SCHEMA).name("shop");
        int weeks = channels.values().iterator().next()[0].length;
        for (int w = 0; w < weeks; w++) {
            for (Map.Entry<String, long[][]> c : channels.entrySet()) {
                long[][] v = c.getValue();
                if (v[0][w] >= 0) {
                    rows.row(FIRST.plusWeeks(w), c.getKey(), v[0][w], v[1][w], v[2][w]);
                }
            }
        }
        return KpiEngine.builder().catalog(catalog).parallelism(1)
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build().evaluate(Map.of("shop", rows.build()));
    }

    static Period week(int w) {
        return catalog().calendar().period(Grain.WEEK, FIRST.plusWeeks(w).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Normal noise around a level, rounded, never below 1. */
    static long[] noisy(Random random, int weeks, double level, double sd) {
        long[] out = new long[weeks];
        for (int w = 0; w < weeks; w++) {
            out[w] = Math.max(1, Math.round(level + sd * random.nextGaussian()));
        }
        return out;
    }

    /**
     * The standard shop of 60 weeks (seed 14): visitors of email (about 3,000), search (2,000) and social (1,000) as
     * white noise; orders 3 % of visitors; the revenue of every channel follows email visitors two weeks earlier
     * (20 USD per email visitor, split 50/30/20) plus noise; in the last week email visitors fall by 40 %.
     */
    static Fixture shop() {
        Random random = new Random(14);
        int weeks = 60;
        Fixture f = new Fixture();
        long[] email = noisy(random, weeks, 3000, 100);
        email[weeks - 1] = Math.round(email[weeks - 2] * 0.6);
        long[][] visitors = {email, noisy(random, weeks, 2000, 80), noisy(random, weeks, 1000, 60)};
        double[] share = {0.5, 0.3, 0.2};
        String[] names = {"email", "search", "social"};
        for (int c = 0; c < 3; c++) {
            long[] orders = new long[weeks];
            long[] revenue = new long[weeks];
            for (int w = 0; w < weeks; w++) {
                orders[w] = Math.max(1, Math.round(visitors[c][w] * 0.03));
                double driver = w >= 2 ? email[w - 2] : 3000;
                revenue[w] = Math.max(1, Math.round(20 * driver * share[c] + 150 * random.nextGaussian()));
            }
            f.channel(names[c], visitors[c], orders, revenue);
        }
        return f;
    }
}
