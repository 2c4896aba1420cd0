package io.kpiengine.benchmarks.score;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The workloads of {@link ScoringBenchmark} timed round by round with both wall time and the CPU time of the whole
 * process (all threads), so that a run on a shared machine still says what the work costs: on a machine that also
 * runs other builds, wall time grows with the load while CPU time stays close to the cost on an idle one.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.score.ScoringCpu 15
 * </pre>
 *
 * <p>Prints, per workload, the median and best wall time and the median process CPU time of the rounds after five
 * warm-up rounds.
 */
public final class ScoringCpu {

    /** Keeps each result reachable, so the JIT cannot drop the work that made it. */
    static volatile Object sink;

    private ScoringCpu() {
    }

    /**
     * Runs the rounds.
     *
     * @param args the number of measured rounds (default 15)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ScoringBenchmark b = new ScoringBenchmark();
        b.setUp();
        time("scoreAndContributions (100,000 x 30, 2 threads)", rounds, b::scoreAndContributions);
        time("scoreAndContributionsOneThread (100,000 x 30)", rounds, b::scoreAndContributionsOneThread);
        time("monteCarlo (1,000 draws x 1,000 entities, 2 threads)", rounds, b::monteCarlo);
    }

    private static void time(String name, int rounds, Supplier<?> work) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 5; i++) {
            sink = work.get();
        }
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sink = work.get();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-55s wall median %7.1f ms, best %7.1f ms; process CPU median %7.1f ms"
                + " (%d rounds, load average %.1f)%n", name, wall[rounds / 2], wall[0], cpu[rounds / 2], rounds,
                os.getSystemLoadAverage());
    }
}
