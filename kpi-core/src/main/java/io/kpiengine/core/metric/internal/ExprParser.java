package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.metric.internal.Lexer.Kind;
import io.kpiengine.core.metric.internal.Lexer.Token;
import io.kpiengine.core.time.Grain;
import io.kpiengine.base.internal.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recursive-descent parser of derived-metric formulas, with the precedence of kpi-formula (loosest first):
 * {@code or}; {@code and}; {@code not}; comparisons; {@code + -}; {@code * / %}; unary minus; {@code ^}
 * (right-associative, so {@code -2^2} is {@code -(2^2)} and {@code 2^3^2} is {@code 2^(3^2)}).
 *
 * <p>Reference functions ({@code lag}, {@code last_year}, {@code to_date}, {@code trailing}) must name a metric as
 * their first argument and have literal further arguments; they become {@link Expr.Ref} nodes.
 */
public final class ExprParser extends TokenParser {

    /** The ordinary functions of kpi-formula and their argument counts (min, max; -1 = any). */
    public static final Map<String, int[]> FUNCTIONS = Map.ofEntries(
            Map.entry("abs", new int[] {1, 1}), Map.entry("sqrt", new int[] {1, 1}),
            Map.entry("exp", new int[] {1, 1}), Map.entry("ln", new int[] {1, 1}),
            Map.entry("log", new int[] {1, 1}), Map.entry("log10", new int[] {1, 1}),
            Map.entry("floor", new int[] {1, 1}), Map.entry("ceil", new int[] {1, 1}),
            Map.entry("round", new int[] {1, 2}), Map.entry("pow", new int[] {2, 2}),
            Map.entry("min", new int[] {2, -1}), Map.entry("max", new int[] {2, -1}),
            Map.entry("if", new int[] {3, 3}), Map.entry("coalesce", new int[] {2, -1}));

    private ExprParser(String text) {
        super("formula", text);
    }

    /**
     * Parses a formula.
     *
     * @param text the formula
     * @return the tree
     * @throws IllegalArgumentException if the formula is malformed; the message quotes the formula and names the
     *     column
     */
    public static Expr parse(String text) {
        ExprParser p = new ExprParser(text);
        if (p.atEnd()) {
            throw p.error("expected an expression");
        }
        Expr e = p.or();
        if (!p.atEnd()) {
            throw p.error("expected an operator or the end");
        }
        return e;
    }

    private Expr or() {
        Expr e = and();
        while (peek().isKeyword("or")) {
            Token op = next();
            e = new Expr.Binary("or", e, and(), op.column());
        }
        return e;
    }

    private Expr and() {
        Expr e = not();
        while (peek().isKeyword("and")) {
            Token op = next();
            e = new Expr.Binary("and", e, not(), op.column());
        }
        return e;
    }

    private Expr not() {
        if (peek().isKeyword("not")) {
            Token op = next();
            return new Expr.Unary("not", not(), op.column());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr e = additive();
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && List.of("<", "<=", ">", ">=", "==", "!=").contains(t.text())) {
            next();
            e = new Expr.Binary(t.text(), e, additive(), t.column());
        }
        return e;
    }

    private Expr additive() {
        Expr e = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            e = new Expr.Binary(op.text(), e, multiplicative(), op.column());
        }
        return e;
    }

    private Expr multiplicative() {
        Expr e = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = next();
            e = new Expr.Binary(op.text(), e, unary(), op.column());
        }
        return e;
    }

    private Expr unary() {
        if (peek().is("-") || peek().is("+")) {
            Token op = next();
            return new Expr.Unary(op.text(), unary(), op.column());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek().is("^")) {
            Token op = next();
            return new Expr.Binary("^", base, unary(), op.column());
        }
        return base;
    }

    private Expr primary() {
        Token t = peek();
        if (t.kind() == Kind.NUMBER) {
            next();
            try {
                return new Expr.Num(Double.parseDouble(t.text()), t.column());
            } catch (NumberFormatException e) {
                back();
                throw error("expected a number");
            }
        }
        if (t.is("(")) {
            next();
            Expr e = or();
            expect(")");
            return e;
        }
        if (t.kind() == Kind.IDENT && !isKeyword(t)) {
            next();
            if (!peek().is("(")) {
                return new Expr.Ref(MetricReference.current(t.text()), t.column(), t.column() + t.text().length());
            }
            next();
            List<Token> starts = new ArrayList<>();
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
                starts.add(peek());
                args.add(or());
                while (peek().is(",")) {
                    next();
                    starts.add(peek());
                    args.add(or());
                }
            }
            int end = peek().column() + 1;
            expect(")");
            return call(t, args, starts, end);
        }
        throw error("expected a number, a metric id, a function call or '('");
    }

    private static boolean isKeyword(Token t) {
        return t.isKeyword("and") || t.isKeyword("or") || t.isKeyword("not");
    }

    private Expr call(Token name, List<Expr> args, List<Token> starts, int end) {
        String fn = name.text().toLowerCase(Locale.ROOT);
        Optional<MetricReference.Kind> ref = MetricReference.Kind.ofFunction(fn);
        if (ref.isPresent()) {
            return reference(name, ref.get(), args, starts, end);
        }
        int[] arity = FUNCTIONS.get(fn);
        if (arity == null) {
            List<String> known = new ArrayList<>(FUNCTIONS.keySet());
            known.addAll(List.of("lag", "last_year", "to_date", "trailing"));
            throw failure("unknown function '" + name.text() + "' at column " + name.column()
                    + Suggestions.didYouMean(fn, known));
        }
        if (args.size() < arity[0] || arity[1] >= 0 && args.size() > arity[1]) {
            String want = arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? "" + arity[0]
                    : arity[0] + " or " + arity[1];
            throw failure("function " + fn + " takes " + want + " argument" + (want.equals("1") ? "" : "s")
                    + ", but got " + args.size() + " at column " + name.column());
        }
        return new Expr.Call(fn, List.copyOf(args), name.column());
    }

    private Expr reference(Token name, MetricReference.Kind kind, List<Expr> args, List<Token> starts,
            int end) {
        String fn = kind.function();
        String usage = usage(kind);
        int want = kind == MetricReference.Kind.LAST_YEAR ? 1 : 2;
        if (args.size() != want) {
            throw failure(usage + " takes " + want + " argument" + (want == 1 ? "" : "s") + ", but got "
                    + args.size() + " at column " + name.column());
        }
        if (!(args.get(0) instanceof Expr.Ref r) || r.reference().kind() != MetricReference.Kind.CURRENT) {
            throw failure("the first argument of " + usage + " must be a metric id, but was '"
                    + snippet(starts.get(0), args.size() > 1 ? starts.get(1) : null) + "' at column "
                    + starts.get(0).column());
        }
        String metric = r.reference().metric();
        switch (kind) {
            case LAST_YEAR:
                return new Expr.Ref(new MetricReference(kind, metric, 0, null), name.column(), end);
            case TO_DATE: {
                Expr g = args.get(1);
                Grain grain = g instanceof Expr.Ref gr && gr.reference().kind() == MetricReference.Kind.CURRENT
                        ? Grain.find(gr.reference().metric()).orElse(null) : null;
                if (grain == null) {
                    String written = snippet(starts.get(1), null);
                    throw failure("the second argument of " + usage + " must be a grain " + Grain.ids()
                            + ", but was '" + written + "' at column " + starts.get(1).column()
                            + Suggestions.didYouMean(written.toLowerCase(Locale.ROOT), Grain.ids()));
                }
                return new Expr.Ref(new MetricReference(kind, metric, 0, grain), name.column(), end);
            }
            default: {
                Expr n = args.get(1);
                double v = n instanceof Expr.Num num ? num.value() : Double.NaN;
                if (!(v >= 1 && v <= MetricReference.MAX_PERIODS && v == Math.rint(v))) {
                    throw failure("the second argument of " + usage + " must be a whole number 1.."
                            + MetricReference.MAX_PERIODS + ", but was '" + snippet(starts.get(1), null)
                            + "' at column " + starts.get(1).column());
                }
                return new Expr.Ref(new MetricReference(kind, metric, (int) v, null), name.column(), end);
            }
        }
    }

    private static String usage(MetricReference.Kind kind) {
        switch (kind) {
            case LAG:
                return "lag(metric, n)";
            case LAST_YEAR:
                return "last_year(metric)";
            case TO_DATE:
                return "to_date(metric, grain)";
            default:
                return "trailing(metric, n)";
        }
    }

    /** The source text of an argument, from its first token to the next argument or the closing parenthesis. */
    private String snippet(Token start, Token nextStart) {
        int from = start.column() - 1;
        int depth = 0;
        int i = from;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                break;
            }
        }
        int to = nextStart == null ? i : Math.min(i, nextStart.column() - 1);
        return text.substring(from, to).trim();
    }

    /**
     * Adds every reference node of a tree, in order of appearance.
     *
     * @param e the tree
     * @param out where nodes go
     */
    public static void referenceNodes(Expr e, List<Expr.Ref> out) {
        if (e instanceof Expr.Ref r) {
            out.add(r);
        } else if (e instanceof Expr.Unary u) {
            referenceNodes(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            referenceNodes(b.left(), out);
            referenceNodes(b.right(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> referenceNodes(a, out));
        }
    }

    /**
     * Adds every metric reference of a tree, in order of appearance, without duplicates.
     *
     * @param e the tree
     * @param out where references go
     */
    public static void references(Expr e, Collection<MetricReference> out) {
        List<Expr.Ref> nodes = new ArrayList<>();
        referenceNodes(e, nodes);
        for (Expr.Ref r : nodes) {
            if (!out.contains(r.reference())) {
                out.add(r.reference());
            }
        }
    }
}
