package io.kpiengine.benchmarks.clean;

import io.kpiengine.quality.internal.DuplicateIndex;
import io.kpiengine.quality.internal.DuplicateStage;
import io.kpiengine.quality.internal.FingerprintTable;
import io.kpiengine.quality.internal.PlainDuplicateIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exact-duplicate index alone, as the cleaner drives it: 2,000,000 row fingerprints (1% exact duplicates,
 * fixed seed) offered in batches of 8,192 rows through a {@link DuplicateStage} into a fresh index presized for
 * the rows, as a cleaning run presizes it from the source's estimate. Time per offered row.
 *
 * <ul>
 *   <li>{@code compact}: {@link FingerprintTable} as the cleaner uses it (home slots of a segment's rows loaded
 *       before the offers; rows gathered by segment);</li>
 *   <li>{@code compactNoPreload}: the same table without the preload loop;</li>
 *   <li>{@code plain}: {@link PlainDuplicateIndex}, a {@code HashMap} per segment (the reference).</li>
 * </ul>
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar DuplicateIndexBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class DuplicateIndexBenchmark {

    static final int ROWS = 2_000_000;
    static final int BATCH = 8_192;

    /** Which index and stage. */
    @Param({"compact", "compactNoPreload", "plain"})
    public String variant;

    private long[] hi;
    private long[] lo;
    private long[] rows;
    private int[] live;

    /** Generates the fingerprints. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        hi = new long[ROWS];
        lo = new long[ROWS];
        rows = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            if (i > 0 && random.nextInt(100) == 0) {
                int j = random.nextInt(i);
                hi[i] = hi[j];
                lo[i] = lo[j];
            } else {
                hi[i] = random.nextLong();
                lo[i] = random.nextLong();
            }
            rows[i] = i + 1L;
        }
        live = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            live[i] = i;
        }
    }

    /**
     * Offers every row.
     *
     * @return the distinct fingerprints, checked against the other variants by their printed results
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long offerAll() {
        DuplicateIndex index;
        DuplicateStage stage;
        switch (variant) {
            case "compact" -> {
                index = new FingerprintTable(ROWS);
                stage = new DuplicateStage();
            }
            case "compactNoPreload" -> {
                index = new FingerprintTable(ROWS, false);
                stage = new DuplicateStage();
            }
            default -> {
                index = new PlainDuplicateIndex();
                stage = new DuplicateStage();
            }
        }
        long[] bh = new long[BATCH];
        long[] bl = new long[BATCH];
        long[] br = new long[BATCH];
        long duplicates = 0;
        for (int from = 0; from < ROWS; from += BATCH) {
            int n = Math.min(BATCH, ROWS - from);
            System.arraycopy(hi, from, bh, 0, n);
            System.arraycopy(lo, from, bl, 0, n);
            System.arraycopy(rows, from, br, 0, n);
            long[] outcomes = stage.offer(index, bh, bl, br, live, n, from / BATCH % DuplicateIndex.SEGMENTS);
            for (int p = 0; p < n; p++) {
                duplicates += outcomes[p] == -1 ? 0 : 1;
            }
        }
        return index.size() * 1_000_000 + duplicates;
    }
}
