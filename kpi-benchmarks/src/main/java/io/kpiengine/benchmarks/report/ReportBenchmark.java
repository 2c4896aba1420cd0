package io.kpiengine.benchmarks.report;

import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.report.Report;
import io.kpiengine.report.ReportSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The report of 50 KPIs x 8 segments x 24 months (the report's seeded sample: 10 groups of revenue, orders,
 * average order value, conversion rate and sales cycle per region; 9,600 cells of KPIs), built from results and
 * written to a file: model, charts, tables, HTML and the atomic write. Goal: at most 500 ms; file at most 3 MB.
 * {@code scorecard} feeds it from a tracking scorecard computed once in the setup (the tracking itself is timed by
 * TrackingBenchmark).
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar ReportBenchmark -f 1 -wi 5 -i 10 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ReportBenchmark {

    /** Whether the report is fed by a tracking scorecard. */
    @Param({"false", "true"})
    public boolean scorecard;

    private ReportSamples.Sample sample;
    private Scorecard card;
    private Path file;

    /** Computes the results (and the scorecard) once. */
    @Setup
    public void setUp() throws IOException {
        sample = ReportSamples.generate(10, 8, 24, 7, false);
        if (scorecard) {
            card = Tracker.builder(sample.catalog()).clock(Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"),
                    ZoneOffset.UTC)).build().track(sample.results());
        }
        file = Files.createTempDirectory("kpi-report-bench").resolve("report.html");
    }

    /** Removes the written file. */
    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
    }

    /**
     * One report, built and written.
     *
     * @return the report
     */
    @Benchmark
    public Report buildAndWrite() {
        Report.Builder b = Report.builder().catalog(sample.catalog()).results(sample.results());
        if (card != null) {
            b.scorecard(card);
        }
        Report r = b.build();
        r.write(file);
        return r;
    }
}
