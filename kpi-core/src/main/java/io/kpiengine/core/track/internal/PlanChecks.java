package io.kpiengine.core.track.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.metric.Aggregation;
import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.track.ActionPlan;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.Phasing;
import io.kpiengine.core.track.PlannedTarget;
import io.kpiengine.core.track.TargetKind;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a tracking plan against the metrics it names: every metric and segment dimension exists (with "did you
 * mean"), a target has a metric with a direction (a band target a target-band metric, a value target one that is
 * higher- or lower-is-better), phasing applies to additive metrics (sums and counts) and seasonal phasing to
 * metrics with a seasonally adjusted baseline, an achievement threshold to a metric with a direction. Every problem
 * is reported at the field it concerns. A plan may name the scores of the catalog's goal trees (nodes with children)
 * like metrics: segments are the tree's entity dimensions, targets are unphased values (a score is
 * higher-is-better and does not add up over periods).
 */
public final class PlanChecks {

    private PlanChecks() {
    }

    /**
     * The problems of a plan against a built catalog.
     *
     * @param plan the plan
     * @param catalog the catalog
     * @return the problems, in plan order
     */
    public static List<Problem> problems(TrackingPlan plan, Catalog catalog) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        for (Metric m : catalog.metrics()) {
            metrics.put(m.id(), m);
            dimensions.put(m.id(), catalog.dimensionsOf(m.id()));
        }
        return problems(plan, metrics, dimensions, Set.of(), catalog.location(), catalog.goalTrees());
    }

    /**
     * The problems of a plan against the metrics of a catalog being built.
     *
     * @param plan the plan
     * @param metrics metric id to metric
     * @param dimensions metric id to its dimensions (absent for metrics whose dimensions are unknown)
     * @param broken ids of metrics that exist but could not be read; entries naming them are not checked
     * @param fallback the location of entries built in code
     * @param trees the catalog's goal trees, whose nodes with children are scores the plan may name
     * @return the problems, in plan order
     */
    public static List<Problem> problems(TrackingPlan plan, Map<String, Metric> metrics,
            Map<String, List<String>> dimensions, Set<String> broken, Location fallback, List<GoalTree> trees) {
        List<Problem> out = new ArrayList<>();
        if (plan.isEmpty()) {
            return out;
        }
        Map<String, Metric> known = new LinkedHashMap<>(metrics);
        broken.forEach(id -> known.putIfAbsent(id, null));
        int plain = known.size();
        Map<String, GoalTree> scores = ScoreNodes.of(trees);
        scores.keySet().forEach(id -> known.putIfAbsent(id, null));
        plan.metricStatusRules().keySet().forEach(id -> known(out, plan.metricLocation(id, "").orElse(fallback),
                "status rules", id, known, plain));
        plan.lastReviewed().keySet().forEach(id -> known(out, plan.metricLocation(id, "").orElse(fallback),
                "last review", id, known, plain));
        for (PlannedTarget t : plan.targets()) {
            String what = t.kind().id() + " target of metric '" + t.metric() + "'";
            Metric m = known(out, plan.location(t, "metric").orElse(fallback), what, t.metric(), known, plain);
            if (m == null && scores.containsKey(t.metric())) {
                score(out, plan, t, what, scores.get(t.metric()), fallback);
                continue;
            }
            if (m == null) {
                continue;
            }
            segment(out, plan.location(t, "segment").orElse(fallback), what, t.segment(), dims(m, dimensions));
            Direction d = m.metadata().direction().orElse(null);
            Location at = plan.location(t, "").orElse(fallback);
            if (d == null) {
                out.add(new Problem(at, what + ": the metric has no direction; a target needs direction"
                        + " higher-is-better or lower-is-better (a band target: target-band)"));
            } else if (t.kind() == TargetKind.BAND && d != Direction.TARGET_BAND) {
                out.add(new Problem(at, what + ": a band target needs direction target-band, but the metric is "
                        + id(d)));
            } else if (t.kind() != TargetKind.BAND && d == Direction.TARGET_BAND) {
                out.add(new Problem(at, what + ": the metric is judged by its band (direction target-band); give it"
                        + " a band target with low and high"));
            }
            if (t.phasing() != Phasing.NONE) {
                Location p = plan.location(t, "phasing").orElse(at);
                if (!additive(m)) {
                    out.add(new Problem(p, what + ": phasing splits a total over periods, which needs a metric whose"
                            + " periods add up (a sum or count measure), but '" + t.metric() + "' is not one"));
                } else if (t.phasing() == Phasing.SEASONAL && m.metadata().baseline()
                        .map(b -> b.method() != Baseline.Method.SEASONALLY_ADJUSTED).orElse(true)) {
                    out.add(new Problem(p, what + ": seasonal phasing follows the seasonal profile of the metric's"
                            + " baseline, which must be seasonally-adjusted (baseline: {method: seasonally-adjusted,"
                            + " years: 2})"));
                }
            }
        }
        for (AlertRule a : plan.alerts()) {
            String what = "alert '" + a.id() + "'";
            Metric m = known(out, plan.location(a, "metric").orElse(fallback), what, a.metric(), known, plain);
            if (m == null && scores.containsKey(a.metric())) {
                segment(out, plan.location(a, "segment").orElse(fallback), what, a.segment(),
                        scores.get(a.metric()).entityDimensions());
                continue;
            }
            if (m == null) {
                continue;
            }
            segment(out, plan.location(a, "segment").orElse(fallback), what, a.segment(), dims(m, dimensions));
            if (a.kind() == AlertRule.Kind.THRESHOLD && a.input() == AlertRule.Input.ACHIEVEMENT
                    && m.metadata().direction().isEmpty()) {
                out.add(new Problem(plan.location(a, "input").orElse(fallback), what + ": the achievement of metric '"
                        + a.metric() + "' needs a direction and a target, but the metric has no direction"));
            }
        }
        for (ActionPlan p : plan.actions()) {
            String what = "action plan '" + p.id() + "'";
            Metric m = known(out, plan.location(p, "metric").orElse(fallback), what, p.metric(), known, plain);
            if (m != null) {
                segment(out, plan.location(p, "segment").orElse(fallback), what, p.segment(), dims(m, dimensions));
            } else if (scores.containsKey(p.metric())) {
                segment(out, plan.location(p, "segment").orElse(fallback), what, p.segment(),
                        scores.get(p.metric()).entityDimensions());
            }
        }
        return out;
    }

    /** A target on a score: a value target (scores are higher-is-better), unphased (scores do not add up). */
    private static void score(List<Problem> out, TrackingPlan plan, PlannedTarget t, String what, GoalTree tree,
            Location fallback) {
        segment(out, plan.location(t, "segment").orElse(fallback), what, t.segment(), tree.entityDimensions());
        Location at = plan.location(t, "").orElse(fallback);
        if (t.kind() == TargetKind.BAND) {
            out.add(new Problem(at, what + ": '" + t.metric() + "' is a score of goal tree '" + tree.id() + "',"
                    + " which is higher-is-better; give it a value target, not a band"));
        }
        if (t.phasing() != Phasing.NONE) {
            out.add(new Problem(plan.location(t, "phasing").orElse(at), what + ": phasing splits a total over"
                    + " periods, but '" + t.metric() + "' is a score, whose periods do not add up"));
        }
    }

    /** Whether the periods' values of a metric add up to their union's: sum and count measures. */
    public static boolean additive(Metric m) {
        return m instanceof Measure measure
                && (measure.aggregation() == Aggregation.SUM || measure.aggregation() == Aggregation.COUNT);
    }

    /** The metric's dimensions: as the catalog inferred them, else as declared (unknown when neither). */
    private static List<String> dims(Metric m, Map<String, List<String>> inferred) {
        List<String> d = inferred.get(m.id());
        return d != null ? d : m.declaresDimensions() ? m.dimensions() : null;
    }

    private static String id(Direction d) {
        return d.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Metric known(List<Problem> out, Location at, String what, String id, Map<String, Metric> metrics,
            int plain) {
        Metric m = metrics.get(id);
        if (m == null && !metrics.containsKey(id)) {
            out.add(new Problem(at, what + ": metric '" + id + "' is not a metric" + (metrics.size() > plain
                    ? " or score" : "") + " of the catalog"
                    + Suggestions.didYouMean(id, metrics.keySet())));
        }
        return m;
    }

    private static void segment(List<Problem> out, Location at, String what, Map<String, String> segment,
            List<String> dimensions) {
        if (dimensions == null) {
            return;
        }
        for (String d : segment.keySet()) {
            if (!dimensions.contains(d)) {
                out.add(new Problem(at, what + ": segment dimension '" + d + "' is not a dimension of the metric"
                        + (dimensions.isEmpty() ? ", which has none" : " " + dimensions)
                        + Suggestions.didYouMean(d, dimensions)));
            }
        }
    }
}
