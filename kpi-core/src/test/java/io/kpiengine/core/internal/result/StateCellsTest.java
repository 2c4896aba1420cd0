package io.kpiengine.core.internal.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.KpiValue;
import io.kpiengine.core.NoValueReason;
import io.kpiengine.core.internal.AggKind;
import io.kpiengine.core.internal.GroupSpec;
import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.PlannedMetric;
import io.kpiengine.core.internal.PlannedMetric.Policy;
import io.kpiengine.core.internal.SourceState;
import io.kpiengine.core.internal.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures and ratios over sets of periods, against sums and counts taken directly from the generated rows
 * (a row belongs to day {@code floor(ts / 1 day)}, UTC).
 */
class StateCellsTest {

    static final List<String> BY_CHANNEL = List.of("channel");
    static final long DAY_MICROS = 86_400_000_000L;

    static PlannedMetric measure(String id, AggKind kind, String column, Policy empty) {
        return PlannedMetric.measure(MeasureSpec.of(id, kind, column), "events", "ts", BY_CHANNEL, empty);
    }

    static final PlannedMetric VISITORS = measure("visitors", AggKind.SUM, "visitors", Policy.NO_VALUE);
    static final PlannedMetric ROWS = measure("rows", AggKind.COUNT, null, Policy.NO_VALUE);
    static final PlannedMetric PER_ROW = PlannedMetric.ratio("per_row", "visitors", "rows", 1, BY_CHANNEL,
            Policy.NO_VALUE, Policy.NO_VALUE);
    static final PlannedMetric VISITORS_OR_ZERO = measure("visitors0", AggKind.SUM, "visitors", Policy.ZERO);
    static final Map<String, PlannedMetric> METRICS = Map.of("visitors", VISITORS, "rows", ROWS, "per_row", PER_ROW,
            "visitors0", VISITORS_OR_ZERO);

    final List<TestData.Row> rows = TestData.rows(7, 4000);
    final long firstDay = rows.stream().mapToLong(r -> Math.floorDiv(r.tsMicros(), DAY_MICROS)).min().orElseThrow();
    final long lastDay = rows.stream().mapToLong(r -> Math.floorDiv(r.tsMicros(), DAY_MICROS)).max().orElseThrow();
    final RangePlan ranges = new RangePlan(firstDay, lastDay, firstDay, firstDay);
    final CellPolicies policies = new CellPolicies(RangePlanTest.DAYS, ranges);
    final StateCells cells = new StateCells(Map.of("events", state()), METRICS::get, ranges, policies);

    SourceState state() {
        List<MeasureSpec> specs = List.of(
                MeasureSpec.of(PlannedMetric.instanceId("visitors", BY_CHANNEL), AggKind.SUM, "visitors"),
                MeasureSpec.of(PlannedMetric.instanceId("rows", BY_CHANNEL), AggKind.COUNT, null),
                MeasureSpec.of(PlannedMetric.instanceId("visitors0", BY_CHANNEL), AggKind.SUM, "visitors"));
        GroupState g = new GroupState(new GroupSpec("ts", BY_CHANNEL), specs, TestData.SCHEMA, TestData.days(0));
        SourceState s = new SourceState("events", TestData.SCHEMA, List.of(g));
        TestData.batches(rows, 7, 700).forEach(s::add);
        s.finish();
        return s;
    }

    /** Sum of visitors and count of rows of a channel over days {@code from..to}, straight from the rows. */
    long[] direct(String channel, long from, long to) {
        long sum = 0;
        long count = 0;
        for (TestData.Row r : rows) {
            long day = Math.floorDiv(r.tsMicros(), DAY_MICROS);
            if (channel.equals(r.channel()) && day >= from && day <= to) {
                count++;
                sum += r.visitors() == null ? 0 : r.visitors();
            }
        }
        return new long[] {sum, count};
    }

    @Test
    void measure_onePeriod_isTheSlotWithItsRowCount() {
        for (long day = firstDay; day <= lastDay; day++) {
            long[] expected = direct("email", day, day);
            StateCells.Cell rowsCell = cells.measure(ROWS, BY_CHANNEL, List.of("email"), day, day, "");
            assertThat(rowsCell.value().value()).as("day " + day).isEqualTo(expected[1]);
            assertThat(rowsCell.rows()).isEqualTo(expected[1]);
            assertThat(cells.measure(VISITORS, BY_CHANNEL, List.of("email"), day, day, "").value().value())
                    .isEqualTo(expected[0]);
        }
    }

    @Test
    void merged_ratioOverAWindow_isTheQuotientOfTheMergedSums() {
        long from = firstDay + 2;
        long to = firstDay + 8;
        for (String channel : TestData.CHANNELS) {
            long[] expected = direct(channel, from, to);
            KpiValue v = cells.merged(PER_ROW, BY_CHANNEL, List.of(channel), from, to, " in the window");
            assertThat(v.value()).as(channel).isEqualTo((double) expected[0] / expected[1]);
        }
    }

    @Test
    void measure_tupleWithoutRows_followsTheEmptyPolicy() {
        List<String> nobody = List.of("nobody");
        assertThat(cells.measure(VISITORS, BY_CHANNEL, nobody, firstDay, lastDay, " in the window").value())
                .isEqualTo(KpiValue.none(NoValueReason.NO_ROWS, "no rows in the window"));
        assertThat(cells.measure(VISITORS_OR_ZERO, BY_CHANNEL, nobody, firstDay, firstDay, "").value().value())
                .isZero();
        assertThat(cells.merged(PER_ROW, BY_CHANNEL, nobody, firstDay, firstDay, "").detail())
                .contains("numerator 'visitors' has no value: no rows");
    }

    @Test
    void quotient_zeroDenominator_namesTheDenominator() {
        KpiValue v = cells.quotient(PER_ROW, BY_CHANNEL, KpiValue.of(3), KpiValue.of(0), firstDay, List.of("web"), "");
        assertThat(v).isEqualTo(KpiValue.none(NoValueReason.ZERO_DENOMINATOR, "denominator 'rows' is 0"));
    }
}
