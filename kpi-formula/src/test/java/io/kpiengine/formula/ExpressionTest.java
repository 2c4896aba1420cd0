package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public parse tree: its shape and columns, walks, reference calls and their binders. */
class ExpressionTest {

    private static final FormulaOptions LAG = FormulaOptions.builder().referenceFunction("lag", 2, 2).build();

    @Test
    void expression_isTheParseTreeWithColumns() {
        Expression tree = Formula.compile("-revenue / lag(revenue, 12) + max(1, 2.5e0)", LAG).expression();
        Expression expected = new Binary(Operator.ADD,
                new Binary(Operator.DIV,
                        new Unary(Operator.NEG, new Variable("revenue", 2), 1),
                        new ReferenceCall("lag", List.of(new Variable("revenue", 16), new Literal(12, 25)), 12),
                        10),
                new Call(FormulaFunction.MAX, List.of(new Literal(1, 35), new Literal(2.5, 38)), 31),
                29);
        assertThat(tree).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(tree.toString()).isEqualTo("-revenue / lag(revenue, 12) + max(1, 2.5)");
        assertThat(tree.operands()).hasSize(2);
        assertThat(((Binary) tree).left().operands().get(1).operands()).as("reference arguments are no operands")
                .isEmpty();
    }

    @Test
    void nodes_arePostOrder_andFoldGoesBottomUp() {
        Expression tree = Formula.compile("a + b * sqrt(c)").expression();
        List<String> order = new ArrayList<>();
        tree.nodes().forEach(n -> order.add(n instanceof Variable v ? v.name() : n instanceof Call c
                ? c.function().text() : ((Binary) n).operator().text()));
        assertThat(order).containsExactly("a", "b", "c", "sqrt", "*", "+");
        int height = tree.<Integer>fold((node, below) -> 1 + below.stream().mapToInt(Integer::intValue).max()
                .orElse(0));
        assertThat(height).isEqualTo(4);
        int leaves = tree.<Integer>fold((node, below) -> below.isEmpty() ? 1 : below.stream().mapToInt(i -> i).sum());
        assertThat(leaves).isEqualTo(3);
    }

    @Test
    void records_checkTheirComponents() {
        assertThatThrownBy(() -> new Literal(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal(1, 0)).hasMessage("column must be >= 1, but was 0");
        assertThatThrownBy(() -> new Variable("a b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Constant("phi", 1))
                .hasMessage("name must be 'pi' or 'e', but was 'phi'");
        assertThatThrownBy(() -> new Unary(Operator.ADD, new Literal(1, 2), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Binary(Operator.NOT, new Literal(1, 1), new Literal(1, 5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call(FormulaFunction.ATAN2, List.of(new Literal(1, 7)), 1))
                .hasMessage("arguments of atan2 must number 2 to 2, but were 1");
        assertThatThrownBy(() -> new ReferenceCall("lag", List.of(new Literal(1, 5)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceCall("lag", List.of(new Variable("x", 5), new Literal(0.5, 8)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Constant("e", 1).value()).isEqualTo(Math.E);
    }

    @Test
    void functionTable_namesEveryFunctionOnce() {
        assertThat(FormulaFunction.of("atan2")).contains(FormulaFunction.ATAN2);
        assertThat(FormulaFunction.of("Atan2")).isEmpty();
        assertThat(FormulaFunction.COALESCE.maxArgs()).isEqualTo(FormulaFunction.UNBOUNDED);
        for (FormulaFunction f : FormulaFunction.values()) {
            assertThat(Formula.reservedNames()).contains(f.text());
            String call = f.text() + "(" + "1, ".repeat(f.minArgs() - 1) + "1)";
            assertThat(Formula.compile(call).expression()).as(call).isInstanceOf(Call.class);
        }
    }

    @Test
    void referenceFunctionWithBinder_namesItsSlots_andMayRefuseACall() {
        List<String> grains = List.of("month", "quarter", "year");
        FormulaOptions options = FormulaOptions.builder()
                .referenceFunction("to_date", 2, 2, call -> {
                    Expression grain = call.arguments().get(1);
                    if (!(grain instanceof Variable g) || !grains.contains(g.name())) {
                        throw new IllegalArgumentException("the grain must be one of " + grains + ", but was '"
                                + grain + "'");
                    }
                    return "to_date(" + call.arguments().get(0) + "," + g.name() + ")";
                })
                .referenceFunction("lag", 2, 2)
                .build();
        Formula f = Formula.compile("to_date(revenue, month) / to_date(revenue,month) + lag(revenue, -1)", options);
        assertThat(f.variables()).containsExactly("to_date(revenue,month)", "lag(revenue,-1)");
        assertThat(f.evaluate(new double[] {4, 1})).isEqualTo(2);
        assertThat(f.toString()).isEqualTo("to_date(revenue, month) / to_date(revenue, month) + lag(revenue, -1)");
        assertThat(f.explain(new double[] {Double.NaN, 1}).noValue().orElseThrow())
                .isEqualTo(new NoValue(NoValue.Reason.MISSING_INPUT, "to_date(revenue,month)", 1));
        assertThatThrownBy(() -> Formula.compile("1 + to_date(revenue, 3)", options))
                .isInstanceOf(FormulaSyntaxException.class)
                .hasMessage("Invalid reference 'to_date(revenue, 3)' at column 5 in \"1 + to_date(revenue, 3)\": the "
                        + "grain must be one of [month, quarter, year], but was '3'");
        assertThatThrownBy(() -> Formula.compile("to_date(revenue, 1.5)", options))
                .hasMessage("Reference function 'to_date' needs an integer literal or a name as argument 2, but "
                        + "found '1.5' at column 18 in \"to_date(revenue, 1.5)\"");
        assertThatThrownBy(() -> Formula.compile("lag(revenue, month)", options))
                .hasMessage("Reference function 'lag' needs an integer literal as argument 2, but found 'month' at "
                        + "column 14 in \"lag(revenue, month)\"");
        FormulaSet set = FormulaSet.builder().options(options)
                .define("mtd", "to_date(revenue, month)")
                .define("share", "mtd / to_date(revenue, year)")
                .build();
        assertThat(set.slots()).containsExactly("to_date(revenue,month)", "to_date(revenue,year)", "mtd", "share");
    }

    @Test
    void referenceFunctionWithBinder_nullOrBlankSlotName_isAProgrammingError() {
        FormulaOptions options = FormulaOptions.builder().referenceFunction("f", 1, 1, call -> " ").build();
        assertThatThrownBy(() -> Formula.compile("f(x)", options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the binder of reference function 'f' must return a slot name, but returned ' ' for f(x)");
        assertThatThrownBy(() -> FormulaOptions.builder().referenceFunction("f", 1, 1, null))
                .isInstanceOf(NullPointerException.class);
    }
}
