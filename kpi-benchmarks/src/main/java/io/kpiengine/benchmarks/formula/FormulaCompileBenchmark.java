package io.kpiengine.benchmarks.formula;

import io.kpiengine.formula.Formula;
import io.kpiengine.formula.FormulaException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@link Formula#compile(String)} takes (parse, check, generate and load a hidden class), or takes to
 * reject, for the benchmark formula and for worst cases up to the default limits (4,096 characters, depth 200).
 * exp4j needs about 13 s for 8,000 unary minus signs.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar FormulaCompileBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FormulaCompileBenchmark {

    /** The input shape. */
    @Param({"kpi", "minus8000", "minus4095", "parens2047", "sum199", "wide4096"})
    public String input;

    private String source;

    /** Builds the input text. */
    @Setup
    public void setUp() {
        source = switch (input) {
            case "kpi" -> FormulaBenchmark.FORMULA;
            case "minus8000" -> "-".repeat(8_000) + "1";
            case "minus4095" -> "-".repeat(4_095) + "1";
            case "parens2047" -> "(".repeat(2_047) + "x" + ")".repeat(2_047);
            case "sum199" -> "x0" + " + x1".repeat(198);
            case "wide4096" -> wide();
            default -> throw new IllegalArgumentException("unknown input " + input);
        };
    }

    /** About 4,000 characters in groups of 30 terms: depth about 170, about 1,000 operations. */
    private static String wide() {
        StringBuilder sb = new StringBuilder("x");
        while (sb.length() < 3_950) {
            sb.append(" + (a * b");
            for (int i = 0; i < 29 && sb.length() < 4_080; i++) {
                sb.append(i % 2 == 0 ? " - c" : " / d");
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** @return the compiled formula, or the message of the limit it broke */
    @Benchmark
    public Object compile() {
        try {
            return Formula.compile(source);
        } catch (FormulaException e) {
            return e.getMessage();
        }
    }
}
