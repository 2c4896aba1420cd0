package io.kpiengine.core.metric;

import io.kpiengine.core.metric.internal.FilterParser;
import io.kpiengine.data.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on the columns of a row that decides whether the row counts for a metric, such as
 * {@code channel = 'email'}.
 *
 * <p>Text form (case-insensitive keywords): comparisons {@code column = value}, {@code !=} (or {@code <>}),
 * {@code <}, {@code <=}, {@code >}, {@code >=}; lists {@code column in ('a', 'b')} and {@code not in};
 * {@code column is missing} and {@code is not missing}; combined with {@code and}, {@code or}, {@code not} and
 * parentheses ({@code not} binds tightest, then {@code and}, then {@code or}). Values are numbers, single-quoted
 * text ({@code ''} for a quote), {@code true} or {@code false}; dates and timestamps are written as quoted ISO
 * text ({@code '2025-01-31'}, {@code '2025-01-31T09:00:00+09:00'}). Column names that are not identifiers go in
 * double quotes.
 *
 * <p>Missing values follow SQL: a comparison with a missing value is unknown; {@code not} unknown is unknown;
 * {@code false and} unknown is false, {@code true or} unknown is true; a row counts only when the filter is true.
 * So a row with a missing channel passes neither {@code channel = 'email'} nor {@code channel != 'email'}.
 *
 * <pre>{@code
 * Filter f = Filter.parse("channel in ('email', 'social') and visitors > 0");
 * Filter g = Filter.and(Filter.eq("channel", "email"), Filter.compare("visitors", Filter.Op.GT, 0));
 * }</pre>
 *
 * <p>Filters are immutable values; {@code toString()} gives canonical text that {@link #parse(String)} reads
 * back to an equal filter.
 */
public sealed interface Filter {

    /** A comparison operator. */
    enum Op {
        /** Equal. */
        EQ("="),
        /** Not equal. */
        NE("!="),
        /** Less than. */
        LT("<"),
        /** Less than or equal. */
        LE("<="),
        /** Greater than. */
        GT(">"),
        /** Greater than or equal. */
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator's symbol in filter text.
         *
         * @return e.g. {@code "<="}
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Whether this operator orders values (as opposed to testing equality).
         *
         * @return true for LT, LE, GT, GE
         */
        public boolean isOrdering() {
            return this != EQ && this != NE;
        }
    }

    /** A literal value in a filter: text, a number or a boolean. */
    sealed interface Literal {

        /**
         * A literal for a Java value.
         *
         * @param value a String, a Number (read through its decimal text) or a Boolean
         * @return the literal
         * @throws NullPointerException if value is null
         * @throws IllegalArgumentException if value is of another type or a non-finite number
         */
        static Literal of(Object value) {
            Objects.requireNonNull(value, "value");
            if (value instanceof String s) {
                return new Text(s);
            }
            if (value instanceof Boolean b) {
                return new Bool(b);
            }
            if (value instanceof BigDecimal d) {
                return new Num(d);
            }
            if (value instanceof Number n) {
                try {
                    return new Num(new BigDecimal(n.toString()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value must be a finite number, but was " + n);
                }
            }
            throw new IllegalArgumentException("value must be a String, Number or Boolean, but was "
                    + value.getClass().getName());
        }
    }

    /**
     * A text literal.
     *
     * @param value the text
     */
    record Text(String value) implements Literal {

        /**
         * Validates the component.
         *
         * @param value the text
         * @throws NullPointerException if value is null
         */
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    /**
     * A numeric literal; equal when numerically equal ({@code 2.0} equals {@code 2}).
     *
     * @param value the number
     */
    record Num(BigDecimal value) implements Literal {

        /**
         * Validates the component.
         *
         * @param value the number
         * @throws NullPointerException if value is null
         */
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num n && n.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        /** Plain notation, or scientific when that is shorter than dozens of zeros ({@code 1E+2147483647}). */
        @Override
        public String toString() {
            return io.kpiengine.data.doc.internal.DocNode.show(value);
        }
    }

    /**
     * A boolean literal.
     *
     * @param value the boolean
     */
    record Bool(boolean value) implements Literal {

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * {@code column op value}.
     *
     * @param column the column name
     * @param op the operator
     * @param value the literal
     */
    record Compare(String column, Op op, Literal value) implements Filter {

        /**
         * Validates the components.
         *
         * @param column the column name
         * @param op the operator
         * @param value the literal
         * @throws NullPointerException if a component is null
         */
        public Compare {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return FilterParser.name(column) + " " + op.symbol() + " " + value;
        }
    }

    /**
     * {@code column in (values)} or, negated, {@code column not in (values)}.
     *
     * @param column the column name
     * @param values at least one literal
     * @param negated true for {@code not in}
     */
    record In(String column, List<Literal> values, boolean negated) implements Filter {

        /**
         * Validates and copies the components.
         *
         * @param column the column name
         * @param values at least one literal
         * @param negated true for {@code not in}
         * @throws NullPointerException if column or values is null
         * @throws IllegalArgumentException if values is empty
         */
        public In {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("values of 'in' on column '" + column
                        + "' must not be empty, but was []");
            }
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            values.forEach(v -> parts.add(v.toString()));
            return FilterParser.name(column) + (negated ? " not in (" : " in (") + String.join(", ", parts) + ")";
        }
    }

    /**
     * {@code column is missing} or, negated, {@code column is not missing}.
     *
     * @param column the column name
     * @param negated true for {@code is not missing}
     */
    record IsMissing(String column, boolean negated) implements Filter {

        /**
         * Validates the component.
         *
         * @param column the column name
         * @param negated true for {@code is not missing}
         * @throws NullPointerException if column is null
         */
        public IsMissing {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String toString() {
            return FilterParser.name(column) + (negated ? " is not missing" : " is missing");
        }
    }

    /**
     * All of the parts hold. Nested conjunctions are flattened ({@code and} is associative), so
     * {@code (a and b) and c} equals {@code a and b and c}.
     *
     * @param parts at least two filters
     */
    record And(List<Filter> parts) implements Filter {

        /**
         * Validates, flattens and copies the parts.
         *
         * @param parts at least two filters
         * @throws IllegalArgumentException if there are fewer than two parts
         */
        public And {
            parts = FilterParser.flatten(parts, And.class);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("parts of 'and' must be at least 2, but was " + parts.size());
            }
        }

        @Override
        public String toString() {
            return FilterParser.join(parts, " and ", Or.class);
        }
    }

    /**
     * At least one of the parts holds. Nested disjunctions are flattened, so {@code (a or b) or c} equals
     * {@code a or b or c}.
     *
     * @param parts at least two filters
     */
    record Or(List<Filter> parts) implements Filter {

        /**
         * Validates, flattens and copies the parts.
         *
         * @param parts at least two filters
         * @throws IllegalArgumentException if there are fewer than two parts
         */
        public Or {
            parts = FilterParser.flatten(parts, Or.class);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("parts of 'or' must be at least 2, but was " + parts.size());
            }
        }

        @Override
        public String toString() {
            return FilterParser.join(parts, " or ", null);
        }
    }

    /**
     * The part does not hold.
     *
     * @param part the negated filter
     */
    record Not(Filter part) implements Filter {

        /**
         * Validates the component.
         *
         * @param part the negated filter
         * @throws NullPointerException if part is null
         */
        public Not {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public String toString() {
            return "not " + (part instanceof And || part instanceof Or ? "(" + part + ")" : part.toString());
        }
    }

    /**
     * Reads the text form.
     *
     * @param text e.g. {@code "channel = 'email' and visitors > 0"}
     * @return the filter
     * @throws NullPointerException if text is null
     * @throws IllegalArgumentException if the text is not a filter; the message names the column of the problem
     */
    static Filter parse(String text) {
        return FilterParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * {@code column = value}.
     *
     * @param column the column name
     * @param value a String, Number or Boolean
     * @return the filter
     */
    static Filter eq(String column, Object value) {
        return new Compare(column, Op.EQ, Literal.of(value));
    }

    /**
     * {@code column op value}.
     *
     * @param column the column name
     * @param op the operator
     * @param value a String, Number or Boolean
     * @return the filter
     */
    static Filter compare(String column, Op op, Object value) {
        return new Compare(column, op, Literal.of(value));
    }

    /**
     * {@code column in (values)}.
     *
     * @param column the column name
     * @param values Strings, Numbers or Booleans
     * @return the filter
     */
    static Filter in(String column, Object... values) {
        List<Literal> lits = new ArrayList<>();
        Arrays.stream(values).forEach(v -> lits.add(Literal.of(v)));
        return new In(column, lits, false);
    }

    /**
     * All filters hold; a single filter is returned as is.
     *
     * @param filters at least one filter
     * @return the conjunction
     */
    static Filter and(Filter... filters) {
        return filters.length == 1 ? filters[0] : new And(Arrays.asList(filters));
    }

    /**
     * At least one filter holds; a single filter is returned as is.
     *
     * @param filters at least one filter
     * @return the disjunction
     */
    static Filter or(Filter... filters) {
        return filters.length == 1 ? filters[0] : new Or(Arrays.asList(filters));
    }

    /**
     * The filter does not hold.
     *
     * @param filter the filter
     * @return the negation
     */
    static Filter not(Filter filter) {
        return new Not(filter);
    }

    /**
     * The columns this filter reads, in order of first mention.
     *
     * @return the column names
     */
    default Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        FilterParser.collectColumns(this, out);
        return out;
    }

    /**
     * Checks the filter against a schema: every column exists, and every value fits its column's type (text for
     * TEXT and CATEGORY, numbers for INTEGER and DECIMAL, true/false for BOOLEAN, ISO dates for DATE, ISO
     * timestamps with offset for TIMESTAMP; ordering comparisons only on numbers, dates and timestamps).
     *
     * @param schema the columns of the data source
     * @return one message per problem, empty when the filter fits the schema
     */
    default List<String> problems(Schema schema) {
        List<String> out = new ArrayList<>();
        FilterParser.check(this, schema, out);
        return List.copyOf(out);
    }
}
