package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 7: segments, dimensions and filters.
 *
 * <p>One number per period is rarely enough: marketing wants <b>visitors by channel</b> and the <b>conversion
 * rate of each campaign</b>. A metric's {@code dimensions} are the columns it is grouped by; the result has one
 * cell per period and combination of their values, and the dimension values travel with each cell. A ratio
 * without declared dimensions is grouped like its inputs (here by channel and campaign); a ratio that declares
 * fewer dimensions rolls its inputs up first, so the channel conversion rate is the channel's conversions over
 * the channel's visitors, never an average of campaign rates.
 *
 * <p>A {@code filter} selects the rows a measure counts, in a small SQL-like language
 * ({@code channel in ('paid_search', 'display')}, {@code visitors >= 1000 and campaign != 'brand'}) that the
 * catalog checks against the schema: a misspelt column or a text compared with a number is an error at build
 * time. Missing values follow SQL, so a row without a channel passes neither {@code channel = 'email'} nor
 * {@code channel != 'email'}.
 *
 * <p>{@link KpiResults#query()} selects cells by metric, period range and dimension value.
 */
public final class Example07_SegmentsAndFilters {

    /** The seed of the campaign data. */
    static final long SEED = 7;
    /** The first day of the data. */
    static final LocalDate FIRST = LocalDate.of(2025, 3, 1);
    /** March 2025. */
    static final int DAYS = 31;

    private Example07_SegmentsAndFilters() {
    }

    /**
     * Prints visitors by channel, campaign conversion rates and filtered measures for March 2025.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        DataSource campaigns = DataSource.builder("campaigns").schema(SampleData.CampaignDay.SCHEMA)
                .timeColumn("day").build();
        Catalog catalog = Catalog.builder()
                .zone(ZoneId.of("America/New_York"))
                .grain(Grain.MONTH)
                .source(campaigns)
                .metric(Metric.measure("visitors").sum("visitors").dimensions("channel", "campaign").unit("count")
                        .build())
                .metric(Metric.measure("conversions").sum("conversions").dimensions("channel", "campaign")
                        .unit("count").build())
                .metric(Metric.ratio("campaign_conversion_rate").numerator("conversions").denominator("visitors")
                        .scale(100).unit("percent").build())
                .metric(Metric.ratio("channel_conversion_rate").numerator("conversions").denominator("visitors")
                        .scale(100).unit("percent").dimensions("channel").build())
                .metric(Metric.measure("all_visitors").sum("visitors").unit("count").build())
                .metric(Metric.measure("paid_visitors").sum("visitors")
                        .filter("channel in ('paid_search', 'social', 'display')").unit("count").build())
                .metric(Metric.derived("paid_share").formula("paid_visitors / all_visitors * 100").unit("percent")
                        .build())
                .metric(Metric.measure("busy_days").count()
                        .filter("visitors >= 1000 and campaign != 'brand'").dimensions("channel").unit("count")
                        .build())
                .build();
        KpiResults results = KpiEngine.builder().catalog(catalog).build().evaluate(Map.of("campaigns",
                SampleData.source("campaigns", SampleData.CampaignDay.SCHEMA,
                        SampleData.campaignDays(SEED, FIRST, DAYS), SampleData.CampaignDay::values)));
        Period march = catalog.calendar().parse("2025-03");

        System.out.println("Visitors by channel, " + march + " (rolled up from channel and campaign):");
        for (KpiResult rate : results.metric("channel_conversion_rate")) {
            double visitors = results.query().metric("visitors").where("channel", rate.dimensions().get("channel"))
                    .list().stream().mapToDouble(r -> r.value().value()).sum();
            double busy = results.number("busy_days", march, rate.dimensions()).orElseThrow();
            System.out.printf(Locale.ROOT, "  %-12s visitors %,7.0f   conversion rate %5.2f %%   busy days %2.0f%n",
                    rate.dimensions().get("channel"), visitors, rate.value().value(), busy);
        }

        System.out.println("Campaign conversion rate, best first:");
        List<KpiResult> byRate = new ArrayList<>(results.metric("campaign_conversion_rate"));
        byRate.sort(Comparator.comparingDouble((KpiResult r) -> r.value().value()).reversed());
        for (KpiResult r : byRate) {
            System.out.printf(Locale.ROOT, "  %-12s %-12s %5.2f %%%n", r.dimensions().get("channel"),
                    r.dimensions().get("campaign"), r.value().value());
        }

        System.out.println("Query: the spring_sale campaign on every channel:");
        for (KpiResult r : results.query().metric("campaign_conversion_rate").from(march).to(march)
                .where("campaign", "spring_sale").list()) {
            System.out.printf(Locale.ROOT, "  %s %-12s %5.2f %%%n", r.period(), r.dimensions().get("channel"),
                    r.value().value());
        }
        System.out.printf(Locale.ROOT, "Paid channels brought %,.0f of %,.0f visitors: %.2f %%%n",
                results.number("paid_visitors", march).orElseThrow(),
                results.number("all_visitors", march).orElseThrow(),
                results.number("paid_share", march).orElseThrow());
    }
}
