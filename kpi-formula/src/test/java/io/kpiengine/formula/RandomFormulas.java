package io.kpiengine.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random formulas as trees, printed two ways: with the fewest parentheses the documented precedence table
 * allows (plus random redundant ones and random spacing), and fully parenthesised. The precedence table here is
 * written from the documentation, independently of the parser and printer under test.
 */
final class RandomFormulas {

    /** A generated expression. */
    sealed interface Expr {
    }

    record Lit(double value) implements Expr {
    }

    record Var(String name) implements Expr {
    }

    /** A built-in constant, {@code pi} or {@code e}. */
    record Const(String name) implements Expr {
    }

    record Un(String op, Expr operand) implements Expr {
    }

    record Bin(String op, Expr left, Expr right) implements Expr {
    }

    record Fn(String name, List<Expr> args) implements Expr {
    }

    static final List<String> VARIABLES = List.of("a", "b", "c", "d", "x");

    private static final String[] ARITHMETIC = {"+", "-", "*", "/", "^", "%"};
    private static final String[] COMPARISON = {"<", "<=", ">", ">=", "==", "!="};
    private static final String[] EXP4J_FUNCTIONS = {"abs", "sqrt", "exp", "log", "log10", "floor", "ceil", "pow",
        "min", "max"};
    private static final String[] ALL_FUNCTIONS = {"abs", "sqrt", "exp", "ln", "log", "log10", "floor", "ceil", "pow",
        "min", "max", "round", "if", "coalesce", "sin", "cos", "tan", "cot", "asin", "acos", "atan", "atan2", "sinh",
        "cosh", "tanh", "log2", "log1p", "expm1", "cbrt", "signum", "hypot", "unitless"};
    private static final double[] LITERALS = {0, 1, 2, 3, 0.5, 10, 100, 0.001, 1e-3, 2.5e2};

    private final Random random;
    private final boolean fullLanguage;

    /**
     * @param random the source of randomness
     * @param fullLanguage false for the subset exp4j evaluates natively (arithmetic and its functions)
     */
    RandomFormulas(Random random, boolean fullLanguage) {
        this.random = random;
        this.fullLanguage = fullLanguage;
    }

    Expr next(int depth) {
        if (depth <= 0 || random.nextInt(4) == 0) {
            return leaf();
        }
        int kind = random.nextInt(fullLanguage ? 10 : 7);
        switch (kind) {
            case 0, 1, 2, 3:
                return new Bin(ARITHMETIC[random.nextInt(ARITHMETIC.length)], next(depth - 1), next(depth - 1));
            case 4:
                return new Un("-", next(depth - 1));
            case 5, 6:
                return function(depth);
            case 7:
                return new Bin(COMPARISON[random.nextInt(COMPARISON.length)], next(depth - 1), next(depth - 1));
            case 8:
                return new Bin(random.nextBoolean() ? "and" : "or", next(depth - 1), next(depth - 1));
            default:
                return new Un("not", next(depth - 1));
        }
    }

    private Expr leaf() {
        if (fullLanguage && random.nextInt(12) == 0) {
            return new Const(random.nextBoolean() ? "pi" : "e");
        }
        if (random.nextBoolean()) {
            return new Var(VARIABLES.get(random.nextInt(VARIABLES.size())));
        }
        if (random.nextInt(3) == 0) {
            return new Lit(Math.round(random.nextDouble() * 10_000) / 100.0);
        }
        return new Lit(LITERALS[random.nextInt(LITERALS.length)]);
    }

    private Expr function(int depth) {
        String[] names = fullLanguage ? ALL_FUNCTIONS : EXP4J_FUNCTIONS;
        String name = names[random.nextInt(names.length)];
        int arity = switch (name) {
            case "pow", "atan2", "hypot" -> 2;
            case "min", "max" -> fullLanguage ? 2 + random.nextInt(3) : 2;
            case "round" -> 1 + random.nextInt(2);
            case "if" -> 3;
            case "coalesce" -> 2 + random.nextInt(2);
            default -> 1;
        };
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            args.add(name.equals("round") && i == 1 ? new Lit(random.nextInt(5)) : next(depth - 1));
        }
        return new Fn(name, args);
    }

    /** Documented precedence: or 1, and 2, not 3, comparisons 4, + - 5, * / % 6, unary minus 7, ^ 8. */
    static int precedence(Expr e) {
        if (e instanceof Bin b) {
            return switch (b.op()) {
                case "or" -> 1;
                case "and" -> 2;
                case "+", "-" -> 5;
                case "*", "/", "%" -> 6;
                case "^" -> 8;
                default -> 4;
            };
        }
        if (e instanceof Un u) {
            return u.op().equals("not") ? 3 : 7;
        }
        return 9;
    }

    /** Minimal parentheses by the documented rules, with random redundant parentheses and spacing. */
    String text(Expr e) {
        String s = minimal(e);
        return random.nextInt(8) == 0 && !(e instanceof Lit) ? "(" + s + ")" : s;
    }

    private String minimal(Expr e) {
        if (e instanceof Lit l) {
            return literal(l.value());
        }
        if (e instanceof Var v) {
            return v.name();
        }
        if (e instanceof Const c) {
            return c.name();
        }
        if (e instanceof Un u) {
            boolean parens = u.operand() instanceof Un || precedence(u.operand()) < precedence(u);
            return (u.op().equals("not") ? "not " : "-") + wrap(u.operand(), parens);
        }
        if (e instanceof Bin b) {
            int p = precedence(b);
            boolean rightAssoc = b.op().equals("^");
            boolean comparison = p == 4;
            int lp = precedence(b.left());
            int rp = precedence(b.right());
            boolean leftParens = lp < p || lp == p && (rightAssoc || comparison);
            boolean rightParens = rp < p || rp == p && (!rightAssoc || comparison);
            String space = b.op().length() > 1 && Character.isLetter(b.op().charAt(0)) || random.nextBoolean()
                    ? " " : "";
            return wrap(b.left(), leftParens) + space + b.op() + space + wrap(b.right(), rightParens);
        }
        Fn f = (Fn) e;
        StringBuilder sb = new StringBuilder(f.name()).append('(');
        for (int i = 0; i < f.args().size(); i++) {
            sb.append(i == 0 ? "" : random.nextBoolean() ? ", " : ",").append(text(f.args().get(i)));
        }
        return sb.append(')').toString();
    }

    private String wrap(Expr e, boolean parens) {
        return parens ? "(" + minimal(e) + ")" : text(e);
    }

    /** Every operation in parentheses: the meaning does not depend on any precedence rule. */
    static String full(Expr e) {
        if (e instanceof Lit l) {
            return literal(l.value());
        }
        if (e instanceof Var v) {
            return v.name();
        }
        if (e instanceof Const c) {
            return c.name();
        }
        if (e instanceof Un u) {
            return "(" + (u.op().equals("not") ? "not " : "-") + full(u.operand()) + ")";
        }
        if (e instanceof Bin b) {
            return "(" + full(b.left()) + " " + b.op() + " " + full(b.right()) + ")";
        }
        Fn f = (Fn) e;
        List<String> args = new ArrayList<>();
        f.args().forEach(a -> args.add(full(a)));
        return f.name() + "(" + String.join(", ", args) + ")";
    }

    /** Every subexpression, the expression itself included. */
    static List<Expr> subexpressions(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        if (e instanceof Un u) {
            collect(u.operand(), out);
        } else if (e instanceof Bin b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (e instanceof Fn f) {
            f.args().forEach(a -> collect(a, out));
        }
    }

    private static String literal(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A random input row: mostly ordinary numbers, sometimes zero, missing, infinite or huge. */
    double[] row(boolean special) {
        double[] row = new double[VARIABLES.size()];
        for (int i = 0; i < row.length; i++) {
            int pick = random.nextInt(special ? 12 : 8);
            row[i] = switch (pick) {
                case 0 -> 0;
                case 1 -> Math.round(random.nextDouble() * 100) / 10.0;
                case 8 -> Double.NaN;
                case 9 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 10 -> random.nextBoolean() ? 1e308 : -1e-320;
                case 11 -> -0.0;
                default -> (random.nextDouble() - 0.3) * 20;
            };
        }
        return row;
    }
}
