package io.kpiengine.report;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.IndicatorKind;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.ReviewCycle;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
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

/**
 * Seeded sample KPIs for the report's tests and benchmarks: {@code groups} groups of five KPIs (revenue, orders,
 * average order value, conversion rate, sales cycle) per region and month, with owners, targets, baselines,
 * leading indicators and a definition change; optionally with hostile text in every place a user can write text.
 *
 * <p>Each group reads its own columns of one source: visits, orders, revenue (USD) and cycle days per row, one
 * row per month and region. Visits grow about 1.5 % a month with a yearly season; conversion is about 3 %, the
 * order value about 52 USD, the cycle about 28 days; region sizes differ by a factor of four. Targets are set per
 * region (the catalog's targets hold for each cell) a little above the typical value, so that some KPIs miss.
 */
public final class ReportSamples {

    /** Text that breaks out of HTML, attributes, scripts and templates if it is not escaped. */
    public static final String HOSTILE = "</script><img src=x onerror=alert(1)> \"q\" 'a' & {{7*7}} \u2028<!--";

    /** A catalog and its results. */
    public record Sample(Catalog catalog, KpiResults results) {
    }

    private ReportSamples() {
    }

    /**
     * The region names.
     *
     * @param n how many
     * @param hostile whether the second one carries {@link #HOSTILE}
     * @return the names
     */
    public static List<String> regions(int n, boolean hostile) {
        String[] base = {"north", "south", "east", "west", "central", "online", "partners", "export", "islands",
            "metro", "rural", "coast"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hostile && i == 1 ? HOSTILE : i < base.length ? base[i] : "region-" + i);
        }
        return out;
    }

    /**
     * Generates a sample.
     *
     * @param groups groups of five KPIs
     * @param regions segments
     * @param months months, ending with December 2025
     * @param seed the seed
     * @param hostile whether names, owners, descriptions and one region carry {@link #HOSTILE}
     * @return catalog and results
     */
    public static Sample generate(int groups, int regions, int months, long seed, boolean hostile) {
        List<Column> columns = new ArrayList<>(List.of(Column.of("month", ColumnType.DATE),
                Column.of("region", ColumnType.CATEGORY)));
        for (int g = 0; g < groups; g++) {
            columns.add(Column.of("visits_" + g, ColumnType.INTEGER));
            columns.add(Column.of("orders_" + g, ColumnType.INTEGER));
            columns.add(Column.of("revenue_" + g, ColumnType.DECIMAL));
            columns.add(Column.of("cycle_" + g, ColumnType.DECIMAL));
        }
        Schema schema = Schema.of(columns.toArray(Column[]::new));
        LocalDate first = LocalDate.of(2025, 12, 1).minusMonths(months - 1L);
        Catalog.Builder cb = Catalog.builder().name(hostile ? "shop " + HOSTILE : "shop").zone(ZoneId.of("UTC"))
                .grain(Grain.MONTH)
                .source(DataSource.builder("sales").schema(schema).timeColumn("month").build());
        String[] teams = {"Sales", "Marketing", "Operations", "Finance", "Service"};
        double perRegionVisits = 20_000;
        for (int g = 0; g < groups; g++) {
            String team = hostile && g == 0 ? "Sales <b>&amp;</b> \"ops\" " + HOSTILE : teams[g % teams.length];
            String suffix = groups == 1 ? "" : " " + (g + 1);
            boolean core = g == 0;
            double orders = perRegionVisits * 1.2 * 0.03;
            double revenue = orders * 52;
            cb.metric(Metric.measure("visits_" + g).sum("visits_" + g).dimensions("region").unit("count").build());
            cb.metric(Metric.measure("revenue_" + g).sum("revenue_" + g).dimensions("region").unit("USD")
                    .name((hostile && g == 0 ? "Revenue " + HOSTILE : "Revenue") + suffix)
                    .description(hostile ? "Booked revenue " + HOSTILE : "Booked revenue in USD, refunds excluded.")
                    .owner(team).direction(Direction.HIGHER_IS_BETTER).tier(core ? Tier.CORE : Tier.SUPPORTING)
                    .indicatorKind(IndicatorKind.LAGGING).leadingIndicators("conversion_" + g)
                    .reviewCycle(ReviewCycle.MONTHLY).baseline(Baseline.trailing(6))
                    .version("1", first, "first definition")
                    .version("2", first.plusMonths(months * 2L / 3), hostile ? "refunds " + HOSTILE : "refunds excluded")
                    .targets(new Targets(Target.of(bd(revenue * 1.05)),
                            Target.of(bd(revenue * 1.25)).by(LocalDate.of(2026, 6, 30)),
                            Target.of(bd(revenue * 1.4))))
                    .build());
            cb.metric(Metric.measure("orders_" + g).sum("orders_" + g).dimensions("region").unit("count")
                    .name("Orders" + suffix).owner(team).direction(Direction.HIGHER_IS_BETTER).tier(Tier.SUPPORTING)
                    .targets(new Targets(Target.of(bd(Math.round(orders * 1.02))), null, null))
                    .build());
            cb.metric(Metric.ratio("aov_" + g).numerator("revenue_" + g).denominator("orders_" + g)
                    .unit("USD per count").name("Average order value" + suffix).owner(team)
                    .direction(Direction.HIGHER_IS_BETTER).tier(core ? Tier.CORE : Tier.SUPPORTING)
                    .targets(new Targets(Target.of(bd(51.5)), null, Target.of(bd(56)))).build());
            cb.metric(Metric.ratio("conversion_" + g).numerator("orders_" + g).denominator("visits_" + g)
                    .scale(100).unit("percent").name("Conversion rate" + suffix).owner(team)
                    .direction(Direction.HIGHER_IS_BETTER).tier(core ? Tier.CORE : Tier.SUPPORTING)
                    .indicatorKind(IndicatorKind.LEADING).targets(new Targets(Target.of(bd(3.0)), null, null))
                    .build());
            cb.metric(Metric.measure("cycle_" + g).average("cycle_" + g).dimensions("region").unit("d")
                    .name("Sales cycle" + suffix).owner(team).direction(Direction.LOWER_IS_BETTER)
                    .tier(core ? Tier.CORE : Tier.SUPPORTING)
                    .targets(new Targets(Target.of(bd(28)), Target.of(bd(25)).by(LocalDate.of(2026, 12, 31)), null))
                    .build());
        }
        Catalog catalog = cb.build();
        Random rnd = new Random(seed);
        List<String> names = regions(regions, hostile);
        MemorySource.Builder rows = MemorySource.builder(schema);
        for (int m = 0; m < months; m++) {
            LocalDate month = first.plusMonths(m);
            double season = 1 + 0.08 * Math.sin(2 * Math.PI * (month.getMonthValue() - 3) / 12.0);
            for (int r = 0; r < regions; r++) {
                double size = 0.5 + 1.5 * r / Math.max(1, regions - 1);
                Object[] row = new Object[2 + 4 * groups];
                row[0] = month;
                row[1] = names.get(r);
                for (int g = 0; g < groups; g++) {
                    double visits = perRegionVisits * size * Math.pow(1.015, m) * season * (1 + 0.05 * rnd.nextGaussian());
                    double rate = 0.03 * (1 + 0.06 * rnd.nextGaussian()) * (1 + 0.004 * (m - months / 2.0));
                    long v = Math.round(visits);
                    long o = Math.round(v * rate);
                    double aov = 52 * (1 + 0.04 * rnd.nextGaussian());
                    row[2 + 4 * g] = v;
                    row[3 + 4 * g] = o;
                    row[4 + 4 * g] = Math.round(o * aov * 100) / 100.0;
                    row[5 + 4 * g] = 28 + 3 * rnd.nextGaussian() - 0.05 * m;
                }
                rows.row(row);
            }
        }
        KpiResults results = KpiEngine.builder().catalog(catalog).parallelism(1)
                .clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC)).build()
                .evaluate(Map.of("sales", rows.build()));
        return new Sample(catalog, results);
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(Math.round(v * 100) / 100.0);
    }
}
