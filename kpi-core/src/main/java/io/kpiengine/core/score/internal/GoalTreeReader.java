package io.kpiengine.core.score.internal;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.score.Aggregator;
import io.kpiengine.core.score.CascadedTarget;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.IncentivePlan;
import io.kpiengine.core.score.MissingComponents;
import io.kpiengine.core.score.Normalization;
import io.kpiengine.core.score.PayoutCurve;
import io.kpiengine.core.score.StatusScale;
import io.kpiengine.core.score.TargetCascade;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.internal.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code scores} section of a catalog document ({@code docs/scoring.md}) into goal trees, recording every
 * problem at its file:line:column in the catalog's problems: unknown fields (with "did you mean"), wrong types,
 * unknown methods, and everything {@link GoalTree.Builder#problems()} finds. The checks against the catalog's
 * metrics are {@link TreeChecks}'.
 *
 * <pre>
 * scores:
 *   - id: sales_health
 *     entity: salesperson
 *     aggregation: arithmetic
 *     children:
 *       - id: growth
 *         weight: 0.6
 *         children:
 *           - {kpi: revenue, weight: 0.7, normalization: {method: achievement, cap: 120}}
 *           - {kpi: new_customers, weight: 0.3}
 *       - {kpi: nps, weight: 0.4, normalization: {method: goalposts, worst: 0, best: 60}}
 * </pre>
 */
public final class GoalTreeReader {

    private static final String[] TREE = {"id", "name", "owner", "description", "entity", "aggregation",
        "normalization", "missing", "strictWeights", "statuses", "weights", "children", "cascades", "incentives"};
    private static final String[] CASCADE = {"kpi", "total", "split", "units", "weights", "baselines"};
    private static final String[] OWNER = {"owner", "entity", "score", "achievement", "incentive", "curve"};
    private static final String[] CURVE = {"threshold", "target", "maximum", "interpolation"};
    private static final String[] INNER = {"id", "name", "owner", "weight", "aggregation", "weights", "children"};
    private static final String[] LEAF = {"id", "kpi", "name", "owner", "weight", "normalization", "direction",
        "target"};

    private final Problems problems;

    private GoalTreeReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads the section.
     *
     * @param section the {@code scores} node, or null when absent
     * @param problems where problems go
     * @return the trees that could be built
     */
    public static List<GoalTree> read(DocNode section, Problems problems) {
        List<GoalTree> out = new ArrayList<>();
        if (section == null) {
            return out;
        }
        if (!section.isArray()) {
            problems.add(section, "'scores' in catalog must be a list of scores, but was " + section.describe());
            return out;
        }
        GoalTreeReader r = new GoalTreeReader(problems);
        for (DocNode item : section.items()) {
            GoalTree t = r.tree(item);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private GoalTree tree(DocNode node) {
        DocNode idNode = node.isObject() ? node.field("id").orElse(null) : null;
        String what = idNode != null && idNode.kind() == DocNode.Kind.STRING ? "score '" + idNode.scalarText() + "'"
                : "score";
        Fields f = Fields.of(node, problems, what, TREE);
        String id = f.requiredText("id");
        if (id == null) {
            return null;
        }
        int before = problems.list().size();
        GoalTree.Builder b;
        try {
            b = GoalTree.builder(id);
        } catch (IllegalArgumentException e) {
            problems.add(idNode, e.getMessage());
            return null;
        }
        b.location(node.location()).location(id, node.location());
        attempt(node, () -> {
            if (f.has("name")) {
                b.name(id, f.text("name", ""));
            }
            if (f.has("owner")) {
                b.owner(id, f.text("owner", ""));
            }
            f.text("description", null);
            DocNode entity = f.get("entity");
            if (entity != null) {
                List<String> dims = entity.kind() == DocNode.Kind.STRING ? List.of(entity.scalarText())
                        : f.textList("entity");
                if (!dims.isEmpty()) {
                    b.entity(dims.toArray(new String[0]));
                }
            }
            Aggregator a = aggregation(f, what);
            if (a != null) {
                b.aggregator(a);
            }
            Normalization n = normalization(f, what);
            if (n != null) {
                b.normalization(n);
            }
            MissingComponents m = missing(f, what);
            if (m != null) {
                b.missing(m);
            }
            if (f.bool("strictWeights", false)) {
                b.strictWeights();
            }
            StatusScale s = statuses(f, what);
            if (s != null) {
                b.statuses(s);
            }
            weights(f, what, id, b);
        });
        children(f, what, id, b);
        for (DocNode c : f.list("cascades")) {
            cascade(c, what, b);
        }
        DocNode incentives = f.object("incentives");
        if (incentives != null) {
            incentives(incentives, what, b);
        }
        if (problems.list().size() > before) {
            return null;
        }
        List<io.kpiengine.data.doc.Problem> found = b.problems();
        if (!found.isEmpty()) {
            found.forEach(p -> problems.add(p.location(), "score '" + id + "': " + p.message()));
            return null;
        }
        return b.build();
    }

    private void children(Fields f, String what, String parent, GoalTree.Builder b) {
        DocNode list = f.required("children");
        if (list == null) {
            return;
        }
        if (!list.isArray() || list.items().isEmpty()) {
            problems.add(list, "'children' in " + what + " must be a non-empty list of nodes and KPIs, but was "
                    + list.describe());
            return;
        }
        for (DocNode child : list.items()) {
            if (child.isObject() && child.fields().containsKey("kpi")) {
                leaf(child, parent, b);
            } else {
                inner(child, parent, b);
            }
        }
    }

    private void inner(DocNode node, String parent, GoalTree.Builder b) {
        DocNode idNode = node.isObject() ? node.field("id").orElse(null) : null;
        String what = idNode != null && idNode.kind() == DocNode.Kind.STRING ? "node '" + idNode.scalarText() + "'"
                : "node";
        Fields f = Fields.of(node, problems, what + " (a node needs 'children', a KPI 'kpi')", INNER);
        String id = f.requiredText("id");
        if (id == null) {
            return;
        }
        attempt(node, () -> {
            BigDecimal w = f.number("weight", null);
            if (w != null) {
                b.node(id, parent, w.doubleValue());
            } else {
                b.node(id, parent);
            }
            b.location(id, node.location());
            common(f, id, b);
            Aggregator a = aggregation(f, what);
            if (a != null) {
                b.aggregator(id, a);
            }
            weights(f, what, id, b);
        });
        children(f, what, id, b);
    }

    private void leaf(DocNode node, String parent, GoalTree.Builder b) {
        DocNode kpiNode = node.field("kpi").orElseThrow();
        String what = kpiNode.kind() == DocNode.Kind.STRING ? "KPI '" + kpiNode.scalarText() + "'" : "KPI";
        Fields f = Fields.of(node, problems, what, LEAF);
        String kpi = f.requiredText("kpi");
        if (kpi == null) {
            return;
        }
        String id = f.text("id", kpi);
        attempt(node, () -> {
            BigDecimal w = f.number("weight", null);
            if (w != null) {
                b.leaf(id, kpi, parent, w.doubleValue());
            } else {
                b.leaf(id, kpi, parent);
            }
            b.location(id, node.location());
            common(f, id, b);
            Normalization n = normalization(f, what);
            if (n != null) {
                b.normalization(id, n);
            }
            Direction d = f.enumValue("direction", Direction.class, null);
            if (d != null) {
                b.direction(id, d);
            }
            BigDecimal t = f.number("target", null);
            if (t != null) {
                b.target(id, t.doubleValue());
            }
        });
    }

    /**
     * A cascaded target: {@code {kpi, total, split: weights | baseline, units: {parent: [children]}, weights: {unit:
     * w}, baselines: {leaf: b}}}; the first key of {@code units} is the top unit.
     */
    private void cascade(DocNode node, String what, GoalTree.Builder b) {
        DocNode kpiNode = node.isObject() ? node.field("kpi").orElse(null) : null;
        String in = "cascade" + (kpiNode != null && kpiNode.kind() == DocNode.Kind.STRING ? " of '"
                + kpiNode.scalarText() + "'" : "") + " in " + what;
        Fields f = Fields.of(node, problems, in, CASCADE);
        if (!node.isObject()) {
            return;
        }
        String kpi = f.requiredText("kpi");
        BigDecimal total = f.requiredNumber("total");
        CascadedTarget.Split split = f.has("split") ? f.enumValue("split", CascadedTarget.Split.class, null)
                : CascadedTarget.Split.WEIGHTS;
        boolean byWeights = split == null || split == CascadedTarget.Split.WEIGHTS;
        String takes = byWeights ? "weights" : "baselines";
        String other = byWeights ? "baselines" : "weights";
        if (split != null && f.has(other)) {
            problems.add(node.keyLocation(other), "'" + other + "' does not apply to split " + split.id() + " of "
                    + in + "; it takes '" + takes + "'");
        }
        if (!byWeights) {
            f.required("baselines");
        }
        Map<String, Double> shares = numbers(f, takes, in);
        DocNode units = f.required("units");
        TargetCascade org = units == null ? null : units(units, in);
        if (kpi == null || total == null || split == null || org == null || shares == null) {
            return;
        }
        DocNode at = f.has(takes) ? f.get(takes) : node;
        try {
            CascadedTarget c = byWeights ? CascadedTarget.byWeights(kpi, org, total.doubleValue(), shares)
                    : CascadedTarget.byBaseline(kpi, org, total.doubleValue(), shares);
            b.location("cascade:" + kpi, node.location()).cascade(c);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(at, in + ": " + e.getMessage());
        }
    }

    /** The hierarchy of a cascade: {@code {company: [north, south], north: [ana, ben]}}, the first key on top. */
    private TargetCascade units(DocNode units, String in) {
        if (!units.isObject() || units.fields().isEmpty()) {
            problems.add(units, "'units' in " + in + " must map each unit to its list of units, the top unit first"
                    + " ({company: [north, south], north: [ana, ben]}), but was " + units.describe());
            return null;
        }
        Fields uf = Fields.of(units, problems, "units of " + in, units.fields().keySet());
        String root = units.fields().keySet().iterator().next();
        TargetCascade.Builder tb;
        try {
            tb = TargetCascade.builder(root);
        } catch (IllegalArgumentException e) {
            problems.add(units.keyLocation(root), e.getMessage());
            return null;
        }
        int before = problems.list().size();
        for (String parent : units.fields().keySet()) {
            for (String child : uf.textList(parent)) {
                attempt(uf.get(parent), () -> tb.unit(child, parent));
            }
        }
        if (problems.list().size() > before) {
            return null;
        }
        try {
            return tb.build();
        } catch (IllegalStateException e) {
            problems.add(units, e.getMessage() + " (" + in + ")");
            return null;
        }
    }

    /** An optional map of names to numbers: empty when absent, null when it has a problem. */
    private Map<String, Double> numbers(Fields f, String name, String in) {
        DocNode n = f.get(name);
        if (n == null) {
            return Map.of();
        }
        if (!n.isObject()) {
            problems.add(n, "'" + name + "' in " + in + " must map units to numbers, but was " + n.describe());
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, DocNode> e : n.fields().entrySet()) {
            if (e.getValue().kind() != DocNode.Kind.NUMBER) {
                problems.add(e.getValue(), "'" + e.getKey() + "' in '" + name + "' of " + in + " must be a number,"
                        + " but was " + e.getValue().describe());
                ok = false;
            } else {
                out.put(e.getKey(), e.getValue().number().doubleValue());
            }
        }
        return ok ? out : null;
    }

    /** Incentives: {@code {curve: {...}, owners: [{owner, entity, score | achievement, incentive, curve}]}}. */
    private void incentives(DocNode node, String what, GoalTree.Builder b) {
        String in = "incentives of " + what;
        Fields f = Fields.of(node, problems, in, "curve", "owners");
        DocNode curveNode = f.required("curve");
        PayoutCurve curve = curveNode == null ? null : curve(curveNode, in);
        DocNode owners = f.required("owners");
        if (owners == null) {
            return;
        }
        if (!owners.isArray() || owners.items().isEmpty()) {
            problems.add(owners, "'owners' in " + in + " must be a non-empty list of owners, but was "
                    + owners.describe());
            return;
        }
        IncentivePlan.Builder plan = curve == null ? null : IncentivePlan.builder(curve);
        for (DocNode o : owners.items()) {
            DocNode ownerNode = o.isObject() ? o.field("owner").orElse(null) : null;
            String who = "owner" + (ownerNode != null && ownerNode.kind() == DocNode.Kind.STRING ? " '"
                    + ownerNode.scalarText() + "'" : "") + " in " + in;
            Fields of = Fields.of(o, problems, who, OWNER);
            if (!o.isObject()) {
                continue;
            }
            String owner = of.requiredText("owner");
            String entity = of.text("entity", owner);
            String score = of.text("score", null);
            String leaf = of.text("achievement", null);
            BigDecimal amount = of.requiredNumber("incentive");
            DocNode own = of.object("curve");
            PayoutCurve ownCurve = own == null ? null : curve(own, who);
            if ((score == null) == (leaf == null)) {
                problems.add(o, who + " must be paid on a node's 'score' or on a KPI's 'achievement': give one of"
                        + " them");
                continue;
            }
            if (owner == null || amount == null || plan == null || (own != null && ownCurve == null)) {
                continue;
            }
            attempt(o, () -> {
                b.location("owner:" + owner, o.location());
                if (score != null) {
                    plan.onScore(owner, entity, score, amount.doubleValue());
                } else {
                    plan.onAchievement(owner, entity, leaf, amount.doubleValue());
                }
                if (ownCurve != null) {
                    plan.curve(owner, ownCurve);
                }
            });
        }
        if (plan != null) {
            attempt(node, () -> b.incentives(plan.build()));
        }
    }

    /** A payout curve: {@code {threshold: {at, pays}, target: {at, pays}, maximum: {at, pays}, interpolation}}. */
    private PayoutCurve curve(DocNode node, String in) {
        String what = "payout curve of " + in;
        Fields f = Fields.of(node, problems, what, CURVE);
        PayoutCurve.Builder c = PayoutCurve.builder();
        int before = problems.list().size();
        for (String point : List.of("threshold", "target", "maximum")) {
            DocNode p = point.equals("maximum") ? f.get(point) : f.required(point);
            if (p == null) {
                continue;
            }
            Fields pf = Fields.of(p, problems, "'" + point + "' of " + what, "at", "pays");
            BigDecimal at = pf.requiredNumber("at");
            BigDecimal pays = pf.requiredNumber("pays");
            if (at != null && pays != null) {
                attempt(p, () -> {
                    if (point.equals("threshold")) {
                        c.threshold(at.doubleValue(), pays.doubleValue());
                    } else if (point.equals("target")) {
                        c.target(at.doubleValue(), pays.doubleValue());
                    } else {
                        c.maximum(at.doubleValue(), pays.doubleValue());
                    }
                });
            }
        }
        PayoutCurve.Interpolation i = f.enumValue("interpolation", PayoutCurve.Interpolation.class, null);
        if (i != null) {
            c.interpolation(i);
        }
        if (problems.list().size() > before) {
            return null;
        }
        try {
            return c.build();
        } catch (IllegalStateException e) {
            problems.add(node, e.getMessage() + " (" + what + ")");
            return null;
        }
    }

    private void common(Fields f, String id, GoalTree.Builder b) {
        if (f.has("name")) {
            b.name(id, f.text("name", ""));
        }
        if (f.has("owner")) {
            b.owner(id, f.text("owner", ""));
        }
    }

    /** Runs a step of building, recording a builder's refusal at the node. */
    private void attempt(DocNode at, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(at, e.getMessage());
        }
    }

    /** A text field read as the {@code method} of an object: {@code min-max} or {@code {method: min-max}}. */
    private static DocNode asObject(DocNode n) {
        return n.kind() == DocNode.Kind.STRING ? DocNode.object(n.location(), Map.of("method", n),
                Map.of("method", n.location())) : n;
    }

    private Normalization normalization(Fields f, String what) {
        DocNode n = f.get("normalization");
        if (n == null) {
            return null;
        }
        String in = "normalization of " + what;
        Fields nf = Fields.of(asObject(n), problems, in, "method", "worst", "best", "floor", "cap");
        Normalization.Method m = nf.enumValue("method", Normalization.Method.class, null);
        if (m == null) {
            nf.required("method");
            return null;
        }
        List<String> allowed = m == Normalization.Method.GOALPOSTS ? List.of("worst", "best")
                : m == Normalization.Method.ACHIEVEMENT ? List.of("floor", "cap") : List.of();
        for (String field : List.of("worst", "best", "floor", "cap")) {
            if (nf.has(field) && !allowed.contains(field)) {
                problems.add(nf.node().keyLocation(field), "'" + field + "' does not apply to normalization "
                        + m.id() + " of " + what + "; it takes " + allowed);
            }
        }
        switch (m) {
            case MIN_MAX:
                return Normalization.minMax();
            case MIN_MAX_OVER_TIME:
                return Normalization.minMaxOverTime();
            case Z_SCORE:
                return Normalization.zScore();
            case DISTANCE_TO_TARGET:
                return Normalization.distanceToTarget();
            case PERCENTILE_RANK:
                return Normalization.percentileRank();
            case RANK:
                return Normalization.rank();
            case GOALPOSTS: {
                BigDecimal worst = nf.requiredNumber("worst");
                BigDecimal best = nf.requiredNumber("best");
                return worst == null || best == null ? null : Normalization.goalposts(worst.doubleValue(),
                        best.doubleValue());
            }
            default: {
                double floor = nf.number("floor", BigDecimal.valueOf(Normalization.DEFAULT_FLOOR)).doubleValue();
                double cap = nf.number("cap", BigDecimal.valueOf(Normalization.DEFAULT_CAP)).doubleValue();
                if (!(floor < cap)) {
                    problems.add(n, "the floor of normalization achievement of " + what + " must be below its cap "
                            + Normalization.achievement().cap(Math.max(cap, 1)).capValue() + ", but was " + floor);
                    return null;
                }
                Normalization a = Normalization.achievement();
                return floor < a.capValue() ? a.floor(floor).cap(cap) : a.cap(cap).floor(floor);
            }
        }
    }

    private Aggregator aggregation(Fields f, String what) {
        DocNode n = f.get("aggregation");
        if (n == null) {
            return null;
        }
        Fields af = Fields.of(asObject(n), problems, "aggregation of " + what, "method", "floor", "shift");
        Aggregator.Method m = af.enumValue("method", Aggregator.Method.class, null);
        if (m == null) {
            af.required("method");
            return null;
        }
        BigDecimal floor = af.number("floor", null);
        BigDecimal shift = af.number("shift", null);
        if (floor != null && shift != null) {
            problems.add(n, "aggregation of " + what + " takes a floor or a shift, not both");
            return null;
        }
        if ((floor != null || shift != null) && m != Aggregator.Method.GEOMETRIC && m != Aggregator.Method.HARMONIC) {
            problems.add(n, "'" + (floor != null ? "floor" : "shift") + "' applies to geometric and harmonic"
                    + " aggregation only, but " + what + " aggregates by " + m.id());
            return null;
        }
        if (floor == null && shift == null) {
            return Aggregator.of(m);
        }
        Aggregator.NonPositive rule = floor != null ? Aggregator.NonPositive.FLOOR : Aggregator.NonPositive.SHIFT;
        double v = (floor != null ? floor : shift).doubleValue();
        return m == Aggregator.Method.GEOMETRIC ? Aggregator.geometric(rule, v) : Aggregator.harmonic(rule, v);
    }

    private MissingComponents missing(Fields f, String what) {
        DocNode n = f.get("missing");
        if (n == null) {
            return null;
        }
        if (n.kind() == DocNode.Kind.STRING) {
            Fields mf = Fields.of(asObject(n), problems, "missing of " + what, "method");
            MissingComponents.Kind k = mf.enumValue("method", MissingComponents.Kind.class, null);
            if (k == MissingComponents.Kind.PENALISE) {
                problems.add(n, "'missing: penalise' in " + what + " needs the points of a missing component:"
                        + " {penalise: 0}");
                return null;
            }
            return k == null ? null : k == MissingComponents.Kind.RENORMALISE ? MissingComponents.renormalise()
                    : MissingComponents.noScore();
        }
        Fields mf = Fields.of(n, problems, "missing of " + what, "renormalise", "penalise");
        BigDecimal min = mf.number("renormalise", null);
        BigDecimal points = mf.number("penalise", null);
        if ((min == null) == (points == null)) {
            problems.add(n, "'missing' in " + what + " must be renormalise, no-score, {renormalise: minimum coverage}"
                    + " or {penalise: points}");
            return null;
        }
        return min != null ? MissingComponents.renormalise(min.doubleValue()) : MissingComponents.penalise(
                points.doubleValue());
    }

    private StatusScale statuses(Fields f, String what) {
        List<DocNode> items = f.list("statuses");
        if (items.isEmpty()) {
            return null;
        }
        StatusScale scale = null;
        for (DocNode item : items) {
            Fields sf = Fields.of(item, problems, "status of " + what, "status", "from");
            String label = sf.requiredText("status");
            BigDecimal from = sf.number("from", null);
            if (label == null) {
                return null;
            }
            if (scale == null) {
                if (from != null) {
                    problems.add(sf.get("from"), "the first status of " + what + " is the lowest band and takes no"
                            + " 'from'");
                    return null;
                }
                scale = StatusScale.lowest(label);
            } else if (from == null) {
                sf.required("from");
                return null;
            } else {
                scale = scale.then(from.doubleValue(), label);
            }
        }
        return scale;
    }

    private void weights(Fields f, String what, String id, GoalTree.Builder b) {
        DocNode n = f.get("weights");
        if (n == null) {
            return;
        }
        if (n.kind() == DocNode.Kind.STRING) {
            if (!n.scalarText().equals("equal")) {
                problems.add(n, "'weights' in " + what + " must be 'equal' or {pairwise: matrix}, but was '"
                        + n.scalarText() + "'");
                return;
            }
            b.equalWeights(id);
            return;
        }
        Fields wf = Fields.of(n, problems, "weights of " + what, "pairwise");
        DocNode m = wf.required("pairwise");
        if (m == null) {
            return;
        }
        double[][] matrix = matrix(m, what);
        if (matrix != null) {
            attempt(m, () -> b.pairwise(id, matrix));
        }
    }

    /** A pairwise matrix: rows of numbers or fractions written {@code "1/3"}. */
    private double[][] matrix(DocNode m, String what) {
        if (!m.isArray()) {
            problems.add(m, "'pairwise' in " + what + " must be a list of rows, but was " + m.describe());
            return null;
        }
        double[][] out = new double[m.items().size()][];
        for (int i = 0; i < out.length; i++) {
            DocNode row = m.items().get(i);
            if (!row.isArray()) {
                problems.add(row, "row " + (i + 1) + " of 'pairwise' in " + what + " must be a list, but was "
                        + row.describe());
                return null;
            }
            out[i] = new double[row.items().size()];
            for (int j = 0; j < out[i].length; j++) {
                DocNode cell = row.items().get(j);
                double v = cell.kind() == DocNode.Kind.NUMBER ? cell.number().doubleValue() : fraction(cell);
                if (Double.isNaN(v)) {
                    problems.add(cell, "cell (" + (i + 1) + ", " + (j + 1) + ") of 'pairwise' in " + what + " must be"
                            + " a number or a fraction such as \"1/3\", but was " + cell.describe());
                    return null;
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    private static double fraction(DocNode cell) {
        if (cell.kind() != DocNode.Kind.STRING) {
            return Double.NaN;
        }
        String[] parts = cell.scalarText().trim().split("/", -1);   // "1/" is two parts, the second not a number
        try {
            return parts.length == 2 ? Double.parseDouble(parts[0].trim()) / Double.parseDouble(parts[1].trim())
                    : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
