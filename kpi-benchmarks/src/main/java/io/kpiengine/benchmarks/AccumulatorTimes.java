package io.kpiengine.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@link AccumulatorBenchmark} workload with its four operations interleaved round by round and timed by wall
 * clock and by the CPU time of the thread that runs them (the engine runs with parallelism 1; the garbage collector
 * and the JIT are not counted): on a shared machine consecutive JMH runs see different loads, so ratios between
 * them move with the load; here every round times each operation right after the others, and the thread's CPU time
 * is barely disturbed by other processes.
 *
 * <p>Per round: {@code add} of 20 batches of 1,000 rows of the last 30 days (reported per row), an untimed
 * {@code snapshot()} that takes them in, then add one batch of the last day and {@code snapshot()} (what a service
 * pays per batch when it snapshots after each), add one batch then {@code query()} of the last month, and
 * {@code engine.results(state)} (the full evaluation of the same 365-day, 50-segment state).
 *
 * <pre>
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.AccumulatorTimes --rounds 30 --warmup 10
 * </pre>
 */
public final class AccumulatorTimes {

    private static final int ADDS = 20;

    private AccumulatorTimes() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --rounds R --warmup W}
     */
    @SuppressWarnings("ReturnValueIgnored") // an operation is timed for its work; what it returns is not needed
    public static void main(String[] args) {
        Rounds options = Rounds.of(args, 30, 10);
        int rounds = options.rounds();
        int warmup = options.warmup();
        AccumulatorBenchmark b = new AccumulatorBenchmark();
        b.setUp();
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"add, per row", "add + snapshot", "add + query of a month", "full evaluation"};
        Supplier<?>[] ops = {() -> {
            for (int k = 0; k < ADDS; k++) {
                b.add1000();
            }
            return null;
        }, b::addThenSnapshot, b::addThenQueryMonth, b::fullEvaluate};
        Runnable[] before = {() -> { }, b::snapshot, () -> { }, () -> { }};
        double[] per = {ADDS * AccumulatorBenchmark.BATCH, 1, 1, 1};
        double[][] wall = new double[ops.length][rounds];
        double[][] cpu = new double[ops.length][rounds];
        double loadBefore = os.getSystemLoadAverage();
        for (int r = -warmup; r < rounds; r++) {
            for (int o = 0; o < ops.length; o++) {
                before[o].run();
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                ops[o].get();
                if (r >= 0) {
                    wall[o][r] = (System.nanoTime() - t0) / 1e3 / per[o];
                    cpu[o][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / per[o];
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds after %d warm-up rounds; %d cores; JVM %s; load %.1f before, %.1f"
                + " after%n", rounds, warmup, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadBefore, os.getSystemLoadAverage());
        System.out.println("| operation | median wall (µs) | min | median thread CPU (µs) | min |"
                + " full evaluation / this, wall medians | CPU medians |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (double[] w : wall) {
            Arrays.sort(w);
        }
        for (double[] c : cpu) {
            Arrays.sort(c);
        }
        int m = rounds / 2;
        int full = ops.length - 1;
        for (int o = 0; o < ops.length; o++) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %s | %s |%n", names[o], wall[o][m],
                    wall[o][0], cpu[o][m], cpu[o][0], o == 0 ? "" : String.format(Locale.ROOT, "%.1f",
                    wall[full][m] / wall[o][m]), o == 0 ? "" : String.format(Locale.ROOT, "%.1f",
                    cpu[full][m] / cpu[o][m]));
        }
    }
}
