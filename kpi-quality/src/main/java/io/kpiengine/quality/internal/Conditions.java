package io.kpiengine.quality.internal;

import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaException;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.quality.ConditionRule;
import io.kpiengine.quality.OnInvalid;
import java.util.function.Consumer;

/**
 * Cross-field conditions compiled with kpi-formula and evaluated a batch at a time with
 * {@link Formula#evaluateBatch}: a result of 0 breaks the condition, NaN (a missing input, a division by zero)
 * leaves the row unjudged.
 */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Why a condition formula does not compile, or null if it does.
     *
     * @param formula the formula text
     * @return the problem, or null
     */
    public static String compileProblem(String formula) {
        try {
            Formula.compile(formula);
            return null;
        } catch (FormulaException e) {
            return e.getMessage();
        }
    }

    /** Binds a condition to the working schema; null after reporting problems. */
    static Step bind(int rule, ConditionRule spec, Schema schema, Consumer<String> problems) {
        Formula f;
        try {
            f = Formula.compile(spec.formula());
        } catch (FormulaException e) {
            problems.accept("rule '" + spec.id() + "': " + e.getMessage());
            return null;
        }
        int[] cols = new int[f.variables().size()];
        boolean ok = true;
        for (int i = 0; i < cols.length; i++) {
            String v = f.variables().get(i);
            if (!schema.contains(v)) {
                problems.accept("rule '" + spec.id() + "': unknown column '" + v + "' in condition '" + spec.formula()
                        + "'" + Suggestions.didYouMean(v, schema.names()));
                ok = false;
                continue;
            }
            cols[i] = schema.indexOf(v);
            ColumnType t = schema.column(cols[i]).type();
            if (t == ColumnType.TEXT || t == ColumnType.CATEGORY) {
                problems.accept("rule '" + spec.id() + "': column '" + v + "' is " + t
                        + ", but a condition needs numbers, booleans, dates or timestamps");
                ok = false;
            }
        }
        return ok ? new ConditionStep(rule, spec, f, cols) : null;
    }

    /** The bound condition. */
    private static final class ConditionStep implements Step {
        private final int rule;
        private final ConditionRule spec;
        private final Formula formula;
        private final int[] cols;

        ConditionStep(int rule, ConditionRule spec, Formula formula, int[] cols) {
            this.rule = rule;
            this.spec = spec;
            this.formula = formula;
            this.cols = cols;
        }

        @Override
        public void apply(Work w) {
            int n = w.size;
            double[][] in = new double[cols.length][];
            for (int i = 0; i < cols.length; i++) {
                Col c = w.cols[cols[i]].load();
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = c.isNull(r) ? Double.NaN : c.number(r);
                }
                in[i] = v;
            }
            double[] out = new double[n];
            formula.evaluateBatch(in, out, n);
            for (int r = 0; r < n; r++) {
                if (out[r] != 0 || w.isRemoved(r)) {
                    continue;
                }
                StringBuilder sb = new StringBuilder("condition '").append(spec.formula()).append("' is false (");
                for (int i = 0; i < cols.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(formula.variables().get(i)).append('=')
                            .append(w.cols[cols[i]].text(r));
                }
                String reason = sb.append(')').toString();
                if (spec.onInvalid() == OnInvalid.QUARANTINE) {
                    w.quarantine(r, rule, reason);
                } else {
                    w.flag(r, rule, -1, null, reason);
                }
            }
        }
    }
}
