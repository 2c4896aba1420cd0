package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.Unit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Infers the unit of a formula from the units of the metrics it references, and reports every operation that
 * combines incompatible units.
 *
 * <p>Rules: {@code + - %}, comparisons and the branches of {@code min}, {@code max}, {@code coalesce} and
 * {@code if} need equal units; {@code * /} multiply and divide units; {@code ^} with a whole literal exponent
 * raises the unit to that power; {@code sqrt} halves even exponents; {@code abs}, {@code floor}, {@code ceil},
 * {@code round} and unary signs keep the unit; {@code exp}, {@code ln}, {@code log}, {@code log10}, comparisons and
 * logic give {@link Unit#ONE}. Number literals adapt to the other operand ({@code revenue + 100} is in the unit of
 * revenue). A metric without a known unit makes the result unknown, and an unknown operand is never reported.
 */
public final class UnitInference {

    /**
     * The inferred unit of an expression.
     *
     * @param unit the unit, or null when unknown
     * @param literal true when the expression is made of number literals only
     */
    private record U(Unit unit, boolean literal) {
        static final U UNKNOWN = new U(null, false);
        static final U LITERAL = new U(Unit.ONE, true);

        static U of(Unit unit) {
            return new U(unit, false);
        }
    }

    private final Function<String, Unit> units;
    private final List<String> problems;

    private UnitInference(Function<String, Unit> units, List<String> problems) {
        this.units = units;
        this.problems = problems;
    }

    /**
     * Infers a formula's unit.
     *
     * @param tree the formula's tree
     * @param units the unit of each referenced metric id, or null when unknown
     * @param problems where messages about incompatible units go, each naming the operation and column
     * @return the unit; {@link Unit#ONE} for a formula of literals only; null when unknown
     */
    public static Unit infer(Expr tree, Function<String, Unit> units, List<String> problems) {
        return new UnitInference(units, problems).visit(tree).unit();
    }

    private U visit(Expr e) {
        if (e instanceof Expr.Num) {
            return U.LITERAL;
        }
        if (e instanceof Expr.Ref r) {
            Unit u = units.apply(r.reference().metric());
            return u == null ? U.UNKNOWN : U.of(u);
        }
        if (e instanceof Expr.Unary u) {
            U operand = visit(u.operand());
            return u.op().equals("not") ? logic(operand) : operand;
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        return call((Expr.Call) e);
    }

    private static U logic(U operand) {
        return operand.literal() ? U.LITERAL : U.of(Unit.ONE);
    }

    private U binary(Expr.Binary b) {
        U l = visit(b.left());
        U r = visit(b.right());
        switch (b.op()) {
            case "+":
                return same(l, r, "adds '%2$s' to '%1$s'", b.column());
            case "-":
                return same(l, r, "subtracts '%2$s' from '%1$s'", b.column());
            case "%":
                return same(l, r, "takes the remainder of '%1$s' by '%2$s'", b.column());
            case "*":
                return product(l, r, false);
            case "/":
                return product(l, r, true);
            case "^":
                return power(l, b.right());
            case "and":
            case "or":
                return l.literal() && r.literal() ? U.LITERAL : U.of(Unit.ONE);
            default:
                same(l, r, "compares '%1$s' with '%2$s'", b.column());
                return l.literal() && r.literal() ? U.LITERAL : U.of(Unit.ONE);
        }
    }

    private U same(U l, U r, String what, int column) {
        if (l.literal()) {
            return r;
        }
        if (r.literal()) {
            return l;
        }
        if (l.unit() == null || r.unit() == null) {
            return U.UNKNOWN;
        }
        if (!l.unit().equals(r.unit())) {
            problems.add(String.format(what, l.unit(), r.unit()) + " at column " + column);
            return U.UNKNOWN;
        }
        return l;
    }

    private static U product(U l, U r, boolean divide) {
        if (l.literal() && r.literal()) {
            return U.LITERAL;
        }
        if (l.unit() == null || r.unit() == null) {
            return U.UNKNOWN;
        }
        Unit right = r.literal() ? Unit.ONE : r.unit();
        Unit left = l.literal() ? Unit.ONE : l.unit();
        return U.of(divide ? left.dividedBy(right) : left.times(right));
    }

    private U power(U base, Expr exponent) {
        U e = visit(exponent);
        if (base.literal() && e.literal()) {
            return U.LITERAL;
        }
        if (base.unit() == null) {
            return U.UNKNOWN;
        }
        if (exponent instanceof Expr.Num n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= 12) {
            return U.of(base.unit().pow((int) n.value()));
        }
        return base.unit().equals(Unit.ONE) ? base : U.UNKNOWN;
    }

    private U call(Expr.Call c) {
        List<Expr> args = c.args();
        switch (c.function()) {
            case "abs":
            case "floor":
            case "ceil":
            case "round":
                return visit(args.get(0));
            case "sqrt":
                return sqrt(visit(args.get(0)));
            case "exp":
            case "ln":
            case "log":
            case "log10": {
                U a = visit(args.get(0));
                return a.literal() ? U.LITERAL : U.of(Unit.ONE);
            }
            case "pow":
                return power(visit(args.get(0)), args.get(1));
            case "if": {
                visit(args.get(0));
                return same(visit(args.get(1)), visit(args.get(2)), "mixes '%1$s' and '%2$s' in if", c.column());
            }
            default: {
                U acc = visit(args.get(0));
                for (int i = 1; i < args.size(); i++) {
                    acc = same(acc, visit(args.get(i)), "mixes '%1$s' and '%2$s' in " + c.function(), c.column());
                }
                return acc;
            }
        }
    }

    private static U sqrt(U a) {
        if (a.literal() || a.unit() == null) {
            return a;
        }
        for (Map.Entry<String, Integer> e : a.unit().exponents().entrySet()) {
            if (e.getValue() % 2 != 0) {
                return U.UNKNOWN;
            }
        }
        Unit out = Unit.ONE;
        for (Map.Entry<String, Integer> e : a.unit().exponents().entrySet()) {
            out = out.times(Unit.of(e.getKey()).pow(e.getValue() / 2));
        }
        return U.of(out);
    }
}
