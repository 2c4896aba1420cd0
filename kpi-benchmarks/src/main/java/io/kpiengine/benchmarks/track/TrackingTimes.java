package io.kpiengine.benchmarks.track;

import io.kpiengine.core.track.Tracker;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link TrackingBenchmark} workload timed by wall clock and by the process's CPU time (all threads: the
 * tracker's, the garbage collector's, the JIT's), for 2 and 1 threads: on a shared machine the wall time measures
 * the other processes as much as ours, the CPU time much less.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp kpi-benchmarks/target/benchmarks.jar \
 *      io.kpiengine.benchmarks.track.TrackingTimes --rounds 15 --warmup 5
 * </pre>
 */
public final class TrackingTimes {

    private TrackingTimes() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --rounds R --warmup W}
     */
    public static void main(String[] args) {
        io.kpiengine.benchmarks.Rounds options = io.kpiengine.benchmarks.Rounds.of(args, 15, 5);
        int rounds = options.rounds();
        int warmup = options.warmup();
        TrackingWorkload w = new TrackingWorkload(200, 50, 36);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%,d cells; %d cores; JVM %s, max heap %d MiB%n", w.results.rows().size(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| threads | median wall time (ms) | min | median process CPU time (ms) | min | load |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int threads : new int[] {2, 1}) {
            Tracker t = Tracker.builder(w.catalog).parallelism(threads).build();
            for (int i = 0; i < warmup; i++) {
                t.track(w.results);
            }
            double[] wall = new double[rounds];
            double[] cpu = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                t.track(w.results);
                wall[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %.1f |%n", threads, wall[rounds / 2],
                    wall[0], cpu[rounds / 2], cpu[0], os.getSystemLoadAverage());
        }
    }
}
