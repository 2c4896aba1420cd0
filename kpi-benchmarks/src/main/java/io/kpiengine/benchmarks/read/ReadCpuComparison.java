package io.kpiengine.benchmarks.read;

import io.kpiengine.data.RecordSource;
import io.kpiengine.data.io.CsvSource;
import io.kpiengine.samples.SampleEvents;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reading comparison of {@link ReadBenchmark} measured in CPU time of the reading threads instead of wall
 * time, so that other processes on a shared machine do not distort the ratio: FastCSV's raw parse and our read
 * alternate round after round, and the best round of each counts. For the split read it prints the CPU time of
 * the slower partition thread (the wall time two free cores would give) and the CPU time of both together.
 *
 * <pre>{@code
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.read.ReadCpuComparison [rows] [rounds]
 * }</pre>
 */
public final class ReadCpuComparison {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReadCpuComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optional row count (default 2,000,000) and rounds (default 10)
     * @throws Exception if reading fails
     */
    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path file = ReadTasks.workload(rows);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long fast = Long.MAX_VALUE;
        long ours = Long.MAX_VALUE;
        long splitMax = Long.MAX_VALUE;
        long splitSum = Long.MAX_VALUE;
        try {
            for (int r = 0; r < rounds; r++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                ReadTasks.fastCsvFields(file);
                long t1 = THREADS.getCurrentThreadCpuTime();
                long n = ReadTasks.kpiRows(file);
                long t2 = THREADS.getCurrentThreadCpuTime();
                long[] split = split(file, pool);
                if (n != rows || split[2] != rows) {
                    throw new IllegalStateException("read " + n + " and " + split[2] + " rows, expected " + rows);
                }
                if (r >= 2) {
                    fast = Math.min(fast, t1 - t0);
                    ours = Math.min(ours, t2 - t1);
                    splitMax = Math.min(splitMax, Math.max(split[0], split[1]));
                    splitSum = Math.min(splitSum, split[0] + split[1]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "rows %d, best of %d rounds (CPU time of the reading threads)%n", rows,
                rounds - 2);
        System.out.printf(Locale.ROOT, "fastCsvRaw     %7.0f ms  %6.2f M rows/s%n", fast / 1e6, rows * 1e3 / fast);
        System.out.printf(Locale.ROOT, "kpiRead        %7.0f ms  %6.2f M rows/s  = %.2f x FastCSV%n", ours / 1e6,
                rows * 1e3 / ours, (double) fast / ours);
        System.out.printf(Locale.ROOT, "kpiReadSplit2  %7.0f ms slower thread, %.0f ms both  = %.2f x one thread%n",
                splitMax / 1e6, splitSum / 1e6, (double) ours / splitMax);
    }

    /** CPU nanoseconds of each partition's thread, and the rows read. */
    private static long[] split(Path file, ExecutorService pool) throws Exception {
        try (CsvSource source = CsvSource.builder(file).schema(SampleEvents.schema()).build()) {
            List<Future<long[]>> parts = new ArrayList<>();
            for (RecordSource part : source.split(2)) {
                parts.add(pool.submit(() -> {
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    long n;
                    try (part) {
                        n = ReadTasks.count(part);
                    }
                    return new long[] {THREADS.getCurrentThreadCpuTime() - t0, n};
                }));
            }
            long[] a = parts.get(0).get();
            long[] b = parts.get(1).get();
            return new long[] {a[0], b[0], a[1] + b[1]};
        }
    }
}
