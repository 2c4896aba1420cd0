package io.kpiengine.examples;

import io.kpiengine.analysis.EarlyWarning;
import io.kpiengine.analysis.LaggedRegression;
import io.kpiengine.analysis.LeadLagAnalysis;
import io.kpiengine.analysis.LeadLagFinding;
import io.kpiengine.analysis.LeadLagRanking;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.analyze.ImprovementPoint;
import io.kpiengine.core.analyze.ImprovementPoints;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.IndicatorKind;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Lesson 14: leading indicators: which channel's traffic moves revenue, how many weeks ahead, and what its last
 * move predicts.
 *
 * <p>A web shop counts its <b>visitors</b> per marketing channel every day, and its <b>revenue</b>. Revenue is the
 * lagging KPI: by the time it falls, the cause is weeks old. Traffic is a leading one, but which channel's? The
 * catalog says what the team believes ({@code revenue} lists {@code visitors} as its leading indicator); the data
 * says which channel, and by how much:
 * <ul>
 *   <li>{@code results.scan("visitors", "revenue")} tests every ordered pair of weekly series (each channel's
 *       visitors and revenue): the cross-correlation at lags 1 to 8 weeks gives the lead, Granger tests whether
 *       past traffic improves the forecast of revenue beyond revenue's own past, and Benjamini–Hochberg keeps the
 *       false discoveries among the 20 pairs below 5 %;</li>
 *   <li>{@code results.leadLag("visitors", "revenue").leadingSegment(...)} looks at one pair: the lagged regression of
 *       revenue's weekly change on the channel's change {@code lead} weeks earlier turns the channel's last move into
 *       an <b>early warning</b> with a 95 % prediction interval;</li>
 *   <li>{@code results.improvementPoints()} ranks what deserves attention, the early warning among them.</li>
 * </ul>
 *
 * <p>The data is generated with a known answer: revenue follows email traffic two weeks later (a newsletter's
 * readers buy after they have compared), paid search only in the same week, social and display not at all; in the
 * last week the newsletter went to a broken list and email traffic fell 30 %.
 */
public final class Example14_LeadingIndicators {

    /** The seed of the generated data. */
    static final long SEED = 14;
    /** The first day: Monday of 2024-W01. */
    static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    /** Two years of weeks. */
    static final int WEEKS = 104;
    /** The channels, with their weekly visitors and relative spread. */
    static final List<String> CHANNELS = List.of("email", "paid_search", "social", "display");
    static final double[] LEVEL = {4000, 9000, 6000, 2500};
    static final double[] SPREAD = {0.2, 0.1, 0.15, 0.1};
    /** The built-in lead of email traffic over revenue, in weeks. */
    static final int LEAD = 2;
    /** The fall of email traffic in the last week. */
    static final double EMAIL_FALL = 0.30;
    /** Monday to Sunday shares of a week's traffic and sales, times 7. */
    static final double[] WEEKDAY = {1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 1.0};

    /**
     * The visitors of one channel on one day.
     *
     * @param day the day
     * @param channel the channel
     * @param visitors the visitors
     */
    record Visits(LocalDate day, String channel, long visitors) {
        static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE),
                Column.of("channel", ColumnType.CATEGORY), Column.of("visitors", ColumnType.INTEGER));

        Object[] values() {
            return new Object[] {day, channel, visitors};
        }
    }

    /**
     * The revenue of one day.
     *
     * @param day the day
     * @param revenue the revenue in USD
     */
    record Sales(LocalDate day, BigDecimal revenue) {
        static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.decimal("revenue", 2));

        Object[] values() {
            return new Object[] {day, revenue};
        }
    }

    /** The generated days: visits of every channel, then sales. */
    record Data(List<Visits> visits, List<Sales> sales) {
    }

    /**
     * Generates two years of daily visits and sales. Weekly channel traffic is its level times
     * {@code 1 + spread * N(0, 1)}; weekly revenue is {@code 50,000 + 12 x email traffic two weeks earlier + 0.8 x paid
     * search traffic of the same week + N(0, 2,000)}; both are spread over the days by {@link #WEEKDAY}.
     *
     * @return the data, the same for every run
     */
    static Data data() {
        Random random = new Random(SEED);
        double[][] weekly = new double[CHANNELS.size()][WEEKS];
        for (int w = 0; w < WEEKS; w++) {
            for (int c = 0; c < CHANNELS.size(); c++) {
                weekly[c][w] = LEVEL[c] * (1 + SPREAD[c] * Math.max(-2.5, Math.min(2.5, random.nextGaussian())));
            }
        }
        weekly[0][WEEKS - 1] = weekly[0][WEEKS - 2] * (1 - EMAIL_FALL);
        List<Visits> visits = new ArrayList<>();
        List<Sales> sales = new ArrayList<>();
        for (int w = 0; w < WEEKS; w++) {
            double revenue = 50_000 + 12 * weekly[0][Math.max(0, w - LEAD)] + 0.8 * weekly[1][w]
                    + 2_000 * random.nextGaussian();
            for (int d = 0; d < 7; d++) {
                LocalDate day = FIRST.plusWeeks(w).plusDays(d);
                for (int c = 0; c < CHANNELS.size(); c++) {
                    visits.add(new Visits(day, CHANNELS.get(c), Math.round(weekly[c][w] / 7 * WEEKDAY[d])));
                }
                sales.add(new Sales(day, BigDecimal.valueOf(revenue / 7 * WEEKDAY[d]).setScale(2,
                        RoundingMode.HALF_EVEN)));
            }
        }
        return new Data(visits, sales);
    }

    /**
     * The catalog: visitors by channel (leading) and revenue (lagging, linked to visitors), by ISO week in UTC.
     *
     * @return the catalog
     */
    static Catalog catalog() {
        return Catalog.builder()
                .zone(ZoneOffset.UTC)
                .grain(Grain.WEEK)
                .source(DataSource.builder("web").schema(Visits.SCHEMA).timeColumn("day").build())
                .source(DataSource.builder("shop").schema(Sales.SCHEMA).timeColumn("day").build())
                .metric(Metric.measure("visitors").source("web").sum("visitors").dimensions("channel").unit("count")
                        .indicatorKind(IndicatorKind.LEADING).build())
                .metric(Metric.measure("revenue").source("shop").sum("revenue").unit("USD")
                        .direction(Direction.HIGHER_IS_BETTER).indicatorKind(IndicatorKind.LAGGING)
                        .leadingIndicators("visitors").build())
                .build();
    }

    private Example14_LeadingIndicators() {
    }

    /**
     * Finds the leading channel, prints its early warning and the top improvement points.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        Data data = data();
        KpiResults results = KpiEngine.builder().catalog(catalog())
                .clock(Clock.fixed(Instant.parse("2026-01-05T00:00:00Z"), ZoneOffset.UTC)).build()
                .evaluate(Map.of("web", SampleData.source("web", Visits.SCHEMA, data.visits(), Visits::values),
                        "shop", SampleData.source("shop", Sales.SCHEMA, data.sales(), Sales::values)));

        LeadLagRanking ranking = results.scan("visitors", "revenue").maxLag(8).maxOrder(4).run();
        System.out.printf(Locale.ROOT, "Which channel's traffic leads revenue? %d weeks, %d pairs tested, lags up to 8"
                + " weeks, false discovery rate %.0f %%%n", WEEKS, ranking.tested(), ranking.fdr() * 100);
        System.out.println("  leading                          lead  r at lead  Granger F(2)  verdict");
        for (String channel : CHANNELS) {
            LeadLagFinding f = ranking.finding("visitors (channel=" + channel + ")", "revenue").orElseThrow();
            System.out.printf(Locale.ROOT, "  %-31s %5s %10s %13.1f  %s%n", f.leading(),
                    f.lead().isPresent() ? String.valueOf(f.lead().getAsInt()) : "-",
                    f.leadCorrelation().isPresent() ? String.format(Locale.ROOT, "%.2f", f.leadCorrelation().value())
                            : "-",
                    f.granger().order(2).orElseThrow().f(),
                    f.significant() && f.lead().isPresent() ? "leads revenue" : "no lead");
        }

        LeadLagAnalysis email = results.leadLag("visitors", "revenue").leadingSegment(Map.of("channel", "email"))
                .maxLag(8).run();
        EarlyWarning warning = email.earlyWarning("week").orElseThrow();
        LaggedRegression fit = email.regression().orElseThrow();
        System.out.println();
        System.out.println("Early warning: " + warning.sentence());
        System.out.printf(Locale.ROOT, "  from revenue change = %.4f + %.3f x email change %d weeks earlier (%d weeks,"
                + " R² %.2f)%n", fit.intercept(), fit.slope(), fit.lag(), fit.observations(), fit.rSquared().value());

        ImprovementPoints found = results.improvementPoints().run();
        System.out.println();
        System.out.println("What deserves attention in " + found.last().orElseThrow() + ": " + found.points().size()
                + " point" + (found.points().size() == 1 ? "" : "s") + ", the first 3 of them ranked:");
        for (ImprovementPoint p : found.points().subList(0, Math.min(3, found.points().size()))) {
            System.out.printf(Locale.ROOT, "  %5.1f  %-18s %s%n", p.score(), p.kind(), p.summary());
        }
    }
}
