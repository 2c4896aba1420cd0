package io.kpiengine.examples;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.KpiValue;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.EmptyPolicy;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 2: formulas, and what happens when a number is missing.
 *
 * <p>Marketing wants the <b>cost per lead</b> of each channel: media cost divided by the leads it brought. Two
 * things go wrong with real data, and the library makes both visible instead of printing a wrong number:
 * <ul>
 *   <li><b>A zero denominator.</b> A campaign that brought no leads has no cost per lead. Its cell has
 *       <i>no value</i>, with the reason {@code ZERO_DENOMINATOR} and a sentence for people; you can ask for 0
 *       instead with a policy ({@link EmptyPolicy#ZERO}) or a formula ({@code coalesce(cost / leads, 0)}), but
 *       you have to say so.</li>
 *   <li><b>A missing input.</b> A cost cell that the ad platform's export lost is missing, not zero. Sums and
 *       counts skip missing cells, as SQL does: {@code count("cost")} counts the rows that have a cost, so you
 *       can see how much of the sum is backed by data.</li>
 * </ul>
 *
 * <p>The first half uses kpi-formula on its own: {@link Formula#compile} turns text into a thread-safe evaluator
 * that takes one {@code double} per variable; NaN means "missing", a NaN result means "no value", and
 * {@link Formula#explain} says why. The second half declares the same formula as metrics of a catalog, computed
 * per ISO week and channel.
 */
public final class Example02_FormulasAndMissingValues {

    /** The seed of the campaign data. */
    static final long SEED = 3;
    /** The first day of the data (a Monday). */
    static final LocalDate FIRST = LocalDate.of(2025, 3, 3);
    /** Two ISO weeks of data. */
    static final int DAYS = 14;

    private Example02_FormulasAndMissingValues() {
    }

    /**
     * Prints formula evaluations, then weekly cost per lead per channel.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        formulas();
        catalog();
    }

    private static void formulas() {
        Formula cpl = Formula.compile("cost / leads");
        System.out.println("Formula " + cpl.source() + ", variables " + cpl.variables());
        System.out.println("  cost 1250, leads 50   -> " + cpl.evaluate(new double[] {1250, 50}));
        System.out.println("  cost 1250, leads 0    -> " + cpl.explain(new double[] {1250, 0}));
        System.out.println("  cost missing, leads 40 -> " + cpl.explain(new double[] {Double.NaN, 40}));
        Formula orZero = Formula.compile("coalesce(cost / leads, 0)");
        System.out.println("Formula " + orZero.source() + ": cost 1250, leads 0 -> " + orZero.evaluate(
                Map.of("cost", 1250, "leads", 0)));
        try {
            Formula.compile("cost / (leads - 2");
        } catch (FormulaException e) {
            System.out.println("A broken formula is refused with the spot marked:\n  " + e.getMessage());
        }
        System.out.println();
    }

    private static void catalog() {
        DataSource campaigns = DataSource.builder("campaigns")
                .schema(SampleData.CampaignDay.SCHEMA)
                .timeColumn("day")
                .build();
        Catalog catalog = Catalog.builder()
                .zone(ZoneId.of("UTC"))
                .grain(Grain.WEEK)
                .source(campaigns)
                .metric(Metric.measure("cost").sum("cost").dimensions("channel").unit("USD").build())
                .metric(Metric.measure("leads").sum("leads").dimensions("channel").unit("count").build())
                .metric(Metric.measure("rows").count().dimensions("channel").build())
                .metric(Metric.measure("rows_with_cost").count("cost").dimensions("channel").build())
                .metric(Metric.ratio("cost_per_lead").numerator("cost").denominator("leads")
                        .unit("USD per count").onZeroDenominator(EmptyPolicy.NO_VALUE).build())
                .metric(Metric.derived("cost_per_lead_or_zero").formula("coalesce(cost / leads, 0)")
                        .unit("USD per count").build())
                .build();
        List<SampleData.CampaignDay> days = SampleData.campaignDays(SEED, FIRST, DAYS);
        KpiResults results = KpiEngine.builder().catalog(catalog).build().evaluate(Map.of("campaigns",
                SampleData.source("campaigns", SampleData.CampaignDay.SCHEMA, days, SampleData.CampaignDay::values)));

        System.out.println("Cost per lead per ISO week and channel (cost / leads, USD)");
        System.out.printf(Locale.ROOT, "  %-8s  %-11s  %10s  %5s  %-13s  %s%n", "week", "channel", "cost", "leads",
                "cost/lead", "coalesce(cost/leads, 0)");
        for (KpiResult cpl : results.metric("cost_per_lead")) {
            Map<String, String> channel = cpl.dimensions();
            KpiValue cost = results.value("cost", cpl.period(), channel).orElseThrow().value();
            KpiValue leads = results.value("leads", cpl.period(), channel).orElseThrow().value();
            KpiValue orZero = results.value("cost_per_lead_or_zero", cpl.period(), channel).orElseThrow().value();
            long rows = (long) results.value("rows", cpl.period(), channel).orElseThrow().value().value();
            long withCost = (long) results.value("rows_with_cost", cpl.period(), channel).orElseThrow().value()
                    .value();
            System.out.printf(Locale.ROOT, "  %-8s  %-11s  %10.2f  %5.0f  %-13s  %.2f%s%n", cpl.period(),
                    channel.get("channel"), cost.value(), leads.value(), text(cpl.value()), orZero.value(),
                    rows == withCost ? "" : "   (cost missing in " + (rows - withCost) + " of " + rows + " rows)");
        }
        System.out.println("Why a cell has no value:");
        for (KpiResult cpl : results.metric("cost_per_lead")) {
            if (!cpl.value().isPresent()) {
                System.out.println("  " + cpl.period() + " " + cpl.dimensions().get("channel") + ": "
                        + cpl.value().reason().orElseThrow() + " - " + cpl.value().detail().orElseThrow());
            }
        }
    }

    private static String text(KpiValue v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.value()) : "no value";
    }
}
