package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaSetTest {

    private static FormulaSet kpis() {
        return FormulaSet.builder()
                .define("ltv", "arpu * months")
                .define("arpu", "revenue / customers")
                .define("margin", "(revenue - cost) / revenue")
                .build();
    }

    @Test
    void evaluationOrder_putsDependenciesFirst() {
        FormulaSet set = kpis();
        assertThat(set.evaluationOrder()).containsExactly("arpu", "ltv", "margin");
        assertThat(set.names()).containsExactly("ltv", "arpu", "margin");
        assertThat(set.dependencies("ltv")).containsExactly("arpu");
        assertThat(set.dependencies("arpu")).isEmpty();
    }

    @Test
    void inputs_areTransitiveFreeVariables() {
        FormulaSet set = kpis();
        assertThat(set.inputs("ltv")).containsExactly("revenue", "customers", "months");
        assertThat(set.inputs("margin")).containsExactly("revenue", "cost");
        assertThat(set.slots()).containsExactly("months", "revenue", "customers", "cost", "arpu", "ltv", "margin");
    }

    @Test
    void evaluate_map_givesEveryFormulaWithReasons() {
        FormulaSet set = kpis();
        Map<String, Evaluation> r = set.evaluate(Map.of("revenue", 1200, "customers", 40, "months", 18, "cost", 300));
        assertThat(r.keySet()).containsExactly("arpu", "ltv", "margin");
        assertThat(r.get("arpu").value()).isEqualTo(30);
        assertThat(r.get("ltv").value()).isEqualTo(540);
        assertThat(r.get("margin").value()).isEqualTo(0.75);
        Map<String, Evaluation> missing = set.evaluate(Map.of("revenue", 1200, "customers", 0, "months", 18));
        assertThat(missing.get("arpu").noValue()).contains(new NoValue(NoValue.Reason.DIVISION_BY_ZERO, "/", 9));
        assertThat(missing.get("ltv").noValue()).contains(new NoValue(NoValue.Reason.MISSING_INPUT, "arpu", 1));
        assertThat(missing.get("margin").noValue()).contains(new NoValue(NoValue.Reason.MISSING_INPUT, "cost", 12));
    }

    @Test
    void evaluate_array_writesEachFormulaIntoItsSlot() {
        FormulaSet set = kpis();
        double[] row = {18, 1200, 40, 300, 0, 0, 0};
        set.evaluate(row);
        assertThat(row).containsExactly(18, 1200, 40, 300, 30, 540, 0.75);
        assertThatThrownBy(() -> set.evaluate(new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values must hold 7 values [months, revenue, customers, cost, arpu, ltv, margin], but "
                        + "holds 3");
    }

    @Test
    void evaluateBatch_fillsEachFormulaColumn() {
        FormulaSet set = kpis();
        double[][] columns = {{18, 12}, {1200, 100}, {40, 0}, {300, 25}, new double[2], new double[2], new double[2]};
        set.evaluateBatch(columns, 2);
        assertThat(columns[4]).containsExactly(30, Double.NaN);
        assertThat(columns[5]).containsExactly(540, Double.NaN);
        assertThat(columns[6]).containsExactly(0.75, 0.75);
        assertThatThrownBy(() -> set.evaluateBatch(new double[][] {{1}, {1}, {1}, {1}, {0}, null, {0}}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("columns[5] ('ltv') must hold at least 1 values, but is null");
    }

    @Test
    void cycle_isPrintedInOrder() {
        FormulaCycleException e = catchThrowableOfType(FormulaCycleException.class, () -> FormulaSet.builder()
                .define("a", "b + 1").define("b", "c * 2").define("c", "a - x").build());
        assertThat(e).hasMessage("Formulas depend on each other in a cycle: a -> b -> c -> a");
        assertThat(e.cycle()).containsExactly("a", "b", "c", "a");
        assertThatThrownBy(() -> FormulaSet.builder().define("a", "a + 1").build())
                .hasMessage("Formulas depend on each other in a cycle: a -> a");
    }

    @Test
    void unknownName_withDeclaredInputs_suggestsClosest() {
        UnknownNameException e = catchThrowableOfType(UnknownNameException.class, () -> FormulaSet.builder()
                .inputs(List.of("revenue", "customers"))
                .define("arpu", "revenue / customers")
                .define("ltv", "arpuu * 18")
                .build());
        assertThat(e).hasMessage("Formula 'ltv': Unknown name 'arpuu' at column 1 in \"arpuu * 18\"; did you mean "
                + "'arpu'?");
        assertThat(e.candidates()).containsExactly("arpu");
        assertThatThrownBy(() -> kpis().formula("arpuu"))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("Unknown formula 'arpuu'; did you mean 'arpu'?");
    }

    @Test
    void build_collectsEveryProblem() {
        FormulaSetException e = catchThrowableOfType(FormulaSetException.class, () -> FormulaSet.builder()
                .define("a", "b +")
                .define("b", "sqr(2)")
                .define("c", "d")
                .define("d", "c")
                .build());
        assertThat(e).hasMessage("3 problems in formula set:\n"
                + " - Formula 'a': Expected a number, variable, function call or '(' but found the end of the formula "
                + "at column 4 in \"b +\"\n"
                + " - Formula 'b': Unknown function 'sqr' at column 1 in \"sqr(2)\"; did you mean 'sqrt'?\n"
                + " - Formulas depend on each other in a cycle: c -> d -> c");
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(1)).isInstanceOf(UnknownNameException.class);
        assertThat(e.problems().get(1).column()).isEqualTo(1);
    }

    @Test
    void builder_rejectsBadDefinitions() {
        assertThatThrownBy(() -> FormulaSet.builder().define("a", "1").define("a", "2"))
                .isInstanceOf(IllegalStateException.class).hasMessage("formula 'a' is already defined as \"1\"");
        assertThatThrownBy(() -> FormulaSet.builder().define("max", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("formula name must be an identifier [A-Za-z_][A-Za-z0-9_]* that is not a function name, "
                        + "keyword or constant, but was 'max'");
        assertThatThrownBy(() -> FormulaSet.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a formula set must define at least one formula, but defines none");
        assertThatThrownBy(() -> FormulaSet.builder().options(FormulaOptions.builder().variables(List.of("x")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("options must not fix a slot layout in a formula set, but variables was [x]");
    }

    @Test
    void referenceCalls_areInputs_evenWhenNamingAFormula() {
        FormulaSet set = FormulaSet.builder()
                .options(FormulaOptions.builder().referenceFunction("lag", 2, 2).build())
                .define("arpu", "revenue / customers")
                .define("growth", "arpu / lag(arpu, 1) - 1")
                .build();
        assertThat(set.inputs("growth")).containsExactly("revenue", "customers", "lag(arpu,1)");
        Map<String, Number> in = new HashMap<>(Map.of("revenue", 110, "customers", 1, "lag(arpu,1)", 100));
        assertThat(set.evaluate(in).get("growth").value()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void build_leavesBuilderReusable() {
        FormulaSet.Builder b = FormulaSet.builder().define("a", "x + 1");
        FormulaSet one = b.build();
        FormulaSet two = b.define("b", "a * 2").build();
        assertThat(one.names()).containsExactly("a");
        assertThat(two.names()).containsExactly("a", "b");
        assertThat(two.formula("b")).isEqualTo(Formula.compile("a * 2"));
        assertThat(two).hasToString("FormulaSet[a = x + 1, b = a * 2]");
    }
}
