package io.kpiengine.benchmarks.formula;

import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaOptions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our compiled formulas against the same formula typed as Java and against exp4j, per evaluated row.
 *
 * <p>One formula, {@value #FORMULA}, over the same 1,024 pre-generated rows:
 * {@code handWritten} (the formula as Java), {@code exp4j} (one reused Expression, setVariable per row),
 * {@code compiled} (our scalar path), {@code compiledBatch} (our columnar path, per row) and
 * {@code handWrittenLoop} (the Java loop over the column arrays). Then 50 different random formulas evaluated
 * round-robin ({@code manyFormulasCompiled}, {@code manyFormulasExp4j}), so that no call site stays monomorphic.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar FormulaBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FormulaBenchmark {

    /** The benchmark formula. */
    public static final String FORMULA =
            "(revenue - cost) / revenue * 100 + max(conversions / visitors, 0.02) * 50 - sqrt(abs(churn))";
    static final List<String> VARIABLES = List.of("revenue", "cost", "conversions", "visitors", "churn");
    static final int ROWS = 1_024;
    static final int FORMULAS = 50;

    private double[][] rows;
    private double[][] columns;
    private double[] out;
    private Formula formula;
    private Expression expression;
    private Formula[] formulas;
    private Expression[] expressions;
    private int row;

    /** Generates the rows (fixed seed) and compiles every formula. */
    @Setup
    public void setUp() {
        Random random = new Random(2026);
        rows = new double[ROWS][VARIABLES.size()];
        columns = new double[VARIABLES.size()][ROWS];
        for (int i = 0; i < ROWS; i++) {
            double revenue = 1_000 + random.nextDouble() * 9_000;
            double[] r = {revenue, random.nextDouble() * revenue, random.nextInt(500), 100 + random.nextInt(9_900),
                (random.nextDouble() - 0.5) * 0.2};
            rows[i] = r;
            for (int v = 0; v < r.length; v++) {
                columns[v][i] = r[v];
            }
        }
        out = new double[ROWS];
        FormulaOptions layout = FormulaOptions.builder().variables(VARIABLES).build();
        formula = Formula.compile(FORMULA, layout);
        expression = exp4j(FORMULA);
        formulas = new Formula[FORMULAS];
        expressions = new Expression[FORMULAS];
        for (int i = 0; i < FORMULAS; i++) {
            String text = randomFormula(random, 4);
            formulas[i] = Formula.compile(text, layout);
            expressions[i] = exp4j(text);
        }
        for (int i = 0; i < ROWS; i++) {
            double ours = formula.evaluate(rows[i]);
            if (ours != handWritten(rows[i]) || ours != exp4j(expression, rows[i])) {
                throw new IllegalStateException("paths disagree on row " + i);
            }
        }
    }

    private static Expression exp4j(String text) {
        Function max = new Function("max", 2) {
            @Override
            public double apply(double... args) {
                return Math.max(args[0], args[1]);
            }
        };
        Function min = new Function("min", 2) {
            @Override
            public double apply(double... args) {
                return Math.min(args[0], args[1]);
            }
        };
        return new ExpressionBuilder(text).functions(max, min).variables(VARIABLES.toArray(String[]::new)).build();
    }

    /** A random formula over the five variables: arithmetic, abs, sqrt, min, max. */
    static String randomFormula(Random random, int depth) {
        if (depth == 0 || random.nextInt(5) == 0) {
            return random.nextInt(3) == 0 ? Integer.toString(1 + random.nextInt(99))
                    : VARIABLES.get(random.nextInt(VARIABLES.size()));
        }
        String a = randomFormula(random, depth - 1);
        String b = randomFormula(random, depth - 1);
        return switch (random.nextInt(8)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2, 3 -> "(" + a + " * " + b + ")";
            case 4 -> "(" + a + " / (abs(" + b + ") + 1))";
            case 5 -> "sqrt(abs(" + a + "))";
            case 6 -> "max(" + a + ", " + b + ")";
            default -> "min(" + a + ", " + b + ")";
        };
    }

    private int next() {
        int r = row;
        row = (r + 1) & (ROWS - 1);
        return r;
    }

    private static double handWritten(double[] r) {
        return (r[0] - r[1]) / r[0] * 100 + Math.max(r[2] / r[3], 0.02) * 50 - Math.sqrt(Math.abs(r[4]));
    }

    private static double exp4j(Expression e, double[] r) {
        return e.setVariable("revenue", r[0]).setVariable("cost", r[1]).setVariable("conversions", r[2])
                .setVariable("visitors", r[3]).setVariable("churn", r[4]).evaluate();
    }

    /** @return the formula typed as Java, one row */
    @Benchmark
    public double handWritten() {
        return handWritten(rows[next()]);
    }

    /** @return exp4j, one reused Expression, setVariable per row */
    @Benchmark
    public double exp4j() {
        return exp4j(expression, rows[next()]);
    }

    /** @return our scalar path, one row */
    @Benchmark
    public double compiled() {
        return formula.evaluate(rows[next()]);
    }

    /** @return our columnar path over all rows, reported per row */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[] compiledBatch() {
        formula.evaluateBatch(columns, out, ROWS);
        return out;
    }

    /** @return the Java loop over the column arrays, reported per row */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[] handWrittenLoop() {
        double[] revenue = columns[0];
        double[] cost = columns[1];
        double[] conversions = columns[2];
        double[] visitors = columns[3];
        double[] churn = columns[4];
        double[] o = out;
        for (int i = 0; i < ROWS; i++) {
            o[i] = (revenue[i] - cost[i]) / revenue[i] * 100 + Math.max(conversions[i] / visitors[i], 0.02) * 50
                    - Math.sqrt(Math.abs(churn[i]));
        }
        return o;
    }

    /** @param bh the sink; our 50 compiled formulas round-robin on one row, reported per formula */
    @Benchmark
    @OperationsPerInvocation(FORMULAS)
    public void manyFormulasCompiled(Blackhole bh) {
        double[] r = rows[next()];
        for (Formula f : formulas) {
            bh.consume(f.evaluate(r));
        }
    }

    /** @param bh the sink; the same 50 formulas as exp4j Expressions round-robin, reported per formula */
    @Benchmark
    @OperationsPerInvocation(FORMULAS)
    public void manyFormulasExp4j(Blackhole bh) {
        double[] r = rows[next()];
        for (Expression e : expressions) {
            bh.consume(exp4j(e, r));
        }
    }
}
