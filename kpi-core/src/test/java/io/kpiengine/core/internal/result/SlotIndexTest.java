package io.kpiengine.core.internal.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.core.internal.Accumulator;
import io.kpiengine.core.internal.AggKind;
import io.kpiengine.core.internal.GroupSpec;
import io.kpiengine.core.internal.GroupState;
import io.kpiengine.core.internal.MeasureSpec;
import io.kpiengine.core.internal.RowFilter;
import io.kpiengine.core.internal.TestData;
import io.kpiengine.data.RecordBatch;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The slot index, and the two coarser views issue 12 builds on: merging the slots a projected index gathers gives
 * the state grouped by fewer dimensions, and merging those a period map gathers gives the state of a coarser grain.
 * The oracle is a second {@link GroupState} aggregated directly at the coarser grouping or grain from the same rows.
 */
class SlotIndexTest {

    static final List<MeasureSpec> MEASURES = List.of(
            MeasureSpec.of("n", AggKind.COUNT, null),
            MeasureSpec.of("visitors", AggKind.SUM, "visitors"),
            MeasureSpec.of("revenue", AggKind.SUM, "revenue"),
            MeasureSpec.of("ids", AggKind.COUNT_DISTINCT, "id"),
            MeasureSpec.of("price_max", AggKind.MAX, "price"),
            new MeasureSpec("price_med", AggKind.QUANTILE, "price", null, null, 0.5, RowFilter.ALL),
            new MeasureSpec("rev_last", AggKind.LAST, "revenue", null, "ts", Double.NaN, RowFilter.ALL));

    static GroupState state(List<String> dims, int daysPerPeriod, List<RecordBatch> batches) {
        GroupState g = new GroupState(new GroupSpec("ts", dims), MEASURES, TestData.SCHEMA,
                TestData.days(0, daysPerPeriod));
        batches.forEach(g::add);
        g.finish();
        return g;
    }

    static long minPeriod(GroupState g) {
        long min = Long.MAX_VALUE;
        for (int s = 0; s < g.slots(); s++) {
            min = Math.min(min, g.period(s));
        }
        return min;
    }

    static long maxPeriod(GroupState g) {
        long max = Long.MIN_VALUE;
        for (int s = 0; s < g.slots(); s++) {
            max = Math.max(max, g.period(s));
        }
        return max;
    }

    /** Every measure of {@code oracle}'s slot equals the merge of {@code slots} of {@code fine}. */
    static void assertMergeEquals(GroupState fine, int[] slots, GroupState oracle, int oracleSlot, String where) {
        for (MeasureSpec m : MEASURES) {
            Accumulator expected = oracle.accumulator(m.id());
            Accumulator merged = fine.combine(m.id(), slots, slots.length);
            assertThat(merged.count(0)).as(where + " " + m.id()).isEqualTo(expected.count(oracleSlot));
            if (expected.count(oracleSlot) > 0) {
                assertThat(merged.exact(0)).as(where + " " + m.id()).isEqualTo(expected.exact(oracleSlot));
                if (m.kind() == AggKind.SUM && m.column().equals("revenue")) {
                    continue;   // exact decimal: compared above
                }
                assertThat(merged.value(0)).as(where + " " + m.id()).isEqualTo(expected.value(oracleSlot));
            }
        }
    }

    @Test
    void slots_ownDimensions_oneSlotPerTupleAndPeriod() {
        GroupState g = state(List.of("channel", "region"), 1, TestData.batches(TestData.rows(1, 3000), 2, 300));
        long start = minPeriod(g);
        int count = (int) (maxPeriod(g) - start + 1);
        SlotIndex index = SlotIndex.of(g, start, count);
        for (int s = 0; s < g.slots(); s++) {
            assertThat(index.slots(g.dimensionValues(s), g.period(s), g.period(s))).containsExactly(s);
        }
        assertThat(index.tuples()).isSortedAccordingTo(Tuples.ORDER).doesNotHaveDuplicates();
        assertThat(index.slots(List.of("nowhere", "R0"), start, start)).isEmpty();
    }

    @Test
    void slots_projectedToFewerDimensions_mergeEqualsStateGroupedByThem() {
        for (long seed = 1; seed <= 5; seed++) {
            List<RecordBatch> batches = TestData.batches(TestData.rows(seed, 2000), seed, 500);
            GroupState fine = state(List.of("channel", "region"), 1, batches);
            GroupState byRegion = state(List.of("region"), 1, batches);
            long start = minPeriod(fine);
            int count = (int) (maxPeriod(fine) - start + 1);
            SlotIndex projected = SlotIndex.of(fine, List.of("region"), LongUnaryOperator.identity(), start, count);
            assertThat(projected.tuples()).hasSize(SlotIndex.of(byRegion, start, count).tuples().size());
            for (int s = 0; s < byRegion.slots(); s++) {
                int[] slots = projected.slots(byRegion.dimensionValues(s), byRegion.period(s), byRegion.period(s));
                assertThat(slots).as("seed " + seed).isNotEmpty();
                assertMergeEquals(fine, slots, byRegion, s, "seed " + seed + " slot " + s);
            }
        }
    }

    @Test
    void slots_periodMapToCoarserGrain_mergeEqualsStateOfThatGrain() {
        for (long seed = 1; seed <= 5; seed++) {
            List<RecordBatch> batches = TestData.batches(TestData.rows(seed, 2000), seed, 500);
            GroupState days = state(List.of("channel"), 1, batches);
            GroupState threeDays = state(List.of("channel"), 3, batches);
            long start = minPeriod(threeDays);
            int count = (int) (maxPeriod(threeDays) - start + 1);
            SlotIndex regrained = SlotIndex.of(days, List.of("channel"), p -> Math.floorDiv(p, 3), start, count);
            for (int s = 0; s < threeDays.slots(); s++) {
                int[] slots = regrained.slots(threeDays.dimensionValues(s), threeDays.period(s),
                        threeDays.period(s));
                assertThat(slots.length).as("seed " + seed).isBetween(1, 3);
                assertMergeEquals(days, slots, threeDays, s, "seed " + seed + " slot " + s);
            }
        }
    }

    @Test
    void slots_periodRange_gathersEveryPeriodOfTheTuple() {
        GroupState g = state(List.of("channel"), 1, TestData.batches(TestData.rows(3, 1000), 3, 200));
        long start = minPeriod(g);
        int count = (int) (maxPeriod(g) - start + 1);
        SlotIndex index = SlotIndex.of(g, start, count);
        List<String> email = List.of("email");
        int expected = 0;
        for (int s = 0; s < g.slots(); s++) {
            if (g.dimensionValues(s).equals(email)) {
                expected++;
            }
        }
        assertThat(index.slots(email, start, start + count - 1)).hasSize(expected).isSorted();
    }

    @Test
    void of_rangeAfterTheData_keepsTuplesWithoutSlots() {
        GroupState g = state(List.of("channel"), 1, TestData.batches(TestData.rows(4, 200), 4, 50));
        long after = maxPeriod(g) + 10;
        SlotIndex index = SlotIndex.of(g, after, 5);
        assertThat(index.tuples()).isNotEmpty();
        assertThat(index.slots(index.tuples().get(0), after, after + 4)).isEmpty();
    }

    @Test
    void slots_outsideTheIndexedRange_throws() {
        GroupState g = state(List.of("channel"), 1, TestData.batches(TestData.rows(4, 200), 4, 50));
        SlotIndex index = SlotIndex.of(g, 100, 5);
        assertThatThrownBy(() -> index.slots(List.of("email"), 99, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periods 99..100 must be within the indexed range 100..104");
    }

    @Test
    void of_unknownDimension_throws() {
        GroupState g = state(List.of("channel"), 1, List.of());
        assertThatThrownBy(() -> SlotIndex.of(g, List.of("region"), LongUnaryOperator.identity(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimensions must be among the state's [channel], but 'region' is not");
    }
}
