package io.kpiengine.core.metric.internal;

import io.kpiengine.core.metric.Filter;
import io.kpiengine.core.metric.internal.Lexer.Kind;
import io.kpiengine.core.metric.internal.Lexer.Token;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.base.internal.Suggestions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parser of the filter language of {@link Filter}, plus its printing and schema checks.
 *
 * <pre>
 * or      := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' or ')' | test
 * test    := name op literal | name ['not'] 'in' '(' literal (',' literal)* ')' | name 'is' ['not'] 'missing'
 * </pre>
 *
 * <p>Without recursion: a stack of open parenthesised groups, each collecting the parts of its disjunction and of
 * the conjunction being read, and the count of {@code not}s waiting for the next test or group. Redundant
 * parentheses leave no node, so {@code ((((a = 1))))} nested 5,000 deep reads as {@code a = 1}; nodes that do nest
 * ({@code not}, an {@code and} inside an {@code or} inside parentheses ...) are limited to {@value #MAX_DEPTH}
 * levels, so that the filter's printing, comparison and compilation, which recurse over it, stay far inside a
 * 256 KiB thread stack.
 *
 * <p>Lists of any length are linear: an {@code in} list is read in one loop, and checked against the schema with
 * one message for its first wrong value (a 200,000-value list with a wrong type does not print the list 200,000
 * times).
 */
public final class FilterParser extends TokenParser {

    /** The deepest nesting of {@code not}, {@code and} and {@code or} nodes a filter may have. */
    public static final int MAX_DEPTH = 100;

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "missing", "true", "false");
    /** Filter text longer than this is shortened in messages. */
    private static final int SHOWN = 120;

    /** An open group: the root, or a parenthesised part with the {@code not}s written before it. */
    private static final class Group {
        final List<Integer> nots;
        final List<Filter> disjuncts = new ArrayList<>();
        List<Filter> conjuncts = new ArrayList<>();

        Group(List<Integer> nots) {
            this.nots = nots;
        }
    }

    private final Map<Filter, Integer> depths = new IdentityHashMap<>();

    private FilterParser(String text) {
        super("filter", text);
    }

    /**
     * Parses filter text.
     *
     * @param text the text
     * @return the filter
     * @throws IllegalArgumentException if the text is not a filter, or nests deeper than {@value #MAX_DEPTH}
     *     levels
     */
    public static Filter parse(String text) {
        return new FilterParser(text).parse();
    }

    private Filter parse() {
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group(List.of()));
        while (true) {
            List<Integer> nots = new ArrayList<>();
            while (peek().isKeyword("not") || peek().is("(")) {
                Token t = next();
                if (t.is("(")) {
                    groups.push(new Group(nots));
                    nots = new ArrayList<>();
                } else {
                    nots.add(t.column());
                }
            }
            groups.peek().conjuncts.add(negate(test(), nots));
            while (true) {
                Group g = groups.peek();
                if (peek().isKeyword("and")) {
                    next();
                    break;
                }
                if (peek().isKeyword("or")) {
                    next();
                    g.disjuncts.add(conjunction(g.conjuncts));
                    g.conjuncts = new ArrayList<>();
                    break;
                }
                if (groups.size() > 1) {
                    if (!peek().is(")")) {
                        throw error("expected ')'");
                    }
                    next();
                    groups.pop();
                    groups.peek().conjuncts.add(negate(finish(g), g.nots));
                } else if (atEnd()) {
                    return finish(g);
                } else {
                    throw error("expected 'and', 'or' or the end");
                }
            }
        }
    }

    /** The {@code not}s written at these columns, applied innermost (rightmost) first. */
    private Filter negate(Filter f, List<Integer> nots) {
        for (int i = nots.size() - 1; i >= 0; i--) {
            f = nested(new Filter.Not(f), nots.get(i));
        }
        return f;
    }

    private Filter conjunction(List<Filter> parts) {
        return parts.size() == 1 ? parts.get(0) : nested(new Filter.And(parts), peek().column());
    }

    private Filter finish(Group g) {
        g.disjuncts.add(conjunction(g.conjuncts));
        return g.disjuncts.size() == 1 ? g.disjuncts.get(0) : nested(new Filter.Or(g.disjuncts), peek().column());
    }

    /** Records the depth of a new inner node and refuses one beyond the limit, at the given column. */
    private Filter nested(Filter f, int column) {
        List<Filter> parts = f instanceof Filter.Not n ? List.of(n.part()) : f instanceof Filter.And a ? a.parts()
                : ((Filter.Or) f).parts();
        int depth = 0;
        for (Filter p : parts) {
            depth = Math.max(depth, depths.getOrDefault(p, 1));
        }
        if (depth + 1 > MAX_DEPTH) {
            throw failure("nesting exceeds the depth limit of " + MAX_DEPTH + " at column " + column
                    + " (each 'not', and each 'and' or 'or' inside another, is a level; parentheses alone are none)");
        }
        depths.put(f, depth + 1);
        return f;
    }

    private Filter test() {
        Token name = peek();
        if (name.kind() != Kind.IDENT || KEYWORDS.contains(name.text().toLowerCase(Locale.ROOT))
                && !isQuoted(name)) {
            throw error("expected a column name");
        }
        next();
        String column = name.text();
        Token t = peek();
        if (t.isKeyword("is")) {
            next();
            boolean negated = false;
            if (peek().isKeyword("not")) {
                next();
                negated = true;
            }
            if (!peek().isKeyword("missing")) {
                throw error("expected 'missing'");
            }
            next();
            return new Filter.IsMissing(column, negated);
        }
        boolean negated = false;
        if (t.isKeyword("not")) {
            next();
            negated = true;
            if (!peek().isKeyword("in")) {
                throw error("expected 'in'");
            }
        }
        if (peek().isKeyword("in")) {
            next();
            if (!peek().is("(")) {
                throw error("expected '('");
            }
            next();
            List<Filter.Literal> values = new ArrayList<>();
            values.add(literal());
            while (peek().is(",")) {
                next();
                values.add(literal());
            }
            if (!peek().is(")")) {
                throw error("expected ',' or ')'");
            }
            next();
            return new Filter.In(column, values, negated);
        }
        Filter.Op op = op(t);
        if (op == null) {
            throw error("expected a comparison (= != < <= > >=), 'in' or 'is'");
        }
        next();
        return new Filter.Compare(column, op, literal());
    }

    private boolean isQuoted(Token name) {
        return text.charAt(name.column() - 1) == '"';
    }

    private static Filter.Op op(Token t) {
        if (t.kind() != Kind.SYMBOL) {
            return null;
        }
        switch (t.text()) {
            case "=":
            case "==":
                return Filter.Op.EQ;
            case "!=":
            case "<>":
                return Filter.Op.NE;
            case "<":
                return Filter.Op.LT;
            case "<=":
                return Filter.Op.LE;
            case ">":
                return Filter.Op.GT;
            case ">=":
                return Filter.Op.GE;
            default:
                return null;
        }
    }

    private Filter.Literal literal() {
        Token t = peek();
        boolean minus = false;
        if (t.is("-")) {
            next();
            minus = true;
            t = peek();
            if (t.kind() != Kind.NUMBER) {
                throw error("expected a number after '-'");
            }
        }
        switch (t.kind()) {
            case STRING:
                next();
                return new Filter.Text(t.text());
            case NUMBER:
                next();
                try {
                    BigDecimal d = new BigDecimal(t.text());
                    return new Filter.Num(minus ? d.negate() : d);
                } catch (NumberFormatException e) {
                    back();
                    throw error("expected a number");
                }
            default:
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    next();
                    return new Filter.Bool(t.isKeyword("true"));
                }
                throw error("expected a value (a number, 'text', true or false)");
        }
    }

    /**
     * A column name as written in filter text: plain when an identifier and not a keyword, else double-quoted.
     *
     * @param column the name
     * @return the text
     */
    public static String name(String column) {
        if (IDENT.matcher(column).matches() && !KEYWORDS.contains(column.toLowerCase(Locale.ROOT))) {
            return column;
        }
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    /**
     * Joins parts, parenthesizing those of a weaker-binding kind.
     *
     * @param parts the parts
     * @param separator " and " or " or "
     * @param parenthesize the kind of part that needs parentheses, or null
     * @return the text
     */
    public static String join(List<Filter> parts, String separator, Class<?> parenthesize) {
        List<String> out = new ArrayList<>();
        for (Filter p : parts) {
            boolean paren = parenthesize != null && parenthesize.isInstance(p);
            out.add(paren ? "(" + p + ")" : p.toString());
        }
        return String.join(separator, out);
    }

    /**
     * Copies the parts of a conjunction or disjunction, inlining the parts of nested ones of the same kind.
     *
     * @param parts the parts
     * @param kind And.class or Or.class
     * @return an immutable list
     */
    public static List<Filter> flatten(List<Filter> parts, Class<? extends Filter> kind) {
        List<Filter> out = new ArrayList<>();
        for (Filter p : parts) {
            Objects.requireNonNull(p, "part");
            if (p instanceof Filter.And a && kind == Filter.And.class) {
                out.addAll(a.parts());
            } else if (p instanceof Filter.Or o && kind == Filter.Or.class) {
                out.addAll(o.parts());
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Adds the columns a filter reads.
     *
     * @param f the filter
     * @param out where names go
     */
    public static void collectColumns(Filter f, Set<String> out) {
        if (f instanceof Filter.Compare c) {
            out.add(c.column());
        } else if (f instanceof Filter.In in) {
            out.add(in.column());
        } else if (f instanceof Filter.IsMissing m) {
            out.add(m.column());
        } else if (f instanceof Filter.And a) {
            a.parts().forEach(p -> collectColumns(p, out));
        } else if (f instanceof Filter.Or o) {
            o.parts().forEach(p -> collectColumns(p, out));
        } else if (f instanceof Filter.Not n) {
            collectColumns(n.part(), out);
        }
    }

    /**
     * Checks a filter against a schema, adding one message per problem.
     *
     * @param f the filter
     * @param schema the schema
     * @param out where messages go
     */
    public static void check(Filter f, Schema schema, List<String> out) {
        if (f instanceof Filter.Compare c) {
            Column col = column(c.column(), schema, out);
            if (col != null) {
                if (c.op().isOrdering() && !isOrdered(col.type())) {
                    out.add("filter \"" + c + "\": operator " + c.op().symbol() + " needs a number, date or"
                            + " timestamp column, but '" + col.name() + "' is " + col.type());
                } else {
                    checkLiterals(c, List.of(c.value()), col, out);
                }
            }
        } else if (f instanceof Filter.In in) {
            Column col = column(in.column(), schema, out);
            if (col != null) {
                checkLiterals(in, in.values(), col, out);
            }
        } else if (f instanceof Filter.IsMissing m) {
            column(m.column(), schema, out);
        } else if (f instanceof Filter.And a) {
            a.parts().forEach(p -> check(p, schema, out));
        } else if (f instanceof Filter.Or o) {
            o.parts().forEach(p -> check(p, schema, out));
        } else if (f instanceof Filter.Not n) {
            check(n.part(), schema, out);
        }
    }

    private static boolean isOrdered(ColumnType t) {
        return t == ColumnType.INTEGER || t == ColumnType.DECIMAL || t == ColumnType.DATE
                || t == ColumnType.TIMESTAMP;
    }

    private static Column column(String name, Schema schema, List<String> out) {
        if (!schema.contains(name)) {
            out.add("filter column '" + name + "' is not in the source schema " + schema.names()
                    + Suggestions.didYouMean(name, schema.names()));
            return null;
        }
        return schema.find(name).orElseThrow();
    }

    /** One message for the first literal of the wrong type, with the number of others; the text is built once. */
    private static void checkLiterals(Filter test, List<Filter.Literal> values, Column col, List<String> out) {
        Filter.Literal first = null;
        String need = null;
        int others = 0;
        for (Filter.Literal v : values) {
            String n = need(col, v);
            if (n != null && first == null) {
                first = v;
                need = n;
            } else if (n != null) {
                others++;
            }
        }
        if (first != null) {
            out.add("filter \"" + shown(test.toString()) + "\": column '" + col.name() + "' is " + col.type()
                    + ", so the value must be " + need + ", but was " + first
                    + (others == 0 ? "" : " (and " + others + " more value" + (others == 1 ? "" : "s") + ")"));
        }
    }

    /** Filter text for a message: whole up to 120 characters, else its start and length. */
    private static String shown(String filter) {
        return filter.length() <= SHOWN ? filter : filter.substring(0, SHOWN) + "... (" + filter.length()
                + " characters)";
    }

    /** What a literal must be for a column, or null when it fits. */
    private static String need(Column col, Filter.Literal v) {
        switch (col.type()) {
            case TEXT:
            case CATEGORY:
                return v instanceof Filter.Text ? null : "text in quotes";
            case INTEGER:
                return v instanceof Filter.Num n && isWhole(n.value()) ? null : "a whole number";
            case DECIMAL:
                return v instanceof Filter.Num ? null : "a number";
            case BOOLEAN:
                return v instanceof Filter.Bool ? null : "true or false";
            case DATE:
                return v instanceof Filter.Text t && isDate(t.value()) ? null : "an ISO date in quotes such as"
                        + " '2025-01-31'";
            case TIMESTAMP:
                return v instanceof Filter.Text t && isTimestamp(t.value()) ? null : "an ISO timestamp with offset"
                        + " in quotes such as '2025-01-31T09:00:00+09:00'";
            default:
                throw new AssertionError(col.type());
        }
    }

    private static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
