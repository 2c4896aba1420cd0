package io.kpiengine.formula;

import io.kpiengine.formula.internal.Parser;
import io.kpiengine.formula.internal.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Formula#compile(String, FormulaOptions)} binds and checks a formula: an optional fixed slot layout,
 * the limits that keep compilation bounded, and the reference functions the caller resolves.
 *
 * <pre>{@code
 * FormulaOptions options = FormulaOptions.builder()
 *         .variables(List.of("revenue", "cost", "lag(revenue,12)"))
 *         .referenceFunction("lag", 2, 2)
 *         .maxLength(1_000)
 *         .build();
 * Formula growth = Formula.compile("revenue / lag(revenue, 12) - 1", options);
 * }</pre>
 *
 * <p>Defaults: no fixed layout (slots in order of first appearance), {@value #DEFAULT_MAX_LENGTH} characters,
 * depth {@value #DEFAULT_MAX_DEPTH}, identifiers of {@value #DEFAULT_MAX_IDENTIFIER_LENGTH} characters, no
 * reference functions. Instances are immutable and thread-safe.
 */
public final class FormulaOptions {

    /** The default maximum formula length in characters. */
    public static final int DEFAULT_MAX_LENGTH = 4_096;
    /** The largest maximum formula length that can be configured. */
    public static final int MAX_LENGTH_CAP = 65_536;
    /**
     * The default maximum nesting depth of a formula: each operator and function call is a level above its
     * operands, except that a chain of one left-associative level ({@code a + b - c + d}, {@code a * b / c},
     * {@code a and b and c}) is one level whatever its length; parentheses add nothing. So {@code a + b * c} has
     * depth 3, a sum of 500 terms depth 2 and {@code -(-(-x))} depth 4.
     */
    public static final int DEFAULT_MAX_DEPTH = 200;
    /** The largest maximum depth that can be configured. */
    public static final int MAX_DEPTH_CAP = 1_000;
    /** The default maximum identifier length in characters. */
    public static final int DEFAULT_MAX_IDENTIFIER_LENGTH = 128;
    /** The largest maximum identifier length that can be configured. */
    public static final int MAX_IDENTIFIER_LENGTH_CAP = 4_096;

    private static final FormulaOptions DEFAULTS = builder().build();

    /**
     * A reference function declared with {@link Builder#referenceFunction(String, int, int)}.
     *
     * @param name the function name
     * @param minArgs the least number of arguments, the variable included
     * @param maxArgs the largest number of arguments, the variable included
     */
    public record ReferenceFunction(String name, int minArgs, int maxArgs) {

        /**
         * Creates a declaration.
         *
         * @param name the function name
         * @param minArgs at least 1
         * @param maxArgs at least {@code minArgs}
         * @throws IllegalArgumentException if a count is out of range
         */
        public ReferenceFunction {
            Objects.requireNonNull(name, "name");
            if (minArgs < 1) {
                throw new IllegalArgumentException("minArgs must be >= 1, but was " + minArgs);
            }
            if (maxArgs < minArgs) {
                throw new IllegalArgumentException("maxArgs must be >= minArgs (" + minArgs + "), but was " + maxArgs);
            }
        }
    }

    private final @Nullable List<String> variables;
    private final int maxLength;
    private final int maxDepth;
    private final int maxIdentifierLength;
    private final Map<String, ReferenceFunction> referenceFunctions;
    private final Map<String, Function<Expression.ReferenceCall, String>> binders;

    private FormulaOptions(Builder b) {
        this.variables = b.variables;
        this.maxLength = b.maxLength == 0 ? DEFAULT_MAX_LENGTH : b.maxLength;
        this.maxDepth = b.maxDepth == 0 ? DEFAULT_MAX_DEPTH : b.maxDepth;
        this.maxIdentifierLength = b.maxIdentifierLength == 0 ? DEFAULT_MAX_IDENTIFIER_LENGTH : b.maxIdentifierLength;
        this.referenceFunctions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.referenceFunctions));
        this.binders = Map.copyOf(b.binders);
    }

    /**
     * The options with every default.
     *
     * @return the default options
     */
    public static FormulaOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A new builder with every default.
     *
     * <pre>{@code
     * FormulaOptions options = FormulaOptions.builder()
     *         .variables(List.of("visitors", "conversions"))
     *         .maxLength(1_000)
     *         .build();
     * }</pre>
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fixed slot layout, if one was given.
     *
     * @return the variable names in slot order, or empty to bind slots in order of first appearance
     */
    public Optional<List<String>> variables() {
        return Optional.ofNullable(variables);
    }

    /**
     * The maximum formula length in characters.
     *
     * @return the limit
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * The maximum nesting depth (see {@link #DEFAULT_MAX_DEPTH}).
     *
     * @return the limit
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The maximum identifier length in characters.
     *
     * @return the limit
     */
    public int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    /**
     * The declared reference functions by name, in declaration order.
     *
     * @return an immutable map
     */
    public Map<String, ReferenceFunction> referenceFunctions() {
        return referenceFunctions;
    }

    /** The reference functions that name their slots themselves, by name. */
    Map<String, Function<Expression.ReferenceCall, String>> binders() {
        return binders;
    }

    /** What the parser needs. */
    Parser.Settings parserSettings() {
        Map<String, Parser.ReferenceShape> shapes = new HashMap<>();
        referenceFunctions.forEach((name, f) -> shapes.put(name,
                new Parser.ReferenceShape(f.minArgs(), f.maxArgs(), binders.containsKey(name))));
        return new Parser.Settings(maxLength, maxDepth, maxIdentifierLength, shapes);
    }

    @Override
    public String toString() {
        return "FormulaOptions[variables=" + variables + ", maxLength=" + maxLength + ", maxDepth=" + maxDepth
                + ", maxIdentifierLength=" + maxIdentifierLength + ", referenceFunctions="
                + referenceFunctions.values() + "]";
    }

    /**
     * A mutable, single-threaded builder of {@link FormulaOptions}. Each setter checks its argument at once;
     * {@link #build()} checks the rules that span settings and leaves the builder reusable. Single-valued
     * settings may be set once.
     */
    public static final class Builder {

        private @Nullable List<String> variables;
        private int maxLength;
        private int maxDepth;
        private int maxIdentifierLength;
        private final Map<String, ReferenceFunction> referenceFunctions = new LinkedHashMap<>();
        private final Map<String, Function<Expression.ReferenceCall, String>> binders = new HashMap<>();

        private Builder() {
        }

        /**
         * Binds slots to a fixed layout: slot {@code i} is {@code slotOrder.get(i)}. A formula variable not in the
         * list is an {@link UnknownNameException} with "did you mean"; listed names the formula does not use are
         * allowed. Reference slots are listed by their canonical name, such as {@code lag(revenue,12)}.
         *
         * <pre>{@code
         * FormulaOptions.builder().variables(List.of("revenue", "cost")).build();
         * }</pre>
         *
         * @param slotOrder distinct identifiers or canonical reference names
         * @return this builder
         * @throws NullPointerException if the list or an element is null
         * @throws IllegalArgumentException if an element is not a valid name or a name repeats
         * @throws IllegalStateException if the layout was already set
         */
        public Builder variables(List<String> slotOrder) {
            Objects.requireNonNull(slotOrder, "slotOrder");
            if (variables != null) {
                throw new IllegalStateException("variables was already set to " + variables);
            }
            List<String> copy = List.copyOf(slotOrder);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < copy.size(); i++) {
                String name = copy.get(i);
                if (!Reference.isIdentifier(name) && callee(name) == null) {
                    throw new IllegalArgumentException("variables[" + i + "] must be an identifier "
                            + "[A-Za-z_][A-Za-z0-9_]* or a reference like 'lag(x,1)', but was '" + name + "'");
                }
                if (Syntax.isReserved(name)) {
                    throw new IllegalArgumentException("variables[" + i + "] must not be a function name, keyword "
                            + "or constant, but was '" + name + "'" + (Syntax.wasExp4jVariable(name)
                            ? " (exp4j allowed it as a variable name; rename it)" : ""));
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("variables must be distinct, but '" + name
                            + "' appears twice (position " + (copy.indexOf(name) + 1) + " and " + (i + 1) + ")");
                }
            }
            variables = copy;
            return this;
        }

        /**
         * Sets the maximum formula length; longer formulas fail with {@link FormulaLimitException}.
         *
         * @param characters between 1 and {@value FormulaOptions#MAX_LENGTH_CAP}; default
         *        {@value FormulaOptions#DEFAULT_MAX_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxLength(int characters) {
            maxLength = setOnce("maxLength", maxLength, characters, MAX_LENGTH_CAP);
            return this;
        }

        /**
         * Sets the maximum nesting depth (see {@link FormulaOptions#DEFAULT_MAX_DEPTH}).
         *
         * @param depth between 1 and {@value FormulaOptions#MAX_DEPTH_CAP}; default
         *        {@value FormulaOptions#DEFAULT_MAX_DEPTH}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxDepth(int depth) {
            maxDepth = setOnce("maxDepth", maxDepth, depth, MAX_DEPTH_CAP);
            return this;
        }

        /**
         * Sets the maximum identifier length.
         *
         * @param characters between 1 and {@value FormulaOptions#MAX_IDENTIFIER_LENGTH_CAP}; default
         *        {@value FormulaOptions#DEFAULT_MAX_IDENTIFIER_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @throws IllegalStateException if already set
         */
        public Builder maxIdentifierLength(int characters) {
            maxIdentifierLength = setOnce("maxIdentifierLength", maxIdentifierLength, characters,
                    MAX_IDENTIFIER_LENGTH_CAP);
            return this;
        }

        /**
         * Declares a reference function. A call such as {@code lag(revenue, 12)} whose first argument is a plain
         * variable name and whose other arguments are integer literals (optionally negative) compiles to ONE
         * input slot named by its canonical text {@code lag(revenue,12)}; the caller supplies its value. Any
         * other argument shape is a {@link FormulaSyntaxException}.
         *
         * <pre>{@code
         * FormulaOptions.builder().referenceFunction("lag", 2, 2).build();
         * }</pre>
         *
         * @param name an identifier that is not a built-in function or keyword
         * @param minArgs the least number of arguments, the variable included; at least 1
         * @param maxArgs the largest number of arguments, the variable included; at least {@code minArgs}
         * @return this builder
         * @throws IllegalArgumentException if the name or a count is invalid
         * @throws IllegalStateException if a reference function of that name was already declared
         */
        public Builder referenceFunction(String name, int minArgs, int maxArgs) {
            return declare(name, minArgs, maxArgs, null);
        }

        /**
         * Declares a reference function whose calls the caller names: each call, such as
         * {@code to_date(revenue, month)}, becomes one input slot named by what {@code binder} returns for it
         * (calls given the same name share a slot). Its first argument is a variable name, each further one an
         * integer literal (optionally negative) or a name; the binder checks them and may refuse a call by
         * throwing {@link IllegalArgumentException}: the call fails to compile with a {@link FormulaSyntaxException}
         * at its column, {@code Invalid reference 'to_date(revenue, 3)' at column 5 in "...": } followed by the
         * exception's message. The binder runs while a formula compiles, on the compiling thread.
         *
         * <pre>{@code
         * FormulaOptions options = FormulaOptions.builder()
         *         .referenceFunction("to_date", 2, 2, call -> {
         *             String grain = ((Expression.Variable) call.arguments().get(1)).name();
         *             if (!List.of("month", "quarter", "year").contains(grain)) {
         *                 throw new IllegalArgumentException("the grain must be month, quarter or year");
         *             }
         *             return "to_date(" + call.arguments().get(0) + "," + grain + ")";
         *         })
         *         .build();
         * Formula mtd = Formula.compile("to_date(revenue, month) / 1000", options);
         * mtd.variables();   // [to_date(revenue,month)]
         * }</pre>
         *
         * @param name an identifier that is not a built-in function or keyword
         * @param minArgs the least number of arguments, the variable included; at least 1
         * @param maxArgs the largest number of arguments, the variable included; at least {@code minArgs}
         * @param binder the slot name of a call; it must not return null or a blank name
         * @return this builder
         * @throws NullPointerException if the name or binder is null
         * @throws IllegalArgumentException if the name or a count is invalid
         * @throws IllegalStateException if a reference function of that name was already declared
         */
        public Builder referenceFunction(String name, int minArgs, int maxArgs,
                @Nullable Function<Expression.ReferenceCall, String> binder) {
            return declare(name, minArgs, maxArgs, Objects.requireNonNull(binder, "binder"));
        }

        private Builder declare(String name, int minArgs, int maxArgs,
                @Nullable Function<Expression.ReferenceCall, String> binder) {
            Objects.requireNonNull(name, "name");
            if (!Reference.isIdentifier(name)) {
                throw new IllegalArgumentException("reference function name must be an identifier "
                        + "[A-Za-z_][A-Za-z0-9_]*, but was '" + name + "'");
            }
            if (Syntax.isReserved(name)) {
                throw new IllegalArgumentException("reference function name must not be a built-in function or "
                        + "keyword, but was '" + name + "'");
            }
            ReferenceFunction declared = new ReferenceFunction(name, minArgs, maxArgs);
            if (referenceFunctions.containsKey(name)) {
                throw new IllegalStateException("reference function '" + name + "' was already declared as "
                        + referenceFunctions.get(name));
            }
            referenceFunctions.put(name, declared);
            if (binder != null) {
                binders.put(name, binder);
            }
            return this;
        }

        /**
         * Builds the options. Checks that every reference name in the layout uses a declared reference
         * function with an allowed number of arguments. The builder stays usable.
         *
         * @return immutable options
         * @throws IllegalArgumentException if a layout entry uses an undeclared reference function
         */
        public FormulaOptions build() {
            if (variables != null) {
                List<String> problems = new ArrayList<>();
                for (String name : variables) {
                    String function = callee(name);
                    if (function == null || binders.containsKey(function)) {
                        continue;
                    }
                    ReferenceFunction f = referenceFunctions.get(function);
                    Optional<Reference> r = Reference.parse(name);
                    if (f == null) {
                        problems.add("variables entry '" + name + "' must use a declared reference function, "
                                + "but '" + function + "' is not declared with referenceFunction(...)");
                    } else if (r.isEmpty()) {
                        problems.add("variables entry '" + name + "' must be written like 'lag(x,1)': a "
                                + "variable, then integers, without spaces");
                    } else if (r.get().arguments().size() + 1 < f.minArgs()
                            || r.get().arguments().size() + 1 > f.maxArgs()) {
                        problems.add("variables entry '" + name + "' must give '" + function + "' "
                                + f.minArgs() + " to " + f.maxArgs() + " arguments, but gives "
                                + (r.get().arguments().size() + 1));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("; ", problems));
                }
            }
            return new FormulaOptions(this);
        }

        /** The function name of a slot name written as a call, {@code lag(x,1)}, or null. */
        private static @Nullable String callee(String name) {
            int open = name.indexOf('(');
            if (open <= 0 || !name.endsWith(")") || !Reference.isIdentifier(name.substring(0, open))) {
                return null;
            }
            return name.substring(0, open);
        }

        private static int setOnce(String what, int current, int value, int cap) {
            if (current != 0) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            if (value < 1 || value > cap) {
                throw new IllegalArgumentException(what + " must be between 1 and " + cap + ", but was " + value);
            }
            return value;
        }
    }
}
