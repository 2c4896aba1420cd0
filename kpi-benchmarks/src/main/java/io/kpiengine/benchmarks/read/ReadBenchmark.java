package io.kpiengine.benchmarks.read;

import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.samples.SampleEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the reference workload file (2,000,000 generated event rows, ~130 MB): our CSV reader into typed
 * columnar batches, on one thread and split over two, against FastCSV's raw parse of the same file (records of
 * strings, fields counted). One operation reads the whole file; rows per second = rows / time per operation.
 *
 * <p>The file is generated once into {@code java.io.tmpdir/kpi-bench/} (or the folder of the system property
 * {@code kpi.bench.dir}) and reused while its size matches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class ReadBenchmark {

    /** Rows of the generated file. */
    @Param("2000000")
    public long rows;

    private Path file;
    private ExecutorService pool;

    /** Generates the workload file if it is not there yet, and starts the reader threads. */
    @Setup(Level.Trial)
    public void setUp() {
        file = ReadTasks.workload(rows);
        pool = Executors.newFixedThreadPool(2);
    }

    /** Stops the reader threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    /**
     * FastCSV's raw parse: every record as strings, fields counted.
     *
     * @return the field count
     */
    @Benchmark
    public long fastCsvRaw() {
        return ReadTasks.fastCsvFields(file);
    }

    /**
     * Our reader on one thread: typed columns (timestamps, integers, exact decimals, dictionary categories).
     *
     * @return the row count
     */
    @Benchmark
    public long kpiRead() {
        return ReadTasks.kpiRows(file);
    }

    /**
     * Our reader split into two partitions, each read by its own thread.
     *
     * @return the row count
     * @throws Exception if a partition fails
     */
    @Benchmark
    public long kpiReadSplit2() throws Exception {
        try (CsvSource source = CsvSource.builder(file).schema(SampleEvents.schema()).build()) {
            List<Future<Long>> parts = new ArrayList<>();
            for (RecordSource part : source.split(2)) {
                parts.add(pool.submit(() -> {
                    try (part) {
                        return ReadTasks.count(part);
                    }
                }));
            }
            long n = 0;
            for (Future<Long> f : parts) {
                n += f.get();
            }
            return n;
        }
    }
}
