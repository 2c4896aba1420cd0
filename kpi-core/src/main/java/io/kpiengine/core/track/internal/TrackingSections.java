package io.kpiengine.core.track.internal;

import io.kpiengine.core.metric.TargetBand;
import io.kpiengine.core.track.ActionPlan;
import io.kpiengine.core.track.AlertRule;
import io.kpiengine.core.track.AlertSeverity;
import io.kpiengine.core.track.KpiStatus;
import io.kpiengine.core.track.Phasing;
import io.kpiengine.core.track.PlannedTarget;
import io.kpiengine.core.track.StatusRule;
import io.kpiengine.core.track.StatusRules;
import io.kpiengine.core.track.TargetKind;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.formula.FormulaException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code tracking}, {@code alerts} and {@code actions} sections of a catalog document into a
 * {@link TrackingPlan} ({@code docs/tracking.md}, "The document"), strictly: unknown fields with "did you mean",
 * wrong types, bad dates, status conditions that do not compile, every problem at its file:line:column. References
 * to metrics and dimensions are checked afterwards, with the metrics ({@link PlanChecks}).
 */
public final class TrackingSections {

    private static final String[] TRACKING = {"statusRules", "metrics", "targets", "offTrackPeriods",
        "falseDiscoveryRate", "intervalLevel", "realismSigmas"};
    private static final String[] RULE = {"name", "status", "when"};
    private static final String[] METRIC = {"statusRules", "lastReviewed"};
    private static final String[] TARGET = {"metric", "kind", "value", "low", "high", "segment", "from", "until",
        "start", "due", "phasing"};
    private static final String[] ALERT = {"id", "metric", "segment", "kind", "input", "basis", "percent", "method",
        "window", "lambda", "above", "below", "beyond", "exit", "periods", "cooldown", "severity"};
    private static final String[] ACTION = {"id", "metric", "segment", "owner", "due", "impact", "status"};

    private final Problems problems;
    private final TrackingPlan.Builder plan = TrackingPlan.builder();

    private TrackingSections(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads the sections.
     *
     * @param tracking the {@code tracking} object, or null when absent
     * @param alerts the {@code alerts} list, or null when absent
     * @param actions the {@code actions} list, or null when absent
     * @param problems where problems are recorded
     * @return the plan read (entries with problems are left out)
     */
    public static TrackingPlan read(DocNode tracking, DocNode alerts, DocNode actions, Problems problems) {
        TrackingSections r = new TrackingSections(problems);
        if (tracking != null) {
            r.tracking(tracking);
        }
        for (DocNode a : r.items(alerts, "alerts")) {
            r.alert(a);
        }
        for (DocNode a : r.items(actions, "actions")) {
            r.action(a);
        }
        return r.plan.build();
    }

    private List<DocNode> items(DocNode list, String name) {
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(list, "'" + name + "' in catalog must be a list, but was " + list.describe());
            return List.of();
        }
        return list.items();
    }

    private static Map<String, Location> at(DocNode node) {
        Map<String, Location> at = new HashMap<>();
        at.put("", node.location());
        if (node.isObject()) {
            node.fields().forEach((k, v) -> at.put(k, v.location()));
        }
        return at;
    }

    private void tracking(DocNode node) {
        Fields f = Fields.of(node, problems, "tracking", TRACKING);
        if (!node.isObject()) {
            return;
        }
        if (f.has("statusRules")) {
            StatusRules rules = rules(f.get("statusRules"), "tracking");
            if (rules != null) {
                plan.statusRules(rules);
            }
        }
        for (Map.Entry<String, DocNode> e : f.map("metrics").entrySet()) {
            metric(e.getKey(), e.getValue());
        }
        for (DocNode t : f.list("targets")) {
            target(t);
        }
        if (f.has("offTrackPeriods")) {
            plan.offTrackPeriods(f.integer("offTrackPeriods", TrackingPlan.DEFAULT_OFF_TRACK_PERIODS, 1, 1000));
        }
        fraction(f, "falseDiscoveryRate", plan::falseDiscoveryRate);
        fraction(f, "intervalLevel", plan::intervalLevel);
        BigDecimal sigmas = f.number("realismSigmas", null);
        if (sigmas != null) {
            if (sigmas.signum() <= 0) {
                problems.add(f.get("realismSigmas"), "'realismSigmas' in tracking must be positive, but was "
                        + sigmas.toPlainString());
            } else {
                plan.realismSigmas(sigmas.doubleValue());
            }
        }
    }

    private void fraction(Fields f, String name, java.util.function.DoubleConsumer set) {
        BigDecimal v = f.number(name, null);
        if (v == null) {
            return;
        }
        double d = v.doubleValue();
        if (!(d > 0 && d < 1)) {
            problems.add(f.get(name), "'" + name + "' in tracking must be between 0 and 1 (exclusive), but was "
                    + v.toPlainString());
        } else {
            set.accept(d);
        }
    }

    private void metric(String id, DocNode node) {
        String what = "tracking of metric '" + id + "'";
        Fields f = Fields.of(node, problems, what, METRIC);
        if (!node.isObject()) {
            return;
        }
        plan.atMetric(id, at(node));
        if (f.has("statusRules")) {
            StatusRules rules = rules(f.get("statusRules"), what);
            if (rules != null) {
                plan.statusRules(id, rules);
            }
        }
        LocalDate reviewed = f.date("lastReviewed", false);
        if (reviewed != null) {
            plan.lastReviewed(id, reviewed);
        }
    }

    /** Status rules: each condition compiled on its own (so that a problem stands at its rule), then together. */
    private StatusRules rules(DocNode list, String where) {
        if (!list.isArray()) {
            problems.add(list, "'statusRules' in " + where + " must be a list, but was " + list.describe());
            return null;
        }
        List<StatusRule> rules = new ArrayList<>();
        List<Map<String, Location>> places = new ArrayList<>();
        int before = problems.list().size();
        for (DocNode item : list.items()) {
            Fields f = Fields.of(item, problems, "status rule", RULE);
            if (!item.isObject()) {
                continue;
            }
            KpiStatus status = f.enumValue("status", KpiStatus.class, null);
            if (f.required("status") == null || status == null) {
                continue;
            }
            String name = f.text("name", status.id());
            String when = f.text("when", null);
            try {
                StatusRule rule = new StatusRule(name, status, when);
                if (when != null) {
                    StatusRules.of(rule);
                }
                rules.add(rule);
                places.add(at(item));
            } catch (FormulaException e) {
                problems.add(f.get("when"), "status rule '" + name + "': " + e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(item, e.getMessage());
            }
        }
        if (problems.list().size() > before || rules.isEmpty()) {
            if (rules.isEmpty() && problems.list().size() == before) {
                problems.add(list, "'statusRules' in " + where + " must hold at least one rule");
            }
            return null;
        }
        try {
            StatusRules compiled = StatusRules.of(rules);
            for (int i = 0; i < rules.size(); i++) {
                plan.at(compiled.rules().get(i), places.get(i));
            }
            return compiled;
        } catch (IllegalArgumentException e) {
            problems.add(list, "'statusRules' in " + where + ": " + e.getMessage());
            return null;
        }
    }

    private Map<String, String> segment(Fields f, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, DocNode> e : f.map("segment").entrySet()) {
            if (e.getValue().kind() != DocNode.Kind.STRING) {
                problems.add(e.getValue(), "dimension values in the segment of " + what + " must be text, but '"
                        + e.getKey() + "' was " + e.getValue().describe());
            } else {
                out.put(e.getKey(), e.getValue().scalarText());
            }
        }
        return out;
    }

    private void target(DocNode node) {
        DocNode m = node.isObject() ? node.field("metric").orElse(null) : null;
        String what = "target" + (m != null && m.kind() == DocNode.Kind.STRING ? " of metric '" + m.scalarText() + "'"
                : "");
        Fields f = Fields.of(node, problems, what, TARGET);
        if (!node.isObject()) {
            return;
        }
        int before = problems.list().size();
        String metric = f.requiredText("metric");
        TargetKind kind = f.enumValue("kind", TargetKind.class, TargetKind.SHORT_TERM);
        Map<String, String> segment = segment(f, what);
        LocalDate from = f.date("from", false);
        LocalDate until = f.date("until", false);
        LocalDate start = f.date("start", false);
        LocalDate due = f.date("due", false);
        Phasing phasing = f.enumValue("phasing", Phasing.class, Phasing.NONE);
        BigDecimal value = null;
        BigDecimal low = null;
        BigDecimal high = null;
        if (kind == TargetKind.BAND) {
            low = f.requiredNumber("low");
            high = f.requiredNumber("high");
            misplaced(f, what, "value", "band targets take low and high");
        } else {
            value = f.requiredNumber("value");
            misplaced(f, what, "low", "low and high apply to band targets");
            misplaced(f, what, "high", "low and high apply to band targets");
        }
        if (problems.list().size() > before || metric == null) {
            return;
        }
        try {
            PlannedTarget t = new PlannedTarget(metric, kind, value, kind == TargetKind.BAND ? new TargetBand(low, high)
                    : null, segment, from, until, start, due, phasing);
            plan.target(t);
            plan.at(t, at(node));
        } catch (IllegalArgumentException e) {
            problems.add(node, what + ": " + e.getMessage());
        }
    }

    private void misplaced(Fields f, String what, String field, String why) {
        if (f.has(field)) {
            problems.add(f.node().keyLocation(field), "'" + field + "' does not apply to this " + what + ": " + why);
        }
    }

    private void alert(DocNode node) {
        DocNode idNode = node.isObject() ? node.field("id").orElse(null) : null;
        String what = "alert" + (idNode != null && idNode.kind() == DocNode.Kind.STRING ? " '" + idNode.scalarText()
                + "'" : "");
        Fields f = Fields.of(node, problems, what, ALERT);
        if (!node.isObject()) {
            return;
        }
        int before = problems.list().size();
        String id = f.requiredText("id");
        String metric = f.requiredText("metric");
        AlertRule.Kind kind = f.enumValue("kind", AlertRule.Kind.class, null);
        if (f.required("kind") == null || id == null || metric == null || kind == null) {
            return;
        }
        AlertRule.Builder b = kind == AlertRule.Kind.THRESHOLD ? AlertRule.threshold(id, metric)
                : kind == AlertRule.Kind.CHANGE ? AlertRule.change(id, metric) : AlertRule.anomaly(id, metric);
        only(f, what, kind, AlertRule.Kind.THRESHOLD, "input");
        only(f, what, kind, AlertRule.Kind.CHANGE, "basis", "percent");
        only(f, what, kind, AlertRule.Kind.ANOMALY, "method", "window", "lambda");
        Map<String, String> segment = segment(f, what);
        if (!segment.isEmpty()) {
            b.segment(segment);
        }
        if (f.has("input") && kind == AlertRule.Kind.THRESHOLD) {
            b.input(f.enumValue("input", AlertRule.Input.class, AlertRule.Input.VALUE));
        }
        if (f.has("basis") && kind == AlertRule.Kind.CHANGE) {
            b.basis(f.enumValue("basis", AlertRule.Basis.class, AlertRule.Basis.PREVIOUS));
        }
        if (kind == AlertRule.Kind.CHANGE && f.bool("percent", false)) {
            b.percent();
        }
        if (kind == AlertRule.Kind.ANOMALY) {
            if (f.has("method")) {
                b.method(f.enumValue("method", AlertRule.Method.class, AlertRule.Method.SIGMA));
            }
            if (f.has("window")) {
                b.window(f.integer("window", AlertRule.DEFAULT_WINDOW, 2, 1000));
            }
            BigDecimal lambda = f.number("lambda", null);
            if (lambda != null) {
                b.lambda(lambda.doubleValue());
            }
        }
        int levels = 0;
        for (String side : new String[] {"above", "below", "beyond"}) {
            BigDecimal level = f.number(side, null);
            if (level != null) {
                levels++;
                if (levels > 1) {
                    problems.add(f.node().keyLocation(side), what + " takes one of 'above', 'below' or 'beyond', not"
                            + " several");
                } else if (side.equals("above")) {
                    b.above(level.doubleValue());
                } else if (side.equals("below")) {
                    b.below(level.doubleValue());
                } else {
                    b.beyond(level.doubleValue());
                }
            }
        }
        if (levels == 0 && kind != AlertRule.Kind.ANOMALY) {
            problems.add(node, what + " needs an enter level: 'above', 'below' or 'beyond'");
        }
        BigDecimal exit = f.number("exit", null);
        if (exit != null) {
            b.exitAt(exit.doubleValue());
        }
        if (f.has("periods")) {
            b.periods(f.integer("periods", 1, 1, 1000));
        }
        if (f.has("cooldown")) {
            b.cooldown(f.integer("cooldown", 0, 0, 1000));
        }
        if (f.has("severity")) {
            b.severity(f.enumValue("severity", AlertSeverity.class, AlertSeverity.WARNING));
        }
        if (problems.list().size() > before) {
            return;
        }
        try {
            AlertRule rule = b.build();
            plan.alert(rule);
            plan.at(rule, at(node));
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(node, e.getMessage());
        }
    }

    private void only(Fields f, String what, AlertRule.Kind kind, AlertRule.Kind owner, String... fields) {
        if (kind == owner) {
            return;
        }
        for (String field : fields) {
            if (f.has(field)) {
                problems.add(f.node().keyLocation(field), "'" + field + "' applies to " + owner.id() + " alerts only, but "
                        + what + " is " + (kind == AlertRule.Kind.ANOMALY ? "an " : "a ") + kind.id() + " alert");
            }
        }
    }

    private final Set<String> actionIds = new HashSet<>();

    private void action(DocNode node) {
        DocNode idNode = node.isObject() ? node.field("id").orElse(null) : null;
        String what = "action plan" + (idNode != null && idNode.kind() == DocNode.Kind.STRING ? " '"
                + idNode.scalarText() + "'" : "");
        Fields f = Fields.of(node, problems, what, ACTION);
        if (!node.isObject()) {
            return;
        }
        int before = problems.list().size();
        String id = f.requiredText("id");
        String metric = f.requiredText("metric");
        String owner = f.requiredText("owner");
        LocalDate due = f.date("due", true);
        Map<String, String> segment = segment(f, what);
        String impact = f.text("impact", "");
        ActionPlan.Status status = f.enumValue("status", ActionPlan.Status.class, ActionPlan.Status.OPEN);
        if (problems.list().size() > before || id == null || metric == null || owner == null || due == null) {
            return;
        }
        if (!actionIds.add(id)) {
            problems.add(f.get("id"), "action plan ids must be unique, but '" + id + "' is used twice");
            return;
        }
        try {
            ActionPlan p = new ActionPlan(id, metric, segment, owner, due, impact, status);
            plan.action(p);
            plan.at(p, at(node));
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
        }
    }
}
