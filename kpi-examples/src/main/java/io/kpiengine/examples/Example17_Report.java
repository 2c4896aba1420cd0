package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.KpiStatus;
import io.kpiengine.core.track.PlannedTarget;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.report.Report;
import io.kpiengine.report.View;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 17: a dashboard people would rather look at than read.
 *
 * <p>The growth KPIs of {@code shop.yaml} (lesson 10) over eighteen months, from July 2024 to December 2025, tracked
 * and turned into one HTML file that anyone can open offline:
 * <ol>
 *   <li>The engine computes the KPIs per month (cost per lead per channel, campaign conversion rate per channel and
 *       campaign, new customers, average deal size, sales cycle length).</li>
 *   <li>The tracker judges them against the plan of the second half of 2025, added here in code: tighter targets
 *       from July (a stretch target for the deal size), three alert rules (cost per lead over target two months
 *       running, critical; campaign conversion below 97 % of target, and new customers down by more than 15 % on
 *       the month, warnings) and the dates of the last reviews.</li>
 *   <li>{@code Report.builder()} turns results, scorecard and the improvement points of the analysis into the
 *       dashboard: the executive view (the five core
 *       KPIs with value, status, target, change and sparkline; trends against target and baseline; progress gauges;
 *       alerts; where to improve), the manager view (each owner's KPIs, achievement over time, channels compared),
 *       the analyst view (every KPI, leading indicators, the data-quality account) and a detail view per KPI with its
 *       definition. {@code write} replaces the file atomically.</li>
 * </ol>
 *
 * <p>The page embeds its charting library and data, and a Content-Security-Policy forbids any request: it works
 * from an e-mail attachment or a shared drive. Give a file name as the first argument to keep the report
 * ({@code java ... Example17_Report report.html}); without one it is written to a temporary directory and deleted.
 */
public final class Example17_Report {

    /** The seed of both generated exports. */
    static final long SEED = 17;
    /** The first month of the data. */
    static final YearMonth FIRST = YearMonth.of(2024, 7);
    /** July 2024 to December 2025. */
    static final int MONTHS = 18;
    /** "Now": the morning of 2 January 2026. */
    static final Instant NOW = Instant.parse("2026-01-02T08:00:00Z");

    /** The CRM export as shop.yaml reads it: a deal with its currency and when it was last updated. */
    static final Schema DEALS = SampleData.Deal.SCHEMA
            .append(Column.of("currency", ColumnType.CATEGORY))
            .append(Column.of("updated_at", ColumnType.TIMESTAMP));

    private Example17_Report() {
    }

    /**
     * Writes the report and prints what it shows.
     *
     * @param args the report file to keep, or nothing for a temporary one
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            run(Path.of(args[0]));
        } else {
            SampleData.inTemporaryDirectory("kpi-example17", dir -> run(dir.resolve("report.html")));
        }
    }

    /**
     * shop.yaml with the plan of the second half of 2025: tighter targets from July, a stretch target for the deal
     * size, three alert rules and the dates of the last reviews.
     *
     * @return the catalog
     */
    static Catalog catalog() {
        Catalog shop = Catalog.read(Example17_Report.class.getResourceAsStream("shop.yaml"), "shop.yaml");
        LocalDate july = LocalDate.of(2025, 7, 1);
        TrackingPlan.Builder plan = TrackingPlan.builder()
                .target(PlannedTarget.shortTerm("cost_per_lead", new BigDecimal("12.00")).from(july))
                .target(PlannedTarget.shortTerm("campaign_conversion_rate", new BigDecimal("1.25")).from(july))
                .target(PlannedTarget.shortTerm("new_customers", new BigDecimal("24")).from(july))
                .target(PlannedTarget.shortTerm("average_deal_size", new BigDecimal("2800")).from(july))
                .target(PlannedTarget.stretch("average_deal_size", new BigDecimal("3000")).from(july))
                .alert(AlertRule.threshold("cpl-over-target", "cost_per_lead").input(AlertRule.Input.ACHIEVEMENT)
                        .below(100).periods(2).severity(AlertSeverity.CRITICAL).build())
                .alert(AlertRule.threshold("conversion-short", "campaign_conversion_rate")
                        .input(AlertRule.Input.ACHIEVEMENT).below(97).severity(AlertSeverity.WARNING).build())
                .alert(AlertRule.change("new-customers-drop", "new_customers").basis(AlertRule.Basis.PREVIOUS)
                        .percent().below(-15).severity(AlertSeverity.WARNING).build());
        for (String metric : List.of("visitors", "cost_per_lead", "campaign_conversion_rate", "new_customers",
                "average_deal_size", "sales_cycle_length")) {
            plan.lastReviewed(metric, LocalDate.of(2025, 12, 15));
        }
        return shop.toBuilder().name("shop.yaml").tracking(plan.build()).build();
    }

    /**
     * The KPIs of the generated exports, evaluated on the morning of 2 January 2026.
     *
     * @param catalog the catalog
     * @return the results
     */
    static KpiResults results(Catalog catalog) {
        LocalDate first = FIRST.atDay(1);
        int days = (int) (FIRST.plusMonths(MONTHS).atDay(1).toEpochDay() - first.toEpochDay());
        RecordSource campaigns = SampleData.source("campaigns", SampleData.CampaignDay.SCHEMA,
                SampleData.campaignDays(SEED, first, days), SampleData.CampaignDay::values);
        RecordSource deals = SampleData.source("deals", DEALS, SampleData.deals(SEED, FIRST, MONTHS), d -> {
            Object[] v = d.values();
            Object[] row = java.util.Arrays.copyOf(v, v.length + 2);
            row[v.length] = "USD";
            row[v.length + 1] = d.closedAt();
            return row;
        });
        return KpiEngine.builder().catalog(catalog).clock(clock()).build()
                .evaluate(Map.of("campaigns", campaigns, "deals", deals));
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static void run(Path file) throws IOException {
        Catalog catalog = catalog();
        KpiResults results = results(catalog);
        Scorecard card = Tracker.builder(catalog).clock(clock()).build().track(results);
        Period december = catalog.calendar().parse("2025-12");

        Map<KpiStatus, Integer> statuses = new EnumMap<>(KpiStatus.class);
        for (ScorecardRow row : card.current()) {
            statuses.merge(row.status(), 1, Integer::sum);
        }
        System.out.println("1. Tracked " + december + ": " + card.current().size() + " series " + statuses + "; "
                + card.alerts().size() + " alerts");
        card.alerts().forEach(a -> System.out.println("   " + a.severity() + " " + a.message()));

        Report report = Report.builder()
                .catalog(catalog)
                .results(results)
                .scorecard(card)
                .improvementPoints(results.improvementPoints().run())
                .title("Growth scorecard, December 2025")
                .locale(Locale.US)
                .views(View.EXECUTIVE, View.MANAGER, View.ANALYST)
                .build();
        report.write(file);
        System.out.printf(Locale.ROOT, "2. Wrote %s: %,d bytes; %s%n", file.getFileName(), Files.size(file),
                report.summary());

        System.out.println("3. The KPIs without dimensions, as the tiles show them:");
        for (String id : List.of("new_customers", "average_deal_size", "sales_cycle_length")) {
            ScorecardRow row = card.row(id, december).orElseThrow();
            System.out.printf(Locale.ROOT, "   %-20s %,12.2f  target %,10.2f  %s%n", id,
                    row.value().orElse(Double.NaN), row.target().orElse(Double.NaN), row.status().id());
        }
    }
}
