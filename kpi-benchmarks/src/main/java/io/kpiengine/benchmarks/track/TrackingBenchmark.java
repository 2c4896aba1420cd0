package io.kpiengine.benchmarks.track;

import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
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

/**
 * A scorecard of 200 KPIs x 50 segments x 36 monthly periods (360,000 cells) from existing results: baselines,
 * targets, achievement, changes, status and three alert rules per KPI ({@link TrackingWorkload}); goal at most
 * 300 ms on 2 threads. The forked JVM gets a fixed, pre-touched heap of 2 GiB, as a batch job would.
 *
 * <pre>
 * java -jar kpi-benchmarks/target/benchmarks.jar TrackingBenchmark -f 1 -wi 5 -i 10 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class TrackingBenchmark {

    /** The number of tracker threads. */
    @Param({"2", "1"})
    public int threads;

    /** The number of KPIs. */
    @Param({"200"})
    public int metrics;

    /** The number of segments per KPI. */
    @Param({"50"})
    public int segments;

    /** The number of monthly periods. */
    @Param({"36"})
    public int months;

    private Tracker tracker;
    private TrackingWorkload workload;

    /** Computes the results once and builds the tracker. */
    @Setup
    public void setUp() {
        workload = new TrackingWorkload(metrics, segments, months);
        if (workload.results.rows().size() != metrics * segments * months) {
            throw new IllegalStateException("expected " + metrics * segments * months + " cells, got "
                    + workload.results.rows().size());
        }
        tracker = Tracker.builder(workload.catalog).parallelism(threads)
                .clock(Clock.fixed(Instant.parse("2026-03-15T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    /**
     * One scorecard.
     *
     * @return the scorecard
     */
    @Benchmark
    public Scorecard track() {
        return tracker.track(workload.results);
    }
}
