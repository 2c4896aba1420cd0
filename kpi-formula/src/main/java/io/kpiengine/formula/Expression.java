package io.kpiengine.formula;

import io.kpiengine.formula.internal.Printer;
import io.kpiengine.formula.internal.Trees;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The parse tree of a formula, as {@link Formula#expression()} returns it: an immutable tree of records, each node
 * with the 1-based column of its token in the formula text (the operator, the function or variable name, the
 * first character of a literal).
 *
 * <pre>{@code
 * Expression tree = Formula.compile("revenue / lag(revenue, 12) - 1", options).expression();
 * // a Binary SUB whose left operand is a Binary DIV of Variable revenue by ReferenceCall lag(revenue, 12),
 * // and whose right operand is Literal 1
 * for (Expression node : tree.nodes()) {
 *     if (node instanceof Expression.Variable v) {
 *         System.out.println(v.name() + " at column " + v.column());
 *     }
 * }
 * }</pre>
 *
 * <p>Parentheses leave no node; a unary plus leaves none either. A chain such as {@code a + b - c} is left-deep:
 * {@code (a + b) - c}. The tree may be deeper than a thread's stack allows for recursion (a sum of thousands of
 * terms is one chain), so the walks offered here ({@link #nodes()}, {@link #fold(BiFunction)}, {@code equals},
 * {@code hashCode}, {@code toString}) use no recursion; write your own walks the same way, or over
 * {@link #nodes()}.
 *
 * <p>Two trees are equal when they have the same shape, operators, names, values and columns.
 * {@code toString()} prints the canonical text of {@link Formula#toString()}. Immutable and thread-safe.
 */
public sealed interface Expression permits Expression.Literal, Expression.Constant, Expression.Variable,
        Expression.Unary, Expression.Binary, Expression.Call, Expression.ReferenceCall {

    /**
     * The 1-based column of this node's token in the formula text.
     *
     * @return the column, at least 1
     */
    int column();

    /**
     * The sub-expressions whose values this node combines, in source order: the operand of a unary operator,
     * both operands of a binary one, the arguments of a built-in function call. Leaves, and reference calls
     * (whose arguments name a variable and parameters rather than values to compute), have none.
     *
     * @return an immutable list
     */
    default List<Expression> operands() {
        if (this instanceof Unary u) {
            return List.of(u.operand());
        }
        if (this instanceof Binary b) {
            return List.of(b.left(), b.right());
        }
        if (this instanceof Call c) {
            return c.arguments();
        }
        return List.of();
    }

    /**
     * Every node of the tree, each after its operands (post-order), without recursion.
     *
     * <pre>{@code
     * long calls = tree.nodes().stream().filter(n -> n instanceof Expression.Call).count();
     * }</pre>
     *
     * @return an immutable list; this node is last
     */
    default List<Expression> nodes() {
        return Trees.postOrder(this);
    }

    /**
     * Computes a value from the leaves up, without recursion: {@code combine} is called once per node with the
     * results of its {@link #operands()} in order.
     *
     * <pre>{@code
     * int height = tree.fold((node, below) -> 1 + below.stream().mapToInt(Integer::intValue).max().orElse(0));
     * }</pre>
     *
     * @param combine computes a node's result from the node and its operands' results; may return null
     * @param <R> the result type
     * @return the result of this node
     * @throws NullPointerException if {@code combine} is null
     */
    default <R> R fold(BiFunction<? super Expression, ? super List<R>, ? extends R> combine) {
        return Trees.fold(this, Objects.requireNonNull(combine, "combine"));
    }

    /** The operators of the language, with the binding strength the parser gives them. */
    enum Operator {
        /** {@code a or b}: 1 if either is non-zero, else 0. */
        OR("or", 100, 2),
        /** {@code a and b}: 1 if both are non-zero, else 0. */
        AND("and", 200, 2),
        /** {@code not a}: 1 if {@code a} is zero, else 0 (prefix). */
        NOT("not", 300, 1),
        /** {@code a < b}. */
        LT("<", 400, 2),
        /** {@code a <= b}. */
        LE("<=", 400, 2),
        /** {@code a > b}. */
        GT(">", 400, 2),
        /** {@code a >= b}. */
        GE(">=", 400, 2),
        /** {@code a == b}, exact comparison of doubles. */
        EQ("==", 400, 2),
        /** {@code a != b}. */
        NE("!=", 400, 2),
        /** {@code a + b}. */
        ADD("+", 500, 2),
        /** {@code a - b}. */
        SUB("-", 500, 2),
        /** {@code a * b}. */
        MUL("*", 1000, 2),
        /** {@code a / b}. */
        DIV("/", 1000, 2),
        /** {@code a % b}, the remainder with the sign of {@code a}. */
        MOD("%", 1000, 2),
        /** {@code -a} (prefix). */
        NEG("-", 5000, 1),
        /** {@code a ^ b}, right-associative. */
        POW("^", 10000, 2);

        private final String text;
        private final int precedence;
        private final int operands;

        Operator(String text, int precedence, int operands) {
            this.text = text;
            this.precedence = precedence;
            this.operands = operands;
        }

        /**
         * The operator as written in formulas.
         *
         * @return for example {@code "<="} or {@code "and"}
         */
        public String text() {
            return text;
        }

        /**
         * The binding strength: higher binds tighter ({@code *} 1000 over {@code +} 500). These are exp4j's
         * numbers for the arithmetic operators.
         *
         * @return the precedence
         */
        public int precedence() {
            return precedence;
        }

        /**
         * Whether this is a prefix operator ({@link #NEG}, {@link #NOT}).
         *
         * @return true for a unary operator
         */
        public boolean isUnary() {
            return operands == 1;
        }

        /**
         * Whether {@code a op b op c} means {@code (a op b) op c}; false for {@code ^} and the comparisons
         * (which cannot be chained).
         *
         * @return true for a left-associative binary operator
         */
        public boolean isLeftAssociative() {
            return operands == 2 && this != POW && !isComparison();
        }

        /**
         * Whether this is a comparison ({@code < <= > >= == !=}).
         *
         * @return true for a comparison
         */
        public boolean isComparison() {
            return precedence == 400;
        }
    }

    /**
     * A number written in the formula, such as {@code 12} or {@code 2.5e-3}; a negative number is a
     * {@link Operator#NEG} over a literal, except as an argument of a reference call.
     *
     * @param value the finite value
     * @param column the column of its first character
     */
    record Literal(double value, int column) implements Expression {

        /**
         * Validates the components.
         *
         * @param value the finite value
         * @param column the column, at least 1
         * @throws IllegalArgumentException if the value is not finite or the column is below 1
         */
        public Literal {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, but was " + value);
            }
            Trees.checkColumn(column);
        }

        @Override
        public String toString() {
            return Printer.print(this);
        }
    }

    /**
     * A built-in constant: {@code pi} or {@code e}.
     *
     * @param name {@code "pi"} or {@code "e"}
     * @param column the column of the name
     */
    record Constant(String name, int column) implements Expression {

        /** The names of the constants, {@code pi} and {@code e}; no variable may take them. */
        public static final List<String> NAMES = List.of("pi", "e");

        /**
         * Validates the components.
         *
         * @param name the constant's name
         * @param column the column, at least 1
         * @throws NullPointerException if the name is null
         * @throws IllegalArgumentException if the name is not {@code pi} or {@code e}, or the column is below 1
         */
        public Constant {
            Objects.requireNonNull(name, "name");
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("name must be 'pi' or 'e', but was '" + name + "'");
            }
            Trees.checkColumn(column);
        }

        /**
         * The constant's value.
         *
         * @return {@link Math#PI} or {@link Math#E}
         */
        public double value() {
            return name.equals("pi") ? Math.PI : Math.E;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A variable: an input supplied by the caller.
     *
     * @param name an identifier {@code [A-Za-z_][A-Za-z0-9_]*}
     * @param column the column of the name
     */
    record Variable(String name, int column) implements Expression {

        /**
         * Validates the components.
         *
         * @param name the identifier
         * @param column the column, at least 1
         * @throws NullPointerException if the name is null
         * @throws IllegalArgumentException if the name is not an identifier or the column is below 1
         */
        public Variable {
            Objects.requireNonNull(name, "name");
            if (!Reference.isIdentifier(name)) {
                throw new IllegalArgumentException("name must be an identifier [A-Za-z_][A-Za-z0-9_]*, but was '"
                        + name + "'");
            }
            Trees.checkColumn(column);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A prefix operator applied to an operand.
     *
     * @param operator {@link Operator#NEG} or {@link Operator#NOT}
     * @param operand the operand
     * @param column the column of the operator
     */
    record Unary(Operator operator, Expression operand, int column) implements Expression {

        /**
         * Validates the components.
         *
         * @param operator a unary operator
         * @param operand the operand
         * @param column the column, at least 1
         * @throws NullPointerException if the operator or operand is null
         * @throws IllegalArgumentException if the operator is binary or the column is below 1
         */
        public Unary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
            if (!operator.isUnary()) {
                throw new IllegalArgumentException("operator must be unary (NEG or NOT), but was " + operator);
            }
            Trees.checkColumn(column);
        }

        @Override
        public boolean equals(Object o) {
            return Trees.equal(this, o);
        }

        @Override
        public int hashCode() {
            return Trees.hash(this);
        }

        @Override
        public String toString() {
            return Printer.print(this);
        }
    }

    /**
     * A binary operator applied to two operands.
     *
     * @param operator a binary operator
     * @param left the left operand
     * @param right the right operand
     * @param column the column of the operator
     */
    record Binary(Operator operator, Expression left, Expression right, int column) implements Expression {

        /**
         * Validates the components.
         *
         * @param operator a binary operator
         * @param left the left operand
         * @param right the right operand
         * @param column the column, at least 1
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the operator is unary or the column is below 1
         */
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            if (operator.isUnary()) {
                throw new IllegalArgumentException("operator must be binary, but was " + operator);
            }
            Trees.checkColumn(column);
        }

        @Override
        public boolean equals(Object o) {
            return Trees.equal(this, o);
        }

        @Override
        public int hashCode() {
            return Trees.hash(this);
        }

        @Override
        public String toString() {
            return Printer.print(this);
        }
    }

    /**
     * A call of a built-in function.
     *
     * @param function the function
     * @param arguments its arguments, as many as the function accepts
     * @param column the column of the function name
     */
    record Call(FormulaFunction function, List<Expression> arguments, int column) implements Expression {

        /**
         * Validates and copies the components.
         *
         * @param function the function
         * @param arguments the arguments
         * @param column the column, at least 1
         * @throws NullPointerException if a component or an argument is null
         * @throws IllegalArgumentException if the number of arguments does not fit the function or the column is
         *         below 1
         */
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
            if (arguments.size() < function.minArgs() || arguments.size() > function.maxArgs()) {
                throw new IllegalArgumentException("arguments of " + function.text() + " must number "
                        + function.minArgs() + " to " + function.maxArgs() + ", but were " + arguments.size());
            }
            Trees.checkColumn(column);
        }

        @Override
        public boolean equals(Object o) {
            return Trees.equal(this, o);
        }

        @Override
        public int hashCode() {
            return Trees.hash(this);
        }

        @Override
        public String toString() {
            return Printer.print(this);
        }
    }

    /**
     * A call of a reference function declared with
     * {@link FormulaOptions.Builder#referenceFunction(String, int, int)}, such as {@code lag(revenue, 12)} or
     * {@code to_date(revenue, month)}: the caller supplies its value, as one input slot. The first argument is a
     * {@link Variable}; each further one is a {@link Variable} (a name) or an integral {@link Literal}, which
     * may be negative here.
     *
     * @param function the reference function's name
     * @param arguments a variable, then names or integers
     * @param column the column of the function name
     */
    record ReferenceCall(String function, List<Expression> arguments, int column) implements Expression {

        /**
         * Validates and copies the components.
         *
         * @param function the function name, an identifier
         * @param arguments a variable, then variables or integral literals
         * @param column the column, at least 1
         * @throws NullPointerException if a component or an argument is null
         * @throws IllegalArgumentException if the function is not an identifier, the arguments are not of the
         *         shape above, or the column is below 1
         */
        public ReferenceCall {
            Objects.requireNonNull(function, "function");
            if (!Reference.isIdentifier(function)) {
                throw new IllegalArgumentException("function must be an identifier, but was '" + function + "'");
            }
            arguments = List.copyOf(arguments);
            if (arguments.isEmpty() || !(arguments.get(0) instanceof Variable)) {
                throw new IllegalArgumentException("arguments of " + function + " must start with a variable, but"
                        + " were " + arguments);
            }
            for (Expression a : arguments) {
                boolean integral = a instanceof Literal l && l.value() == Math.rint(l.value());
                if (!(a instanceof Variable) && !integral) {
                    throw new IllegalArgumentException("arguments of " + function + " must be names or integers, "
                            + "but one was " + a.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + a);
                }
            }
            Trees.checkColumn(column);
        }

        @Override
        public String toString() {
            return Printer.print(this);
        }
    }
}
