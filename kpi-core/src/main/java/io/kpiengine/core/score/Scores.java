package io.kpiengine.core.score;

import io.kpiengine.core.score.internal.Kernel;
import io.kpiengine.core.score.internal.LeafStats;
import io.kpiengine.core.score.internal.Ranks;
import io.kpiengine.core.score.internal.TreePlan;
import io.kpiengine.core.score.internal.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The scores of one period: for every node of the goal tree and every entity, the node's points (a leaf's
 * normalised value, an inner node's score), its contribution to its parent and to the root, the coverage and the
 * reason where there is no score; with ranks, statuses, breakdowns and "what it takes".
 *
 * <pre>{@code
 * Scores s = card.score(matrix);
 * s.value("sales_health", "alice");                   // 81.3 (coverage 1.0)
 * s.contributionToTop("revenue", "alice");            // 24.6 of the 81.3 points
 * s.rank("sales_health", "alice");                    // 2
 * s.nextStatus("sales_health", "bob");                // raise revenue from 95,000 to 104,100 ...
 * }</pre>
 *
 * <p><b>Contributions.</b> {@link #contribution(String, String)} is a node's share of its parent's score (see
 * {@link Aggregator}); the children's contributions sum to the parent's score. A node's contribution to an
 * ancestor ({@link #contribution(String, String, String)}, {@link #contributionToTop(String, String)}) passes each
 * step on in proportion: {@code c_A(x) = c(x) c_A(p) / s(p)} for x's parent p below A, so the leaves under a node
 * sum to its contribution to that ancestor, and the leaves of the tree sum to the root score (up to rounding,
 * a few units in the last place). When a parent scores 0, or less than 1e-9 of the sum of its children's absolute
 * contributions (a cancellation that makes the proportion meaningless), its share is split by the weights of its
 * children that count instead (those with a score, or all when missing children are penalised).
 *
 * <p><b>Ranks</b> follow {@link RankedEntity}: 1 is best, ties share the smallest rank, entities without a score
 * are not ranked. They are computed per node on first use.
 *
 * <p>Instances are immutable (ranks are cached once computed) and thread-safe.
 */
public final class Scores {

    private final ScoreCard card;
    private final TreePlan plan;
    private final KpiMatrix matrix;
    private final double[][] raw;
    private final double[][] own;
    private final LeafStats[] stats;
    private final Workspace ws;
    private final AtomicReferenceArray<int[]> ranks;

    Scores(ScoreCard card, KpiMatrix matrix, double[][] raw, double[][] own, LeafStats[] stats, Workspace ws) {
        this.card = card;
        this.plan = card.plan();
        this.matrix = matrix;
        this.raw = raw;
        this.own = own;
        this.stats = stats;
        this.ws = ws;
        this.ranks = new AtomicReferenceArray<>(plan.size);
    }

    /**
     * The goal tree.
     *
     * @return the tree
     */
    public GoalTree tree() {
        return card.tree();
    }

    /**
     * The period's label, from the matrix.
     *
     * @return the label
     */
    public String label() {
        return matrix.label();
    }

    /**
     * The input that was scored: the raw KPI values, reasons and entity targets of the period (for a
     * {@link Robustness} audit of the same period, say).
     *
     * @return the matrix
     */
    public KpiMatrix matrix() {
        return matrix;
    }

    /**
     * The entities, in the matrix's order.
     *
     * @return an immutable list
     */
    public List<String> entities() {
        return matrix.entities();
    }

    /**
     * The number of entities.
     *
     * @return the count
     */
    public int size() {
        return ws.entities;
    }

    /**
     * The position of an entity.
     *
     * @param entity the entity
     * @return its index
     * @throws IllegalArgumentException if there is no such entity (with the nearest labels)
     */
    public int indexOf(String entity) {
        return matrix.indexOf(entity);
    }

    Workspace workspace() {
        return ws;
    }

    private int node(String nodeId) {
        int i = plan.indexOf(nodeId);
        if (i < 0) {
            card.tree().node(nodeId);
        }
        return i;
    }

    /**
     * A node's points for an entity: a leaf's normalised value, an inner node's score.
     *
     * @param nodeId the node
     * @param entity the entity's index
     * @return the points, NaN when there are none ({@link #value(String, String)} says why)
     * @throws IllegalArgumentException if the tree has no such node
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double score(String nodeId, int entity) {
        return ws.value[node(nodeId)][java.util.Objects.checkIndex(entity, ws.entities)];
    }

    /**
     * A node's points for an entity.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the points, or empty when there are none
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public OptionalDouble score(String nodeId, String entity) {
        double v = score(nodeId, indexOf(entity));
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * A copy of a node's points for every entity, in entity order (NaN where there are none).
     *
     * @param nodeId the node
     * @return the column
     * @throws IllegalArgumentException if the tree has no such node
     */
    public double[] column(String nodeId) {
        return ws.value[node(nodeId)].clone();
    }

    /**
     * A node's score with its coverage, missing components, and the reason when there is none.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the score value
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public ScoreValue value(String nodeId, String entity) {
        return value(node(nodeId), indexOf(entity));
    }

    ScoreValue value(int i, int e) {
        double v = ws.value[i][e];
        List<String> missing = new ArrayList<>();
        for (int k = plan.childStart[i]; k < plan.childEnd[i]; k++) {
            int c = plan.children[k];
            if (Double.isNaN(ws.value[c][e])) {
                missing.add(plan.ids[c]);
            }
        }
        double coverage = plan.leaf[i] ? (Double.isNaN(v) ? 0 : 1) : ws.coverage[i][e];
        if (!Double.isNaN(v)) {
            return new ScoreValue(plan.ids[i], entities().get(e), v, coverage, missing, null, null);
        }
        NoScoreReason reason = Kernel.reason(ws.reason[i][e]);
        return new ScoreValue(plan.ids[i], entities().get(e), v, coverage, missing, reason, detail(i, e, reason,
                missing));
    }

    private String detail(int i, int e, NoScoreReason reason, List<String> missing) {
        String who = "'" + entities().get(e) + "'" + (label().isEmpty() ? "" : " in " + label());
        String kpi = plan.kpis[i];
        switch (reason) {
            case MISSING_INPUT:
                return "no value of '" + kpi + "' for " + who + matrix.reason(kpi, e).map(r -> ": " + r).orElse("");
            case NO_TARGET:
                return "leaf '" + plan.ids[i] + "' normalises by " + plan.normalization[i] + ", but " + who
                        + " has no target for '" + kpi + "'";
            case UNDEFINED_NORMALISATION:
                return undefined(i, who);
            case MISSING_COMPONENT:
                return "component '" + missing.get(0) + "' of '" + plan.ids[i] + "' has no score ("
                        + value(plan.indexOf(missing.get(0)), e).detail() + ") and the missing policy is no-score";
            case LOW_COVERAGE:
                if (!(ws.coverage[i][e] > 0)) {
                    return "no component of '" + plan.ids[i] + "' with a weight has a score for " + who + "; '"
                            + missing.get(0) + "': " + value(plan.indexOf(missing.get(0)), e).detail();
                }
                return String.format(Locale.ROOT, "the components of '%s' with a score carry %.1f%% of its weight"
                        + " for %s, below the minimum %.1f%% of %s; missing %s", plan.ids[i],
                        100 * ws.coverage[i][e], who, 100 * plan.missingValue, card.tree().missingPolicy(), missing);
            default:
                for (int k = plan.childStart[i]; k < plan.childEnd[i]; k++) {
                    double y = ws.value[plan.children[k]][e];
                    if (!Double.isNaN(y) && !(y + shift(i) > 0) && card.aggregators()[i].nonPositive()
                            != Aggregator.NonPositive.FLOOR) {
                        return "component '" + plan.ids[plan.children[k]] + "' of '" + plan.ids[i] + "' has "
                                + y + " points for " + who + "; the " + card.aggregators()[i]
                                + " mean needs positive points (use a floor or a shift)";
                    }
                }
                return "a component of '" + plan.ids[i] + "' is not positive for " + who;
        }
    }

    private double shift(int i) {
        Aggregator a = card.aggregators()[i];
        return a.nonPositive() == Aggregator.NonPositive.SHIFT ? a.nonPositiveValue() : 0;
    }

    private String undefined(int i, String who) {
        Normalization n = plan.normalization[i];
        switch (n.method()) {
            case MIN_MAX:
            case MIN_MAX_OVER_TIME:
                return "every entity has the same value of '" + plan.kpis[i] + "'" + (n.method()
                        == Normalization.Method.MIN_MAX ? " in " + (label().isEmpty() ? "the period" : label())
                        : " in the panel") + ", so min-max is undefined; use goalposts";
            case Z_SCORE:
                return "the z-score of '" + plan.kpis[i] + "' needs at least two entities with different values,"
                        + " but there " + (stats[i].count == 1 ? "is 1" : "are " + stats[i].count) + " values";
            case PERCENTILE_RANK:
                return "the percentile rank of '" + plan.kpis[i] + "' needs at least two entities with a value";
            default:
                return "the target of '" + plan.kpis[i] + "' for " + who + " is 0, so the relative distance is"
                        + " undefined";
        }
    }

    /**
     * A node's contribution to its parent's score for an entity (the root's is its score).
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the points, NaN when the parent has no score
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public double contribution(String nodeId, String entity) {
        return ws.contribution[node(nodeId)][indexOf(entity)];
    }

    /**
     * A node's contribution to the root score for an entity.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the points, NaN when the root has no score
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public double contributionToTop(String nodeId, String entity) {
        return contributionToTop(nodeId, indexOf(entity));
    }

    /**
     * A node's contribution to the root score for an entity by index, for bulk use.
     *
     * @param nodeId the node
     * @param entity the entity's index
     * @return the points, NaN when the root has no score
     * @throws IllegalArgumentException if there is no such node
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double contributionToTop(String nodeId, int entity) {
        return ws.top[node(nodeId)][java.util.Objects.checkIndex(entity, ws.entities)];
    }

    /**
     * A node's contribution to the score of one of its ancestors for an entity.
     *
     * <pre>{@code
     * s.contribution("revenue", "growth", "alice");   // revenue's points in the growth score
     * }</pre>
     *
     * @param nodeId the node
     * @param ancestorId an ancestor of the node, or the node itself (then its score)
     * @param entity the entity
     * @return the points, NaN when the ancestor has no score
     * @throws IllegalArgumentException if there is no such node or entity, or ancestorId is not an ancestor
     */
    public double contribution(String nodeId, String ancestorId, String entity) {
        return contribution(node(nodeId), node(ancestorId), indexOf(entity));
    }

    private double contribution(int i, int a, int e) {
        if (i == a) {
            return ws.value[i][e];
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + plan.ids[a] + "' is not an ancestor of '" + plan.ids[i] + "'");
        }
        int p = plan.parent[i];
        if (p == a) {
            return ws.contribution[i][e];
        }
        double up = contribution(p, a, e);
        double s = ws.value[p][e];
        double magnitude = 0;
        for (int k = plan.childStart[p]; k < plan.childEnd[p]; k++) {
            magnitude += Math.abs(ws.contribution[plan.children[k]][e]);
        }
        boolean penalise = plan.missing == MissingComponents.Kind.PENALISE;
        if (up == 0 || (Double.isNaN(ws.value[i][e]) && !penalise)) {
            return Double.isNaN(up) ? up : 0;
        }
        return Math.abs(s) > 1e-9 * magnitude ? ws.contribution[i][e] * (up / s)
                : up * plan.weight[i] / (penalise ? 1 : ws.coverage[p][e]);
    }

    /**
     * Every KPI leaf under a node with its raw value, its normalised points and its contribution to that node's
     * score for an entity, in pre-order: the explanation of a score down to each KPI.
     *
     * <pre>{@code
     * for (Scores.Part p : s.breakdown("sales_health", "alice")) {
     *     System.out.printf("%-14s %10.0f -> %5.1f points -> %5.1f of the score%n",
     *             p.kpi(), p.raw(), p.points(), p.contribution());
     * }
     * }</pre>
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the parts; their contributions sum to the node's score
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public List<Part> breakdown(String nodeId, String entity) {
        int a = node(nodeId);
        int e = indexOf(entity);
        List<Part> out = new ArrayList<>();
        for (GoalNode leaf : card.tree().leavesUnder(nodeId)) {
            int i = plan.indexOf(leaf.id());
            out.add(new Part(leaf.id(), plan.kpis[i], raw[i][e], ws.value[i][e], contribution(i, a, e)));
        }
        return List.copyOf(out);
    }

    /**
     * One KPI's part in a score: see {@link #breakdown(String, String)}.
     *
     * @param leaf the leaf's id
     * @param kpi the metric id
     * @param raw the KPI's raw value, NaN when missing
     * @param points its normalised value, NaN when missing
     * @param contribution its points in the node's score
     */
    public record Part(String leaf, String kpi, double raw, double points, double contribution) {

        /**
         * Validates the components.
         *
         * @param leaf the leaf's id
         * @param kpi the metric id
         * @param raw the KPI's raw value, NaN when missing
         * @param points its normalised value, NaN when missing
         * @param contribution its points in the node's score
         * @throws NullPointerException if an id is null
         */
        public Part {
            java.util.Objects.requireNonNull(leaf, "leaf");
            java.util.Objects.requireNonNull(kpi, "kpi");
        }
    }

    /**
     * A KPI leaf's achievement of its target in percent, without floor or cap: {@code 100 + 100 s (x - t) / |t|}
     * (for a target band, {@code 100 - 100 d / |e|}), whatever the leaf's normalisation; what incentive plans pay
     * on.
     *
     * @param leafId a KPI leaf
     * @param entity the entity
     * @return the achievement, NaN without a value or a target (or with a zero target)
     * @throws IllegalArgumentException if there is no such leaf or entity
     */
    public double achievement(String leafId, String entity) {
        int i = node(leafId);
        if (!plan.leaf[i]) {
            throw new IllegalArgumentException("'" + leafId + "' is not a KPI leaf of goal tree '" + card.tree().id()
                    + "'");
        }
        int e = indexOf(entity);
        double t = own[i] != null && !Double.isNaN(own[i][e]) ? own[i][e] : plan.target[i];
        return 100 + Kernel.distance(plan, i, raw[i][e], t);
    }

    /**
     * An entity's rank by a node's score: 1 for the best, ties at the smallest rank of their group.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the rank, or 0 when the entity has no score
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public int rank(String nodeId, String entity) {
        return ranks(node(nodeId))[indexOf(entity)];
    }

    /**
     * The entities with a score, best first (ties in entity order).
     *
     * @param nodeId the node
     * @return an immutable list
     * @throws IllegalArgumentException if there is no such node
     */
    public List<RankedEntity> ranking(String nodeId) {
        int i = node(nodeId);
        int[] r = ranks(i);
        List<RankedEntity> out = new ArrayList<>();
        for (int e = 0; e < ws.entities; e++) {
            if (r[e] > 0) {
                out.add(new RankedEntity(entities().get(e), ws.value[i][e], r[e]));
            }
        }
        out.sort(Comparator.comparingInt(RankedEntity::rank));
        return List.copyOf(out);
    }

    private int[] ranks(int i) {
        int[] r = ranks.get(i);
        if (r == null) {
            r = Ranks.descendingMin(ws.value[i]);
            ranks.compareAndSet(i, null, r);
        }
        return r;
    }

    /**
     * An entity's status by a node's score, from the tree's {@link StatusScale}.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the band's name, or empty when there is no score
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public Optional<String> status(String nodeId, String entity) {
        return card.tree().statuses().status(ws.value[node(nodeId)][indexOf(entity)]);
    }

    /**
     * What it takes to lift a node's score by {@code delta} points, one KPI at a time: for each leaf under the
     * node, the raw value that KPI would need with everything else held as it is — the other KPIs, the other
     * entities, and the period's normalisation statistics (min, max, mean, standard deviation, the ranks of the
     * others). A KPI cannot score beyond its normalisation's range (100 for min-max, goalposts and percentile rank,
     * the cap for achievement, n for rank), so some lifts are infeasible; for rank-based methods the required
     * value is the smallest that overtakes enough other entities.
     *
     * <p>The required points are found by bisection on the leaf's points (the node's score is non-decreasing in
     * them), to 1e-12 relative, and mapped back to the raw value through the inverse of the normalisation.
     *
     * <pre>{@code
     * for (ScoreLift l : s.whatItTakes("sales_health", "bob", 5)) {
     *     System.out.println(l);   // revenue: 95,000 -> 104,120 lifts sales_health from 68.2 to 73.2
     * }
     * }</pre>
     *
     * @param nodeId the node
     * @param entity the entity
     * @param delta the points to add, positive
     * @return one lift per leaf under the node, in pre-order; empty when the node has no score for the entity
     * @throws IllegalArgumentException if there is no such node or entity, or delta is not positive and finite
     */
    public List<ScoreLift> whatItTakes(String nodeId, String entity, double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be positive and finite, but was " + delta);
        }
        int a = node(nodeId);
        int e = indexOf(entity);
        double from = ws.value[a][e];
        if (Double.isNaN(from)) {
            return List.of();
        }
        List<ScoreLift> out = new ArrayList<>();
        for (GoalNode leaf : card.tree().leavesUnder(nodeId)) {
            out.add(lift(plan.indexOf(leaf.id()), a, e, from + delta));
        }
        return List.copyOf(out);
    }

    /**
     * The cheapest single-KPI move that brings an entity to the next status band of a node: among the lifts of
     * {@link #whatItTakes} to the next threshold, the feasible one of least {@link ScoreLift#cost()}.
     *
     * @param nodeId the node
     * @param entity the entity
     * @return the lift, or empty when the entity is in the top band, has no score, or no single KPI can do it
     * @throws IllegalArgumentException if there is no such node or entity
     */
    public Optional<ScoreLift> nextStatus(String nodeId, String entity) {
        int a = node(nodeId);
        int e = indexOf(entity);
        OptionalDouble next = card.tree().statuses().nextThreshold(ws.value[a][e]);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        ScoreLift best = null;
        for (GoalNode leaf : card.tree().leavesUnder(nodeId)) {
            ScoreLift l = lift(plan.indexOf(leaf.id()), a, e, next.getAsDouble());
            if (l.feasible() && (best == null || l.cost() < best.cost())) {
                best = l;
            }
        }
        return Optional.ofNullable(best);
    }

    private ScoreLift lift(int leaf, int a, int e, double goal) {
        String who = entities().get(e);
        double from = ws.value[a][e];
        double x = raw[leaf][e];
        double y = ws.value[leaf][e];
        String name = plan.kpis[leaf];
        if (Double.isNaN(y)) {
            return infeasible(leaf, a, e, x, "'" + name + "' has no value for '" + who + "'");
        }
        Kernel.Scratch sc = new Kernel.Scratch(Kernel.width(plan));
        double top = upper(leaf);
        double hi = Double.isNaN(top) ? Math.max(y, 0) + 1 : top;
        double at = f(leaf, a, e, hi, sc);
        while (Double.isNaN(top) && !(at >= goal) && hi < 1e12) {
            hi = hi * 2 + 1;
            at = f(leaf, a, e, hi, sc);
        }
        if (!(at >= goal)) {
            return infeasible(leaf, a, e, x, String.format(Locale.ROOT, "even at its best (%s points) '%s' lifts"
                    + " '%s' to %s only, short of %s", fmt(hi), name, plan.ids[a], fmt(at), fmt(goal)));
        }
        double lo = y;
        for (int k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); k++) {
            double mid = lo + (hi - lo) / 2;
            if (f(leaf, a, e, mid, sc) >= goal) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double required = inverse(leaf, e, hi, x);
        double reached = f(leaf, a, e, rankPoints(leaf, hi), sc);
        double cost = cost(leaf, x, required);
        String detail = String.format(Locale.ROOT, "%s: %s -> %s lifts '%s' from %s to %s for '%s'", name, fmt(x),
                fmt(required), plan.ids[a], fmt(from), fmt(reached), who);
        return new ScoreLift(plan.ids[a], who, plan.ids[leaf], name, x, required, from, reached, cost, true, detail);
    }

    private ScoreLift infeasible(int leaf, int a, int e, double x, String why) {
        return new ScoreLift(plan.ids[a], entities().get(e), plan.ids[leaf], plan.kpis[leaf], x, Double.NaN,
                ws.value[a][e], Double.NaN, Double.POSITIVE_INFINITY, false, plan.kpis[leaf] + ": " + why);
    }

    private double f(int leaf, int a, int e, double y, Kernel.Scratch sc) {
        return Kernel.pathScore(plan, plan.weight, card.aggregators(), ws, e, leaf, a, y, sc);
    }

    /** The largest points a leaf can have, NaN when unbounded. */
    private double upper(int leaf) {
        Normalization n = plan.normalization[leaf];
        switch (n.method()) {
            case ACHIEVEMENT:
                return n.capValue();
            case RANK:
                return stats[leaf].count;
            case Z_SCORE:
            case DISTANCE_TO_TARGET:
                return Double.NaN;
            default:
                return 100;
        }
    }

    /** The points a rank-based leaf reaches when it needs y: the next attainable step; y for other methods. */
    private double rankPoints(int leaf, double y) {
        Normalization.Method m = plan.normalization[leaf].method();
        if (m == Normalization.Method.PERCENTILE_RANK) {
            int n = stats[leaf].count;
            return 100.0 * Math.ceil(y * (n - 1) / 100 - 1e-9) / (n - 1);
        }
        return m == Normalization.Method.RANK ? Math.ceil(y - 1e-9) : y;
    }

    /** The raw value whose points are y (the period's statistics held); for ranks, the smallest that gets y. */
    private double inverse(int leaf, int e, double y, double x) {
        Normalization n = plan.normalization[leaf];
        LeafStats st = stats[leaf];
        switch (n.method()) {
            case MIN_MAX:
            case MIN_MAX_OVER_TIME:
                return deorient(leaf, st.min + y * (st.max - st.min) / 100, x);
            case GOALPOSTS:
                return n.worst() + y * (n.best() - n.worst()) / 100;
            case Z_SCORE:
                return deorient(leaf, st.mean + y * st.sd, x);
            case DISTANCE_TO_TARGET:
            case ACHIEVEMENT: {
                double d = n.method() == Normalization.Method.ACHIEVEMENT ? y - 100 : y;
                if (plan.orientation[leaf] == 0) {
                    double edge = x < plan.bandLow[leaf] ? plan.bandLow[leaf] : plan.bandHigh[leaf];
                    return deorient(leaf, d * Math.abs(edge) / 100, x);
                }
                double t = own[leaf] != null && !Double.isNaN(own[leaf][e]) ? own[leaf][e] : plan.target[leaf];
                return t + plan.orientation[leaf] * d * Math.abs(t) / 100;
            }
            default: {
                boolean percentile = n.method() == Normalization.Method.PERCENTILE_RANK;
                int below = percentile ? (int) Math.ceil(y * (st.count - 1) / 100 - 1e-9) : (int) Math.ceil(y - 1e-9)
                        - 1;
                double[] others = othersSorted(st.sorted, plan.orient(leaf, x));
                return below <= 0 ? x : deorient(leaf, Math.nextUp(others[Math.min(below, others.length) - 1]), x);
            }
        }
    }

    private static double[] othersSorted(double[] sorted, double own) {
        int at = Arrays.binarySearch(sorted, own);
        double[] out = new double[sorted.length - 1];
        System.arraycopy(sorted, 0, out, 0, at);
        System.arraycopy(sorted, at + 1, out, at, sorted.length - at - 1);
        return out;
    }

    /** The raw value of an oriented value; for a band, on the side of the band where x lies. */
    private double deorient(int leaf, double v, double x) {
        int o = plan.orientation[leaf];
        if (o != 0) {
            return o * v;
        }
        double d = Math.max(0, -v);
        return x < plan.bandLow[leaf] ? plan.bandLow[leaf] - d : plan.bandHigh[leaf] + d;
    }

    private double cost(int leaf, double x, double required) {
        double change = Math.abs(required - x);
        double sum = 0;
        int n = 0;
        for (double v : raw[leaf]) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n >= 2) {
            double mean = sum / n;
            double ss = 0;
            for (double v : raw[leaf]) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double sd = Math.sqrt(ss / (n - 1));
            if (sd > 0) {
                return change / sd;
            }
        }
        return x != 0 ? change / Math.abs(x) : change;
    }

    static String fmt(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public String toString() {
        return "Scores[" + (label().isEmpty() ? "" : label() + ": ") + card.tree().id() + " for " + ws.entities
                + " entities]";
    }
}
