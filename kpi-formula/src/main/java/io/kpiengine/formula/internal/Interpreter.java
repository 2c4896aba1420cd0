package io.kpiengine.formula.internal;

import io.kpiengine.formula.Evaluation;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.FormulaFunction;
import io.kpiengine.formula.NoValue;
import io.kpiengine.formula.NoValue.Reason;
import java.util.List;

/**
 * Evaluates a tree as a stack machine over its post-order program, recording why a result has no value. This is
 * the reference semantics: every operator and function is strict (a no-value operand makes a no-value result)
 * except {@code if}, which takes the value of the branch its condition selects, and {@code coalesce}, which takes
 * its first argument that has a value. Any non-finite intermediate result is a no-value, classified by the
 * operation that produced it.
 *
 * <p>Each stack entry is a value (finite, or NaN for no value) with, when explaining, its reason. Both branches of
 * an {@code if} and every argument of a {@code coalesce} are computed, and the one selected is kept with its
 * reason; as evaluation has no side effect, this gives the values and reasons of a lazy evaluation, without
 * recursion, so a tree of any depth runs on any thread stack.
 *
 * <p>Used by {@code explain}, and as the evaluator of formulas too large or too deeply nested for generated code
 * ({@link CodeGen}). The generated code must agree with it on every input; the property tests check that.
 */
public final class Interpreter extends Evaluator {

    private static final int CONSTANT = 0;
    private static final int SLOT = 1;
    private static final int UNARY = 2;
    private static final int BINARY = 3;
    private static final int CALL = 4;
    private static final Operator[] OPERATORS = Operator.values();
    private static final FormulaFunction[] FUNCTIONS = FormulaFunction.values();

    private final int[] code;
    private final int[] arg;
    private final int[] count;
    private final double[] constant;
    private final String[] detail;
    private final int[] column;
    private final int maxStack;

    /**
     * An interpreter of a bound tree.
     *
     * @param root the tree
     * @param bindings its slots
     */
    public Interpreter(Expression root, Binder.Bindings bindings) {
        this(root.nodes(), bindings);
    }

    /**
     * An interpreter of a bound tree given as its post-order list.
     *
     * @param program every node of the tree, each after its operands ({@link Expression#nodes()})
     * @param bindings its slots
     */
    // the program stores an operator or function as its ordinal, read back through OPERATORS and FUNCTIONS
    // (values() of the same enums, in this class): an int array keeps the evaluation loop free of objects
    @SuppressWarnings("EnumOrdinal")
    public Interpreter(List<Expression> program, Binder.Bindings bindings) {
        int n = program.size();
        code = new int[n];
        arg = new int[n];
        count = new int[n];
        constant = new double[n];
        detail = new String[n];
        column = new int[n];
        int depth = 0;
        int max = 0;
        for (int i = 0; i < n; i++) {
            Expression e = program.get(i);
            column[i] = e.column();
            if (e instanceof Literal l) {
                code[i] = CONSTANT;
                constant[i] = l.value();
                depth++;
            } else if (e instanceof Constant c) {
                code[i] = CONSTANT;
                constant[i] = c.value();
                depth++;
            } else if (e instanceof Unary u) {
                code[i] = UNARY;
                arg[i] = u.operator().ordinal();
            } else if (e instanceof Binary b) {
                code[i] = BINARY;
                arg[i] = b.operator().ordinal();
                detail[i] = b.operator().text();
                depth--;
            } else if (e instanceof Call c) {
                code[i] = CALL;
                arg[i] = c.function().ordinal();
                count[i] = c.arguments().size();
                detail[i] = c.function().text();
                depth -= count[i] - 1;
            } else {
                code[i] = SLOT;
                arg[i] = bindings.slot(e);
                detail[i] = bindings.names().get(arg[i]);
                depth++;
            }
            max = Math.max(max, depth);
        }
        maxStack = max;
    }

    /**
     * Evaluates with the reason for a missing value.
     *
     * @param slots the inputs
     * @return the evaluation
     */
    public Evaluation explain(double[] slots) {
        NoValue[] why = new NoValue[maxStack];
        double v = run(slots, new double[maxStack], why);
        return Double.isNaN(v) ? Evaluation.none(why[0]) : Evaluation.of(v + 0.0);
    }

    /** Allocates the evaluation stack per call. */
    @Override
    public double evaluate(double[] slots) {
        return Ops.result(run(slots, new double[maxStack], null));
    }

    /** Allocates one row buffer and one evaluation stack per call, nothing per row. */
    @Override
    public void evaluateBatch(double[][] columns, double[] out, int length) {
        double[] row = new double[columns.length];
        double[] stack = new double[maxStack];
        for (int i = 0; i < length; i++) {
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c] == null ? Double.NaN : columns[c][i];
            }
            out[i] = Ops.result(run(row, stack, null));
        }
    }

    /** Runs the program; returns a finite value, or NaN with {@code why[0]} set when {@code why} is not null. */
    private double run(double[] slots, double[] v, NoValue[] why) {
        int sp = 0;
        for (int i = 0; i < code.length; i++) {
            switch (code[i]) {
                case CONSTANT -> {
                    v[sp] = constant[i];
                    if (why != null) {
                        why[sp] = null;
                    }
                    sp++;
                }
                case SLOT -> {
                    double x = slots[arg[i]];
                    if (Ops.finite(x)) {
                        v[sp] = x;
                        if (why != null) {
                            why[sp] = null;
                        }
                    } else {
                        fail(v, why, sp, Reason.MISSING_INPUT, i);
                    }
                    sp++;
                }
                case UNARY -> {
                    double x = v[sp - 1];
                    if (!Double.isNaN(x)) {
                        v[sp - 1] = OPERATORS[arg[i]] == Operator.NEG ? -x : (x == 0 ? 1 : 0);
                    }
                }
                case BINARY -> {
                    sp--;
                    binary(v, why, sp - 1, sp, i);
                }
                default -> {
                    int base = sp - count[i];
                    call(v, why, base, count[i], i);
                    sp = base + 1;
                }
            }
        }
        return v[0];
    }

    private void fail(double[] v, NoValue[] why, int at, Reason reason, int instruction) {
        v[at] = Double.NaN;
        if (why != null) {
            why[at] = new NoValue(reason, detail[instruction], column[instruction]);
        }
    }

    /** Replaces entry {@code at} by entry {@code from}, value and reason. */
    private static void take(double[] v, NoValue[] why, int at, int from) {
        v[at] = v[from];
        if (why != null) {
            why[at] = why[from];
        }
    }

    /** Stores a computed value, or a no-value classified as a domain error (NaN) or overflow (infinite). */
    private void checked(double[] v, NoValue[] why, int at, double x, int instruction) {
        if (Ops.finite(x)) {
            v[at] = x;
        } else {
            fail(v, why, at, Double.isNaN(x) ? Reason.DOMAIN_ERROR : Reason.OVERFLOW, instruction);
        }
    }

    /** Stores a computed value, or a domain error for any non-finite one ({@code ln(0)} is -infinity). */
    private void domain(double[] v, NoValue[] why, int at, double x, int instruction) {
        if (Ops.finite(x)) {
            v[at] = x;
        } else {
            fail(v, why, at, Reason.DOMAIN_ERROR, instruction);
        }
    }

    private void binary(double[] v, NoValue[] why, int l, int r, int i) {
        if (Double.isNaN(v[l])) {
            return;
        }
        if (Double.isNaN(v[r])) {
            take(v, why, l, r);
            return;
        }
        double a = v[l];
        double b = v[r];
        switch (OPERATORS[arg[i]]) {
            case ADD -> checked(v, why, l, a + b, i);
            case SUB -> checked(v, why, l, a - b, i);
            case MUL -> checked(v, why, l, a * b, i);
            case DIV -> {
                if (b == 0) {
                    fail(v, why, l, Reason.DIVISION_BY_ZERO, i);
                } else {
                    checked(v, why, l, a / b, i);
                }
            }
            case MOD -> {
                if (b == 0) {
                    fail(v, why, l, Reason.DIVISION_BY_ZERO, i);
                } else {
                    checked(v, why, l, a % b, i);
                }
            }
            case POW -> pow(v, why, l, a, b, i);
            case LT -> v[l] = a < b ? 1 : 0;
            case LE -> v[l] = a <= b ? 1 : 0;
            case GT -> v[l] = a > b ? 1 : 0;
            case GE -> v[l] = a >= b ? 1 : 0;
            case EQ -> v[l] = a == b ? 1 : 0;
            case NE -> v[l] = a != b ? 1 : 0;
            case AND -> v[l] = a != 0 && b != 0 ? 1 : 0;
            case OR -> v[l] = a != 0 || b != 0 ? 1 : 0;
            default -> throw new IllegalStateException("not a binary operator: " + OPERATORS[arg[i]]);
        }
    }

    private void pow(double[] v, NoValue[] why, int at, double a, double b, int i) {
        double x = Math.pow(a, b);
        if (!Ops.finite(x) && a == 0 && b < 0) {
            fail(v, why, at, Reason.DIVISION_BY_ZERO, i);
        } else {
            checked(v, why, at, x, i);
        }
    }

    private void call(double[] v, NoValue[] why, int base, int n, int i) {
        FormulaFunction f = FUNCTIONS[arg[i]];
        if (f == FormulaFunction.IF) {
            if (!Double.isNaN(v[base])) {
                take(v, why, base, v[base] != 0 ? base + 1 : base + 2);
            }
            return;
        }
        if (f == FormulaFunction.COALESCE) {
            int pick = base + n - 1;
            for (int k = base; k < base + n - 1; k++) {
                if (!Double.isNaN(v[k])) {
                    pick = k;
                    break;
                }
            }
            take(v, why, base, pick);
            return;
        }
        for (int k = base; k < base + n; k++) {
            if (Double.isNaN(v[k])) {
                take(v, why, base, k);
                return;
            }
        }
        double a = v[base];
        double b = n > 1 ? v[base + 1] : 0;
        switch (f) {
            case ABS -> v[base] = Math.abs(a);
            case FLOOR -> v[base] = Math.floor(a);
            case CEIL -> v[base] = Math.ceil(a);
            case SIN -> v[base] = Math.sin(a);
            case COS -> v[base] = Math.cos(a);
            case TAN -> v[base] = Math.tan(a);
            case ATAN -> v[base] = Math.atan(a);
            case TANH -> v[base] = Math.tanh(a);
            case CBRT -> v[base] = Math.cbrt(a);
            case SIGNUM -> v[base] = Math.signum(a);
            case ATAN2 -> v[base] = Math.atan2(a, b);
            case UNITLESS -> v[base] = a;
            case SQRT -> domain(v, why, base, Math.sqrt(a), i);
            case LN, LOG -> domain(v, why, base, Math.log(a), i);
            case LOG2 -> domain(v, why, base, Ops.log2(a), i);
            case LOG10 -> domain(v, why, base, Math.log10(a), i);
            case LOG1P -> domain(v, why, base, Math.log1p(a), i);
            case ASIN -> domain(v, why, base, Math.asin(a), i);
            case ACOS -> domain(v, why, base, Math.acos(a), i);
            case EXP -> checked(v, why, base, Math.exp(a), i);
            case EXPM1 -> checked(v, why, base, Math.expm1(a), i);
            case SINH -> checked(v, why, base, Math.sinh(a), i);
            case COSH -> checked(v, why, base, Math.cosh(a), i);
            case HYPOT -> checked(v, why, base, Math.hypot(a, b), i);
            case COT -> {
                if (Math.tan(a) == 0) {
                    fail(v, why, base, Reason.DIVISION_BY_ZERO, i);
                } else {
                    checked(v, why, base, Ops.cot(a), i);
                }
            }
            case ROUND -> domain(v, why, base, Ops.round(a, b), i);
            case POW -> pow(v, why, base, a, b, i);
            case MIN, MAX -> {
                double m = a;
                for (int k = base + 1; k < base + n; k++) {
                    m = f == FormulaFunction.MIN ? Math.min(m, v[k]) : Math.max(m, v[k]);
                }
                v[base] = m;
            }
            default -> throw new IllegalStateException("unknown function " + f);
        }
    }
}
