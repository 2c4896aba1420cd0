package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.Unit;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Call;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Infers the unit of a formula from the units of the metrics it references, and reports every operation that
 * combines incompatible units. Works bottom-up over kpi-formula's parse tree with
 * {@link Expression#fold(java.util.function.BiFunction)}, so a formula of any depth or length is checked without
 * recursion.
 *
 * <p>Rules: {@code + - %}, comparisons, the branches of {@code if} and the arguments of {@code min}, {@code max},
 * {@code coalesce}, {@code hypot} and {@code atan2} need equal units; {@code * /} multiply and divide units;
 * {@code ^} and {@code pow} with a whole literal exponent raise the unit to that power; {@code sqrt} halves and
 * {@code cbrt} thirds exponents that allow it; {@code abs}, {@code floor}, {@code ceil}, {@code round},
 * {@code hypot}, {@code min}, {@code max}, {@code coalesce} and unary signs keep the unit; the transcendental
 * functions ({@code exp}, the logarithms, the trigonometric and hyperbolic functions), {@code signum}, comparisons
 * and logic give {@link Unit#ONE}; {@code unitless(x)} declares its result a pure number, so a weighted composite
 * of quantities in different units can be formed ({@code 0.5 * unitless(revenue) + 0.5 * unitless(visitors)}).
 * Number literals adapt to the other operand ({@code revenue + 100} is in the unit of revenue). A metric without a
 * known unit makes the result unknown, and an unknown operand is never reported.
 */
public final class UnitInference {

    /**
     * One combination of incompatible units.
     *
     * @param column the 1-based column of the operator or function in the formula
     * @param problem what is combined, e.g. {@code adds 'percent' to 'USD'}
     */
    public record Finding(int column, String problem) {
    }

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
    private final List<Finding> problems;

    private UnitInference(Function<String, Unit> units, List<Finding> problems) {
        this.units = units;
        this.problems = problems;
    }

    /**
     * Infers a formula's unit.
     *
     * @param tree the formula's tree
     * @param units the unit of each referenced metric id, or null when unknown
     * @param problems where incompatible combinations go, with their columns
     * @return the unit; {@link Unit#ONE} for a formula of literals only; null when unknown
     */
    public static Unit infer(Expression tree, Function<String, Unit> units, List<Finding> problems) {
        UnitInference inference = new UnitInference(units, problems);
        return tree.<U>fold(inference::node).unit();
    }

    private U node(Expression e, List<U> below) {
        if (e instanceof Literal || e instanceof Expression.Constant) {
            return U.LITERAL;
        }
        if (e instanceof Variable || e instanceof ReferenceCall) {
            Expression metric = e instanceof ReferenceCall r ? r.arguments().get(0) : e;
            Unit u = units.apply(((Variable) metric).name());
            return u == null ? U.UNKNOWN : U.of(u);
        }
        if (e instanceof Unary u) {
            return u.operator() == Expression.Operator.NOT ? pure(below.get(0)) : below.get(0);
        }
        if (e instanceof Binary b) {
            return binary(b, below.get(0), below.get(1));
        }
        return call((Call) e, below);
    }

    /** A pure number: literal if every operand is. */
    private static U pure(U... operands) {
        for (U o : operands) {
            if (!o.literal()) {
                return U.of(Unit.ONE);
            }
        }
        return U.LITERAL;
    }

    private U binary(Binary b, U l, U r) {
        return switch (b.operator()) {
            case ADD -> same(l, r, "adds '%2$s' to '%1$s'", b.column());
            case SUB -> same(l, r, "subtracts '%2$s' from '%1$s'", b.column());
            case MOD -> same(l, r, "takes the remainder of '%1$s' by '%2$s'", b.column());
            case MUL -> product(l, r, false);
            case DIV -> product(l, r, true);
            case POW -> power(l, r, b.right());
            case AND, OR -> pure(l, r);
            default -> {
                same(l, r, "compares '%1$s' with '%2$s'", b.column());
                yield pure(l, r);
            }
        };
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
            problems.add(new Finding(column, String.format(what, l.unit(), r.unit())));
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

    private static U power(U base, U exponentUnit, Expression exponent) {
        if (base.literal() && exponentUnit.literal()) {
            return U.LITERAL;
        }
        if (base.unit() == null) {
            return U.UNKNOWN;
        }
        if (exponent instanceof Literal n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= 12) {
            return U.of(base.unit().pow((int) n.value()));
        }
        return base.unit().equals(Unit.ONE) ? base : U.UNKNOWN;
    }

    private U call(Call c, List<U> args) {
        U first = args.get(0);
        String name = c.function().text();
        return switch (c.function()) {
            case ABS, FLOOR, CEIL, ROUND -> first;
            case SQRT -> root(first, 2);
            case CBRT -> root(first, 3);
            case EXP, EXPM1, LN, LOG, LOG2, LOG10, LOG1P, SIN, COS, TAN, COT, ASIN, ACOS, ATAN, SINH, COSH, TANH,
                    SIGNUM, UNITLESS -> pure(first);
            case ATAN2 -> {
                same(first, args.get(1), "mixes '%1$s' and '%2$s' in " + name, c.column());
                yield pure(first, args.get(1));
            }
            case POW -> power(first, args.get(1), c.arguments().get(1));
            case IF -> same(args.get(1), args.get(2), "mixes '%1$s' and '%2$s' in if", c.column());
            case HYPOT, MIN, MAX, COALESCE -> {
                U acc = first;
                for (int i = 1; i < args.size(); i++) {
                    acc = same(acc, args.get(i), "mixes '%1$s' and '%2$s' in " + name, c.column());
                }
                yield acc;
            }
        };
    }

    /** The n-th root of a unit: every exponent divided by n, or unknown when one is not divisible. */
    private static U root(U a, int n) {
        if (a.literal() || a.unit() == null) {
            return a;
        }
        Unit out = Unit.ONE;
        for (Map.Entry<String, Integer> e : a.unit().exponents().entrySet()) {
            if (e.getValue() % n != 0) {
                return U.UNKNOWN;
            }
            out = out.times(Unit.of(e.getKey()).pow(e.getValue() / n));
        }
        return U.of(out);
    }
}
