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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the filter language of {@link Filter}, plus its printing and schema checks.
 *
 * <pre>
 * or      := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' or ')' | test
 * test    := name op literal | name ['not'] 'in' '(' literal (',' literal)* ')' | name 'is' ['not'] 'missing'
 * </pre>
 */
public final class FilterParser extends TokenParser {

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "missing", "true", "false");

    private FilterParser(String text) {
        super("filter", text);
    }

    /**
     * Parses filter text.
     *
     * @param text the text
     * @return the filter
     * @throws IllegalArgumentException if the text is not a filter
     */
    public static Filter parse(String text) {
        FilterParser p = new FilterParser(text);
        Filter f = p.or();
        if (!p.atEnd()) {
            throw p.error("expected 'and', 'or' or the end");
        }
        return f;
    }

    private Filter or() {
        List<Filter> parts = new ArrayList<>();
        parts.add(and());
        while (peek().isKeyword("or")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.Or(parts);
    }

    private Filter and() {
        List<Filter> parts = new ArrayList<>();
        parts.add(unary());
        while (peek().isKeyword("and")) {
            next();
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }

    private Filter unary() {
        if (peek().isKeyword("not")) {
            next();
            return new Filter.Not(unary());
        }
        if (peek().is("(")) {
            next();
            Filter inner = or();
            expect(")");
            return inner;
        }
        return test();
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
                    checkLiteral(c.toString(), col, c.value(), out);
                }
            }
        } else if (f instanceof Filter.In in) {
            Column col = column(in.column(), schema, out);
            if (col != null) {
                in.values().forEach(v -> checkLiteral(in.toString(), col, v, out));
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

    private static void checkLiteral(String filter, Column col, Filter.Literal v, List<String> out) {
        String need = null;
        switch (col.type()) {
            case TEXT:
            case CATEGORY:
                need = v instanceof Filter.Text ? null : "text in quotes";
                break;
            case INTEGER:
                need = v instanceof Filter.Num n && isWhole(n.value()) ? null : "a whole number";
                break;
            case DECIMAL:
                need = v instanceof Filter.Num ? null : "a number";
                break;
            case BOOLEAN:
                need = v instanceof Filter.Bool ? null : "true or false";
                break;
            case DATE:
                need = v instanceof Filter.Text t && isDate(t.value()) ? null : "an ISO date in quotes such as"
                        + " '2025-01-31'";
                break;
            case TIMESTAMP:
                need = v instanceof Filter.Text t && isTimestamp(t.value()) ? null : "an ISO timestamp with offset"
                        + " in quotes such as '2025-01-31T09:00:00+09:00'";
                break;
            default:
                throw new AssertionError(col.type());
        }
        if (need != null) {
            out.add("filter \"" + filter + "\": column '" + col.name() + "' is " + col.type() + ", so the value must"
                    + " be " + need + ", but was " + v);
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
