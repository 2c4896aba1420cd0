package io.kpiengine.benchmarks.analysis;

import io.kpiengine.analysis.CrossCorrelation;
import io.kpiengine.analysis.Granger;
import io.kpiengine.analysis.LeadLagRanking;
import io.kpiengine.analysis.LeadLagScan;
import io.kpiengine.analysis.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The lead/lag scan of {@code ../shared/anchors/leadlag_scan.py} in Java: 100 daily series of 5 years (1,826
 * points), all 9,900 ordered pairs, cross-correlation for lags 0..12 (the scan computes -12..12) and Granger tests
 * for orders 1..4 (ssr F, chi-square and likelihood ratio, with p-values), Benjamini–Hochberg across the pairs and
 * the ranking, on 2 threads. The anchor measures statsmodels' {@code ccf} over all pairs and
 * {@code grangercausalitytests(maxlag=4)} over 200 pairs, extrapolated to all.
 *
 * <p>The series are made like the anchor's, {@code base = cumsum(N(0,1)) * 0.1 + N(0,1)} per series, with Java's
 * {@link SplittableRandom} (seed 7) and a Box–Muller normal instead of numpy's generator: same shape, other draws.
 *
 * <pre>
 * mvn -B -q package -DskipTests -P bench -pl kpi-benchmarks -am
 * java -jar kpi-benchmarks/target/benchmarks.jar LeadLagBenchmark -wi 2 -i 5 -f 1
 * /usr/bin/python3 ../shared/anchors/leadlag_scan.py
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LeadLagBenchmark {

    static final int SERIES = 100;
    static final int POINTS = 1826;

    private List<Series> series;

    /** Generates the series. */
    @Setup
    public void setUp() {
        series = generate(SERIES, POINTS, 7);
    }

    static List<Series> generate(int count, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Series> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] v = new double[points];
            double walk = 0;
            for (int t = 0; t < points; t++) {
                walk += gaussian(random);
                v[t] = walk * 0.1 + gaussian(random);
            }
            out.add(Series.of("kpi" + s, v));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The whole scan on 2 threads: ccf lags -12..12 and Granger orders 1..4 of all 9,900 ordered pairs, BH, ranking.
     *
     * @return the ranking
     */
    @Benchmark
    public LeadLagRanking scanTwoThreads() {
        return LeadLagScan.of(series).maxLag(12).maxOrder(4).threads(2).run();
    }

    /**
     * The same scan on 1 thread.
     *
     * @return the ranking
     */
    @Benchmark
    public LeadLagRanking scanOneThread() {
        return LeadLagScan.of(series).maxLag(12).maxOrder(4).run();
    }

    /**
     * Single calls, one thread: {@link CrossCorrelation#of} (lags -12..12) for all 9,900 ordered pairs, the
     * counterpart of the anchor's ccf loop.
     *
     * @return a checksum
     */
    @Benchmark
    public double ccfSingleCallsAllPairs() {
        double sum = 0;
        for (Series a : series) {
            for (Series b : series) {
                if (a != b) {
                    sum += CrossCorrelation.of(a, b, 12).correlation(1).value();
                }
            }
        }
        return sum;
    }

    /**
     * Single calls, one thread: {@link Granger#test} (orders 1..4) for the anchor's 200 sampled pairs
     * {@code (i, (7 i + 3) mod 100)}; multiply by 49.5 for all pairs.
     *
     * @return a checksum
     */
    @Benchmark
    public double grangerSingleCalls200Pairs() {
        double sum = 0;
        for (int i = 0; i < 200; i++) {
            int a = i % SERIES;
            int b = (i * 7 + 3) % SERIES;
            if (a != b) {
                sum += Granger.test(series.get(a), series.get(b), 4).orders().get(3).f();
            }
        }
        return sum;
    }
}
