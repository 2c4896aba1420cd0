package io.kpiengine.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.analysis.MissingPolicy;
import io.kpiengine.core.KpiEngine;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.DataSource;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Improvement points on generated data with known answers: the shop's email visitors fall 40 % in the last week
 * (an unusual change, the top detractor of the total, and, as the leading indicator of total revenue two weeks
 * ahead, an early warning); a level shift three weeks before the end (a trend break). The robust z is recomputed
 * here from its definition: {@code (d_L - median) / (1.4826 MAD)} over the 12 changes before the last.
 */
class ImprovementQueryTest {

    static final KpiResults R = LeadLagQueryTest.RESULTS;
    static final Map<String, String> EMAIL = Map.of("channel", "email");

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void improvementPoints_shop_rankTheEmailFallWithItsRobustZ() {
        ImprovementPoints found = R.improvementPoints().run();

        double[] v = LeadLagQueryTest.column("email", 0);
        double[] before = new double[12];
        for (int i = 0; i < 12; i++) {
            before[i] = v[47 + i] - v[46 + i];
        }
        double med = median(before);
        double[] dev = Arrays.stream(before).map(d -> Math.abs(d - med)).toArray();
        double z = (v[59] - v[58] - med) / (1.482602218505602 * median(dev));

        ImprovementPoint fall = found.points(ImprovementPoint.UNUSUAL_CHANGE).stream()
                .filter(p -> p.metric().equals("visitors") && p.segment().equals(EMAIL)).findFirst().orElseThrow();
        assertThat(fall.score()).isCloseTo(Math.abs(z), within(1e-9));
        assertThat(fall.numbers().get("z")).isCloseTo(z, within(1e-9));
        assertThat(fall.numbers()).containsEntry("before", v[58]).containsEntry("after", v[59])
                .containsEntry("window", 12.0);
        assertThat(fall.period()).isEqualTo(Fixture.week(59));
        assertThat(fall.summary()).startsWith("visitors (channel=email) fell 40.0 % from 2025-W07 to 2025-W08 (");
        assertThat(found.last()).hasValue(Fixture.week(59));
        assertThat(found.points()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(found.points(ImprovementPoint.UNUSUAL_CHANGE)).noneMatch(p -> p.metric().equals("visitors")
                && !p.segment().equals(EMAIL));
    }

    @Test
    void improvementPoints_shop_nameEmailAsTheTopDetractorOfTheTotal() {
        ImprovementPoint top = R.improvementPoints().metrics("visitors").run()
                .points(ImprovementPoint.CHANGE_CONTRIBUTOR).get(0);

        double change = 0;
        for (String c : List.of("email", "search", "social")) {
            double[] v = LeadLagQueryTest.column(c, 0);
            change += v[59] - v[58];
        }
        double[] email = LeadLagQueryTest.column("email", 0);
        assertThat(top.segment()).isEqualTo(EMAIL);
        assertThat(top.numbers().get("amount")).isEqualTo(email[59] - email[58]);
        assertThat(top.numbers().get("totalChange")).isEqualTo(change);
        assertThat(top.numbers().get("share")).isCloseTo((email[59] - email[58]) / change, within(1e-12));
        assertThat(top.summary()).startsWith("channel=email made ").contains(" of the fall of visitors from 2025-W07"
                + " to 2025-W08");
    }

    @Test
    void improvementPoints_shop_warnThatTotalRevenueWillFallAfterEmail() {
        List<ImprovementPoint> leading = R.improvementPoints().metrics("total_revenue").run()
                .points(ImprovementPoint.LEADING_INDICATOR);

        assertThat(leading).hasSize(1);
        ImprovementPoint w = leading.get(0);
        assertThat(w.metric()).isEqualTo("total_revenue");
        assertThat(w.numbers().get("lead")).isEqualTo(2.0);
        assertThat(w.numbers().get("leadingChange")).isCloseTo(-0.4, within(0.001));
        assertThat(w.numbers().get("expectedHigh")).isNegative();
        assertThat(w.numbers().get("grangerP")).isLessThan(0.05);
        assertThat(w.summary()).startsWith("visitors (channel=email) fell 40.0 % in the last week; total_revenue is"
                + " expected to fall ").contains("in 2 weeks (lead 2 weeks, R² ");
        assertThat(w.score()).isCloseTo(1.959963984540054 * Math.abs(w.numbers().get("expectedChange"))
                / ((w.numbers().get("expectedHigh") - w.numbers().get("expectedLow")) / 2), within(1e-9));
    }

    @Test
    void improvementPoints_recentLevelShift_isATrendBreakAtItsFirstPeriod() {
        Random random = new Random(5);
        long[] revenue = new long[40];
        for (int w = 0; w < 40; w++) {
            revenue[w] = Math.round(1000 + 5 * w + (w >= 37 ? -300 : 0) + 15 * random.nextGaussian());
        }
        long[] ones = new long[40];
        Arrays.fill(ones, 1);
        KpiResults r = new Fixture().channel("email", ones, ones, revenue).results();

        List<ImprovementPoint> breaks = r.improvementPoints().metrics("revenue").run()
                .points(ImprovementPoint.TREND_BREAK);

        assertThat(breaks).hasSize(1);
        ImprovementPoint b = breaks.get(0);
        assertThat(b.period()).isEqualTo(Fixture.week(37));
        assertThat(b.numbers().get("periodsAfter")).isEqualTo(3.0);
        assertThat(b.numbers().get("shift")).isCloseTo(-300, within(60.0));
        assertThat(b.summary()).contains("shifted down");
        // a steady trend alone is no break
        long[] steady = new long[40];
        for (int w = 0; w < 40; w++) {
            steady[w] = Math.round(1000 + 5 * w + 15 * random.nextGaussian());
        }
        assertThat(new Fixture().channel("email", ones, ones, steady).results().improvementPoints().metrics("revenue")
                .run().points(ImprovementPoint.TREND_BREAK)).isEmpty();
    }

    @Test
    void improvementPoints_detectorsAndGaps_areRankedAndNoted() {
        KpiResults r = TrendQueryTest.step().results();
        ImprovementDetector gaps = results -> List.of(new ImprovementPoint("gap-to-target", "revenue", EMAIL,
                Fixture.week(29), 99, "gap to the target of 900", "revenue is 12 % below its target",
                Map.of("target", 900.0)));

        ImprovementPoints found = r.improvementPoints().metrics("avg_revenue", "revenue").detector(gaps).run();

        assertThat(found.points().get(0).kind()).isEqualTo("gap-to-target");
        assertThat(found.notes()).anyMatch(n -> n.startsWith("avg_revenue (channel=email): no value in 2024-W06"
                + " (NO_ROWS: ") && n.endsWith("between periods with values; not checked"
                + " (MissingPolicy.INTERPOLATE fills such gaps)"));
        assertThat(r.improvementPoints().metrics("avg_revenue").missing(MissingPolicy.INTERPOLATE).run().notes())
                .noneMatch(n -> n.contains("2024-W06"));
        assertThatThrownBy(() -> r.improvementPoints().missing(MissingPolicy.DROP).run())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImprovementPoint("Gap", "m", Map.of(), Fixture.week(1), 1, "s", "s", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A daily source {@code s} of one integer column and a catalog at a grain with its sum {@code id}. */
    private static Catalog.Builder oneSum(Grain grain, String id) {
        Schema schema = Schema.of(Column.of("day", ColumnType.DATE), Column.of(id, ColumnType.INTEGER));
        return Catalog.builder().zone(ZoneOffset.UTC).grain(grain)
                .source(DataSource.builder("s").schema(schema).timeColumn("day").build())
                .metric(Metric.measure(id).sum(id).unit("count").build());
    }

    /**
     * The improvement points of one value per step from a first day ({@code step} days, or a month when 0), with the
     * clock in 2030 (every period complete).
     */
    private static ImprovementPoints points(Catalog c, LocalDate first, int step, long[] values) {
        MemorySource.Builder rows = MemorySource.builder(c.source("s").orElseThrow().schema()).name("s");
        for (int i = 0; i < values.length; i++) {
            rows.row(step == 0 ? first.plusMonths(i) : first.plusDays((long) step * i), values[i]);
        }
        return KpiEngine.builder().catalog(c).clock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"),
                ZoneOffset.UTC)).build().evaluate(Map.of("s", rows.build())).improvementPoints().run();
    }

    /**
     * A period-to-date metric drops at each restart by construction (fiscal YTD each July, found on the public
     * champagne sales as a "trend break" of 49 sigma): it is noted, not scored, while the metric it accumulates is.
     */
    @Test
    void improvementPoints_periodToDateMetric_isNotedNotScored() {
        Catalog c = oneSum(Grain.MONTH, "sales")
                .metric(Metric.derived("ytd").formula("to_date(sales, year)").unit("count").build())
                .metric(Metric.derived("ytd_k").formula("to_date(sales, year) / 1000").build())
                .build();
        long[] monthly = new long[27];   // 2023-01 to 2025-03: the last three months after a restart
        Random random = new Random(3);
        for (int m = 0; m < monthly.length; m++) {
            monthly[m] = Math.round(1000 + 20 * random.nextGaussian());
        }
        ImprovementPoints found = points(c, LocalDate.of(2023, 1, 1), 0, monthly);

        assertThat(found.points()).extracting(ImprovementPoint::metric).doesNotContain("ytd", "ytd_k");
        assertThat(found.notes()).anyMatch(n -> n.startsWith("ytd: a period-to-date metric restarts at each year"))
                .anyMatch(n -> n.startsWith("ytd_k: a period-to-date metric restarts at each year"))
                .noneMatch(n -> n.startsWith("sales: a period-to-date"));
    }

    /**
     * A week of three days (a file that ends on a Wednesday) falls unusually: the point says the period may be cut
     * short, with its rows and the median rows before (the public daily-visitors file at week grain).
     */
    @Test
    void improvementPoints_unusualFallOfAThinPeriod_saysItMayBeCutShort() {
        Catalog c = oneSum(Grain.WEEK, "visits").build();
        java.util.function.BiFunction<Integer, Double, ImprovementPoints> upTo = (days, lastWeek) -> {
            Random r = new Random(11);
            long[] daily = new long[days];
            for (int d = 0; d < days; d++) {
                daily[d] = Math.round((d >= days - 7 ? lastWeek : 1) * (1000 + 30 * r.nextGaussian()));
            }
            return points(c, LocalDate.of(2025, 1, 6), 1, daily);
        };
        ImprovementPoint fall = upTo.apply(13 * 7 + 3, 1.0).points(ImprovementPoint.UNUSUAL_CHANGE).get(0);
        assertThat(fall.summary()).contains(" fell ").endsWith("; but 2025-W15 holds 3 rows against a median of 7 in"
                + " the weeks before: its data may be cut short (a file that ends inside it)");
        assertThat(fall.numbers()).containsEntry("rows", 3.0).containsEntry("rowsMedianBefore", 7.0);
        // a full week that falls as much is a fall, not a short period
        ImprovementPoint full = upTo.apply(14 * 7, 0.4).points(ImprovementPoint.UNUSUAL_CHANGE).get(0);
        assertThat(full.summary()).contains(" fell ").doesNotContain("cut short");
        assertThat(full.numbers()).doesNotContainKey("rows");
    }
}
