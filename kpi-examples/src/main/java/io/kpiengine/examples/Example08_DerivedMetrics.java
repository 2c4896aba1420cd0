package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Lesson 8: derived metrics: growth, year over year, year to date and trailing windows.
 *
 * <p>Sales reports <b>new customers</b>, <b>average deal size</b> and <b>sales cycle length</b> per month, and
 * every one of them is read against the past: growth over last month, change against the same month last year,
 * the year so far, the last three months. A derived metric is a formula over other metrics, and four reference
 * functions reach across periods, so no comparison needs a helper metric of its own:
 * <ul>
 *   <li>{@code lag(revenue, 1)}: the value one period earlier;</li>
 *   <li>{@code last_year(revenue)}: the same period one year earlier;</li>
 *   <li>{@code to_date(revenue, year)}: from the start of the year through this period;</li>
 *   <li>{@code trailing(average_deal_size, 3)}: over the window of the last three periods.</li>
 * </ul>
 *
 * <p>Windows are computed from the aggregation state, not from the finished values: the three-month average deal
 * size is three months of revenue over three months of deals (not the mean of three monthly averages), and a
 * trailing distinct count counts each customer once. Where the history is too short (growth in the first month,
 * year over year in the first year) the cell has no value, with the reason {@code NO_HISTORY}; a window that starts
 * before the data (the three-month average in the first two months) has none either, with the reason
 * {@code INCOMPLETE_WINDOW} and how many of its months have data: two months of deals are not a three-month
 * average. {@code KpiEngine.builder().partialWindows(true)} opts in to such shorter windows.
 */
public final class Example08_DerivedMetrics {

    /** The seed of the deals. */
    static final long SEED = 8;
    /** The first month of the data. */
    static final YearMonth FIRST = YearMonth.of(2024, 1);
    /** Two years of deals. */
    static final int MONTHS = 24;

    private Example08_DerivedMetrics() {
    }

    /**
     * Prints the monthly sales KPIs of 2025 with their comparisons.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        DataSource crm = DataSource.builder("crm").schema(SampleData.Deal.SCHEMA).timeColumn("closed_at").build();
        Catalog catalog = Catalog.builder()
                .zone(ZoneOffset.UTC)
                .grain(Grain.MONTH)
                .source(crm)
                .metric(Metric.measure("revenue").sum("amount").unit("USD").build())
                .metric(Metric.measure("deals").count().unit("count").build())
                .metric(Metric.measure("new_customers").countDistinct("customer_id").filter("new_customer = true")
                        .build())
                .metric(Metric.ratio("average_deal_size").numerator("revenue").denominator("deals")
                        .unit("USD per count").build())
                .metric(Metric.measure("sales_cycle_length").average("cycle_days").unit("d").build())
                .metric(Metric.derived("revenue_growth")
                        .formula("(revenue - lag(revenue, 1)) / lag(revenue, 1) * 100").unit("percent").build())
                .metric(Metric.derived("revenue_yoy")
                        .formula("(revenue / last_year(revenue) - 1) * 100").unit("percent").build())
                .metric(Metric.derived("revenue_ytd").formula("to_date(revenue, year)").unit("USD").build())
                .metric(Metric.derived("average_deal_size_3m").formula("trailing(average_deal_size, 3)")
                        .unit("USD per count").build())
                .metric(Metric.derived("new_customers_3m").formula("trailing(new_customers, 3)").build())
                .build();
        KpiResults results = KpiEngine.builder().catalog(catalog).build().evaluate(Map.of("crm",
                SampleData.source("crm", SampleData.Deal.SCHEMA, SampleData.deals(SEED, FIRST, MONTHS),
                        SampleData.Deal::values)));

        System.out.println("Why the first month has no growth: " + results.series("revenue_growth").get(0).value());
        System.out.println("Why the second month has no 3-month average deal size: "
                + results.series("average_deal_size_3m").get(1).value());
        System.out.println();
        System.out.println("month     revenue USD   MoM %   YoY %   YTD USD      deals  avg deal  avg deal 3m"
                + "  new cust  new cust 3m  cycle d");
        for (KpiResult month : results.series("revenue")) {
            if (month.period().firstDate().getYear() < 2025) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-8s %12s %7s %7s %12s %6s %9s %12s %9s %12s %8s%n", month.period(),
                    number(month.value().asDouble(), 2), number(cell(results, "revenue_growth", month), 1),
                    number(cell(results, "revenue_yoy", month), 1), number(cell(results, "revenue_ytd", month), 2),
                    number(cell(results, "deals", month), 0), number(cell(results, "average_deal_size", month), 2),
                    number(cell(results, "average_deal_size_3m", month), 2),
                    number(cell(results, "new_customers", month), 0),
                    number(cell(results, "new_customers_3m", month), 0),
                    number(cell(results, "sales_cycle_length", month), 1));
        }
    }

    private static OptionalDouble cell(KpiResults results, String metric, KpiResult sameCell) {
        return results.number(metric, sameCell.period(), sameCell.dimensions());
    }

    private static String number(OptionalDouble v, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%,." + decimals + "f", v.getAsDouble()) : "-";
    }
}
