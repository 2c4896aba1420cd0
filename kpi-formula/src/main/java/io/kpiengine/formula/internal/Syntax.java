package io.kpiengine.formula.internal;

import io.kpiengine.formula.Expression;
import io.kpiengine.formula.FormulaFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reserved words of the formula language beside the operators of {@link io.kpiengine.formula.Expression.Operator}
 * and the functions of {@link FormulaFunction}: the word operators {@code and}, {@code or}, {@code not} and the
 * constants {@code pi} and {@code e}. None of them can name a variable.
 */
public final class Syntax {

    /** exp4j 0.4.8's built-in functions: names exp4j never allowed as variables either. */
    private static final Set<String> EXP4J_FUNCTIONS = Set.of("sin", "cos", "tan", "cot", "log", "log2", "log10",
            "log1p", "abs", "acos", "asin", "atan", "cbrt", "ceil", "floor", "sinh", "sqrt", "tanh", "cosh", "pow",
            "exp", "expm1", "signum");

    private static final Set<String> RESERVED;

    static {
        Set<String> names = new LinkedHashSet<>(functionNames());
        names.addAll(List.of("and", "or", "not"));
        names.addAll(Expression.Constant.NAMES);
        RESERVED = Collections.unmodifiableSet(names);
    }

    private Syntax() {
    }

    /**
     * Whether a name is a built-in function, a keyword or a constant, and so cannot name a variable.
     *
     * @param name a name
     * @return true if reserved
     */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /**
     * Every reserved name: the functions, then {@code and}, {@code or}, {@code not}, {@code pi}, {@code e}.
     *
     * @return an immutable set in that order
     */
    public static Set<String> reservedNames() {
        return RESERVED;
    }

    /**
     * Whether a name is one of the word operators {@code and}, {@code or}, {@code not}.
     *
     * @param name a name
     * @return true for a keyword
     */
    public static boolean isKeyword(String name) {
        return name.equals("and") || name.equals("or") || name.equals("not");
    }

    /**
     * Whether a name is a built-in constant, {@code pi} or {@code e}.
     *
     * @param name a name
     * @return true for a constant
     */
    public static boolean isConstant(String name) {
        return Expression.Constant.NAMES.contains(name);
    }

    /**
     * Whether exp4j accepted a name of ours as a variable name: a keyword, or a function exp4j does not have.
     *
     * @param name a reserved name
     * @return true if exp4j users may have used it for a variable
     */
    public static boolean wasExp4jVariable(String name) {
        return isKeyword(name) || FormulaFunction.of(name).isPresent() && !EXP4J_FUNCTIONS.contains(name);
    }

    /**
     * The names of all built-in functions, in {@link FormulaFunction} order.
     *
     * @return the names
     */
    public static List<String> functionNames() {
        List<String> names = new ArrayList<>();
        for (FormulaFunction f : FormulaFunction.values()) {
            names.add(f.text());
        }
        return names;
    }
}
