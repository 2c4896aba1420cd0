package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.CatalogException;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.TargetStatus;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.time.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lesson 5: the catalog as a document, with owners, targets and a linter.
 *
 * <p>KPIs that a company steers by should not live in code. A metric definition document (YAML or JSON, see
 * {@code docs/catalog.md}) holds the data sources and, for each metric, what it computes and what it means to the
 * business: name, description, owner, unit, which direction is better, tier (core KPI or supporting), leading or
 * lagging, review cycle, scope, and targets with due dates. This one, {@code operations.yaml} next to this class,
 * defines the operations KPIs: <b>order processing time</b>, <b>service response time</b> and <b>inventory
 * turnover</b>, the last one a ratio of two sources (cost of goods sold from orders, average inventory value from
 * stock snapshots).
 *
 * <p>Reading is strict and checks everything at once: unknown fields, misspelt metric or column names (with "did
 * you mean"), unit mismatches and cycles are all reported together, each with file, line and column. A valid
 * catalog can still be a poor one; {@link Catalog#lint()} reports governance findings such as a KPI without an
 * owner or a lagging KPI with no leading indicator. The document leaves a few such gaps on purpose.
 *
 * <p>Finally the catalog is evaluated on three months of generated data and each core KPI of March is classified
 * against its target, in the direction the document declares, with {@link MetricMetadata#targetStatus(double)}:
 * {@code ON_TRACK} when it meets the target, {@code AT_RISK} when it misses it by at most 5%, {@code OFF_TRACK}
 * beyond.
 */
public final class Example05_CatalogDocument {

    /** The seed of the generated orders, tickets and stock. */
    static final long SEED = 5;
    /** The first day of the data. */
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    /** January to March 2025. */
    static final int DAYS = 90;
    /** The catalog's time zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Example05_CatalogDocument() {
    }

    /**
     * Reads, lints and evaluates the operations catalog.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        Catalog catalog = Catalog.read(Example05_CatalogDocument.class.getResourceAsStream("operations.yaml"),
                "operations.yaml");
        System.out.println("Read " + catalog);
        for (Metric m : catalog.metrics()) {
            if (m.metadata().isKpi()) {
                MetricMetadata md = m.metadata();
                System.out.printf(Locale.ROOT, "  %-28s %-10s %-16s unit %-4s %-16s target %s%n", m.id(),
                        md.tier().orElseThrow().name().toLowerCase(Locale.ROOT), md.owner().orElse("(no owner)"),
                        catalog.unitOf(m.id()).map(Object::toString).orElse("?"),
                        md.direction().map(d -> d.name().toLowerCase(Locale.ROOT)).orElse("(no direction)"),
                        md.targets().shortTermTarget().map(Target::toString).orElse("(none)"));
            }
        }

        List<LintFinding> findings = catalog.lint();
        System.out.println("\nLint: " + findings.size() + " findings");
        findings.forEach(f -> System.out.println("  " + f));

        String broken = """
                zone: Europe/Berlin
                sources:
                  orders:
                    time: placed_at
                    columns: {placed_at: timestamp, processing_hours: decimal(1), cogs: decimal(2)}
                metrics:
                  - {id: order_processing_time, aggregate: average, column: procesing_hours}
                  - {id: cogs, aggregate: sum, column: cogs}
                  - {id: orders, aggregate: count}
                  - {id: inventory_turnover, numerator: cost_of_goods, denominator: orders, ower: supply-team}
                """;
        try {
            Catalog.read(broken, "operations-broken.yaml");
        } catch (CatalogException e) {
            System.out.println("\nA catalog with three mistakes is refused, with every problem at once:");
            System.out.println(e.getMessage());
        }

        KpiEngine engine = KpiEngine.builder().catalog(catalog)
                .clock(Clock.fixed(Instant.parse("2025-04-01T08:00:00Z"), ZoneOffset.UTC)).build();
        KpiResults results = engine.evaluate(Map.of(
                "orders", SampleData.source("orders", SampleData.Order.SCHEMA,
                        SampleData.orders(SEED, FIRST, DAYS, ZONE, "O"), SampleData.Order::values),
                "tickets", SampleData.source("tickets", SampleData.Ticket.SCHEMA,
                        SampleData.tickets(SEED, FIRST, FIRST.plusDays(DAYS - 1), ZONE), SampleData.Ticket::values),
                "stock", SampleData.source("stock", SampleData.Stock.SCHEMA,
                        SampleData.stock(SEED, FIRST, DAYS), SampleData.Stock::values)));

        Period march = catalog.calendar().parse("2025-03");
        System.out.println("\nCore KPIs, " + march + ", against their targets:");
        for (Metric m : catalog.metrics()) {
            if (m.metadata().tier().orElse(null) == Tier.CORE) {
                for (KpiResult r : results.query().metric(m.id()).from(march).to(march).list()) {
                    System.out.printf(Locale.ROOT, "  %-24s %-18s %8.2f %-4s %s%n", m.id(),
                            r.dimensions().isEmpty() ? "" : r.dimensions().values().iterator().next(),
                            r.value().value(), catalog.unitOf(m.id()).map(Object::toString).filter(u -> !u.equals("1"))
                                    .orElse(""),
                            status(m.metadata(), r.value().value()));
                }
            }
        }
    }

    /**
     * The value's status against the metric's nearest target, by the direction the metric declares: on track, at
     * risk (missing the target by at most 5%) or off track.
     */
    private static String status(MetricMetadata md, double value) {
        Optional<TargetStatus> status = md.targetStatus(value);
        Optional<Target> target = md.targets().nearest();
        if (status.isEmpty() || target.isEmpty()) {
            return "(no target)";
        }
        boolean lowerIsBetter = md.direction().orElseThrow() == Direction.LOWER_IS_BETTER;
        return String.format(Locale.ROOT, "%-9s target %s %s", status.get(), lowerIsBetter ? "<=" : ">=",
                target.get().value().toPlainString());
    }

}
