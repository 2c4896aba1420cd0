package io.kpiengine.core.analyze;

import io.kpiengine.core.metric.Derived;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.metric.Ratio;
import io.kpiengine.core.metric.internal.DerivedCompiler;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Expression.Binary;
import io.kpiengine.formula.Expression.Constant;
import io.kpiengine.formula.Expression.Literal;
import io.kpiengine.formula.Expression.Operator;
import io.kpiengine.formula.Expression.ReferenceCall;
import io.kpiengine.formula.Expression.Unary;
import io.kpiengine.formula.Expression.Variable;
import io.kpiengine.formula.Formula;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The structure of a metric as drivers, for attribution, read from the parse tree of its formula
 * ({@link Formula#expression()}): a linear form {@code sum c_i x_i + c0} ({@code a + b - c},
 * {@code 0.5 * online + stores}), a monomial {@code k prod x_i^e_i} ({@code a * b / c * 100}, {@code a^2 / b}; a
 * {@link Ratio} is {@code numerator^1 denominator^-1 scale}), or any other formula, split by Shapley values of the
 * compiled formula itself.
 *
 * <p>Design note. The tree is folded bottom-up without recursion ({@link Expression#fold}) into one of four forms
 * per node: a number (literals, {@code pi}, {@code e} and arithmetic of numbers), a linear form, a monomial, or
 * "other". Leaves that are drivers are the formula's slots: a metric of the period ({@code revenue}),
 * {@code lag(m, n)} or {@code last_year(m)}, each a value of the result table. Rules: {@code + -} keep linear forms
 * (a monomial of one factor with exponent 1 counts as the linear term {@code k x}); {@code *} by a number scales
 * either form, and of two monomials multiplies them (adding exponents); {@code /} by a non-zero number scales, and
 * of two monomials divides them (a number over a monomial is one); {@code ^} an integral number raises a monomial;
 * unary minus negates; everything else ({@code %}, comparisons, logic, functions, a sum times a sum) is "other".
 * Repeated drivers merge ({@code a * a / b} is {@code a^2 b^-1}; {@code a + a} is {@code 2a}); terms and factors
 * that cancel drop out. The root decides: a linear form is split additively (the constant changes nothing), a
 * monomial of more than one factor (or one with an exponent other than 1) by LMDI or Shapley on its factors, a
 * number is refused (nothing to split), and "other" by Shapley values of the compiled formula over its slots, at
 * {@code 2^k} evaluations for {@code k} slots, so at most {@value #MAX_FORMULA_DRIVERS} slots (65,536 evaluations,
 * a few milliseconds). {@code to_date} and {@code trailing} read windows of periods that the result table does not
 * hold as cells, so formulas with them are refused.
 */
final class DriverShape {

    /** How the change is split: additively, over a product's factors, or by Shapley values of the formula. */
    enum Kind { SUM, PRODUCT, FORMULA }

    /** The most slots of a formula split by Shapley values of the formula: 2^16 = 65,536 evaluations. */
    static final int MAX_FORMULA_DRIVERS = 16;

    static final String SHAPES = "a formula over metrics of the period, lag(m, n) and last_year(m) (a sum or"
            + " difference is split additively, a product or quotient with numbers by LMDI or Shapley values, any"
            + " other formula of at most " + MAX_FORMULA_DRIVERS + " inputs by Shapley values of the formula), or a"
            + " ratio";

    final Kind kind;
    /** Driver slot name to its coefficient (SUM) or exponent (PRODUCT); FORMULA: slot name to 1, in slot order. */
    final Map<String, Double> drivers;
    /** The reference of each driver, by slot name. */
    final Map<String, MetricReference> references;
    /** PRODUCT: the scale factor; SUM: the constant term; FORMULA: unused (0). */
    final double constant;
    /** FORMULA: the compiled formula, whose slots are the drivers in order; otherwise null. */
    final @Nullable Formula formula;

    private DriverShape(Kind kind, Map<String, Double> drivers, Map<String, MetricReference> references,
            double constant, @Nullable Formula formula) {
        this.kind = kind;
        this.drivers = drivers;
        this.references = references;
        this.constant = constant;
        this.formula = formula;
    }

    /**
     * The drivers of a metric.
     *
     * @throws IllegalArgumentException if the metric is a measure or a formula attribution cannot split
     */
    static DriverShape of(Metric metric) {
        if (metric instanceof Ratio r) {
            Map<String, Double> d = new LinkedHashMap<>();
            d.merge(r.numerator(), 1.0, Double::sum);
            d.merge(r.denominator(), -1.0, Double::sum);
            d.values().removeIf(e -> e == 0);
            Map<String, MetricReference> refs = new LinkedHashMap<>();
            d.keySet().forEach(id -> refs.put(id, MetricReference.current(id)));
            return new DriverShape(Kind.PRODUCT, d, refs, r.scale().doubleValue(), null);
        }
        if (metric instanceof Derived d) {
            return of(d.id(), d.compiled());
        }
        Measure m = (Measure) metric;
        throw new IllegalArgumentException("metric '" + m.id() + "' is a measure (" + m.aggregation().name()
                .toLowerCase(Locale.ROOT) + "): it has no drivers to split its change into; attribution takes "
                + SHAPES + " (segmentChanges splits a change over segments)");
    }

    /** The drivers of a formula text, compiled as a catalog compiles a derived metric's. */
    static DriverShape parse(String id, String formula) {
        return of(id, DerivedCompiler.compile(formula).formula());
    }

    private static DriverShape of(String id, Formula compiled) {
        Map<String, MetricReference> refs = new LinkedHashMap<>();
        for (Expression node : compiled.expression().nodes()) {
            if (node instanceof ReferenceCall call) {
                MetricReference r = DerivedCompiler.referenceOf(call);
                if (r.kind() == MetricReference.Kind.TO_DATE || r.kind() == MetricReference.Kind.TRAILING) {
                    throw unsupported(id, compiled, r.slot() + ", a window of periods that the result table does"
                            + " not hold as one cell");
                }
                refs.putIfAbsent(r.slot(), r);
            } else if (node instanceof Variable v) {
                refs.putIfAbsent(v.name(), MetricReference.current(v.name()));
            }
        }
        Form root = compiled.expression().fold(DriverShape::combine);
        if (root instanceof Num) {
            throw unsupported(id, compiled, "no metric");
        }
        if (root instanceof Lin lin) {
            Map<String, Double> terms = nonZero(lin.terms);
            if (terms.isEmpty()) {
                throw unsupported(id, compiled, "no metric whose terms do not cancel");
            }
            return new DriverShape(Kind.SUM, terms, only(refs, terms), lin.constant, null);
        }
        if (root instanceof Mono mono) {
            Map<String, Double> factors = nonZero(mono.exponents);
            if (factors.isEmpty() || mono.scale == 0) {
                throw unsupported(id, compiled, "no metric whose factors do not cancel");
            }
            return new DriverShape(Kind.PRODUCT, factors, only(refs, factors), mono.scale, null);
        }
        List<String> slots = compiled.variables();
        if (slots.size() > MAX_FORMULA_DRIVERS) {
            throw unsupported(id, compiled, slots.size() + " inputs; the Shapley split of a general formula evaluates"
                    + " it 2^k times for k inputs and takes at most " + MAX_FORMULA_DRIVERS);
        }
        Map<String, Double> drivers = new LinkedHashMap<>();
        Map<String, MetricReference> ordered = new LinkedHashMap<>();
        for (String slot : slots) {
            drivers.put(slot, 1.0);
            ordered.put(slot, refs.get(slot));
        }
        return new DriverShape(Kind.FORMULA, drivers, ordered, 0, compiled);
    }

    private static Map<String, Double> nonZero(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>(m);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    private static Map<String, MetricReference> only(Map<String, MetricReference> refs, Map<String, Double> keep) {
        Map<String, MetricReference> out = new LinkedHashMap<>();
        keep.keySet().forEach(k -> out.put(k, refs.get(k)));
        return out;
    }

    // ---- the forms ------------------------------------------------------------------------------------------

    /** What a sub-expression is, as far as attribution cares. */
    private sealed interface Form permits Num, Lin, Mono, Other {
    }

    /** A number. */
    private record Num(double value) implements Form {
    }

    /** {@code sum terms(x) x + constant}, at least one term. */
    private record Lin(Map<String, Double> terms, double constant) implements Form {
        Lin scaled(double k) {
            Map<String, Double> t = new LinkedHashMap<>();
            terms.forEach((x, c) -> t.put(x, c * k));
            return new Lin(t, constant * k);
        }

        /** The monomial {@code c x} of a single term without constant, or null. */
        @Nullable Mono asMono() {
            if (terms.size() != 1 || constant != 0) {
                return null;
            }
            Map.Entry<String, Double> e = terms.entrySet().iterator().next();
            return new Mono(e.getValue(), new LinkedHashMap<>(Map.of(e.getKey(), 1.0)));
        }
    }

    /** {@code scale prod x^exponents(x)}. */
    private record Mono(double scale, Map<String, Double> exponents) implements Form {
        /** The linear term {@code scale x} of a single factor with exponent 1, or null. */
        @Nullable Lin asLin() {
            if (exponents.size() != 1 || exponents.values().iterator().next() != 1) {
                return null;
            }
            return new Lin(new LinkedHashMap<>(Map.of(exponents.keySet().iterator().next(), scale)), 0);
        }
    }

    /** Anything else. */
    private record Other() implements Form {
    }

    private static final Other OTHER = new Other();

    private static Form combine(Expression node, List<Form> operands) {
        if (node instanceof Literal l) {
            return new Num(l.value());
        }
        if (node instanceof Constant c) {
            return new Num(c.value());
        }
        if (node instanceof Variable v) {
            return driver(v.name());
        }
        if (node instanceof ReferenceCall call) {
            return driver(DerivedCompiler.referenceOf(call).slot());
        }
        if (node instanceof Unary u && u.operator() == Operator.NEG) {
            return times(operands.get(0), -1);
        }
        if (node instanceof Binary b) {
            Form x = operands.get(0);
            Form y = operands.get(1);
            switch (b.operator()) {
                case ADD:
                    return add(x, y, 1);
                case SUB:
                    return add(x, y, -1);
                case MUL:
                    return multiply(x, y);
                case DIV:
                    return divide(x, y);
                case POW:
                    return power(x, y);
                default:
                    return OTHER;
            }
        }
        return OTHER;
    }

    private static Lin driver(String slot) {
        return new Lin(new LinkedHashMap<>(Map.of(slot, 1.0)), 0);
    }

    private static Form times(Form f, double k) {
        if (f instanceof Num n) {
            return new Num(n.value * k);
        }
        if (f instanceof Lin lin) {
            return lin.scaled(k);
        }
        if (f instanceof Mono m) {
            return new Mono(m.scale * k, m.exponents);
        }
        return OTHER;
    }

    private static @Nullable Lin linear(Form f) {
        return f instanceof Num n ? new Lin(Map.of(), n.value) : f instanceof Lin lin ? lin
                : f instanceof Mono m ? m.asLin() : null;
    }

    private static @Nullable Mono monomial(Form f) {
        return f instanceof Num n ? new Mono(n.value, Map.of()) : f instanceof Mono m ? m
                : f instanceof Lin lin ? lin.asMono() : null;
    }

    private static Form add(Form x, Form y, int sign) {
        if (x instanceof Num a && y instanceof Num b) {
            return new Num(a.value + sign * b.value);
        }
        Lin a = linear(x);
        Lin b = linear(y);
        if (a == null || b == null) {
            return OTHER;
        }
        Map<String, Double> terms = new LinkedHashMap<>(a.terms);
        b.terms.forEach((v, c) -> terms.merge(v, sign * c, Double::sum));
        return new Lin(terms, a.constant + sign * b.constant);
    }

    private static Form multiply(Form x, Form y) {
        if (x instanceof Num n) {
            return times(y, n.value);
        }
        if (y instanceof Num n) {
            return times(x, n.value);
        }
        Mono a = monomial(x);
        Mono b = monomial(y);
        return a == null || b == null ? OTHER : product(a, b, 1);
    }

    private static Form divide(Form x, Form y) {
        if (y instanceof Num n) {
            return n.value == 0 ? OTHER : times(x, 1 / n.value);
        }
        Mono a = monomial(x);
        Mono b = monomial(y);
        return a == null || b == null || b.scale == 0 ? OTHER : product(a, b, -1);
    }

    private static Mono product(Mono a, Mono b, int sign) {
        Map<String, Double> exponents = new LinkedHashMap<>(a.exponents);
        b.exponents.forEach((v, e) -> exponents.merge(v, sign * e, Double::sum));
        return new Mono(sign > 0 ? a.scale * b.scale : a.scale / b.scale, exponents);
    }

    private static Form power(Form x, Form y) {
        if (!(y instanceof Num n) || n.value != Math.rint(n.value) || Math.abs(n.value) > 64) {
            return OTHER;
        }
        if (x instanceof Num a) {
            return new Num(Math.pow(a.value, n.value));
        }
        Mono m = monomial(x);
        if (m == null || n.value < 0 && m.scale == 0) {
            return OTHER;
        }
        Map<String, Double> exponents = new LinkedHashMap<>();
        m.exponents.forEach((v, e) -> exponents.put(v, e * n.value));
        return new Mono(Math.pow(m.scale, n.value), exponents);
    }

    private static IllegalArgumentException unsupported(String id, Formula formula, String what) {
        return new IllegalArgumentException("metric '" + id + "' = \"" + formula.source() + "\" has " + what
                + "; attribution takes " + SHAPES);
    }
}
