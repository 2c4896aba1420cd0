package io.kpiengine.core.track.internal;

import io.kpiengine.core.metric.Baseline;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.Severity;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.track.PlannedTarget;
import io.kpiengine.core.track.StatusRule;
import io.kpiengine.core.track.StatusRules;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.doc.Location;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lint rules of tracking that need no data: {@code status-rule-ignores-value} (a status rule whose condition
 * reads only targets, stretch, baseline and band, so it judges every row alike) and
 * {@code target-not-an-improvement} (a target on the bad side of a fixed baseline: a lower-is-better KPI whose
 * target is above its baseline, or a higher-is-better one whose target is below it). Computed baselines are checked
 * with the data, by the scorecard's findings.
 */
public final class TrackingLint {

    /** The rule ids, in report order. */
    public static final List<String> RULES = List.of("status-rule-ignores-value", "target-not-an-improvement");

    private TrackingLint() {
    }

    /**
     * The findings of a catalog's tracking plan.
     *
     * @param catalog the catalog
     * @return the findings, WARNING severity
     */
    public static List<LintFinding> findings(Catalog catalog) {
        TrackingPlan plan = catalog.tracking();
        List<LintFinding> out = new ArrayList<>();
        String first = catalog.metrics().isEmpty() ? "" : catalog.metrics().get(0).id();
        rules(catalog, plan, plan.statusRules(), first, "", out);
        for (Map.Entry<String, StatusRules> e : plan.metricStatusRules().entrySet()) {
            rules(catalog, plan, e.getValue(), e.getKey(), " of metric '" + e.getKey() + "'", out);
        }
        for (Metric m : catalog.metrics()) {
            Baseline b = m.metadata().baseline().orElse(null);
            Direction d = m.metadata().direction().orElse(null);
            if (b == null || b.method() != Baseline.Method.FIXED
                    || d != Direction.HIGHER_IS_BETTER && d != Direction.LOWER_IS_BETTER) {
                continue;
            }
            BigDecimal base = b.value().orElseThrow();
            List<Target> targets = new ArrayList<>();
            m.metadata().targets().shortTermTarget().ifPresent(targets::add);
            m.metadata().targets().longTermTarget().ifPresent(targets::add);
            for (Target t : targets) {
                worse(m.id(), d, base, t.value(), catalog.location(m.id(), "targets"), out);
            }
            for (PlannedTarget t : plan.targets()) {
                if (t.metric().equals(m.id()) && t.value() != null && t.phasing() == io.kpiengine.core.track.Phasing.NONE) {
                    worse(m.id(), d, base, t.value(), plan.location(t, "value")
                            .orElse(catalog.location(m.id())), out);
                }
            }
        }
        return out;
    }

    private static void rules(Catalog catalog, TrackingPlan plan, StatusRules rules, String metric, String where,
            List<LintFinding> out) {
        for (int i = 0; i < rules.rules().size(); i++) {
            StatusRule r = rules.rules().get(i);
            if (!rules.readsValue(i)) {
                Location at = plan.location(r, "when").orElse(catalog.metric(metric).isEmpty()
                        ? catalog.location() : catalog.location(metric));
                out.add(new LintFinding(Severity.WARNING, "status-rule-ignores-value", at, metric, "status rule '"
                        + r.name() + "'" + where + " never reads the value: its condition '" + r.when() + "' uses only "
                        + rules.inputsOf(i) + ", so it gives every row the same status; compare the value,"
                        + " achievement, gap or change instead"));
            }
        }
    }

    private static void worse(String id, Direction d, BigDecimal baseline, BigDecimal target,
            Location at, List<LintFinding> out) {
        int c = target.compareTo(baseline);
        if (d == Direction.LOWER_IS_BETTER ? c > 0 : c < 0) {
            out.add(new LintFinding(Severity.WARNING, "target-not-an-improvement", at, id, "the target "
                    + target.toPlainString() + " of '" + id + "' is " + (c > 0 ? "above" : "below") + " its fixed baseline "
                    + baseline.toPlainString() + " for a " + (d == Direction.LOWER_IS_BETTER ? "lower" : "higher")
                    + "-is-better KPI: it asks for no improvement"));
        }
    }
}
