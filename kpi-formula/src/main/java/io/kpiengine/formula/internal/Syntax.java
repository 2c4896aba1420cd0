package io.kpiengine.formula.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vocabulary of the formula language: built-in functions, binary and unary operators with their precedence
 * (the same numbers exp4j uses, so its shunting-yard builds the tree we document) and the reserved words.
 */
public final class Syntax {

    /** Arity without an upper bound. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private Syntax() {
    }

    /** Built-in functions. */
    public enum Fn {
        ABS(1, 1), SQRT(1, 1), EXP(1, 1), LN(1, 1), LOG(1, 1), LOG10(1, 1), FLOOR(1, 1), CEIL(1, 1),
        ROUND(1, 2), POW(2, 2), MIN(2, UNBOUNDED), MAX(2, UNBOUNDED), IF(3, 3), COALESCE(2, UNBOUNDED);

        private final int minArgs;
        private final int maxArgs;

        Fn(int minArgs, int maxArgs) {
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        /** @return the name as written in formulas */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the least number of arguments */
        public int minArgs() {
            return minArgs;
        }

        /** @return the largest number of arguments, or {@link #UNBOUNDED} */
        public int maxArgs() {
            return maxArgs;
        }

        /**
         * The function of a name.
         *
         * @param name a name as written
         * @return the function or null
         */
        public static Fn of(String name) {
            for (Fn f : values()) {
                if (f.text().equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Binary operators, weakest first. */
    public enum BinOp {
        OR("or", 100, true), AND("and", 200, true),
        LT("<", 400, true), LE("<=", 400, true), GT(">", 400, true), GE(">=", 400, true),
        EQ("==", 400, true), NE("!=", 400, true),
        ADD("+", 500, true), SUB("-", 500, true),
        MUL("*", 1000, true), DIV("/", 1000, true), MOD("%", 1000, true),
        POW("^", 10000, false);

        private final String text;
        private final int precedence;
        private final boolean leftAssociative;

        BinOp(String text, int precedence, boolean leftAssociative) {
            this.text = text;
            this.precedence = precedence;
            this.leftAssociative = leftAssociative;
        }

        /** @return the operator as written */
        public String text() {
            return text;
        }

        /** @return the binding strength; higher binds tighter */
        public int precedence() {
            return precedence;
        }

        /** @return whether {@code a op b op c} means {@code (a op b) op c} */
        public boolean leftAssociative() {
            return leftAssociative;
        }

        /** @return whether this is a comparison (which cannot be chained) */
        public boolean comparison() {
            return precedence == 400;
        }

        /**
         * The operator of a symbol or word.
         *
         * @param text as written
         * @return the operator or null
         */
        public static BinOp of(String text) {
            for (BinOp op : values()) {
                if (op.text.equals(text)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** Prefix operators. Unary plus is accepted and dropped. */
    public enum UnOp {
        NEG("-", 5000), NOT("not", 300);

        private final String text;
        private final int precedence;

        UnOp(String text, int precedence) {
            this.text = text;
            this.precedence = precedence;
        }

        /** @return the operator as written */
        public String text() {
            return text;
        }

        /** @return the binding strength */
        public int precedence() {
            return precedence;
        }
    }

    /**
     * Whether a name is a built-in function or a keyword, and so cannot name a variable.
     *
     * @param name a name
     * @return true if reserved
     */
    public static boolean isReserved(String name) {
        return Fn.of(name) != null || isKeyword(name);
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
     * The names of all built-in functions.
     *
     * @return the names
     */
    public static List<String> functionNames() {
        List<String> names = new ArrayList<>();
        for (Fn f : Fn.values()) {
            names.add(f.text());
        }
        return names;
    }
}
