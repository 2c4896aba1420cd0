package io.kpiengine.benchmarks.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference batch job ({@code JOB.md}) side by side: our engine and DuckDB on the same generated file, in
 * one JVM, several rounds alternating, medians and the wall-time ratio; plus our engine on 1 thread; and a memory
 * mode for large files that reports the peak heap.
 *
 * <pre>
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.job.JobBenchmark \
 *      --rows 2000000 --rounds 5 --dir target/job
 * java -Xmx512m -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.job.JobBenchmark \
 *      --rows 10000000 --mode memory --dir target/job
 * </pre>
 *
 * <p>The file is generated once (seeded, so every run reads the same bytes) and reused. Each round runs DuckDB
 * with 2 threads, our engine with 2 threads, our engine with 1 thread and, for reference, DuckDB with 1 thread,
 * the order rotating per round, after {@code --warmup} untimed rounds of all four (default 3). Our runs are
 * checked against DuckDB's result before timing counts.
 */
public final class JobBenchmark {

    private JobBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --rows N --rounds R --warmup W --dir DIR --mode compare|memory|tracking --seed S}
     * @throws Exception if a run fails or results disagree
     */
    public static void main(String[] args) throws Exception {
        long rows = 2_000_000;
        int rounds = 5;
        int warmup = 3;
        Path dir = Path.of("target", "job");
        String mode = "compare";
        long seed = 20250101L;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--rows":
                    rows = Long.parseLong(value.replace("_", ""));
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(value);
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(value);
                    break;
                case "--dir":
                    dir = Path.of(value);
                    break;
                case "--mode":
                    mode = value;
                    break;
                case "--seed":
                    seed = Long.parseLong(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --rows N --rounds R --warmup W --dir DIR --mode compare|memory|tracking --seed S");
            }
        }
        Files.createDirectories(dir);
        Path csv = dir.resolve("events-" + rows + "-" + seed + ".csv");
        if (!Files.exists(csv)) {
            long t0 = System.nanoTime();
            EngineJob.generate(csv, rows, seed);
            System.out.printf(Locale.ROOT, "generated %s (%,d bytes) in %.1f s%n", csv, Files.size(csv),
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "file %s, %,d rows, %,d bytes; %d cores; JVM %s, max heap %d MiB%n", csv, rows,
                Files.size(csv), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        if (mode.equals("memory")) {
            memory(csv, rounds);
        } else if (mode.equals("tracking")) {
            tracking(csv, rounds, warmup);
        } else {
            compare(csv, rounds, warmup);
        }
    }

    private static void compare(Path csv, int rounds, int warmup) throws Exception {
        List<DuckDbJob.Row> expected;
        try (DuckDbJob duck = new DuckDbJob(2)) {
            expected = duck.run(csv);
        }
        EngineJob.check(EngineJob.run(csv, 2), expected);
        EngineJob.check(EngineJob.run(csv, 1), expected);
        System.out.printf(Locale.ROOT, "warm-up done; results agree with DuckDB (%d groups)%n", expected.size());
        double[][] wall = new double[4][rounds];
        double[][] cpu = new double[4][rounds];
        String[] names = {"DuckDB, 2 threads", "KPI Engine, 2 threads", "KPI Engine, 1 thread", "DuckDB, 1 thread"};
        try (DuckDbJob duck = new DuckDbJob(2); DuckDbJob duck1 = new DuckDbJob(1)) {
            duck1.run(csv);
            // warm-up rounds, untimed: the JIT settles and the heap reaches the size the runs need (growing it
            // costs page faults that would otherwise land in the first timed rounds)
            for (int r = 0; r < warmup; r++) {
                duck.run(csv);
                EngineJob.run(csv, 2);
                EngineJob.run(csv, 1);
                duck1.run(csv);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 4; k++) {
                    int which = (r + k) % 4;
                    long c0 = processCpu();
                    long t0 = System.nanoTime();
                    if (which == 0) {
                        duck.run(csv);
                    } else if (which == 3) {
                        duck1.run(csv);
                    } else {
                        EngineJob.run(csv, which == 1 ? 2 : 1);
                    }
                    wall[which][r] = (System.nanoTime() - t0) / 1e9;
                    cpu[which][r] = (processCpu() - c0) / 1e9;
                }
                System.out.printf(Locale.ROOT, "round %d: duckdb(2) %.3f s, ours(2) %.3f s, ours(1) %.3f s, duckdb(1)"
                        + " %.3f s (load %.1f)%n", r + 1, wall[0][r], wall[1][r], wall[2][r], wall[3][r],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.out.println();
        System.out.println("| run | median wall time (s) | min | max | median process CPU time (s) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < 4; i++) {
            double[] s = wall[i].clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", names[i], median(wall[i]), s[0],
                    s[s.length - 1], median(cpu[i]));
        }
        System.out.printf(Locale.ROOT, "%nratio ours(2) / DuckDB(2), wall = %.2f by medians, %.2f by best rounds"
                + " (goal <= 1.5)%n", median(wall[1]) / median(wall[0]), min(wall[1]) / min(wall[0]));
        System.out.printf(Locale.ROOT, "speed-up ours 1 -> 2 threads, wall = %.2f x by medians, %.2f x by best rounds"
                + " (goal >= 1.6)%n", median(wall[2]) / median(wall[1]), min(wall[2]) / min(wall[1]));
        System.out.printf(Locale.ROOT, "for reference, DuckDB 1 -> 2 threads = %.2f x by medians, %.2f x by best"
                + " rounds%n", median(wall[3]) / median(wall[0]), min(wall[3]) / min(wall[0]));
        System.out.printf(Locale.ROOT, "CPU time ours(2) / DuckDB(2) = %.2f; ours(2) / ours(1) = %.2f%n",
                median(cpu[1]) / median(cpu[0]), median(cpu[1]) / median(cpu[2]));
    }

    /**
     * The job on 2 threads alone and with tracking added ({@link TrackedJob}), alternating round by round, after
     * {@code warmup} untimed rounds of both: medians of wall and process CPU time, the tracking time measured inside
     * the second, and the ratio (goal: tracking adds at most 10%).
     */
    private static void tracking(Path csv, int rounds, int warmup) {
        long[] nanos = new long[1];
        int rows = TrackedJob.run(csv, 2, nanos).rows().size();
        System.out.printf(Locale.ROOT, "scorecard of %,d rows%n", rows);
        for (int r = 0; r < warmup; r++) {
            EngineJob.evaluate(csv, 2);
            TrackedJob.run(csv, 2, nanos);
        }
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        double[] track = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int which = (r + k) % 2;
                long c0 = processCpu();
                long t0 = System.nanoTime();
                if (which == 0) {
                    EngineJob.evaluate(csv, 2);
                } else {
                    TrackedJob.run(csv, 2, nanos);
                    track[r] = nanos[0] / 1e9;
                }
                wall[which][r] = (System.nanoTime() - t0) / 1e9;
                cpu[which][r] = (processCpu() - c0) / 1e9;
            }
            System.out.printf(Locale.ROOT, "round %d: job %.3f s, job + tracking %.3f s (tracking %.3f s) (load %.1f)%n",
                    r + 1, wall[0][r], wall[1][r], track[r],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.println();
        System.out.println("| run | median wall time (s) | min | max | median process CPU time (s) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        String[] names = {"reference job, 2 threads", "reference job + tracking, 2 threads"};
        for (int i = 0; i < 2; i++) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", names[i], median(wall[i]),
                    min(wall[i]), Arrays.stream(wall[i]).max().orElse(Double.NaN), median(cpu[i]));
        }
        System.out.printf(Locale.ROOT, "%ntracking alone (inside the second run): median %.3f s, min %.3f s%n",
                median(track), min(track));
        System.out.printf(Locale.ROOT, "cost of tracking = %.1f%% by median wall times, %.1f%% by the tracking time"
                + " over the job's median, %.1f%% by median CPU times (goal <= 10%%)%n",
                100 * (median(wall[1]) / median(wall[0]) - 1), 100 * median(track) / median(wall[0]),
                100 * (median(cpu[1]) / median(cpu[0]) - 1));
    }

    /** CPU time of the whole process (all Java and native threads: ours, DuckDB's, GC, JIT). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void memory(Path csv, int rounds) throws Exception {
        for (int r = 0; r < Math.max(1, rounds); r++) {
            resetPeaks();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            List<DuckDbJob.Row> rows = EngineJob.run(csv, 2);
            double s = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf(Locale.ROOT, "round %d: ours(2) %.3f s, %d groups; heap: peak used %d MiB (sampled every"
                    + " 5 ms), peak of the old generation %d MiB, max %d MiB%n", r + 1, s, rows.size(), peak.get() >> 20,
                    oldGenPeak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long oldGenPeak() {
        long max = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
                max = Math.max(max, pool.getPeakUsage().getUsed());
            }
        }
        return max;
    }

    static double min(double[] times) {
        return Arrays.stream(times).min().orElse(Double.NaN);
    }

    static double median(double[] times) {
        double[] s = times.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

}
