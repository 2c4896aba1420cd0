package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.SourceAccount;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.RecordBatch;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import io.kpiengine.quality.AllowedValuesRule;
import io.kpiengine.quality.CleanedSource;
import io.kpiengine.quality.Cleaner;
import io.kpiengine.quality.CurrencyRule;
import io.kpiengine.quality.Dimension;
import io.kpiengine.quality.DuplicateRule;
import io.kpiengine.quality.MissingValueRule;
import io.kpiengine.quality.QualityReport;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.RangeRule;
import io.kpiengine.quality.RateTable;
import io.kpiengine.quality.Threshold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 4: consistency rules, and the account that proves nothing was lost.
 *
 * <p>Sales wants the <b>average deal size</b> per region for the quarter. The CRM export behind it has the
 * defects such exports have: the same deal exported twice; a deal revised after it was won, so that two versions
 * with different amounts exist; region names typed by hand ({@code North}, {@code " NORTH "}, a misspelt
 * {@code nort}); amounts in two currencies; a missing and a negative amount. Averaging that as it is would
 * count some deals twice and mix euros with dollars.
 *
 * <p>{@link QualityRules} declare what clean means, each rule with a policy: drop exact duplicates, keep the
 * latest version of each deal id, normalise region names and quarantine unknown ones, quarantine rows without
 * an amount or with a negative one, convert amounts to USD with a rate table (exactly, to the cent); and the
 * thresholds below which a quality score warns or fails (by default 0.99 and 0.95 for every dimension). Bound to
 * the schema, the rules become a {@link Cleaner}; cleaning a source yields clean batches and a
 * {@link QualityReport}: every quarantined row with its reason, every merged duplicate with the row it was
 * merged into, conflicting versions side by side, every changed value, scores per quality dimension and a
 * pass / warn / fail verdict. The report always balances:
 * {@code input rows = clean rows + quarantined rows + merged duplicates}.
 *
 * <p>Attached to a {@link DataSource}, the same rules run inside the engine, which puts the verdict next to the
 * KPIs it computed.
 */
public final class Example04_QualityRules {

    /** The seed of the deals. */
    static final long SEED = 4;
    /** The first month of the quarter. */
    static final YearMonth FIRST = YearMonth.of(2025, 1);
    /** The EUR to USD rate of the quarter. */
    static final BigDecimal EUR_USD = new BigDecimal("1.08");

    /** The CRM export's columns. */
    static final Schema SCHEMA = Schema.of(
            Column.of("deal_id", ColumnType.TEXT),
            Column.of("customer_id", ColumnType.TEXT),
            Column.of("region", ColumnType.TEXT),
            Column.of("closed_at", ColumnType.TIMESTAMP),
            Column.of("updated_at", ColumnType.TIMESTAMP),
            Column.decimal("amount", 2),
            Column.of("currency", ColumnType.CATEGORY));

    private Example04_QualityRules() {
    }

    /**
     * Cleans the export, prints the account, then the average deal size per region.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        QualityRules rules = QualityRules.builder()
                .rule(DuplicateRule.exact())
                .rule(DuplicateRule.byKey("deal_id").keepLatest("updated_at"))
                .rule(AllowedValuesRule.of("region", "north", "south", "west").caseFold(AllowedValuesRule.Case.LOWER))
                .rule(MissingValueRule.quarantine("amount"))
                .rule(RangeRule.nonNegative("amount"))
                .rule(CurrencyRule.of("amount", "currency", "USD",
                        RateTable.builder().rate("EUR", EUR_USD.toPlainString()).build()))
                // revised deals are normal in a CRM: warn below 95% unique rows, fail only below 85%
                .threshold(new Threshold(Dimension.UNIQUENESS, 0.95, 0.85))
                .build();
        List<Object[]> export = export();

        Cleaner cleaner = rules.bind(SCHEMA);
        long cleanRows = 0;
        QualityReport report;
        try (CleanedSource clean = cleaner.clean(source(export))) {
            for (RecordBatch b = clean.next(); b != null; b = clean.next()) {
                cleanRows += b.size();
            }
            report = clean.report();
        }
        print(report, cleanRows);

        DataSource crm = DataSource.builder("crm").schema(SCHEMA).timeColumn("closed_at").rules(rules).build();
        Catalog catalog = Catalog.builder()
                .zone(ZoneOffset.UTC)
                .grain(Grain.QUARTER)
                .source(crm)
                .metric(Metric.measure("deals").count().dimensions("region").unit("count").build())
                .metric(Metric.measure("revenue").sum("amount").dimensions("region").unit("USD").build())
                .metric(Metric.ratio("average_deal_size").numerator("revenue").denominator("deals")
                        .unit("USD per count").build())
                .build();
        KpiResults results = KpiEngine.builder().catalog(catalog).build().evaluate(Map.of("crm", source(export)));
        SourceAccount account = results.quality().sources().get(0);
        System.out.printf(Locale.ROOT, "%nIn the engine: %d rows aggregated, %d quarantined, %d merged; verdict %s%n",
                account.rowsAggregated(), account.rowsRejected(), account.rowsMerged(), account.verdict());
        account.findings().forEach(f -> System.out.println("  finding: " + f));
        System.out.println("Average deal size per region, " + results.metric("deals").get(0).period() + ":");
        for (KpiResult r : results.metric("average_deal_size")) {
            double deals = results.number("deals", r.period(), r.dimensions()).orElseThrow();
            System.out.printf(Locale.ROOT, "  %-6s %,10.2f USD over %.0f deals%n", r.dimensions().get("region"),
                    r.value().value(), deals);
        }
    }

    private static void print(QualityReport report, long cleanRows) {
        QualityReport.Counts c = report.counts();
        System.out.printf(Locale.ROOT, "CRM export: %d input rows = %d clean + %d quarantined + %d merged duplicates"
                + " (read %d clean rows)%n", c.input(), c.clean(), c.quarantined(), c.merged(), cleanRows);
        System.out.println("Verdict " + report.status() + "; scores:");
        report.scores().values().stream().filter(QualityReport.Score::measured).forEach(s -> System.out.printf(
                Locale.ROOT, "  %-12s %.3f %s%n", s.dimension().name().toLowerCase(Locale.ROOT), s.value(),
                s.status()));
        System.out.println("Per rule:");
        System.out.printf(Locale.ROOT, "  %-24s %7s %11s %6s%n", "rule", "changed", "quarantined", "merged");
        for (QualityReport.RuleResult r : report.rules()) {
            System.out.printf(Locale.ROOT, "  %-24s %7d %11d %6d%n", r.rule(), r.changed(), r.quarantined(),
                    r.merged());
        }
        System.out.println("Quarantined rows:");
        report.quarantined().items().forEach(q -> System.out.printf(Locale.ROOT, "  row %3d  %-18s %s%n", q.row(),
                q.rule(), q.reason()));
        System.out.println("Merged duplicates:");
        report.merges().items().forEach(m -> System.out.printf(Locale.ROOT, "  row %3d into row %3d  %s%s%n",
                m.row(), m.into(), m.rule(), m.conflict() ? "  (conflicting versions)" : ""));
        System.out.println("Conflicting versions (the latest update is kept):");
        report.conflicts().items().forEach(x -> System.out.printf(Locale.ROOT,
                "  deal %s: kept row %d (amount %s, updated %s), dropped row %d (amount %s, updated %s)%n",
                x.kept().get("deal_id"), x.keptRow(), x.kept().get("amount"), x.kept().get("updated_at"),
                x.otherRow(), x.other().get("amount"), x.other().get("updated_at")));
        System.out.printf(Locale.ROOT, "Changed values: %d, the first three:%n", report.changes().total());
        report.changes().items().stream().limit(3).forEach(ch -> System.out.printf(Locale.ROOT,
                "  row %d %s: %s -> %s (%s)%n", ch.row(), ch.column(), ch.oldValue(), ch.newValue(), ch.rule()));
    }

    private static MemorySource source(List<Object[]> rows) {
        return MemorySource.builder(SCHEMA).name("crm-export").rows(rows).build();
    }

    /**
     * The CRM export: the deals of the quarter with defects. One deal in 30 lacks its amount, one in 45 has a
     * negative amount, one in 50 a misspelt region; of the others, one in 25 is exported twice and one in 20 was
     * revised (a stale version with 90% of the amount, and the final version at the end of the file). One deal
     * in four is in EUR; region names come in three spellings.
     *
     * @return the rows of {@link #SCHEMA}
     */
    static List<Object[]> export() {
        List<SampleData.Deal> deals = SampleData.deals(SEED, FIRST, 3);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> revisions = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            SampleData.Deal d = deals.get(i);
            String region = i % 7 == 0 ? " " + d.region().toUpperCase(Locale.ROOT) + " "
                    : i % 3 == 0 ? Character.toUpperCase(d.region().charAt(0)) + d.region().substring(1) : d.region();
            boolean eur = i % 4 == 0;
            BigDecimal amount = eur ? d.amount().divide(EUR_USD, 2, RoundingMode.HALF_EVEN) : d.amount();
            Object[] row = {d.dealId(), d.customerId(), region, d.closedAt(),
                d.closedAt().plus(Duration.ofHours(1)), amount, eur ? "EUR" : "USD"};
            if (i % 30 == 29) {
                row[5] = null;
            } else if (i % 45 == 22) {
                row[5] = amount.negate();
            } else if (i % 50 == 33) {
                row[2] = "nort";
            } else if (i % 25 == 5) {
                rows.add(row.clone());
            } else if (i % 20 == 11) {
                revisions.add(row.clone());
                row[4] = d.closedAt().plus(Duration.ofMinutes(10));
                row[5] = amount.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_EVEN);
                revisions.get(revisions.size() - 1)[4] = d.closedAt().plus(Duration.ofDays(3));
            }
            rows.add(row);
        }
        rows.addAll(revisions);
        return rows;
    }
}
