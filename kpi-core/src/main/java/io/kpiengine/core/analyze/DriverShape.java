package io.kpiengine.core.analyze;

import io.kpiengine.core.metric.Derived;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.Ratio;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The structure of a metric as drivers, for attribution: a sum of metrics with signs ({@code a + b - c}), or a
 * product of metrics with integer exponents times a constant ({@code a * b / c * 100}; a {@link Ratio} is
 * {@code numerator^1 denominator^-1 scale}).
 *
 * <p>Design note. kpi-formula exposes no parse tree on this branch (the catalog's own parser is internal to
 * {@code core.metric} and due to be replaced by a public kpi-formula tree), so the shapes are recognised from the
 * formula text by a small scanner: identifiers (metric ids), numbers, {@code + - * /} and blanks. Any other token
 * (a parenthesis, a function such as {@code lag(...)}, a comparison) or a mix of {@code +/-} with {@code * /} is a
 * shape attribution does not split, and the message says which shapes it does. Repeated factors add their
 * exponents ({@code a * a / b} is {@code a^2 b^-1}); a factor whose exponents cancel drops out.
 */
final class DriverShape {

    /** Whether the metric is the sum or the product of its drivers. */
    enum Kind { SUM, PRODUCT }

    static final String SHAPES = "a sum or difference of metrics (a + b - c), a product or quotient of metrics and"
            + " numbers (a * b / c * 100), or a ratio";

    final Kind kind;
    /** SUM: metric id to sign (+1 or -1, summed when repeated). PRODUCT: metric id to exponent. */
    final Map<String, Integer> drivers;
    /** PRODUCT: the product of the numbers in the formula; SUM: 1. */
    final double constant;

    private DriverShape(Kind kind, Map<String, Integer> drivers, double constant) {
        this.kind = kind;
        this.drivers = drivers;
        this.constant = constant;
    }

    /**
     * The drivers of a metric.
     *
     * @throws IllegalArgumentException if the metric is a measure or a formula of another shape
     */
    static DriverShape of(Metric metric) {
        if (metric instanceof Ratio r) {
            Map<String, Integer> d = new LinkedHashMap<>();
            d.merge(r.numerator(), 1, Integer::sum);
            d.merge(r.denominator(), -1, Integer::sum);
            d.values().removeIf(e -> e == 0);
            return new DriverShape(Kind.PRODUCT, d, r.scale().doubleValue());
        }
        if (metric instanceof Derived d) {
            return parse(d.id(), d.formula());
        }
        Measure m = (Measure) metric;
        throw new IllegalArgumentException("metric '" + m.id() + "' is a measure (" + m.aggregation().name()
                .toLowerCase(java.util.Locale.ROOT) + "): it has no drivers to split its change into; attribution"
                + " takes " + SHAPES + " (segmentChanges splits a change over segments)");
    }

    /** Recognises {@code a + b - c} or {@code a * b / c * 100} in a formula text. */
    static DriverShape parse(String id, String formula) {
        Map<String, Integer> drivers = new LinkedHashMap<>();
        double constant = 1;
        Kind kind = null;
        char op = '+';
        boolean operandNext = true;
        boolean hasNumber = false;
        int i = 0;
        int n = formula.length();
        while (i < n) {
            char c = formula.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (operandNext) {
                int start = i;
                if (Character.isLetter(c) || c == '_') {
                    while (i < n && (Character.isLetterOrDigit(formula.charAt(i)) || formula.charAt(i) == '_')) {
                        i++;
                    }
                    String name = formula.substring(start, i);
                    if (i < n && formula.substring(i).stripLeading().startsWith("(")) {
                        throw unsupported(id, formula, "the function '" + name + "(...)'");
                    }
                    int sign = op == '-' || op == '/' ? -1 : 1;
                    drivers.merge(name, sign, Integer::sum);
                } else if (Character.isDigit(c) || c == '.') {
                    while (i < n && (Character.isDigit(formula.charAt(i)) || formula.charAt(i) == '.'
                            || formula.charAt(i) == 'e' || formula.charAt(i) == 'E'
                            || (formula.charAt(i) == '-' || formula.charAt(i) == '+')
                            && (formula.charAt(i - 1) == 'e' || formula.charAt(i - 1) == 'E'))) {
                        i++;
                    }
                    double number;
                    try {
                        number = Double.parseDouble(formula.substring(start, i));
                    } catch (NumberFormatException e) {
                        throw unsupported(id, formula, "the number '" + formula.substring(start, i) + "'");
                    }
                    if (kind == Kind.SUM) {
                        throw unsupported(id, formula, "a number added to metrics");
                    }
                    if (op == '/' && number == 0) {
                        throw unsupported(id, formula, "a division by the number 0");
                    }
                    hasNumber = true;
                    constant = op == '/' ? constant / number : constant * number;
                } else {
                    throw unsupported(id, formula, "'" + c + "' at column " + (i + 1));
                }
                operandNext = false;
            } else {
                if (c != '+' && c != '-' && c != '*' && c != '/') {
                    throw unsupported(id, formula, "'" + c + "' at column " + (i + 1));
                }
                Kind k = c == '+' || c == '-' ? Kind.SUM : Kind.PRODUCT;
                if (kind != null && kind != k) {
                    throw unsupported(id, formula, "'+' or '-' mixed with '*' or '/'");
                }
                kind = k;
                op = c;
                operandNext = true;
                i++;
            }
        }
        if (operandNext) {
            throw unsupported(id, formula, "an operator without its operand");
        }
        if (kind == Kind.SUM && hasNumber) {
            throw unsupported(id, formula, "a number added to metrics");
        }
        drivers.values().removeIf(e -> e == 0);
        if (drivers.isEmpty()) {
            throw unsupported(id, formula, "no metric");
        }
        return new DriverShape(kind == null ? Kind.PRODUCT : kind, drivers, constant);
    }

    private static IllegalArgumentException unsupported(String id, String formula, String what) {
        return new IllegalArgumentException("metric '" + id + "' = \"" + formula + "\" has " + what
                + "; attribution takes " + SHAPES);
    }
}
