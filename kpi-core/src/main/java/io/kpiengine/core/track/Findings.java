package io.kpiengine.core.track;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.ReviewCycle;
import io.kpiengine.core.metric.Severity;
import io.kpiengine.data.doc.Location;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The governance findings of a scorecard; the rules are listed in {@link TrackingFinding}. */
final class Findings {

    private Findings() {
    }

    static List<TrackingFinding> of(Catalog catalog, TrackingPlan plan, List<Series> series, Run run) {
        List<TrackingFinding> out = new ArrayList<>();
        Map<String, MetricSetup> metrics = new LinkedHashMap<>();
        series.forEach(s -> metrics.putIfAbsent(s.m.id, s.m));
        for (MetricSetup m : metrics.values()) {
            review(catalog, plan, m, run.asOf, out);
        }
        for (Series s : series) {
            offTrack(plan, s, out);
            realism(plan, s, out);
        }
        for (ActionPlan a : plan.actions()) {
            if (a.status().isOpen() && a.due().isBefore(run.asOf)) {
                out.add(new TrackingFinding("overdue-action-plan", Severity.WARNING, a.metric(), a.segment(),
                        plan.location(a, "due").orElse(catalog.location()), "action plan '" + a.id() + "' for '"
                        + a.metric() + "'" + (a.segment().isEmpty() ? "" : " " + a.segment()) + " (owner " + a.owner()
                        + ") was due " + a.due() + " and is still " + a.status().id() + " at " + run.asOf
                        + "; finish it, or set a new due date"));
            }
        }
        return out;
    }

    private static void review(Catalog catalog, TrackingPlan plan, MetricSetup m, LocalDate asOf,
            List<TrackingFinding> out) {
        String id = m.id;
        ReviewCycle cycle = m.metadata.reviewCycle().orElse(null);
        if (cycle == null) {
            return;
        }
        LocalDate last = plan.lastReviewed().get(id);
        Location at = plan.metricLocation(id, "lastReviewed").orElse(catalog.location(id, "reviewCycle"));
        String cycleName = cycle.name().toLowerCase(java.util.Locale.ROOT);
        if (last == null) {
            out.add(new TrackingFinding("overdue-review", Severity.WARNING, id, Map.of(), at, "metric '" + id
                    + "' has a " + cycleName + " review cycle but no review is recorded; record the last review"
                    + " (lastReviewed in the tracking section)"));
            return;
        }
        LocalDate due = switch (cycle) {
            case DAILY -> last.plusDays(1);
            case WEEKLY -> last.plusWeeks(1);
            case MONTHLY -> last.plusMonths(1);
            case QUARTERLY -> last.plusMonths(3);
            case YEARLY -> last.plusYears(1);
        };
        if (due.isBefore(asOf)) {
            out.add(new TrackingFinding("overdue-review", Severity.WARNING, id, Map.of(), at, "metric '" + id
                    + "' was last reviewed " + last + "; with its " + cycleName + " cycle the next review was due "
                    + due + " (as of " + asOf + ")"));
        }
    }

    private static void offTrack(TrackingPlan plan, Series s, List<TrackingFinding> out) {
        if (s.current < 0) {
            return;
        }
        int run = 0;
        while (s.current - run >= 0 && s.rows[s.current - run].status == KpiStatus.OFF_TRACK) {
            run++;
        }
        if (run < plan.offTrackPeriods()) {
            return;
        }
        for (ActionPlan a : plan.actions()) {
            if (a.metric().equals(s.m.id) && a.status().isOpen() && a.covers(s.segment)) {
                return;
            }
        }
        out.add(new TrackingFinding("off-track-without-plan", Severity.WARNING, s.m.id, s.segment, s.m.location,
                "KPI '" + s.m.id + "'" + (s.segment.isEmpty() ? "" : " " + s.segment) + " has been off track for "
                + run + " periods (" + s.period(s.current - run + 1) + " to " + s.period(s.current)
                + ") and no open action plan covers it" + (s.m.owner == null ? "" : "; owner " + s.m.owner)
                + ": add one to the actions section"));
    }

    private static void realism(TrackingPlan plan, Series s, List<TrackingFinding> out) {
        if (s.current < 0 || s.m.direction == null || s.m.direction == Direction.TARGET_BAND) {
            return;
        }
        ScorecardRow row = s.rows[s.current];
        double target = row.target;
        double baseline = row.baselineValue;
        if (Double.isNaN(target) || Double.isNaN(baseline)) {
            return;
        }
        boolean higher = s.m.direction == Direction.HIGHER_IS_BETTER;
        double ahead = higher ? target - baseline : baseline - target;
        String where = "'" + s.m.id + "'" + (s.segment.isEmpty() ? "" : " " + s.segment) + " in " + row.period();
        Location at = s.m.location;
        if (ahead < 0) {
            out.add(new TrackingFinding("target-not-an-improvement", Severity.WARNING, s.m.id, s.segment, at,
                    "the target " + Fmt.num(target) + " of " + where + " is " + (higher ? "below" : "above")
                    + " its baseline " + Fmt.num(baseline) + " (" + row.baseline().describe() + ") for a "
                    + (higher ? "higher" : "lower") + "-is-better KPI: it asks for no improvement"));
        } else if (s.sigma[s.current] > 0 && ahead > plan.realismSigmas() * s.sigma[s.current]) {
            out.add(new TrackingFinding("target-beyond-baseline", Severity.WARNING, s.m.id, s.segment, at,
                    "the target " + Fmt.num(target) + " of " + where + " lies " + Fmt.num(ahead / s.sigma[s.current])
                    + " standard deviations of the last " + s.m.window + " periods beyond its baseline "
                    + Fmt.num(baseline) + " (more than " + Fmt.num(plan.realismSigmas()) + "): check that it is"
                    + " realistic"));
        }
    }
}
