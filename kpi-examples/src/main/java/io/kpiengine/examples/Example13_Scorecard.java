package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.track.AlertState;
import io.kpiengine.core.track.Pace;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.ScorecardRow;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.core.track.TrackingFinding;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Lesson 13: a scorecard: are we on track, and what needs attention?
 *
 * <p>Marketing reports <b>qualified leads</b> and <b>cost per lead</b> per channel every month. The catalog
 * {@code marketing.yaml} next to this class adds what the results alone cannot say (docs/tracking.md):
 * <ul>
 *   <li>a <b>seasonal baseline</b> for leads: the last two years decomposed into trend and season, the trend carried
 *       forward and the month's seasonal index applied, so a strong November is not mistaken for a breakthrough;</li>
 *   <li>an <b>annual plan</b> per channel, phased into months by that seasonal profile rather than in twelfths;</li>
 *   <li><b>status rules</b> in the formula language: on track when this month meets its share of the plan or the
 *       year to date does, at risk within 10% (or 5% for the year to date), behind otherwise;</li>
 *   <li><b>alerts</b>: a critical one when leads stay below 90% of plan for two months, which closes only once they
 *       are back above 97% (hysteresis), and a warning when the cost per lead jumps by more than 25%;</li>
 *   <li>an <b>action plan</b> for the channel that fell behind, so the scorecard does not flag it as unattended.</li>
 * </ul>
 *
 * <p>The tracker runs twice, as a monthly job would: at the start of June over the data through May, and at the
 * start of July over the data through June, with the alert state the first run saved. The second run therefore
 * knows which alerts are new and which continue. For each channel it also forecasts the year's total with Holt's
 * linear method on the seasonally adjusted series and gives the probability of reaching the plan.
 *
 * <p>The findings name what an owner should act on: without the action plan, the social channel would be reported
 * as off track for three months with nobody on it; and the plans of email and search, set in January, now ask for
 * less than their seasonal baseline, which their new campaigns have lifted: the plan has become too easy.
 */
public final class Example13_Scorecard {

    /** The seed of the generated CRM export. */
    static final long SEED = 13;
    /** The first month of the data. */
    static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
    /** January 2023 to June 2025. */
    static final int MONTHS = 30;
    /** The channels with their leads in an average month of 2023 and their cost per lead in USD. */
    static final Object[][] CHANNELS = {{"email", 420, 18.0}, {"search", 760, 39.0}, {"social", 560, 31.0}};
    /** Seasonal factors of the leads, January to December. */
    static final double[] SEASON = {0.85, 0.9, 1.0, 1.0, 1.05, 0.95, 0.85, 0.8, 1.0, 1.1, 1.2, 1.3};

    /** The CRM export's schema. */
    static final Schema SCHEMA = Schema.of(Column.of("day", ColumnType.DATE), Column.of("channel", ColumnType.CATEGORY),
            Column.of("leads", ColumnType.INTEGER), Column.decimal("spend", 2));

    private Example13_Scorecard() {
    }

    /** One channel's month in the CRM export. */
    record Month(LocalDate day, String channel, long leads, BigDecimal spend) {
        Object[] values() {
            return new Object[] {day, channel, leads, spend};
        }
    }

    /**
     * The generated export: leads grow 1.2% a month with the season and 4% noise; email and search gain 8% in 2025
     * (new campaigns), social slumps by a third from April 2025; search's cost per lead jumps by 40% in May 2025.
     *
     * @return one row per channel and month, ordered by month
     */
    static List<Month> months() {
        Random random = new Random(SEED);
        List<Month> out = new ArrayList<>();
        for (int i = 0; i < MONTHS; i++) {
            LocalDate day = FIRST.plusMonths(i);
            for (Object[] c : CHANNELS) {
                String channel = (String) c[0];
                double leads = (int) c[1] * SEASON[day.getMonthValue() - 1] * Math.pow(1.012, i)
                        * (1 + 0.04 * random.nextGaussian());
                if (channel.equals("social") && !day.isBefore(LocalDate.of(2025, 4, 1))) {
                    leads *= 0.66;
                } else if (!channel.equals("social") && day.getYear() == 2025) {
                    leads *= 1.08;
                }
                double cpl = (double) c[2] * (1 + 0.03 * random.nextGaussian());
                if (channel.equals("search") && day.equals(LocalDate.of(2025, 5, 1))) {
                    cpl *= 1.4;
                }
                long n = Math.round(leads);
                out.add(new Month(day, channel, n, BigDecimal.valueOf(n * cpl).setScale(2, RoundingMode.HALF_UP)));
            }
        }
        return out;
    }

    static Catalog catalog() {
        return Catalog.read(Example13_Scorecard.class.getResourceAsStream("marketing.yaml"), "marketing.yaml");
    }

    /** The results over the months before a given one, evaluated as at the start of that month. */
    static KpiResults results(Catalog catalog, LocalDate upTo) {
        List<Month> rows = months().stream().filter(m -> m.day().isBefore(upTo)).toList();
        return KpiEngine.builder().catalog(catalog).clock(clock(upTo)).build()
                .evaluate(Map.of("crm", SampleData.source("crm", SCHEMA, rows, Month::values)));
    }

    static Clock clock(LocalDate day) {
        return Clock.fixed(Instant.parse(day + "T06:00:00Z"), ZoneOffset.UTC);
    }

    /**
     * Tracks May, then June, and prints the scorecard, alerts, pace and findings.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        Catalog catalog = catalog();

        LocalDate june = LocalDate.of(2025, 6, 1);
        Scorecard may = Tracker.builder(catalog).clock(clock(june)).build().track(results(catalog, june));
        System.out.println("Run of " + june + " (data through May):");
        may.alerts().forEach(a -> System.out.println("  " + a));
        byte[] saved = may.alertState().toBytes();       // beside the aggregation state, for the next run

        LocalDate july = LocalDate.of(2025, 7, 1);
        Scorecard card = Tracker.builder(catalog).clock(clock(july)).build()
                .track(results(catalog, july), AlertState.fromBytes(saved));
        System.out.println("Run of " + july + " (data through June):");
        card.alerts().forEach(a -> System.out.println("  " + a));
        System.out.println();

        Period first = catalog.calendar().parse("2025-01");
        System.out.println("2025 plan of social leads (9,800 for the year), phased by the seasonal profile:");
        StringBuilder plan = new StringBuilder(" ");
        double phased = 0;
        for (int k = 0; k < 6; k++) {
            ScorecardRow row = card.row("leads", first.plus(k), Map.of("channel", "social")).orElseThrow();
            phased += row.target().getAsDouble();
            plan.append(String.format(Locale.ROOT, " %s %s", first.plus(k), number(row.target(), 1)));
        }
        System.out.println(plan);
        System.out.printf(Locale.ROOT, "  January to June: %s of 9,800 (%.1f%%), where twelfths would give 50.0%%%n",
                number(OptionalDouble.of(phased), 1), 100 * phased / 9800);
        System.out.println();

        System.out.println("June 2025       value  baseline    plan  achieved  pace (YTD)  status (rule)");
        for (ScorecardRow row : card.current()) {
            System.out.printf(Locale.ROOT, "%-6s %-7s %7s %9s %7s %8s%% %10s%%  %s (%s)%n", label(row.metric()),
                    row.segment().get("channel"), number(row.value(), row.metric().equals("leads") ? 0 : 2),
                    number(row.baseline().value(), 2), number(row.target(), 2), number(row.achievement(), 1),
                    row.pace().map(p -> number(p.percent(), 1)).orElse("-"), row.status().id(), row.statusRule());
        }
        System.out.println();

        System.out.println("Social leads in 2025 (alert leads-below-plan: below 90% for 2 months, exit above 97%):");
        for (ScorecardRow row : card.series("leads", Map.of("channel", "social"))) {
            if (row.period().firstDate().getYear() == 2025) {
                String alerts = row.alerts().stream().filter(a -> a.rule().equals("leads-below-plan"))
                        .map(a -> a.state().id()).findFirst().orElse("-");
                System.out.printf(Locale.ROOT, "  %s  leads %5s  plan %7s  achieved %6s%%  alert %s%n", row.period(),
                        number(row.value(), 0), number(row.target(), 1), number(row.achievement(), 1), alerts);
            }
        }
        System.out.println();

        System.out.println("Forecast of the 2025 totals (80% interval):");
        for (ScorecardRow row : card.current()) {
            Pace pace = row.pace().orElse(null);
            if (pace != null && pace.forecast().isPresent()) {
                System.out.printf(Locale.ROOT, "  %-7s plan %6s  to date %6s  forecast %7s  [%s, %s]  P(reach) %.2f"
                        + "  %s%n", row.segment().get("channel"), number(OptionalDouble.of(
                                pace.target().value().doubleValue()), 0), number(pace.toDateActual(), 0),
                        number(pace.forecast(), 0), number(OptionalDouble.of(pace.interval().get().low()), 0),
                        number(OptionalDouble.of(pace.interval().get().high()), 0),
                        pace.probability().getAsDouble(), pace.outlook().get().id());
            }
        }
        System.out.println();

        System.out.println("Off track now: " + card.offTrack().stream().map(r -> r.metric() + " "
                + r.segment().get("channel") + " (owner " + r.owner().orElse("?") + ")").toList());
        System.out.println("Findings: " + (card.findings().isEmpty() ? "none" : ""));
        card.findings().stream().map(TrackingFinding::toString).forEach(f -> System.out.println("  " + f));
        Catalog withoutPlan = Catalog.read(new String(readCatalog(), StandardCharsets.UTF_8).replaceAll("(?s)\nactions:.*", "\n"),
                "marketing.yaml");
        Scorecard unattended = Tracker.builder(withoutPlan).clock(clock(july)).build()
                .track(results(withoutPlan, july));
        System.out.println("Without the action plan:");
        unattended.findings().stream().map(TrackingFinding::toString).forEach(f -> System.out.println("  " + f));
    }

    private static byte[] readCatalog() {
        try (var in = Example13_Scorecard.class.getResourceAsStream("marketing.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String label(String metric) {
        return metric.equals("cost_per_lead") ? "cpl" : metric;
    }

    private static String number(OptionalDouble v, int decimals) {
        return v.isPresent() ? String.format(Locale.ROOT, "%,." + decimals + "f", v.getAsDouble()) : "-";
    }
}
