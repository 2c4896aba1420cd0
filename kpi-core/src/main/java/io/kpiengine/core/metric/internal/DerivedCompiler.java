package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a derived metric's formula with kpi-formula so that slot {@code i} of the compiled formula is
 * reference {@code i} of the metric.
 *
 * <p>kpi-formula's reference functions take integer arguments only, while {@code to_date(m, month)} names a
 * grain; so every call of a reference function is rewritten to {@code __kpi_ref(m, i)} (i = the reference's
 * position), a reference function declared here, and the slot layout lists {@code __kpi_ref(m,i)} or the plain
 * metric id per reference. The rewrite cannot clash with user names: a user formula that calls
 * {@code __kpi_ref} is refused by the catalog's parser as an unknown function first.
 */
public final class DerivedCompiler {

    /** The reference function that stands for the catalog's reference calls in the compiled formula. */
    public static final String SLOT_FUNCTION = "__kpi_ref";

    private DerivedCompiler() {
    }

    /**
     * Compiles the formula.
     *
     * @param formula the formula as written
     * @param tree its parse tree
     * @param references its distinct references in order of first appearance
     * @return the compiled formula with one slot per reference, in the same order
     * @throws io.kpiengine.formula.FormulaException if kpi-formula refuses the formula
     */
    public static Formula compile(String formula, Expr tree, List<MetricReference> references) {
        List<Expr.Ref> nodes = new ArrayList<>();
        ExprParser.referenceNodes(tree, nodes);
        StringBuilder text = new StringBuilder();
        int copied = 0;
        for (Expr.Ref node : nodes) {
            MetricReference r = node.reference();
            if (r.kind() == MetricReference.Kind.CURRENT) {
                continue;
            }
            text.append(formula, copied, node.column() - 1)
                    .append(SLOT_FUNCTION).append('(').append(r.metric()).append(", ").append(references.indexOf(r))
                    .append(')');
            copied = node.end() - 1;
        }
        text.append(formula.substring(copied));
        List<String> layout = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            MetricReference r = references.get(i);
            layout.add(r.kind() == MetricReference.Kind.CURRENT ? r.metric()
                    : SLOT_FUNCTION + "(" + r.metric() + "," + i + ")");
        }
        FormulaOptions options = FormulaOptions.builder()
                .variables(layout)
                .referenceFunction(SLOT_FUNCTION, 2, 2)
                .build();
        return Formula.compile(text.toString(), options);
    }
}
