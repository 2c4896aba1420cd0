package io.kpiengine.formula.internal;

import io.kpiengine.formula.Evaluation;
import io.kpiengine.formula.NoValue;
import io.kpiengine.formula.NoValue.Reason;
import io.kpiengine.formula.internal.Node.Binary;
import io.kpiengine.formula.internal.Node.Call;
import io.kpiengine.formula.internal.Node.Num;
import io.kpiengine.formula.internal.Node.Unary;
import io.kpiengine.formula.internal.Node.Var;
import java.util.List;

/**
 * Evaluates an expression tree directly, recording why a result has no value. This is the reference semantics:
 * every operator and function is strict (a no-value operand makes a no-value result) except {@code if}, which
 * evaluates only the branch it takes, and {@code coalesce}, which takes its first argument that has a value. Any
 * non-finite intermediate result is a no-value, classified by the operation that produced it.
 *
 * <p>Used by {@code explain}, and as the evaluator of formulas too large for one JVM method. The generated code
 * must agree with it on every input; the property tests check that.
 */
public final class Interpreter extends Evaluator {

    private final Node root;

    /**
     * An interpreter of a tree.
     *
     * @param root the tree
     */
    public Interpreter(Node root) {
        this.root = root;
    }

    /**
     * Evaluates with the reason for a missing value.
     *
     * @param root the tree
     * @param slots the inputs
     * @return the evaluation
     */
    public static Evaluation explain(Node root, double[] slots) {
        NoValue[] why = new NoValue[1];
        double v = Run.eval(root, slots, why);
        return Double.isNaN(v) ? Evaluation.none(why[0]) : Evaluation.of(v + 0.0);
    }

    @Override
    public double evaluate(double[] slots) {
        return Ops.result(Run.eval(root, slots, null));
    }

    /** Allocates one row buffer per call, nothing per row. */
    @Override
    public void evaluateBatch(double[][] columns, double[] out, int length) {
        double[] row = new double[columns.length];
        for (int i = 0; i < length; i++) {
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c] == null ? Double.NaN : columns[c][i];
            }
            out[i] = evaluate(row);
        }
    }

    /** The evaluation proper; {@code why}, when not null, receives the reason for a missing value. */
    private static final class Run {

        private Run() {
        }

        private static double fail(NoValue[] why, Reason reason, String detail, int column) {
            if (why != null) {
                why[0] = new NoValue(reason, detail, column);
            }
            return Double.NaN;
        }

        /** Returns a finite value, or NaN with {@code why} set. */
        static double eval(Node node, double[] slots, NoValue[] why) {
            if (node instanceof Num n) {
                return n.value();
            }
            if (node instanceof Var v) {
                double x = slots[v.slot()];
                return Ops.finite(x) ? x : fail(why, Reason.MISSING_INPUT, v.name(), v.column());
            }
            if (node instanceof Unary u) {
                double x = eval(u.operand(), slots, why);
                if (Double.isNaN(x)) {
                    return x;
                }
                return u.op() == Syntax.UnOp.NEG ? -x : (x == 0 ? 1 : 0);
            }
            if (node instanceof Binary b) {
                return binary(b, slots, why);
            }
            return call((Call) node, slots, why);
        }

        private static double binary(Binary b, double[] slots, NoValue[] why) {
            double l = eval(b.left(), slots, why);
            if (Double.isNaN(l)) {
                return l;
            }
            double r = eval(b.right(), slots, why);
            if (Double.isNaN(r)) {
                return r;
            }
            String op = b.op().text();
            int col = b.column();
            switch (b.op()) {
                case ADD: return checked(l + r, op, col, why);
                case SUB: return checked(l - r, op, col, why);
                case MUL: return checked(l * r, op, col, why);
                case DIV:
                    return r == 0 ? fail(why, Reason.DIVISION_BY_ZERO, op, col) : checked(l / r, op, col, why);
                case MOD:
                    return r == 0 ? fail(why, Reason.DIVISION_BY_ZERO, op, col) : checked(l % r, op, col, why);
                case POW: return pow(l, r, op, col, why);
                case LT: return l < r ? 1 : 0;
                case LE: return l <= r ? 1 : 0;
                case GT: return l > r ? 1 : 0;
                case GE: return l >= r ? 1 : 0;
                case EQ: return l == r ? 1 : 0;
                case NE: return l != r ? 1 : 0;
                case AND: return l != 0 && r != 0 ? 1 : 0;
                case OR: return l != 0 || r != 0 ? 1 : 0;
                default: throw new IllegalStateException("unknown operator " + b.op());
            }
        }

        private static double pow(double l, double r, String op, int col, NoValue[] why) {
            double v = Math.pow(l, r);
            if (Ops.finite(v)) {
                return v;
            }
            if (l == 0 && r < 0) {
                return fail(why, Reason.DIVISION_BY_ZERO, op, col);
            }
            return fail(why, Double.isNaN(v) ? Reason.DOMAIN_ERROR : Reason.OVERFLOW, op, col);
        }

        private static double checked(double v, String op, int col, NoValue[] why) {
            if (Ops.finite(v)) {
                return v;
            }
            return fail(why, Double.isNaN(v) ? Reason.DOMAIN_ERROR : Reason.OVERFLOW, op, col);
        }

        private static double domain(double v, String fn, int col, NoValue[] why) {
            return Ops.finite(v) ? v : fail(why, Reason.DOMAIN_ERROR, fn, col);
        }

        private static double call(Call c, double[] slots, NoValue[] why) {
            List<Node> args = c.args();
            String fn = c.fn().text();
            int col = c.column();
            switch (c.fn()) {
                case IF: {
                    double cond = eval(args.get(0), slots, why);
                    if (Double.isNaN(cond)) {
                        return cond;
                    }
                    return eval(args.get(cond != 0 ? 1 : 2), slots, why);
                }
                case COALESCE: {
                    for (int i = 0; i < args.size() - 1; i++) {
                        double v = eval(args.get(i), slots, why);
                        if (!Double.isNaN(v)) {
                            return v;
                        }
                    }
                    return eval(args.get(args.size() - 1), slots, why);
                }
                default:
                    break;
            }
            double a = eval(args.get(0), slots, why);
            if (Double.isNaN(a)) {
                return a;
            }
            switch (c.fn()) {
                case ABS: return Math.abs(a);
                case FLOOR: return Math.floor(a);
                case CEIL: return Math.ceil(a);
                case SQRT: return domain(Math.sqrt(a), fn, col, why);
                case LN: case LOG: return domain(Math.log(a), fn, col, why);
                case LOG10: return domain(Math.log10(a), fn, col, why);
                case EXP: return checked(Math.exp(a), fn, col, why);
                default: break;
            }
            double b = args.size() > 1 ? eval(args.get(1), slots, why) : 0;
            if (Double.isNaN(b)) {
                return b;
            }
            switch (c.fn()) {
                case ROUND: return domain(Ops.round(a, b), fn, col, why);
                case POW: return pow(a, b, fn, col, why);
                case MIN: case MAX: {
                    double m = c.fn() == Syntax.Fn.MIN ? Math.min(a, b) : Math.max(a, b);
                    for (int i = 2; i < args.size(); i++) {
                        double x = eval(args.get(i), slots, why);
                        if (Double.isNaN(x)) {
                            return x;
                        }
                        m = c.fn() == Syntax.Fn.MIN ? Math.min(m, x) : Math.max(m, x);
                    }
                    return m;
                }
                default: throw new IllegalStateException("unknown function " + c.fn());
            }
        }
    }
}
