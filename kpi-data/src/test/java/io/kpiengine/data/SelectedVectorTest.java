package io.kpiengine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Vector#select} and {@link RecordBatch#select} return views over the same storage instead of copies. A
 * view must be indistinguishable from a batch built from the selected values: every accessor, the bulk copies,
 * the null masks, equality and hashing, views of views, repeated rows, and independence from later changes to the
 * caller's row array. The oracle is {@link RecordBatch.Builder} fed with the selected rows' boxed values.
 */
class SelectedVectorTest {

    private static final Schema SCHEMA = RecordBatchTest.EVERY_TYPE;

    private static RecordBatch randomBatch(SplittableRandom random, int n, Dictionary dict) {
        RecordBatch.Builder b = RecordBatch.builder(SCHEMA, "mem").dictionary("channel", dict);
        for (int i = 0; i < n; i++) {
            boolean[] missing = new boolean[8];
            for (int c = 0; c < 8; c++) {
                missing[c] = random.nextInt(10) == 0;
            }
            b.addRowAt(100 + 3L * i,
                    missing[0] ? null : Instant.ofEpochSecond(random.nextLong(0, 2_000_000_000L)),
                    missing[1] ? null : "c" + random.nextInt(5),
                    missing[2] ? null : random.nextLong(-1000, 1000),
                    missing[3] ? null : BigDecimal.valueOf(random.nextLong(-100_000, 100_000), 2),
                    missing[4] ? null : random.nextDouble() * 100,
                    missing[5] ? null : LocalDate.ofEpochDay(random.nextInt(20_000)),
                    missing[6] ? null : random.nextBoolean(),
                    missing[7] ? null : "n" + random.nextInt(1000));
        }
        return b.build();
    }

    /** The selected rows built from scratch by the builder: what a view must equal. */
    private static RecordBatch oracle(RecordBatch b, int[] rows, int count, Dictionary dict) {
        RecordBatch.Builder out = RecordBatch.builder(SCHEMA, "mem").dictionary("channel", dict);
        for (int i = 0; i < count; i++) {
            Object[] values = new Object[SCHEMA.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = b.column(c).getObject(rows[i]);
            }
            out.addRowAt(b.rowNumber(rows[i]), values);
        }
        return out.build();
    }

    private static void assertSame(RecordBatch view, RecordBatch expected, String what) {
        assertThat(view.size()).as(what).isEqualTo(expected.size());
        int n = view.size();
        for (int c = 0; c < SCHEMA.size(); c++) {
            Vector v = view.column(c);
            Vector e = expected.column(c);
            String col = what + ", column " + SCHEMA.column(c).name();
            assertThat(v).as(col).isEqualTo(e);
            assertThat(e).as(col).isEqualTo(v);
            assertThat(v.hashCode()).as(col).isEqualTo(e.hashCode());
            assertThat(v.nullCount()).as(col).isEqualTo(e.nullCount());
            assertThat(v.nullMask()).as(col).isEqualTo(e.nullMask());
            for (int r = 0; r < n; r++) {
                assertThat(v.getObject(r)).as(col + ", row " + r).isEqualTo(e.getObject(r));
            }
            // bulk copies of an inner range, at an offset in the destination
            int from = n / 3;
            int len = n - from - n / 4;
            if (v instanceof LongVector lv) {
                long[] got = new long[len + 2];
                long[] want = new long[len + 2];
                lv.copyTo(from, got, 2, len);
                ((LongVector) e).copyTo(from, want, 2, len);
                assertThat(masked(got, e, from, 2)).as(col).isEqualTo(masked(want, e, from, 2));
            } else if (v instanceof DecimalVector dv) {
                long[] got = new long[len + 2];
                long[] want = new long[len + 2];
                dv.copyTo(from, got, 2, len);
                ((DecimalVector) e).copyTo(from, want, 2, len);
                assertThat(masked(got, e, from, 2)).as(col).isEqualTo(masked(want, e, from, 2));
            } else if (v instanceof DoubleVector dv) {
                double[] got = new double[len];
                double[] want = new double[len];
                dv.copyTo(from, got, 0, len);
                ((DoubleVector) e).copyTo(from, want, 0, len);
                for (int i = 0; i < len; i++) {
                    if (!e.isNull(from + i)) {
                        assertThat(got[i]).as(col).isEqualTo(want[i]);
                    }
                }
            } else if (v instanceof CategoryVector cv) {
                int[] got = new int[len];
                cv.copyTo(from, got, 0, len);
                for (int i = 0; i < len; i++) {
                    if (!e.isNull(from + i)) {
                        assertThat(got[i]).as(col).isEqualTo(((CategoryVector) e).code(from + i));
                    }
                }
            }
        }
        for (int r = 0; r < n; r++) {
            assertThat(view.rowNumber(r)).as(what).isEqualTo(expected.rowNumber(r));
        }
        long[] numbers = new long[n];
        view.copyRowNumbers(0, numbers, 0, n);
        for (int r = 0; r < n; r++) {
            assertThat(numbers[r]).as(what).isEqualTo(expected.rowNumber(r));
        }
    }

    /** Values of missing rows are unspecified: zero them in both arrays before comparing. */
    private static long[] masked(long[] a, Vector e, int from, int offset) {
        long[] out = a.clone();
        for (int i = offset; i < out.length; i++) {
            if (e.isNull(from + i - offset)) {
                out[i] = 0;
            }
        }
        return out;
    }

    @Test
    void views_equalBatchesBuiltFromTheSelectedValues_includingViewsOfViews() {
        long seed = 7_2026_1127L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 60; round++) {
            Dictionary dict = new Dictionary();
            int n = 1 + random.nextInt(300);
            RecordBatch batch = randomBatch(random, n, dict);
            // ascending with gaps (what cleaning does), or any order with repeats
            int[] rows = new int[n + 5];
            int count = 0;
            if (random.nextBoolean()) {
                for (int r = 0; r < n; r++) {
                    if (random.nextInt(10) != 0) {
                        rows[count++] = r;
                    }
                }
            } else {
                count = random.nextInt(n + 5);
                for (int i = 0; i < count; i++) {
                    rows[i] = random.nextInt(n);
                }
            }
            String what = "seed " + seed + ", round " + round;
            RecordBatch view = batch.select(rows, count);
            RecordBatch expected = oracle(batch, rows, count, dict);
            assertSame(view, expected, what);
            // a view of the view
            if (count > 0) {
                int[] again = new int[count / 2 + 1];
                for (int i = 0; i < again.length; i++) {
                    again[i] = random.nextInt(count);
                }
                if (random.nextBoolean()) {
                    // ascending without repeats: a filter of the view
                    again = java.util.Arrays.stream(again).distinct().sorted().toArray();
                }
                assertSame(view.select(again, again.length), oracle(expected, again, again.length, dict),
                        what + ", view of view");
            }
            // the view keeps its own positions: changing the caller's array afterwards changes nothing
            java.util.Arrays.fill(rows, 0);
            assertSame(view, expected, what + ", after the row array changed");
        }
    }

    @Test
    void select_singleVector_isAView_withTheSameAnswers() {
        LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {10, 20, 30, 40}, new long[] {0b0100L}, 4);
        LongVector s = v.select(new int[] {3, 2, 2, 0}, 4);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.get(0)).isEqualTo(40);
        assertThat(s.isNull(1)).isTrue();
        assertThat(s.isNull(2)).isTrue();
        assertThat(s.get(3)).isEqualTo(10);
        assertThat(s).isEqualTo(LongVector.wrap(ColumnType.INTEGER, new long[] {40, 0, 0, 10}, new long[] {0b0110L}, 4));
        TextVector t = TextVector.wrap(new String[] {"a", null, "c"}, 3).select(new int[] {2, 1}, 2);
        assertThat(t.get(0)).isEqualTo("c");
        assertThat(t.isNull(1)).isTrue();
        assertThat(t).isEqualTo(TextVector.wrap(new String[] {"c", null}, 2));
    }

    @Test
    void select_outOfRange_namesTheRow_andCountBeyondTheArrayIsRefused() {
        LongVector v = LongVector.wrap(ColumnType.INTEGER, new long[] {1, 2, 3}, null, 3);
        assertThatThrownBy(() -> v.select(new int[] {0, 3}, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> v.select(new int[] {0}, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        RecordBatch b = RecordBatch.builder(Schema.of(Column.of("x", ColumnType.INTEGER)), "m").addRow(1L).build();
        assertThatThrownBy(() -> b.select(new int[] {-1}, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("-1");
        LongVector s = v.select(new int[] {2, 0}, 2);
        assertThatThrownBy(() -> s.copyTo(1, new long[1], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.copyTo(0, new long[1], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void withColumns_keepsRowsAndRowNumbers_andChecksTheVectors() {
        Schema one = Schema.of(Column.of("x", ColumnType.INTEGER));
        RecordBatch b = RecordBatch.builder(one, "m").addRowAt(7, 1L).addRowAt(9, 2L).build();
        Schema text = Schema.of(Column.of("x", ColumnType.TEXT));
        RecordBatch t = b.withColumns(text, List.of(TextVector.wrap(new String[] {"a", "b"}, 2)), List.of());
        assertThat(t.schema()).isEqualTo(text);
        assertThat(t.rowNumber(1)).isEqualTo(9L);
        assertThat(t.row(0).get("x")).isEqualTo("a");
        List<Vector> wrongSize = new ArrayList<>(List.of(TextVector.wrap(new String[] {"a"}, 1)));
        assertThatThrownBy(() -> b.withColumns(text, wrongSize, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'x' has 1 rows, but the batch has 2");
        assertThatThrownBy(() -> b.withColumns(one, List.of(TextVector.wrap(new String[] {"a", "b"}, 2)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'x' is");
    }
}
