package io.kpiengine.benchmarks.clean;

import io.kpiengine.quality.internal.RoundedDivision;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * The two rounded divisions of the currency rule on the reference job's mix: 8,192 products of an amount in cents
 * (up to 10^9) and a rate, converted from USD (rate 1, divide by 10^0), EUR (1.08, 10^2) or KRW (0.00072, 10^5)
 * chosen at random per row, rounded half-even. {@code reciprocal}: {@link RoundedDivision#byPowerOfTen} (a 64-bit
 * reciprocal, no branch on the data); {@code plain}: {@link RoundedDivision#plain} (64-bit division, rounding by
 * the remainder). Time per row.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar RoundingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoundingBenchmark {

    static final int ROWS = 8_192;
    static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000};

    private long[] products;
    private int[] powers;
    private long[] divisors;

    /** Generates the products. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        long[] rates = {1, 108, 72};
        int[] ks = {0, 2, 5};
        products = new long[ROWS];
        powers = new int[ROWS];
        divisors = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            int c = random.nextInt(3);
            products[i] = random.nextLong(1_000_000_000L) * rates[c];
            powers[i] = ks[c];
            divisors[i] = POW10[ks[c]];
        }
    }

    /**
     * The reciprocal division.
     *
     * @return the sum of the quotients
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long reciprocal() {
        long sum = 0;
        for (int i = 0; i < ROWS; i++) {
            sum += RoundedDivision.byPowerOfTen(products[i], powers[i], RoundingMode.HALF_EVEN);
        }
        return sum;
    }

    /**
     * The plain division.
     *
     * @return the sum of the quotients
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long plain() {
        long sum = 0;
        for (int i = 0; i < ROWS; i++) {
            sum += RoundedDivision.plain(products[i], divisors[i], RoundingMode.HALF_EVEN);
        }
        return sum;
    }
}
