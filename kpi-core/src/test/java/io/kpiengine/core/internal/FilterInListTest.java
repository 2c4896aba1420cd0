package io.kpiengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.core.metric.Filter;
import io.kpiengine.data.RecordBatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code in} lists of hundreds of thousands of values: reading, checking and compiling them is linear, counted in
 * bytes allocated (not timed), and the compiled filter keeps exactly the rows whose value is in the list (the
 * oracle is a {@link HashSet} over the generated rows).
 */
class FilterInListTest {

    private static final int ROWS = 20_000;

    /**
     * The bytes the current thread has allocated, from {@code com.sun.management.ThreadMXBean} (called reflectively:
     * this module does not read jdk.management).
     */
    private static long allocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes", e);
        }
    }

    /** The bytes the current thread allocates while reading, checking and compiling an n-value list. */
    private static long bytesToCompile(int n) {
        StringBuilder text = new StringBuilder("region in (");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "'" : ", '").append("R").append(i).append('\'');
        }
        String filter = text.append(')').toString();
        long before = allocated();
        Filter f = Filter.parse(filter);
        assertThat(f.problems(TestData.SCHEMA)).isEmpty();
        FilterCompiler.compile(f, TestData.SCHEMA).bind();
        return allocated() - before;
    }

    @Test
    void inList_readCheckAndCompile_allocateLinearly() {
        bytesToCompile(10_000);
        long small = bytesToCompile(50_000);
        long large = bytesToCompile(200_000);
        assertThat((double) large / small).as("allocation for 200,000 values / for 50,000 (linear: 4, quadratic: 16)")
                .isLessThan(6);
        assertThat(large / 200_000).as("bytes per value").isLessThan(2_000);
    }

    private static long kept(String filter, List<RecordBatch> batches) {
        RowFilter.Bound bound = FilterCompiler.compile(Filter.parse(filter), TestData.SCHEMA).bind();
        long kept = 0;
        for (RecordBatch b : batches) {
            int[] in = new int[b.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = i;
            }
            kept += bound.filter(b, in, in.length, new int[b.size()]);
        }
        return kept;
    }

    /** A list of {@code n} literals of which {@code hits} come from the rows, written by {@code literal}. */
    private static <T> String list(String column, boolean negated, List<T> present, IntFunction<String> absent,
            int n, java.util.function.Function<T, String> literal, Set<T> chosen, Random random) {
        StringBuilder sb = new StringBuilder(column).append(negated ? " not in (" : " in (");
        for (int i = 0; i < n; i++) {
            String value;
            if (i % 1000 == 0 && !present.isEmpty()) {
                T t = present.get(random.nextInt(present.size()));
                chosen.add(t);
                value = literal.apply(t);
            } else {
                value = absent.apply(i);
            }
            sb.append(i == 0 ? "" : ", ").append(value);
        }
        return sb.append(')').toString();
    }

    private static <T> long expected(List<TestData.Row> rows, java.util.function.Function<TestData.Row, T> value,
            Predicate<T> member, boolean negated) {
        return rows.stream().map(value).filter(v -> v != null).filter(v -> member.test(v) != negated).count();
    }

    @Test
    void inList_of200000Values_keepsTheRowsWhoseValueIsListed() {
        // in: 200,000 values on the text and integer columns, 20,000 on the others; not in: 5,000
        List<TestData.Row> rows = TestData.rows(5, ROWS);
        List<RecordBatch> batches = TestData.batches(rows, 5, 8_192);
        Random random = new Random(5);
        for (boolean negated : new boolean[] {false, true}) {
            int n = negated ? 5_000 : 200_000;
            int m = negated ? 5_000 : 20_000;
            Set<String> regions = new HashSet<>();
            String text = list("region", negated, rows.stream().map(TestData.Row::region).filter(r -> r != null)
                    .toList(), i -> "'X" + i + "'", n, r -> "'" + r + "'", regions, random);
            assertThat(kept(text, batches)).as("text column, negated " + negated)
                    .isEqualTo(expected(rows, TestData.Row::region, regions::contains, negated));

            Set<String> channels = new HashSet<>();
            text = list("channel", negated, List.of("email", "paid_search"), i -> "'c" + i + "'", m,
                    c -> "'" + c + "'", channels, random);
            assertThat(kept(text, batches)).as("category column, negated " + negated)
                    .isEqualTo(expected(rows, TestData.Row::channel, channels::contains, negated));

            Set<Long> visitors = new HashSet<>();
            text = list("visitors", negated, rows.stream().map(TestData.Row::visitors).filter(v -> v != null)
                    .toList(), i -> String.valueOf(1_000 + i), n, String::valueOf, visitors, random);
            assertThat(kept(text, batches)).as("integer column, negated " + negated)
                    .isEqualTo(expected(rows, TestData.Row::visitors, visitors::contains, negated));

            Set<BigDecimal> revenue = new HashSet<>();
            text = list("revenue", negated, rows.stream().map(TestData.Row::revenue).filter(v -> v != null)
                    .toList(), i -> "-" + (5_000 + i) + ".5", m, BigDecimal::toPlainString, revenue, random);
            Set<BigDecimal> stripped = new HashSet<>();
            revenue.forEach(r -> stripped.add(r.stripTrailingZeros()));
            assertThat(kept(text, batches)).as("decimal(2) column, negated " + negated)
                    .isEqualTo(expected(rows, TestData.Row::revenue, r -> stripped.contains(r.stripTrailingZeros()),
                            negated));

            Set<Double> prices = new HashSet<>();
            text = list("price", negated, rows.stream().map(TestData.Row::price).filter(v -> v != null).toList(),
                    i -> "1e" + (20 + i % 200), m, String::valueOf, prices, random);
            assertThat(kept(text, batches)).as("decimal column, negated " + negated)
                    .isEqualTo(expected(rows, TestData.Row::price, prices::contains, negated));
        }
    }

    @Test
    void deepFilterBuiltInCode_isRefusedBeforeCompiling() {
        Filter f = Filter.eq("region", "R1");
        for (int i = 0; i < 10_000; i++) {
            f = new Filter.Not(f);
        }
        Filter deep = f;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FilterCompiler.compile(deep, TestData.SCHEMA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filter nests 10001 levels deep (not, and, or), over the limit of 100");
        List<Filter> parts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            parts.add(Filter.eq("region", "R" + i));
        }
        assertThat(FilterCompiler.compile(new Filter.Or(parts), TestData.SCHEMA)).isNotNull();
    }
}
