package io.kpiengine.benchmarks.report;

import io.kpiengine.report.Report;
import io.kpiengine.report.ReportSamples;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The report of {@link ReportBenchmark} timed round by round in wall-clock and thread CPU time, for a machine
 * shared with other work, where the wall time also counts the time the thread waited for a core: the CPU time is
 * what the report costs. Prints the median and minimum of both after the warm-up rounds, and the file size.
 *
 * <pre>
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.report.ReportTimes 20 40
 * </pre>
 */
public final class ReportTimes {

    private ReportTimes() {
    }

    /**
     * Runs the rounds.
     *
     * @param args warm-up rounds and measured rounds (default 20 and 40)
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        ReportSamples.Sample sample = ReportSamples.generate(10, 8, 24, 7, false);
        Path file = Files.createTempDirectory("kpi-report-times").resolve("report.html");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        long size = 0;
        for (int i = 0; i < warmup + rounds; i++) {
            long w0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            Report r = Report.builder().catalog(sample.catalog()).results(sample.results()).build();
            r.write(file);
            long c1 = mx.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            size = Files.size(file);
            if (i >= warmup) {
                wall[i - warmup] = (w1 - w0) / 1e6;
                cpu[i - warmup] = (c1 - c0) / 1e6;
            }
        }
        Files.delete(file);
        Files.delete(file.getParent());
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "report of 50 KPIs x 8 segments x 24 months, %d rounds after %d: wall median"
                + " %.1f ms (min %.1f), thread CPU median %.1f ms (min %.1f); file %,d bytes%n", rounds, warmup,
                wall[rounds / 2], wall[0], cpu[rounds / 2], cpu[0], size);
    }
}
