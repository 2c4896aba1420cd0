package io.kpiengine.core.metric.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.time.Grain;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Variable;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a derived metric's formula with kpi-formula, parsing it once: the reference functions {@code lag},
 * {@code last_year}, {@code to_date} and {@code trailing} are declared as kpi-formula reference functions whose
 * binders check each call and name its slot {@link MetricReference#slot()} ({@code lag(revenue,12)},
 * {@code to_date(revenue,month)}); every other variable is a metric of the current period. The compiled formula's
 * slots are the metric's references in order of first appearance, and its {@link Formula#expression() tree}
 * serves unit inference and the positions of messages.
 */
public final class DerivedCompiler {

    /**
     * A compiled formula and the reference of each of its slots.
     *
     * @param formula the compiled formula
     * @param references slot {@code i} of the formula reads {@code references.get(i)}
     */
    public record Compiled(Formula formula, List<MetricReference> references) {
        /**
         * Copies the references.
         *
         * @param formula the compiled formula
         * @param references the reference per slot
         */
        public Compiled {
            references = List.copyOf(references);
        }
    }

    private DerivedCompiler() {
    }

    /**
     * The names of the reference functions, which no metric may take as its id.
     *
     * @return the names
     */
    public static List<String> referenceFunctions() {
        List<String> out = new ArrayList<>();
        for (MetricReference.Kind k : MetricReference.Kind.values()) {
            if (k != MetricReference.Kind.CURRENT) {
                out.add(k.function());
            }
        }
        return out;
    }

    /**
     * Compiles a formula.
     *
     * @param formula the formula as written
     * @return the compiled formula and its references
     * @throws io.kpiengine.formula.FormulaException if the formula is not valid; the message names the column
     */
    public static Compiled compile(String formula) {
        Map<String, MetricReference> bySlot = new HashMap<>();
        FormulaOptions.Builder options = FormulaOptions.builder();
        for (MetricReference.Kind kind : MetricReference.Kind.values()) {
            if (kind != MetricReference.Kind.CURRENT) {
                int args = kind == MetricReference.Kind.LAST_YEAR ? 1 : 2;
                options.referenceFunction(kind.function(), args, args, call -> {
                    MetricReference r = reference(kind, call);
                    bySlot.put(r.slot(), r);
                    return r.slot();
                });
            }
        }
        Formula compiled = Formula.compile(formula, options.build());
        List<MetricReference> references = new ArrayList<>();
        for (String slot : compiled.variables()) {
            references.add(bySlot.getOrDefault(slot, MetricReference.current(slot)));
        }
        return new Compiled(compiled, references);
    }

    /**
     * The reference a call of a compiled formula's tree reads: the inverse of the slot naming, for readers of the
     * tree such as driver attribution.
     *
     * @param call a reference call of a formula compiled by {@link #compile(String)}
     * @return the reference, whose {@link MetricReference#slot()} is the call's slot
     * @throws IllegalArgumentException if the call is not one of the reference functions
     */
    public static MetricReference referenceOf(ReferenceCall call) {
        MetricReference.Kind kind = MetricReference.Kind.ofFunction(call.function()).orElseThrow(
                () -> new IllegalArgumentException("'" + call.function() + "' is not a reference function "
                        + referenceFunctions()));
        return reference(kind, call);
    }

    /** The reference of a call whose shape kpi-formula has checked: a metric id, then a name or an integer. */
    private static MetricReference reference(MetricReference.Kind kind, ReferenceCall call) {
        String metric = ((Variable) call.arguments().get(0)).name();
        switch (kind) {
            case LAST_YEAR:
                return new MetricReference(kind, metric, 0, null);
            case TO_DATE: {
                Expression g = call.arguments().get(1);
                Grain grain = g instanceof Variable v ? Grain.find(v.name()).orElse(null) : null;
                if (grain == null) {
                    List<String> grains = Grain.ids().stream().map(id -> id.replace('-', '_')).toList();
                    throw new IllegalArgumentException("the second argument of to_date(metric, grain) must be a grain "
                            + grains + ", but was '" + g + "'"
                            + Suggestions.didYouMean(g.toString().toLowerCase(Locale.ROOT), grains));
                }
                return new MetricReference(kind, metric, 0, grain);
            }
            default: {
                Expression n = call.arguments().get(1);
                double v = n instanceof Literal l ? l.value() : Double.NaN;
                if (!(v >= 1 && v <= MetricReference.MAX_PERIODS)) {
                    throw new IllegalArgumentException("the second argument of " + kind.function() + "(metric, n) "
                            + "must be a whole number 1.." + MetricReference.MAX_PERIODS + ", but was '" + n + "'");
                }
                return new MetricReference(kind, metric, (int) v, null);
            }
        }
    }

    /**
     * The column where a formula first names a metric, directly or as a reference function's first argument.
     *
     * @param tree the formula's tree
     * @param metric the metric id
     * @return the 1-based column, or 0 if the formula does not name it
     */
    public static int columnOf(Expression tree, String metric) {
        int column = 0;
        for (Expression e : tree.nodes()) {
            Expression named = e instanceof ReferenceCall r ? r.arguments().get(0) : e;
            if (named instanceof Variable v && v.name().equals(metric) && (column == 0 || v.column() < column)) {
                column = v.column();
            }
        }
        return column;
    }

    /**
     * The column of the first reference call of a given slot, such as {@code trailing(twice,7)}.
     *
     * @param tree the formula's tree
     * @param reference the reference
     * @return the 1-based column, or 0 if the formula has no such call
     */
    public static int columnOf(Expression tree, MetricReference reference) {
        if (reference.kind() == MetricReference.Kind.CURRENT) {
            return columnOf(tree, reference.metric());
        }
        int column = 0;
        for (Expression e : tree.nodes()) {
            if (e instanceof ReferenceCall r && r.function().equals(reference.kind().function())
                    && ((Variable) r.arguments().get(0)).name().equals(reference.metric())
                    && (column == 0 || r.column() < column)) {
                column = r.column();
            }
        }
        return column;
    }
}
