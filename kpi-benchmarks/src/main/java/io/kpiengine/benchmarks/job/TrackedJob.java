package io.kpiengine.benchmarks.job;

import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.Scorecard;
import io.kpiengine.core.track.Tracker;
import io.kpiengine.core.track.TrackingPlan;
import java.nio.file.Path;

/**
 * The reference job with tracking added, as a daily job would run it: the results of the bundled catalog, then a
 * scorecard with every metric's default baseline (trailing mean of 28 days), status rules and three alert rules per
 * metric (a drop of more than 30% and a jump of more than 50% from the previous day, a robust anomaly score beyond 4
 * over 28 days). The catalog declares no directions, so the metrics have no targets: achievement, pace and
 * target-based statuses are empty, which is what tracking this catalog costs.
 */
final class TrackedJob {

    static final Tracker TRACKER;

    static {
        TrackingPlan.Builder plan = TrackingPlan.builder();
        for (Metric m : EngineJob.CATALOG.metrics()) {
            plan.alert(AlertRule.change(m.id() + "-drop", m.id()).percent().below(-30).severity(AlertSeverity.CRITICAL)
                    .build());
            plan.alert(AlertRule.change(m.id() + "-jump", m.id()).percent().above(50).build());
            plan.alert(AlertRule.anomaly(m.id() + "-odd", m.id()).method(AlertRule.Method.ROBUST).window(28).beyond(4)
                    .build());
        }
        TRACKER = Tracker.builder(EngineJob.CATALOG).plan(plan.build()).parallelism(2).build();
    }

    private TrackedJob() {
    }

    /** The job, then its scorecard; the tracking time in nanoseconds goes to {@code trackNanos[0]}. */
    static Scorecard run(Path csv, int threads, long[] trackNanos) {
        KpiResults results = EngineJob.evaluate(csv, threads);
        long t0 = System.nanoTime();
        Scorecard card = TRACKER.track(results);
        trackNanos[0] = System.nanoTime() - t0;
        return card;
    }
}
