package io.kpiengine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpiengine.formula.NoValue.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.objecthunter.exp4j.ExpressionBuilder;
import org.junit.jupiter.api.Test;

/**
 * Differential test against exp4j 0.4.8 over random expressions built from what both languages share: the
 * operators {@code + - * / ^ %} and unary minus, exp4j's 23 built-in functions, the constants {@code pi} and
 * {@code e}, and variables with finite values (for exp4j a variable holding NaN is an input like any other, for us
 * it is a missing input, so that difference is left out).
 *
 * <p>The oracle is exp4j itself, applied to every subexpression in post-order (operands before the operation that
 * combines them), each written fully parenthesised: the first subexpression that exp4j evaluates to NaN or an
 * infinity, or for which it throws {@link ArithmeticException} (division or remainder by zero, cotangent of 0), is
 * where our formula must report "no value", with the reason that the documentation gives that operation:
 * <ul>
 * <li>exp4j throws: division by zero (for {@code /}, {@code %} and {@code cot});</li>
 * <li>{@code ^} or {@code pow} of 0 to a negative power: division by zero;</li>
 * <li>a logarithm, root or arc sine/cosine that is not finite: a domain error ({@code ln(0)} is -infinity);</li>
 * <li>otherwise NaN is a domain error and an infinity an overflow.</li>
 * </ul>
 * When every subexpression is finite, our value must equal exp4j's within an ulp of it. This covers the cases
 * where exp4j's whole result is finite (then ours equals it, or, where exp4j absorbed an infinity, as in
 * {@code exp(-exp(800))} = 0, ours is a no-value: our operations are strict) and the cases where exp4j returns NaN
 * or an infinity or throws (ours is a no-value with the reason above).
 *
 * <p>Seeded: a failure names the seed, the formula and the row; {@code -Dformula.seed=N} replays another run.
 */
class Exp4jDifferentialTest {

    private static final long BASE_SEED = Long.getLong("formula.seed", 17L);
    private static final int FORMULAS = 1_500;
    private static final int ROWS = 6;
    private static final List<String> VARIABLES = List.of("a", "b", "c");
    private static final String[] OPERATORS = {"+", "-", "*", "/", "^", "%"};
    private static final String[] FUNCTIONS = {"sin", "cos", "tan", "cot", "log", "log2", "log10", "log1p", "abs",
        "acos", "asin", "atan", "cbrt", "ceil", "floor", "sinh", "sqrt", "tanh", "cosh", "pow", "exp", "expm1",
        "signum"};
    private static final String[] LITERALS = {"0", "1", "2", "3", "0.5", "10", "0.001", "800", "1e-320", "1e300"};

    /** A generated expression, printed fully parenthesised. */
    private sealed interface Node {
    }

    private record Leaf(String text) implements Node {
    }

    private record Neg(Node operand) implements Node {
    }

    private record Bin(String op, Node left, Node right) implements Node {
    }

    private record Fn(String name, List<Node> args) implements Node {
    }

    private static Node generate(Random random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            int pick = random.nextInt(10);
            return new Leaf(pick < 5 ? VARIABLES.get(random.nextInt(VARIABLES.size()))
                    : pick == 5 ? (random.nextBoolean() ? "pi" : "e") : LITERALS[random.nextInt(LITERALS.length)]);
        }
        int kind = random.nextInt(8);
        if (kind < 3) {
            return new Bin(OPERATORS[random.nextInt(OPERATORS.length)], generate(random, depth - 1),
                    generate(random, depth - 1));
        }
        if (kind == 3) {
            return new Neg(generate(random, depth - 1));
        }
        String name = FUNCTIONS[random.nextInt(FUNCTIONS.length)];
        List<Node> args = new ArrayList<>();
        args.add(generate(random, depth - 1));
        if (name.equals("pow")) {
            args.add(generate(random, depth - 1));
        }
        return new Fn(name, args);
    }

    private static String text(Node n) {
        if (n instanceof Leaf l) {
            return l.text();
        }
        if (n instanceof Neg g) {
            return "(-" + text(g.operand()) + ")";
        }
        if (n instanceof Bin b) {
            return "(" + text(b.left()) + " " + b.op() + " " + text(b.right()) + ")";
        }
        Fn f = (Fn) n;
        List<String> args = new ArrayList<>();
        f.args().forEach(a -> args.add(text(a)));
        return f.name() + "(" + String.join(", ", args) + ")";
    }

    private static void postOrder(Node n, List<Node> out) {
        if (n instanceof Neg g) {
            postOrder(g.operand(), out);
        } else if (n instanceof Bin b) {
            postOrder(b.left(), out);
            postOrder(b.right(), out);
        } else if (n instanceof Fn f) {
            f.args().forEach(a -> postOrder(a, out));
        }
        out.add(n);
    }

    private static net.objecthunter.exp4j.Expression exp4j(String text) {
        return new ExpressionBuilder(text).implicitMultiplication(false).variables(VARIABLES.toArray(String[]::new))
                .build();
    }

    /** exp4j's value, or null where it throws ArithmeticException. */
    private static Double exp4j(net.objecthunter.exp4j.Expression e, double[] row) {
        for (int v = 0; v < row.length; v++) {
            e.setVariable(VARIABLES.get(v), row[v]);
        }
        try {
            return e.evaluate();
        } catch (ArithmeticException ex) {
            return null;
        }
    }

    /** The operator or function of a node, as our reasons name it. */
    private static String detail(Node n) {
        return n instanceof Bin b ? b.op() : n instanceof Fn f ? f.name() : "-";
    }

    /** The documented reason for a node whose exp4j value is not finite or threw (null). */
    private static Reason reason(Node n, Double value, Map<Node, Double> values) {
        if (value == null) {
            return Reason.DIVISION_BY_ZERO;
        }
        String what = detail(n);
        boolean power = what.equals("^") || what.equals("pow");
        if (power && Double.isInfinite(value)) {
            List<Node> operands = n instanceof Bin b ? List.of(b.left(), b.right()) : ((Fn) n).args();
            if (values.get(operands.get(0)) == 0 && values.get(operands.get(1)) < 0) {
                return Reason.DIVISION_BY_ZERO;
            }
        }
        if (List.of("log", "log2", "log10", "log1p", "sqrt", "asin", "acos").contains(what)) {
            return Reason.DOMAIN_ERROR;
        }
        return Double.isNaN(value) ? Reason.DOMAIN_ERROR : Reason.OVERFLOW;
    }

    private static double[] row(Random random) {
        double[] row = new double[VARIABLES.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> random.nextInt(11) - 5;
                case 2 -> random.nextBoolean() ? 700 + random.nextInt(200) : -(700 + random.nextInt(200));
                case 3 -> (random.nextDouble() - 0.5) * 3;
                default -> (random.nextDouble() - 0.5) * 20;
            };
        }
        return row;
    }

    @Test
    void evaluation_equalsExp4j_orHasNoValueWhereExp4jFails() {
        FormulaOptions layout = FormulaOptions.builder().variables(VARIABLES).build();
        int compared = 0;
        int bitIdentical = 0;
        int absorbed = 0;
        Map<Reason, Integer> noValues = new EnumMap<>(Reason.class);
        for (int i = 0; i < FORMULAS; i++) {
            long seed = BASE_SEED + i;
            Random random = new Random(seed);
            Node tree = generate(random, 4);
            String text = text(tree);
            Formula ours = Formula.compile(text, layout);
            List<Node> parts = new ArrayList<>();
            postOrder(tree, parts);
            Map<Node, net.objecthunter.exp4j.Expression> compiled = new IdentityHashMap<>();
            parts.forEach(p -> compiled.put(p, exp4j(text(p))));
            for (int r = 0; r < ROWS; r++) {
                double[] row = row(random);
                String what = "seed " + seed + ": " + text + " with " + Arrays.toString(row);
                Map<Node, Double> values = new IdentityHashMap<>();
                Node failed = null;
                Double failedValue = null;
                for (Node part : parts) {
                    Double v = exp4j(compiled.get(part), row);
                    values.put(part, v);
                    if (v == null || !Double.isFinite(v)) {
                        failed = part;
                        failedValue = v;
                        break;
                    }
                }
                Evaluation e = ours.explain(row);
                assertThat(Double.valueOf(ours.evaluate(row))).as("scalar = explain, " + what)
                        .isEqualTo(Double.valueOf(e.value()));
                if (failed == null) {
                    double reference = values.get(tree);
                    assertThat(e.hasValue()).as(what + " has exp4j's value " + reference).isTrue();
                    assertThat(e.value()).as(what).isCloseTo(reference,
                            org.assertj.core.data.Offset.offset(Math.ulp(reference)));
                    compared++;
                    bitIdentical += e.value() == reference ? 1 : 0;
                } else {
                    Double whole = exp4j(compiled.get(tree), row);
                    absorbed += whole != null && Double.isFinite(whole) ? 1 : 0;
                    NoValue why = e.noValue().orElseThrow(() -> new AssertionError("no value expected: " + what));
                    assertThat(why.reason() + " at " + why.detail()).as(what + ", exp4j fails at " + text(failed)
                            + " = " + failedValue).isEqualTo(reason(failed, failedValue, values) + " at "
                            + detail(failed));
                    noValues.merge(why.reason(), 1, Integer::sum);
                }
            }
        }
        System.out.printf("exp4j differential: %d formulas x %d rows; %d compared (%d bit-identical), no value %s, "
                + "of which %d where exp4j absorbed a non-finite intermediate%n", FORMULAS, ROWS, compared, bitIdentical,
                noValues, absorbed);
        assertThat(compared).as("rows where every exp4j value is finite").isGreaterThan(FORMULAS);
        assertThat(bitIdentical).as("bit-identical among " + compared).isGreaterThan(compared * 99 / 100);
        assertThat(noValues.keySet()).as("reasons met " + noValues)
                .containsExactlyInAnyOrder(Reason.DIVISION_BY_ZERO, Reason.DOMAIN_ERROR, Reason.OVERFLOW);
        assertThat(noValues.values()).allSatisfy(count -> assertThat(count).isGreaterThan(50));
        assertThat(absorbed).as("exp4j finite through a non-finite intermediate, ours strict").isPositive();
    }
}
