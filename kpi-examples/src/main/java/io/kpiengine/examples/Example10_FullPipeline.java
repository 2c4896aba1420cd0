package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.QualityVerdict;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Severity;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordSource;
import io.kpiengine.data.Schema;
import io.kpiengine.quality.QualityReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Lesson 10: the full pipeline, from two raw exports to a scorecard.
 *
 * <p>Everything of the earlier lessons at once, the way a scheduled job would run it:
 * <ol>
 *   <li>Two raw exports arrive as CSV files: campaign days from the ad platforms (rows repeated verbatim,
 *       channel labels typed by hand, visitor counts with thousands separators, cost cells missing) and won
 *       deals from the CRM (revised deals exported once per version, amounts in USD, EUR and GBP, a negative
 *       and a missing amount).</li>
 *   <li>One document, {@code shop.yaml}, declares both sources with their consistency rules and the KPIs of the
 *       growth scorecard with owners, directions and targets. Lint runs before anything is computed.</li>
 *   <li>The engine reads both files on two threads each, cleans them by the rules (dropping duplicates,
 *       normalising labels, interpolating missing costs within each campaign, converting currencies), aggregates
 *       per month and segment, and attaches each source's quality account and verdict.</li>
 *   <li>The job refuses to publish on a failed quality gate; otherwise it prints the scorecard: each core KPI
 *       of the last complete month, its trend against the month before and its status against its target
 *       ({@code ON_TRACK}, {@code AT_RISK} within 5% of it, {@code OFF_TRACK}).</li>
 * </ol>
 */
public final class Example10_FullPipeline {

    /** The seed of both exports. */
    static final long SEED = 10;
    /** The first day of the campaign data and of the deals. */
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    /** January to March 2025. */
    static final int DAYS = 90;
    /** "Now": the morning of 2 April 2025. */
    static final Instant NOW = Instant.parse("2025-04-02T12:00:00Z");

    private Example10_FullPipeline() {
    }

    /**
     * Runs the pipeline and prints the scorecard.
     *
     * @param args not used
     * @throws IOException if the temporary files cannot be written
     */
    public static void main(String[] args) throws IOException {
        SampleData.inTemporaryDirectory("kpi-example10", Example10_FullPipeline::run);
    }

    private static void run(Path dir) {
        // 1. the raw exports
        List<Object[]> campaignRows = campaignExport();
        List<Object[]> dealRows = crmExport();
        Path campaigns = SampleData.writeCsv(dir.resolve("campaigns.csv"), SampleData.CampaignDay.SCHEMA, campaignRows, r -> r);
        Path deals = SampleData.writeCsv(dir.resolve("deals.csv"), CRM_EXPORT, dealRows, r -> r);
        System.out.printf(Locale.ROOT, "1. Exports: campaigns.csv (%d rows), deals.csv (%d rows)%n",
                campaignRows.size(), dealRows.size());

        // 2. the catalog, and lint before anything runs
        Catalog catalog = Catalog.read(Example10_FullPipeline.class.getResourceAsStream("shop.yaml"), "shop.yaml");
        List<LintFinding> findings = catalog.lint();
        Map<Severity, Long> bySeverity = findings.stream()
                .collect(Collectors.groupingBy(LintFinding::severity, LinkedHashMap::new, Collectors.counting()));
        System.out.printf(Locale.ROOT, "2. Read %s; lint: %s%n", catalog,
                findings.isEmpty() ? "no findings" : findings.size() + " findings " + bySeverity);
        findings.stream().filter(f -> f.severity() != Severity.INFO)
                .forEach(f -> System.out.println("     " + f));

        // 3. evaluate: clean, aggregate, account
        KpiEngine engine = KpiEngine.builder().catalog(catalog).parallelism(2).clock(Clock.fixed(NOW,
                ZoneOffset.UTC)).build();
        Map<String, RecordSource> sources = Map.of(
                "campaigns", catalog.source("campaigns").orElseThrow().csvReader(campaigns).build(),
                "deals", catalog.source("deals").orElseThrow().csvReader(deals).build());
        long started = System.nanoTime();
        KpiResults results = engine.evaluate(sources);
        System.out.printf(Locale.ROOT, "3. Evaluated %d cells of %d metrics on %d threads in %d ms%n",
                results.rows().size(), results.metrics().size(), engine.parallelism(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        for (SourceAccount a : results.quality().sources()) {
            QualityReport.Counts c = a.qualityReport().orElseThrow().counts();
            System.out.printf(Locale.ROOT, "   %-9s %4d rows = %4d aggregated + %d quarantined + %2d merged;"
                    + " %d values changed; verdict %s%n", a.source(), c.input(), a.rowsAggregated(),
                    a.rowsRejected(), a.rowsMerged(), a.qualityReport().orElseThrow().changes().total(), a.verdict());
            a.findings().forEach(f -> System.out.println("             " + f));
            a.qualityReport().orElseThrow().quarantined().items().forEach(q -> System.out.println(
                    "             quarantined row " + q.row() + ": " + q.reason()));
        }

        // 4. the gate, then the scorecard
        if (results.quality().verdict() == QualityVerdict.FAIL) {
            System.out.println("4. Quality gate failed: the scorecard is not published.");
            return;
        }
        Period month = catalog.calendar().parse(YearMonth.from(FIRST.plusDays(DAYS - 1)).toString());
        System.out.println("4. Scorecard " + month + " (trend against " + month.previous() + "):");
        System.out.printf(Locale.ROOT, "   %-25s %-24s %10s %10s %8s   %s%n", "KPI", "segment", month.previous(),
                month, "trend", "target");
        for (Metric m : catalog.metrics()) {
            if (m.metadata().tier().orElse(null) != Tier.CORE) {
                continue;
            }
            for (KpiResult r : results.query().metric(m.id()).from(month).to(month).list()) {
                OptionalDouble before = results.number(m.id(), month.previous(), r.dimensions());
                OptionalDouble now = r.value().asDouble();
                System.out.printf(Locale.ROOT, "   %-25s %-24s %10s %10s %8s   %s%n", m.id(),
                        String.join("/", r.dimensions().values()), number(before), number(now), trend(before, now),
                        target(m.metadata(), now));
            }
        }
        System.out.printf(Locale.ROOT, "   revenue %s USD, growth %s %% against %s%n",
                number(results.number("revenue", month)), number(results.number("revenue_growth", month)),
                month.previous());
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%,.2f", v.getAsDouble()) : "-";
    }

    private static String trend(OptionalDouble before, OptionalDouble now) {
        if (before.isEmpty() || now.isEmpty() || before.getAsDouble() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (now.getAsDouble() / before.getAsDouble() - 1) * 100);
    }

    /** ON_TRACK, AT_RISK (within 5% of the target) or OFF_TRACK, and the target, by the metric's direction. */
    private static String target(MetricMetadata md, OptionalDouble v) {
        if (v.isEmpty()) {
            return "";
        }
        boolean lower = md.direction().orElse(null) == Direction.LOWER_IS_BETTER;
        return md.targetStatus(v.getAsDouble()).map(s -> String.format(Locale.ROOT, "%-9s (%s %s)", s,
                lower ? "<=" : ">=", md.targets().nearest().orElseThrow().value().toPlainString())).orElse("");
    }

    // ---- the raw exports -----------------------------------------------------------------------------------

    /** The columns of the CRM export: a deal, its currency and when it was last updated. */
    static final Schema CRM_EXPORT = SampleData.Deal.SCHEMA
            .append(Column.of("currency", ColumnType.CATEGORY))
            .append(Column.of("updated_at", ColumnType.TIMESTAMP));

    /** The rates of the catalog's currency rule. */
    static final Map<String, BigDecimal> RATES = Map.of("EUR", new BigDecimal("1.08"), "GBP", new BigDecimal("1.27"));

    /**
     * The campaign days of {@link SampleData#campaignDays} as the ad platforms export them: paid search labelled
     * {@code Paid Search} or {@code SEA} in some rows, email {@code E-mail}, counts of 1,000 and more with a
     * thousands separator, and every 40th row repeated.
     *
     * @return the rows
     */
    static List<Object[]> campaignExport() {
        List<Object[]> out = new ArrayList<>();
        List<SampleData.CampaignDay> days = SampleData.campaignDays(SEED, FIRST, DAYS);
        for (int i = 0; i < days.size(); i++) {
            SampleData.CampaignDay d = days.get(i);
            Object[] row = d.values();
            if (d.channel().equals("paid_search")) {
                row[1] = i % 3 == 0 ? "Paid Search" : i % 5 == 0 ? "SEA" : d.channel();
            } else if (d.channel().equals("email") && i % 4 == 0) {
                row[1] = "E-mail";
            }
            if (d.visitors() >= 1000) {
                row[3] = String.format(Locale.ROOT, "%,d", d.visitors());
            }
            out.add(row);
            if (i % 40 == 39) {
                out.add(row.clone());
            }
        }
        return out;
    }

    /**
     * The deals of {@link SampleData#deals} as the CRM exports them: one in four in EUR and one in nine in GBP
     * (converted back from USD and rounded to the cent), one in fifteen revised (a stale version with 90% of the
     * amount, and the final version at the end of the file), deal 41 with a negative and deal 56 without an
     * amount.
     *
     * @return the rows
     */
    static List<Object[]> crmExport() {
        List<SampleData.Deal> deals = SampleData.deals(SEED, YearMonth.from(FIRST), 3);
        List<Object[]> out = new ArrayList<>();
        List<Object[]> revisions = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            SampleData.Deal d = deals.get(i);
            String currency = i % 4 == 0 ? "EUR" : i % 9 == 0 ? "GBP" : "USD";
            BigDecimal amount = currency.equals("USD") ? d.amount()
                    : d.amount().divide(RATES.get(currency), 2, RoundingMode.HALF_EVEN);
            Object[] row = {d.dealId(), d.customerId(), d.newCustomer(), d.region(), d.opened(), d.closedAt(),
                d.cycleDays(), amount, currency, d.closedAt().plus(Duration.ofHours(2))};
            if (i == 40) {
                row[7] = amount.negate();
            } else if (i == 55) {
                row[7] = null;
            } else if (i % 15 == 7) {
                Object[] last = row.clone();
                last[9] = d.closedAt().plus(Duration.ofDays(2));
                revisions.add(last);
                row[7] = amount.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_EVEN);
            }
            out.add(row);
        }
        out.addAll(revisions);
        return out;
    }

    /**
     * A deal's amount in USD as the currency rule computes it: the exported amount times the rate, rounded once
     * to the cent, half-even.
     *
     * @param row a row of {@link #crmExport()}
     * @return the amount in USD
     */
    static BigDecimal usd(Object[] row) {
        BigDecimal amount = (BigDecimal) row[7];
        String currency = (String) row[8];
        return currency.equals("USD") ? amount
                : amount.multiply(RATES.get(currency)).setScale(2, RoundingMode.HALF_EVEN);
    }
}
