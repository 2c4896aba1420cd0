package io.kpiengine.benchmarks.report;

import io.kpiengine.report.Report;
import io.kpiengine.report.ReportSamples;
import io.kpiengine.report.browser.Chromium;
import io.kpiengine.report.browser.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * First paint of the report of {@link ReportBenchmark} in headless Chromium, as the browser's own performance API
 * reports it: {@code performance.getEntriesByType('paint')} ({@code first-paint} and {@code first-contentful-paint},
 * in milliseconds from the start of the navigation), and the time to the load event and to the first charts drawn.
 * Goal: first paint at most 1.5 s. Each round opens the file in a fresh tab of one browser; the first round, which
 * also warms the browser's caches of its own code, is reported apart. Needs Debian's {@code chromium}.
 *
 * <pre>
 * java -cp kpi-benchmarks/target/benchmarks.jar io.kpiengine.benchmarks.report.ReportFirstPaint 10
 * </pre>
 */
public final class ReportFirstPaint {

    private ReportFirstPaint() {
    }

    /**
     * Measures.
     *
     * @param args the rounds (default 10)
     * @throws IOException if the file cannot be written or Chromium does not start
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ReportSamples.Sample sample = ReportSamples.generate(10, 8, 24, 7, false);
        Path file = Files.createTempDirectory("kpi-report-paint").resolve("report.html");
        Report.builder().catalog(sample.catalog()).results(sample.results()).build().write(file);
        double[] fp = new double[rounds];
        double[] fcp = new double[rounds];
        double[] load = new double[rounds];
        String first = null;
        try (Chromium chromium = Chromium.launch()) {
            for (int i = 0; i <= rounds; i++) {
                try (Page page = chromium.newPage(1366, 768)) {
                    page.navigate(file.toUri().toString());
                    double[] t = new double[3];
                    for (int tries = 0; tries < 100; tries++) {
                        t[0] = page.eval("(performance.getEntriesByName('first-paint')[0] || {startTime: -1}).startTime")
                                .asDouble();
                        t[1] = page.eval("(performance.getEntriesByName('first-contentful-paint')[0]"
                                + " || {startTime: -1}).startTime").asDouble();
                        if (t[0] >= 0 && t[1] >= 0) {
                            break;
                        }
                        sleep(50);
                    }
                    t[2] = page.eval("performance.getEntriesByType('navigation')[0].loadEventStart").asDouble();
                    if (!page.errors().isEmpty()) {
                        throw new IllegalStateException("console errors: " + page.errors());
                    }
                    if (i == 0) {
                        first = String.format(Locale.ROOT, "first round: first paint %.0f ms, first contentful paint"
                                + " %.0f ms, load %.0f ms", t[0], t[1], t[2]);
                    } else {
                        fp[i - 1] = t[0];
                        fcp[i - 1] = t[1];
                        load[i - 1] = t[2];
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        Arrays.sort(fp);
        Arrays.sort(fcp);
        Arrays.sort(load);
        System.out.println(first);
        System.out.printf(Locale.ROOT, "%d rounds: first paint median %.0f ms (min %.0f, max %.0f); first contentful"
                + " paint median %.0f ms; load event median %.0f ms%n", rounds, fp[rounds / 2], fp[0],
                fp[rounds - 1], fcp[rounds / 2], load[rounds / 2]);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
