package io.kpiengine.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FilterTest {

    private static final Schema SCHEMA = Schema.of(Column.of("channel", ColumnType.CATEGORY),
            Column.of("visitors", ColumnType.INTEGER), Column.decimal("revenue", 2),
            Column.of("paid", ColumnType.BOOLEAN), Column.of("day", ColumnType.DATE),
            Column.of("ts", ColumnType.TIMESTAMP), Column.of("odd name", ColumnType.TEXT));

    @Test
    void parse_structure() {
        assertThat(Filter.parse("channel = 'email'")).isEqualTo(Filter.eq("channel", "email"));
        assertThat(Filter.parse("channel IN ('email', 'social') AND visitors >= 10")).isEqualTo(Filter.and(
                Filter.in("channel", "email", "social"), Filter.compare("visitors", Filter.Op.GE, 10)));
        assertThat(Filter.parse("not paid = true or revenue is missing")).isEqualTo(Filter.or(
                Filter.not(Filter.eq("paid", true)), new Filter.IsMissing("revenue", false)));
        assertThat(Filter.parse("visitors <> -3")).isEqualTo(Filter.compare("visitors", Filter.Op.NE, -3));
        assertThat(Filter.parse("\"odd name\" not in ('a''b')")).isEqualTo(
                new Filter.In("odd name", List.of(new Filter.Text("a'b")), true));
    }

    @Test
    void precedence_notThenAndThenOr() {
        assertThat(Filter.parse("a = 1 or b = 2 and c = 3")).hasToString("a = 1 or b = 2 and c = 3")
                .isEqualTo(Filter.or(Filter.eq("a", 1), Filter.and(Filter.eq("b", 2), Filter.eq("c", 3))));
        assertThat(Filter.parse("(a = 1 or b = 2) and c = 3")).hasToString("(a = 1 or b = 2) and c = 3");
        assertThat(Filter.parse("not (a = 1 and b = 2)")).hasToString("not (a = 1 and b = 2)");
    }

    @Test
    void numbers_equalWhenNumericallyEqual() {
        assertThat(Filter.parse("revenue = 2.50")).isEqualTo(Filter.parse("revenue = 2.5"));
        assertThat(new Filter.Num(new BigDecimal("2.50")).hashCode())
                .isEqualTo(new Filter.Num(new BigDecimal("2.5")).hashCode());
    }

    @Test
    void canonicalText_roundTrips_property() {
        long seed = 7;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 1_000; i++) {
            Filter f = random(r, 3);
            assertThat(Filter.parse(f.toString())).as("seed " + seed + ", case " + i + ": " + f).isEqualTo(f);
        }
    }

    private static Filter random(SplittableRandom r, int depth) {
        int kind = depth == 0 ? r.nextInt(3) : r.nextInt(6);
        String[] cols = {"channel", "visitors", "odd name", "and", "x1"};
        String col = cols[r.nextInt(cols.length)];
        switch (kind) {
            case 0:
                return new Filter.Compare(col, Filter.Op.values()[r.nextInt(6)], literal(r));
            case 1:
                return new Filter.In(col, List.of(literal(r), literal(r)), r.nextBoolean());
            case 2:
                return new Filter.IsMissing(col, r.nextBoolean());
            case 3:
                return new Filter.And(List.of(random(r, depth - 1), random(r, depth - 1)));
            case 4:
                return new Filter.Or(List.of(random(r, depth - 1), random(r, depth - 1)));
            default:
                return new Filter.Not(random(r, depth - 1));
        }
    }

    private static Filter.Literal literal(SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0:
                return new Filter.Text(r.nextBoolean() ? "it's" : "email");
            case 1:
                return new Filter.Num(BigDecimal.valueOf(r.nextLong(-1000, 1000), r.nextInt(3)));
            default:
                return new Filter.Bool(r.nextBoolean());
        }
    }

    @Test
    void parse_errorsNameTheColumn() {
        assertThatThrownBy(() -> Filter.parse("channel == "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("filter \"channel == \": expected a value (a number, 'text', true or false) at column 12,"
                        + " but found the end");
        assertThatThrownBy(() -> Filter.parse("channel = 'email"))
                .hasMessage("filter \"channel = 'email\": text starting at column 11 is not closed by '");
        assertThatThrownBy(() -> Filter.parse("channel email"))
                .hasMessage("filter \"channel email\": expected a comparison (= != < <= > >=), 'in' or 'is' at column"
                        + " 9, but found 'email'");
        assertThatThrownBy(() -> Filter.parse("channel in ()"))
                .hasMessage("filter \"channel in ()\": expected a value (a number, 'text', true or false) at column"
                        + " 13, but found ')'");
        assertThatThrownBy(() -> Filter.parse("a = 1 b = 2"))
                .hasMessage("filter \"a = 1 b = 2\": expected 'and', 'or' or the end at column 7, but found 'b'");
        assertThatThrownBy(() -> Filter.parse("channel is null"))
                .hasMessage("filter \"channel is null\": expected 'missing' at column 12, but found 'null'");
    }

    @Test
    void problems_typeChecksAgainstSchema() {
        assertThat(Filter.parse("paid = true and day >= '2025-01-01' and ts < '2025-01-01T00:00:00+09:00'"
                + " and revenue > 2.5 and \"odd name\" is missing").problems(SCHEMA)).isEmpty();
        assertThat(Filter.parse("paid = 1").problems(SCHEMA)).containsExactly(
                "filter \"paid = 1\": column 'paid' is BOOLEAN, so the value must be true or false, but was 1");
        assertThat(Filter.parse("day = '2025-02-30'").problems(SCHEMA)).containsExactly(
                "filter \"day = '2025-02-30'\": column 'day' is DATE, so the value must be an ISO date in quotes such"
                        + " as '2025-01-31', but was '2025-02-30'");
        assertThat(Filter.parse("channel in ('a', 3)").problems(SCHEMA)).containsExactly(
                "filter \"channel in ('a', 3)\": column 'channel' is CATEGORY, so the value must be text in quotes,"
                        + " but was 3");
        assertThat(Filter.parse("revenue = 'x'").problems(SCHEMA)).containsExactly(
                "filter \"revenue = 'x'\": column 'revenue' is DECIMAL, so the value must be a number, but was 'x'");
    }

    /** Runs on a thread with a 256 KiB stack, the smallest worker pools commonly configure. */
    private static void onSmallStack(Runnable body) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(failure[0]).as("failure on a small stack").isNull();
    }

    @Test
    void parse_5000NestedParentheses_onASmallStack() throws InterruptedException {
        String text = "(".repeat(5_000) + "channel = 'email' and visitors > 1" + ")".repeat(5_000);
        onSmallStack(() -> {
            Filter f = Filter.parse(text);
            assertThat(f).hasToString("channel = 'email' and visitors > 1");
            assertThat(f.problems(SCHEMA)).isEmpty();
        });
        String alternating = "(a = 1 or (b = 2 and ".repeat(2_500) + "c = 3" + "))".repeat(2_500);
        onSmallStack(() -> assertThatThrownBy(() -> Filter.parse(alternating))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting exceeds the depth limit of 100 at column"));
        onSmallStack(() -> assertThatThrownBy(() -> Filter.parse("not ".repeat(5_000) + "paid = true"))
                .hasMessageContaining(": nesting exceeds the depth limit of 100 at column 19601 (each 'not', and each"
                        + " 'and' or 'or' inside another, is a level; parentheses alone are none)"));
        Filter ninetyNine = Filter.parse("not ".repeat(99) + "paid = true");
        assertThat(Filter.parse(ninetyNine.toString())).isEqualTo(ninetyNine);
    }

    @Test
    void problems_longInList_reportsTheFirstWrongValueOnce() {
        StringBuilder text = new StringBuilder("visitors in (");
        for (int i = 0; i < 1_000; i++) {
            text.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "'v" + i + "'" : String.valueOf(i));
        }
        List<String> problems = Filter.parse(text.append(")").toString()).problems(SCHEMA);
        assertThat(problems).containsExactly("filter \"visitors in ('v0', 1, 'v2', 3, 'v4', 5, 'v6', 7, 'v8', 9, 'v10',"
                + " 11, 'v12', 13, 'v14', 15, 'v16', 17, 'v18', 19, 'v20', ... (6402 characters)\": column"
                + " 'visitors' is INTEGER, so the value must be a whole number, but was 'v0' (and 499 more values)");
    }

    @Test
    void columns_inOrderOfMention() {
        assertThat(Filter.parse("b = 1 and (a = 2 or b = 3)").columns()).containsExactly("b", "a");
    }

    @Test
    void factories_refuseBadValues() {
        assertThatThrownBy(() -> Filter.eq("x", List.of()))
                .hasMessage("value must be a String, Number or Boolean, but was java.util.ImmutableCollections$ListN");
        assertThatThrownBy(() -> Filter.eq("x", Double.NaN))
                .hasMessage("value must be a finite number, but was NaN");
        assertThatThrownBy(() -> new Filter.And(List.of(Filter.eq("x", 1))))
                .hasMessage("parts of 'and' must be at least 2, but was 1");
    }
}
