package io.kpiengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.RecordBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupStateTest {

    static final GroupSpec BY_CHANNEL_REGION = new GroupSpec("ts", List.of("channel", "region"));

    static List<MeasureSpec> measures() {
        return List.of(
                MeasureSpec.of("visitors_sum", AggKind.SUM, "visitors"),
                MeasureSpec.of("visitors_cnt", AggKind.COUNT, "visitors"),
                MeasureSpec.of("rows", AggKind.COUNT, null),
                MeasureSpec.of("ids", AggKind.COUNT_DISTINCT, "id"),
                MeasureSpec.of("channels", AggKind.COUNT_DISTINCT, "channel"),
                MeasureSpec.of("visitor_values", AggKind.COUNT_DISTINCT, "visitors"),
                MeasureSpec.of("price_values", AggKind.COUNT_DISTINCT, "price"),
                MeasureSpec.of("rev_min", AggKind.MIN, "revenue"),
                MeasureSpec.of("rev_max", AggKind.MAX, "revenue"),
                MeasureSpec.of("rev_sum", AggKind.SUM, "revenue"),
                MeasureSpec.of("rev_avg", AggKind.AVG, "revenue"),
                MeasureSpec.of("price_sum", AggKind.SUM, "price"),
                MeasureSpec.of("price_avg", AggKind.AVG, "price"),
                MeasureSpec.of("price_min", AggKind.MIN, "price"),
                MeasureSpec.of("visitors_max", AggKind.MAX, "visitors"),
                new MeasureSpec("price_med", AggKind.QUANTILE, "price", null, null, 0.5, RowFilter.ALL),
                new MeasureSpec("price_p90", AggKind.QUANTILE, "price", null, null, 0.9, RowFilter.ALL),
                new MeasureSpec("price_first", AggKind.FIRST, "price", null, "ts", Double.NaN, RowFilter.ALL),
                new MeasureSpec("rev_last", AggKind.LAST, "revenue", null, "ts", Double.NaN, RowFilter.ALL),
                new MeasureSpec("price_wavg", AggKind.WEIGHTED_AVG, "price", "visitors", null, Double.NaN,
                        RowFilter.ALL),
                MeasureSpec.of("price_std", AggKind.STDDEV, "price"),
                MeasureSpec.of("rev_var_pop", AggKind.VARIANCE_POP, "revenue"),
                MeasureSpec.of("visitors_cv", AggKind.CV, "visitors"));
    }

    static GroupState newState() {
        return new GroupState(BY_CHANNEL_REGION, measures(), TestData.SCHEMA, TestData.days(9));
    }

    static GroupState onePass(List<RecordBatch> batches) {
        GroupState s = newState();
        batches.forEach(s::add);
        return s;
    }

    /** Slot of each (period, dims) key. */
    static Map<String, Integer> keys(GroupState s) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < s.slots(); i++) {
            out.put(s.period(i) + "|" + s.dimensionValues(i), i);
        }
        return out;
    }

    /** Asserts two states hold the same groups and values (compensated sums within 4u * sum |x|). */
    static void assertSameState(GroupState expected, GroupState actual, String context) {
        Map<String, Integer> e = keys(expected);
        Map<String, Integer> a = keys(actual);
        assertThat(a.keySet()).as(context).isEqualTo(e.keySet());
        for (Map.Entry<String, Integer> entry : e.entrySet()) {
            int se = entry.getValue();
            int sa = a.get(entry.getKey());
            assertThat(actual.rows(sa)).as(context).isEqualTo(expected.rows(se));
            for (MeasureSpec m : expected.measures()) {
                Accumulator ea = expected.accumulator(m.id());
                Accumulator aa = actual.accumulator(m.id());
                String where = context + " " + m.id() + " at " + entry.getKey();
                assertThat(aa.count(sa)).as(where).isEqualTo(ea.count(se));
                if (ea.count(se) == 0) {
                    continue;
                }
                assertThat(aa.exact(sa)).as(where).isEqualTo(ea.exact(se));
                boolean compensated = m.id().startsWith("price_sum") || m.id().startsWith("price_avg")
                        || m.id().equals("price_wavg") || m.id().equals("price_std") || m.id().equals("rev_var_pop")
                        || m.id().equals("visitors_cv");
                if (Double.isNaN(ea.value(se))) {
                    assertThat(aa.value(sa)).as(where).isNaN();
                } else if (compensated) {
                    assertThat(aa.value(sa)).as(where).isCloseTo(ea.value(se),
                            org.assertj.core.api.Assertions.offset(1e-9 * Math.abs(ea.value(se)) + 1e-9));
                } else {
                    assertThat(aa.value(sa)).as(where).isEqualTo(ea.value(se));
                }
            }
        }
    }

    @Test
    void merge_ofRandomPartitions_equalsOnePass_1000Cases() {
        for (int c = 0; c < 1000; c++) {
            long seed = 1000L + c;
            Random r = new Random(seed);
            List<TestData.Row> rows = TestData.rows(seed, 20 + r.nextInt(300));
            List<RecordBatch> batches = TestData.batches(rows, seed, 64);
            GroupState whole = onePass(batches);
            int parts = 1 + r.nextInt(5);
            List<GroupState> partials = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                partials.add(newState());
            }
            for (RecordBatch b : batches) {
                partials.get(r.nextInt(parts)).add(b);
            }
            // merge in a random tree order
            while (partials.size() > 1) {
                GroupState x = partials.remove(r.nextInt(partials.size()));
                GroupState y = partials.remove(r.nextInt(partials.size()));
                y.mergeFrom(x);
                partials.add(y);
            }
            assertSameState(whole, partials.get(0), "seed " + seed);
        }
    }

    @Test
    void writeThenRead_restoresState_andMergedStatesEqualStateOfConcatenation() throws IOException {
        List<TestData.Row> rows = TestData.rows(7, 3000);
        List<RecordBatch> a = TestData.batches(rows.subList(0, 1700), 1, 500);
        List<RecordBatch> b = TestData.batches(rows.subList(1700, 3000), 2, 500);
        GroupState stateA = onePass(a);
        GroupState restoredA = roundTrip(stateA);
        assertSameState(stateA, restoredA, "round trip");
        GroupState stateB = onePass(b);
        restoredA.mergeFrom(roundTrip(stateB));
        List<RecordBatch> all = new ArrayList<>(a);
        all.addAll(b);
        assertSameState(onePass(all), restoredA, "A + B");
    }

    static GroupState roundTrip(GroupState s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.write(new DataOutputStream(bytes));
        GroupState back = newState();
        back.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return back;
    }

    @Test
    void rowsWithoutTime_areCountedNotAggregated() {
        RecordBatch batch = RecordBatch.builder(TestData.SCHEMA, "t")
                .addRow(null, "email", "R1", 5L, BigDecimal.ONE, 1.0, "O1")
                .addRow(java.time.Instant.parse("2025-01-01T00:00:00Z"), "email", "R1", 7L, BigDecimal.ONE, 1.0, "O2")
                .build();
        GroupState s = newState();
        s.add(batch);
        assertThat(s.rowsWithoutPeriod()).isEqualTo(1);
        assertThat(s.rowsSeen()).isEqualTo(2);
        assertThat(s.slots()).isEqualTo(1);
        assertThat(s.accumulator("visitors_sum").value(0)).isEqualTo(7.0);
    }

    @Test
    void exactSum_overflow_throwsInsteadOfWrapping() {
        RecordBatch batch = RecordBatch.builder(TestData.SCHEMA, "t")
                .addRow(java.time.Instant.EPOCH, "email", "R1", Long.MAX_VALUE, null, null, null)
                .addRow(java.time.Instant.EPOCH, "email", "R1", 1L, null, null, null)
                .build();
        GroupState s = newState();
        assertThatThrownBy(() -> s.add(batch)).isInstanceOf(ArithmeticException.class)
                .hasMessage("metric 'visitors_sum': the exact sum of column 'visitors' overflows 64 bits in the batch"
                        + " starting at row 1; declare the column as decimal (a double sum, exact to about 15 digits)");
    }

    @Test
    void exactSum_overflowWhenMergingPartitions_namesMetricColumnAndFix() {
        GroupState a = newState();
        a.add(RecordBatch.builder(TestData.SCHEMA, "t")
                .addRow(java.time.Instant.EPOCH, "email", "R1", Long.MAX_VALUE, null, null, null).build());
        GroupState b = newState();
        b.add(RecordBatch.builder(TestData.SCHEMA, "t")
                .addRow(java.time.Instant.EPOCH, "email", "R1", 1L, null, null, null).build());
        assertThatThrownBy(() -> a.mergeFrom(b)).isInstanceOf(ArithmeticException.class)
                .hasMessage("metric 'visitors_sum': the exact sum of column 'visitors' overflows 64 bits when the"
                        + " partial sums of threads, files or runs are added; declare the column as decimal (a double"
                        + " sum, exact to about 15 digits)");
    }

    @Test
    void doubleSum_isWithinStatedBoundOfExactSum() {
        Random r = new Random(3);
        List<TestData.Row> rows = new ArrayList<>();
        BigDecimal exact = BigDecimal.ZERO;
        double abs = 0;
        for (int i = 0; i < 100_000; i++) {
            double x = (r.nextBoolean() ? 1e12 : 1e-3) * r.nextGaussian();
            exact = exact.add(new BigDecimal(x));
            abs += Math.abs(x);
            rows.add(new TestData.Row(0, "email", "R1", null, null, x, null));
        }
        GroupState s = onePass(TestData.batches(rows, 4, 4096));
        double ours = s.accumulator("price_sum").value(0);
        double u = Math.ulp(1.0) / 2;
        assertThat(Math.abs(new BigDecimal(ours).subtract(exact).doubleValue())).isLessThanOrEqualTo(4 * u * abs);
    }

    @Test
    void combine_mergesSlotsOfAWindow() {
        List<RecordBatch> batches = TestData.batches(TestData.rows(11, 2000), 11, 300);
        GroupState s = onePass(batches);
        int[] all = new int[s.slots()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        GroupState total = new GroupState(new GroupSpec("ts", List.of()), measures(), TestData.SCHEMA,
                TestData.days(0, Integer.MAX_VALUE));
        batches.forEach(total::add);
        Accumulator ids = s.combine("ids", all, all.length);
        assertThat(ids.count(0)).isEqualTo(total.accumulator("ids").count(0));
        Accumulator med = s.combine("price_med", all, all.length);
        assertThat(med.value(0)).isEqualTo(total.accumulator("price_med").value(0));
    }
}
