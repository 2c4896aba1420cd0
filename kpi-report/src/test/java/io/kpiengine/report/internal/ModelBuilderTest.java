package io.kpiengine.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.TargetStatus;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.time.Period;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import io.kpiengine.report.ReportSamples;
import io.kpiengine.report.View;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {

    private static ReportSamples.Sample sample;
    private static ReportModel model;

    @BeforeAll
    static void build() {
        sample = ReportSamples.generate(2, 4, 30, 11, false);
        model = ModelBuilder.build(inputs(sample.catalog(), sample.results(), List.of(), null));
    }

    private static Inputs inputs(Catalog c, KpiResults r, List<String> core, Period asOf) {
        return new Inputs(c, r, null, Locale.US, List.of(View.values()), core, 24, asOf, null, List.of(), null);
    }

    private static KpiModel kpi(String id) {
        return model.kpis.stream().filter(k -> k.metric.id().equals(id)).findFirst().orElseThrow();
    }

    /** The value of a result cell, or NaN. */
    private static double cell(String metric, Period p, String region) {
        return sample.results().number(metric, p, Map.of("region", region)).orElse(Double.NaN);
    }

    @Test
    void axis_endsAtLastCompletePeriodAndKeepsTheWindow() {
        assertThat(model.periods).hasSize(24);
        assertThat(model.period(model.current)).isEqualTo("2025-12");
        assertThat(model.period(0)).isEqualTo("2024-01");
        assertThat(model.grain).isEqualTo("month");
    }

    @Test
    void kpis_areTheTieredMetricsInCatalogOrder() {
        assertThat(model.kpis).extracting(k -> k.metric.id()).containsExactly("revenue_0", "orders_0", "aov_0",
                "conversion_0", "cycle_0", "revenue_1", "orders_1", "aov_1", "conversion_1", "cycle_1");
        assertThat(model.core).extracting(k -> k.metric.id()).containsExactly("revenue_0", "aov_0", "conversion_0",
                "cycle_0");
        assertThat(model.teams.keySet()).containsExactly("Sales", "Marketing");
    }

    @Test
    void total_ofASum_isTheSumOfTheSegmentCells() {
        KpiModel k = kpi("revenue_0");
        List<String> regions = ReportSamples.regions(4, false);
        for (int i = 0; i < model.periods.size(); i++) {
            double sum = 0;
            for (String r : regions) {
                sum += cell("revenue_0", model.periods.get(i), r);
            }
            assertThat(k.total.value[i]).isCloseTo(sum, within(1e-6));
        }
        assertThat(k.additive).isTrue();
    }

    @Test
    void total_ofARatioOfSums_isTheRatioOfTheTotals() {
        KpiModel k = kpi("conversion_0");
        List<String> regions = ReportSamples.regions(4, false);
        for (int i = 0; i < model.periods.size(); i++) {
            double orders = 0;
            double visits = 0;
            for (String r : regions) {
                orders += cell("orders_0", model.periods.get(i), r);
                visits += cell("visits_0", model.periods.get(i), r);
            }
            assertThat(k.total.value[i]).isCloseTo(orders / visits * 100, within(1e-9));
        }
        assertThat(k.additive).isFalse();
    }

    @Test
    void total_ofAnAverage_isNotComputed() {
        KpiModel k = kpi("cycle_0");
        assertThat(k.total).isNull();
        assertThat(k.headline()).isNull();
        assertThat(k.totalNote).contains("do not add up");
    }

    @Test
    void status_ofEverySegmentCell_isTheMetadataTargetStatus() {
        for (String id : List.of("aov_0", "conversion_0", "cycle_0", "orders_1")) {
            KpiModel k = kpi(id);
            MetricMetadata md = k.md;
            for (Line l : k.segments) {
                for (int i = 0; i < model.periods.size(); i++) {
                    double v = cell(id, model.periods.get(i), l.segment.get("region"));
                    Status expected = md.targetStatus(v).map(Status::of).orElse(Status.NOT_RATED);
                    if (expected == Status.ON_TRACK && md.targets().stretchTarget().isPresent()
                            && v >= md.targets().stretchTarget().get().value().doubleValue()) {
                        expected = Status.EXCEEDED;
                    }
                    assertThat(l.status[i]).as("%s %s %s", id, l.label, model.period(i)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void total_ofASum_isJudgedAgainstTheTargetTimesTheSegments() {
        KpiModel k = kpi("orders_0");
        double t = k.md.targets().nearest().orElseThrow().value().doubleValue();
        int c = model.current;
        assertThat(k.total.target[c]).isEqualTo(4 * t);
        TargetStatus s = k.md.targetStatus(k.total.value[c] / 4).orElseThrow();
        assertThat(k.total.status[c]).isEqualTo(Status.of(s));
        assertThat(k.total.achievement[c]).isCloseTo(100 * (1 + (k.total.value[c] - 4 * t) / (4 * t)), within(1e-9));
    }

    @Test
    void achievement_isLinearInTheGapByDirection() {
        assertThat(ModelBuilder.achievement(Direction.HIGHER_IS_BETTER, 90, 100, Double.NaN, Double.NaN)).isEqualTo(90);
        assertThat(ModelBuilder.achievement(Direction.HIGHER_IS_BETTER, 130, 100, Double.NaN, Double.NaN)).isEqualTo(130);
        assertThat(ModelBuilder.achievement(Direction.LOWER_IS_BETTER, 30, 25, Double.NaN, Double.NaN)).isEqualTo(80);
        assertThat(ModelBuilder.achievement(Direction.LOWER_IS_BETTER, 20, 25, Double.NaN, Double.NaN)).isEqualTo(120);
        assertThat(ModelBuilder.achievement(Direction.TARGET_BAND, 5, Double.NaN, 4, 6)).isEqualTo(100);
        assertThat(ModelBuilder.achievement(Direction.TARGET_BAND, 3, Double.NaN, 4, 6)).isEqualTo(75);
        assertThat(ModelBuilder.achievement(Direction.TARGET_BAND, 7.5, Double.NaN, 4, 6)).isEqualTo(75);
        assertThat(ModelBuilder.achievement(Direction.HIGHER_IS_BETTER, 5, 0, Double.NaN, Double.NaN)).isNaN();
        assertThat(ModelBuilder.achievement(null, 5, 10, Double.NaN, Double.NaN)).isNaN();
    }

    @Test
    void baseline_trailing_isTheMeanAndSampleDeviationOfThePeriodsBefore() {
        KpiModel k = kpi("revenue_0");
        int c = model.current;
        double[] window = new double[6];
        double mean = 0;
        for (int j = 0; j < 6; j++) {
            window[j] = k.total.value[c - 6 + j];
            mean += window[j] / 6;
        }
        double ss = 0;
        for (double w : window) {
            ss += (w - mean) * (w - mean);
        }
        double sd = Math.sqrt(ss / 5);
        assertThat(k.total.baseline[c]).isCloseTo(mean, within(1e-6));
        assertThat(k.total.baselineLow[c]).isCloseTo(mean - sd, within(1e-6));
        assertThat(k.total.baselineHigh[c]).isCloseTo(mean + sd, within(1e-6));
    }

    @Test
    void baseline_atTheStartOfTheWindow_usesPeriodsBeforeIt() {
        // 30 months of data, 24 shown: the first shown period has six periods before it
        assertThat(kpi("revenue_0").total.baseline[0]).isFinite();
    }

    @Test
    void changes_markTheVersionInsideTheWindow() {
        KpiModel k = kpi("revenue_0");
        assertThat(k.changes).hasSize(1);
        assertThat(model.period(k.changes.get(0).period())).isEqualTo("2025-03");
        assertThat(k.changes.get(0).text()).isEqualTo("v2: refunds excluded");
    }

    @Test
    void alerts_areTheOffTrackAndAtRiskLinesOfTheCurrentPeriod() {
        int c = model.current;
        for (KpiModel k : model.kpis) {
            long expected = 0;
            for (Line l : k.total == null ? k.segments : concat(k.total, k.segments)) {
                expected += l.status[c] == Status.OFF_TRACK || l.status[c] == Status.AT_RISK ? 1 : 0;
            }
            assertThat(k.alerts.stream().filter(a -> a.rule().equals("target")).count()).as(k.metric.id())
                    .isEqualTo(expected);
        }
        assertThat(model.alerts).isSortedAccordingTo((a, b) -> Boolean.compare(!a.headline(), !b.headline()));
    }

    private static List<Line> concat(Line first, List<Line> rest) {
        List<Line> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @Test
    void core_unknownId_failsWithDidYouMean() {
        assertThatThrownBy(() -> ModelBuilder.build(inputs(sample.catalog(), sample.results(), List.of("revenu_0"),
                null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 'revenu_0'")
                .hasMessageContaining("did you mean 'revenue_0'");
    }

    @Test
    void asOf_outsideTheResults_fails() {
        Period p = sample.catalog().calendar().parse("2030-01");
        assertThatThrownBy(() -> ModelBuilder.build(inputs(sample.catalog(), sample.results(), List.of(), p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("asOf must be a period of the results (2023-07 to 2025-12), but was 2030-01");
    }

    @Test
    void leadingIndicator_correlation_isStatsmodelsCcfAtTheBestLag() {
        ReportModel.LeadLink link = model.leading.stream().filter(l -> l.lagging().metric.id().equals("revenue_0"))
                .findFirst().orElseThrow();
        assertThat(link.leadingId()).isEqualTo("conversion_0");
        // the definition (statsmodels ccf, unadjusted): r(k) = sum_t y'[t+k] x'[t] / (n sx sy), population sd
        double[] x = kpi("conversion_0").total.value;
        double[] y = kpi("revenue_0").total.value;
        int n = x.length;
        double mx = mean(x);
        double my = mean(y);
        double sx = Math.sqrt(var(x, mx));
        double sy = Math.sqrt(var(y, my));
        double r = 0;
        for (int t = 0; t + link.lag() < n; t++) {
            r += (y[t + link.lag()] - my) * (x[t] - mx);
        }
        r /= n * sx * sy;
        assertThat(link.n()).isEqualTo(24);
        assertThat(link.r()).isCloseTo(r, within(1e-9));
        assertThat(link.band()).isCloseTo(1.959963984540054 / Math.sqrt(24), within(1e-9));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double var(double[] v, double m) {
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return s / v.length;
    }

    @Test
    void unusualChange_robustZBeyondTheLimit_raisesAWarning() {
        Schema schema = Schema.of(Column.of("day", ColumnType.DATE), Column.of("n", ColumnType.INTEGER));
        Catalog c = Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.MONTH)
                .source(DataSource.builder("s").schema(schema).timeColumn("day").build())
                .metric(Metric.measure("n").sum("n").unit("count").name("Signups").tier(Tier.CORE)
                        .direction(Direction.HIGHER_IS_BETTER)
                        .targets(new Targets(Target.of(BigDecimal.valueOf(50)), null, null)).build())
                .build();
        MemorySource.Builder rows = MemorySource.builder(schema);
        long[] values = {100, 102, 101, 103, 102, 104, 103, 105, 104, 60};
        for (int i = 0; i < values.length; i++) {
            rows.row(LocalDate.of(2025, 1 + i, 1), values[i]);
        }
        KpiResults r = KpiEngine.builder().catalog(c).clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC)).build().evaluate(Map.of("s", rows.build()));
        ReportModel m = ModelBuilder.build(inputs(c, r, List.of(), null));
        assertThat(m.alerts).hasSize(1);
        AlertItem a = m.alerts.get(0);
        assertThat(a.rule()).isEqualTo("unusual change");
        // changes before: +2.0, -0.98, +1.98, -0.97, +1.96, -0.96, +1.94, -0.95 %; median 0.495, MAD 1.455
        assertThat(a.message()).startsWith("Signups changed \u221242% against the period before");
    }

    @Test
    void reasons_ofMissingCells_areKept() {
        KpiModel k = kpi("conversion_0");
        for (Line l : k.segments) {
            for (int i = 0; i < model.periods.size(); i++) {
                KpiResult r = sample.results().value("conversion_0", model.periods.get(i), l.segment).orElseThrow();
                assertThat(Double.isNaN(l.value[i])).isEqualTo(!r.value().isPresent());
            }
        }
    }

    /**
     * Results with grouping sets hold each KPI at several levels: the model shows the coarsest level with dimensions
     * as the segments and the engine's grand total as the total, equal to the same KPI computed by that level alone,
     * notes the levels it leaves out, and never mixes levels (a ratio's total is the engine's, not a sum).
     */
    @Test
    void groupingSets_showTheCoarsestLevelAndTheGrandTotal() {
        Schema schema = Schema.of(Column.of("day", ColumnType.DATE), Column.of("region", ColumnType.CATEGORY),
                Column.of("team", ColumnType.CATEGORY), Column.of("n", ColumnType.INTEGER),
                Column.of("won", ColumnType.INTEGER));
        java.util.function.Function<io.kpiengine.core.metric.GroupingSets, Object[]> evaluate = sets -> {
            Catalog.Builder cb = Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.MONTH)
                    .source(DataSource.builder("s").schema(schema).timeColumn("day").build())
                    .metric(Metric.measure("n").sum("n").unit("count").name("Leads").tier(Tier.CORE)
                            .sliceBy("region", "team").direction(Direction.HIGHER_IS_BETTER).targets(Targets.of(10))
                            .build())
                    .metric(Metric.measure("won").sum("won").unit("count").name("Won").tier(Tier.SUPPORTING)
                            .sliceBy("region", "team").build())
                    .metric(Metric.ratio("rate").numerator("won").denominator("n").name("Win rate").tier(Tier.CORE)
                            .build());
            Catalog c = cb.groupingSets(sets).build();
            MemorySource.Builder rows = MemorySource.builder(schema);
            String[] regions = {"north", "south", "east"};
            for (int m = 1; m <= 6; m++) {
                for (int i = 0; i < 9; i++) {
                    rows.row(LocalDate.of(2025, m, 1 + i), regions[i % 3], i % 2 == 0 ? "a" : "b", (long) (m + i),
                            (long) (i % 3));
                }
            }
            return new Object[] {c, KpiEngine.builder().catalog(c).clock(Clock.fixed(
                    Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build().evaluate(Map.of("s", rows.build()))};
        };
        KpiResults byRegion = (KpiResults) evaluate.apply(io.kpiengine.core.metric.GroupingSets.by("region"))[1];
        KpiResults total = (KpiResults) evaluate.apply(io.kpiengine.core.metric.GroupingSets.total())[1];
        for (io.kpiengine.core.metric.GroupingSets sets : List.of(io.kpiengine.core.metric.GroupingSets.rollup("region"),
                io.kpiengine.core.metric.GroupingSets.cube("region", "team"))) {
            Object[] cr = evaluate.apply(sets);
            KpiResults r = (KpiResults) cr[1];
            ReportModel m = ModelBuilder.build(new Inputs((Catalog) cr[0], r, null, Locale.US, List.of(View.values()),
                    List.of(), 24, null, null, List.of(), null));
            for (String id : List.of("n", "won", "rate")) {
                KpiModel k = m.kpis.stream().filter(x -> x.metric.id().equals(id)).findFirst().orElseThrow();
                assertThat(k.dimensions).as("%s %s", sets, id).containsExactly("region");
                assertThat(k.segments).extracting(l -> l.label).containsExactlyInAnyOrder("north", "south", "east");
                assertThat(k.total).as(id).isNotNull();
                for (int i = 0; i < m.periods.size(); i++) {
                    Period p = m.periods.get(i);
                    assertThat(k.total.value[i]).as("%s %s %s", sets, id, p)
                            .isEqualTo(total.number(id, p, Map.of()).orElse(Double.NaN));
                    for (Line l : k.segments) {
                        assertThat(l.value[i]).isEqualTo(byRegion.number(id, p, l.segment).orElse(Double.NaN));
                    }
                }
            }
            assertThat(m.notes.stream().filter(n -> n.contains("the report shows it by (region)")).count())
                    .as(sets.toString()).isEqualTo(sets.sets().size() > 2 ? 3 : 0);
        }
    }

    /**
     * A file that ends inside the current period (three days of a week, by the clock complete) is named as cut
     * short under the summary, rather than left to read as a 57 % fall; full periods are not.
     */
    @Test
    void thinCurrentPeriod_isNamed_fullOnesAreNot() {
        Schema schema = Schema.of(Column.of("day", ColumnType.DATE), Column.of("n", ColumnType.INTEGER));
        Catalog c = Catalog.builder().zone(ZoneId.of("UTC")).grain(Grain.WEEK)
                .source(DataSource.builder("s").schema(schema).timeColumn("day").build())
                .metric(Metric.measure("n").sum("n").unit("count").name("Visits").tier(Tier.CORE).build())
                .build();
        java.util.function.IntFunction<ReportModel> upTo = days -> {
            MemorySource.Builder rows = MemorySource.builder(schema);
            for (int d = 0; d < days; d++) {
                rows.row(LocalDate.of(2025, 1, 6).plusDays(d), 100L);   // Monday 2025-01-06 on, one row a day
            }
            KpiResults r = KpiEngine.builder().catalog(c).clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                    ZoneOffset.UTC)).build().evaluate(Map.of("s", rows.build()));
            return ModelBuilder.build(inputs(c, r, List.of(), null));
        };
        // 10 full weeks and 3 days of the 11th
        assertThat(upTo.apply(73).thinCurrent).isEqualTo("2025-W12 holds 3 rows against a median of 7 in the 10"
                + " periods before: its data may be cut short (a file that ends inside the period), so its changes"
                + " may be no news; --period 2025-W11 reports the period before");
        assertThat(upTo.apply(70).thinCurrent).as("10 full weeks").isNull();
        assertThat(upTo.apply(74).thinCurrent).as("4 of 7 days: more than half").isNull();
        assertThat(model.thinCurrent).as("the sample").isNull();
    }
}
