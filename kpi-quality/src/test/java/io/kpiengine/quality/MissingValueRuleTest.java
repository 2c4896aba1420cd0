package io.kpiengine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingValueRuleTest {

    private static final Schema S = Schema.of(Column.of("g", ColumnType.CATEGORY), Column.of("t", ColumnType.INTEGER),
            Column.of("x", ColumnType.DECIMAL), Column.of("n", ColumnType.INTEGER));

    /** Rows (g, t, x) given in shuffled time order, so that ordering by t matters. */
    private static List<Object[]> series(String g, Double... xs) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = xs.length - 1; i >= 0; i--) {
            rows.add(new Object[] {g, (long) i, xs[i], xs[i] == null ? null : Math.round(xs[i])});
        }
        return rows;
    }

    private static List<Object> xsByTime(Cleaned c, String g) {
        List<Object[]> pairs = new ArrayList<>();
        for (var r : c.rows()) {
            if (g.equals(r.get("g"))) {
                pairs.add(new Object[] {r.get("t"), r.get("x")});
            }
        }
        pairs.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
        List<Object> out = new ArrayList<>();
        for (Object[] p : pairs) {
            out.add(p[1]);
        }
        return out;
    }

    private static Cleaned run(MissingValueRule rule, List<Object[]> rows) {
        return Cleaned.run(QualityRules.builder().rule(rule).build(), S, rows);
    }

    @Test
    void forwardFill_matchesPandasGroupbyFfill() {
        // pandas: df.sort_values('t').groupby('g')['x'].ffill(): leading NaN stays, others take the last value.
        List<Object[]> rows = series("a", null, 1.0, null, null, 4.0, null);
        rows.addAll(series("b", 7.0, null));
        Cleaned c = run(MissingValueRule.forwardFill("x").groupBy("g").orderBy("t"), rows);
        assertThat(xsByTime(c, "a")).containsExactly(null, 1.0, 1.0, 1.0, 4.0, 4.0);
        assertThat(xsByTime(c, "b")).containsExactly(7.0, 7.0);
        assertThat(c.report().rule("missing:x").changed()).isEqualTo(4);
        assertThat(c.report().rule("missing:x").details()).containsEntry("missing", 5L).containsEntry("unfilled", 1L);
    }

    @Test
    void forwardFill_limit_matchesPandasLimit() {
        // pandas: ffill(limit=1) fills only the first of consecutive NaNs.
        Cleaned c = run(MissingValueRule.forwardFill("x").groupBy("g").orderBy("t").limit(1),
                series("a", 1.0, null, null, 2.0));
        assertThat(xsByTime(c, "a")).containsExactly(1.0, 1.0, null, 2.0);
    }

    @Test
    void interpolate_inside_matchesPandasLimitAreaInside() {
        // pandas: s.interpolate(method='linear', limit_area='inside') fills only interior gaps, equally spaced.
        Cleaned c = run(MissingValueRule.interpolate("x").groupBy("g").orderBy("t"),
                series("a", null, 1.0, null, null, 4.0, null));
        assertThat(xsByTime(c, "a")).containsExactly(null, 1.0, 2.0, 3.0, 4.0, null);
    }

    @Test
    void interpolate_extend_matchesPandasLimitAreaNone() {
        // pandas: s.interpolate(method='linear') (limit_area=None, limit_direction='forward'):
        // trailing NaNs take the last value, leading NaNs stay.
        Cleaned c = run(MissingValueRule.interpolate("x").groupBy("g").orderBy("t").extendArea(),
                series("a", null, 1.0, null, null, 4.0, null, null));
        assertThat(xsByTime(c, "a")).containsExactly(null, 1.0, 2.0, 3.0, 4.0, 4.0, 4.0);
    }

    @Test
    void interpolate_byTime_matchesPandasMethodTime() {
        // pandas: method='time' spaces points by the index: t = 0, 1, 4 with x = 0, ?, 8 -> 2.
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"a", 4L, 8.0, 8L});
        rows.add(new Object[] {"a", 0L, 0.0, 0L});
        rows.add(new Object[] {"a", 1L, null, null});
        Cleaned c = run(MissingValueRule.interpolate("x").groupBy("g").orderBy("t").byTime(), rows);
        assertThat(xsByTime(c, "a")).containsExactly(0.0, 2.0, 8.0);
    }

    @Test
    void interpolate_integerColumn_roundsHalfEven() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"a", 0L, 0.0, 1L});
        rows.add(new Object[] {"a", 1L, 0.0, null});
        rows.add(new Object[] {"a", 2L, 0.0, 2L});
        Cleaned c = run(MissingValueRule.interpolate("n").orderBy("t"), rows);
        assertThat(c.column("n")).containsExactly(1L, 2L, 2L);
    }

    @Test
    void meanAndMedian_matchPandasTransform() {
        // pandas: fillna(df.groupby('g')['x'].transform('mean' | 'median')); median of 1, 2, 10, 20 is 6.
        List<Object[]> rows = series("a", 1.0, null, 2.0, 10.0, 20.0);
        rows.addAll(series("b", null, null));
        Cleaned mean = run(MissingValueRule.mean("x").groupBy("g"), rows);
        assertThat(xsByTime(mean, "a")).containsExactly(1.0, 8.25, 2.0, 10.0, 20.0);
        assertThat(xsByTime(mean, "b")).containsExactly(null, null);
        Cleaned median = run(MissingValueRule.median("x").groupBy("g"), rows);
        assertThat(xsByTime(median, "a")).containsExactly(1.0, 6.0, 2.0, 10.0, 20.0);
        assertThat(median.report().rule("missing:x").details()).containsEntry("unfilled", 2L);
    }

    @Test
    void constantZeroQuarantineLeave_workRowByRow() {
        List<Object[]> rows = series("a", 1.0, null);
        Cleaned constant = run(MissingValueRule.constant("x", 2.5), rows);
        assertThat(constant.column("x")).containsExactly(2.5, 1.0);
        Cleaned zero = run(MissingValueRule.zero("n"), rows);
        assertThat(zero.column("n")).containsExactly(0L, 1L);
        Cleaned quarantine = run(MissingValueRule.quarantine("x"), rows);
        assertThat(quarantine.rowNumbers()).containsExactly(2L);
        assertThat(quarantine.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(1);
            assertThat(r.reason()).isEqualTo("rule 'missing:x': column 'x' is missing");
        });
        Cleaned leave = run(MissingValueRule.leave("x"), rows);
        assertThat(leave.column("x")).containsExactly(null, 1.0);
        assertThat(leave.report().rule("missing:x").details()).containsEntry("missing", 1L);
    }

    @Test
    void constant_mustFitColumnType() {
        assertThatThrownBy(() -> QualityRules.builder().rule(MissingValueRule.constant("n", "x")).build().bind(S))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("rule 'missing:n': value 'x' does not fit column 'n' of type INTEGER");
        assertThatThrownBy(() -> QualityRules.builder().rule(MissingValueRule.mean("g")).build().bind(S))
                .hasMessageContaining("rule 'missing:g': column 'g' is CATEGORY, but MEAN needs INTEGER or DECIMAL");
    }

    @Test
    void options_mustFitStrategy() {
        assertThatThrownBy(() -> MissingValueRule.zero("x").orderBy("t"))
                .hasMessage("orderBy is only for FORWARD_FILL and INTERPOLATE, but was 't' for ZERO");
        assertThatThrownBy(() -> MissingValueRule.forwardFill("x").orderBy("t").orderBy("u"))
                .isInstanceOf(IllegalStateException.class).hasMessage("orderBy was already set to t, cannot set it to u");
        assertThat(MissingValueRule.constant("x", 1.50).value()).isEqualTo(new BigDecimal("1.5"));
        assertThat(Arrays.asList(MissingValueRule.Strategy.values())).hasSize(8);
    }
}
