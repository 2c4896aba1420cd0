package io.kpiengine.core.score;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.LintFinding;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Severity;
import io.kpiengine.core.metric.IndicatorKind;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A goal tree: an objective at the root, key results below it (to any depth) and KPIs at the leaves, each node
 * weighted among its siblings. A {@link ScoreCard} scores it for every entity and period; {@link #lint(Catalog)}
 * checks its governance.
 *
 * <pre>{@code
 * GoalTree tree = GoalTree.builder("sales_health")
 *         .entity("salesperson")
 *         .node("growth", "sales_health", 0.6)
 *         .node("customers", "sales_health", 0.4)
 *         .kpi("revenue", "growth", 0.7)
 *         .kpi("new_customers", "growth", 0.3)
 *         .kpi("nps", "customers")
 *         .kpi("churn_rate", "customers")
 *         .equalWeights("customers")
 *         .normalization("revenue", Normalization.achievement().cap(120))
 *         .aggregator("growth", Aggregator.geometric())
 *         .build();
 * }</pre>
 *
 * <p><b>Weights.</b> Every child of a node has a non-negative weight, or none has and the node takes
 * {@linkplain Builder#equalWeights(String) equal weights} or weights from a
 * {@linkplain Builder#pairwise(String, double[][]) pairwise-comparison matrix}. Weights that do not sum to 1 (within
 * 1e-9) are divided by their sum, and {@link #lint(Catalog)} reports {@code weights-normalised}; with
 * {@link Builder#strictWeights()} they are an error instead. Scaling all weights of a node by one factor changes no
 * score.
 *
 * <p><b>Defaults.</b> Leaves normalise by {@link Normalization#minMax()} and nodes aggregate by
 * {@link Aggregator#arithmetic()} unless told otherwise; missing components are handled by
 * {@link MissingComponents#renormalise()}; statuses follow {@link StatusScale#standard()}. A leaf's id is its KPI's id
 * unless given ({@link Builder#leaf(String, String, String, double)}), so one KPI can sit under two nodes (which
 * lint reports as {@code kpi-in-two-branches}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GoalTree {

    /** The lint rules of goal trees, as {@link #lint(Catalog)} and {@code kpi lint} report them. */
    public static final List<String> LINT_RULES = List.of("vanity-weighted", "only-lagging-kpis",
            "kpi-in-two-branches", "weights-normalised", "inconsistent-pairwise", "missing-score-target");

    /** The unit of every score: {@code score}, a pure number on the normalised scale. */
    public static final String UNIT = "score";

    /** The deepest tree accepted: 32 levels below the root. */
    public static final int MAX_DEPTH = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final double SUM_TOLERANCE = 1e-9;

    private final String id;
    private final List<GoalNode> nodes;
    private final Map<String, GoalNode> byId;
    private final List<String> entity;
    private final MissingComponents missing;
    private final StatusScale statuses;
    private final boolean strict;
    private final Map<String, AhpResult> pairwise;
    private final List<String> normalised;
    private final Map<String, Location> locations;
    private final Location location;
    private final List<CascadedTarget> cascades;
    private final IncentivePlan incentives;

    private GoalTree(String id, List<GoalNode> nodes, List<String> entity, MissingComponents missing,
            StatusScale statuses, boolean strict, Map<String, AhpResult> pairwise, List<String> normalised,
            Map<String, Location> locations, Location location, List<CascadedTarget> cascades,
            IncentivePlan incentives) {
        this.id = id;
        this.nodes = List.copyOf(nodes);
        Map<String, GoalNode> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.id(), n));
        this.byId = Collections.unmodifiableMap(m);
        this.entity = List.copyOf(entity);
        this.missing = missing;
        this.statuses = statuses;
        this.strict = strict;
        this.pairwise = Map.copyOf(pairwise);
        this.normalised = List.copyOf(normalised);
        this.locations = Map.copyOf(locations);
        this.location = location;
        this.cascades = List.copyOf(cascades);
        this.incentives = incentives;
    }

    /**
     * The KPI targets cascaded down a hierarchy of owners, in declaration order: an entity's share is its target
     * when the tree is scored (see {@link CascadedTarget}).
     *
     * @return an immutable list, empty when there is none
     */
    public List<CascadedTarget> cascades() {
        return cascades;
    }

    /**
     * The cascaded target of one KPI.
     *
     * @param kpi a metric id
     * @return the cascade, or empty when the KPI's target is not cascaded
     */
    public Optional<CascadedTarget> cascade(String kpi) {
        Objects.requireNonNull(kpi, "kpi");
        return cascades.stream().filter(c -> c.kpi().equals(kpi)).findFirst();
    }

    /**
     * The incentives paid on the tree's scores.
     *
     * @return the plan, or empty when the tree pays none
     */
    public Optional<IncentivePlan> incentives() {
        return Optional.ofNullable(incentives);
    }

    /**
     * A builder for a tree whose root (the objective) has the given id.
     *
     * @param rootId the root's id: a letter or {@code _}, then letters, digits and {@code _}, at most 64
     * @return a new builder
     * @throws IllegalArgumentException if the id is not such an identifier
     */
    public static Builder builder(String rootId) {
        return new Builder(checkId(rootId, "rootId"));
    }

    /**
     * The tree's id: the root's id, and the metric id of its score in results.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The root, the objective.
     *
     * @return the root node
     */
    public GoalNode root() {
        return nodes.get(0);
    }

    /**
     * Every node in pre-order: the root, then each child's subtree in declaration order.
     *
     * @return an immutable list
     */
    public List<GoalNode> nodes() {
        return nodes;
    }

    /**
     * A node by id.
     *
     * @param nodeId the node id
     * @return the node
     * @throws IllegalArgumentException if the tree has no such node (with the nearest ids)
     */
    public GoalNode node(String nodeId) {
        GoalNode n = byId.get(Objects.requireNonNull(nodeId, "nodeId"));
        if (n == null) {
            throw new IllegalArgumentException("node must be a node of goal tree '" + id + "', but was '" + nodeId
                    + "'" + Suggestions.didYouMean(nodeId, byId.keySet()));
        }
        return n;
    }

    /**
     * Whether the tree has a node.
     *
     * @param nodeId the node id
     * @return true if present
     */
    public boolean hasNode(String nodeId) {
        return byId.containsKey(nodeId);
    }

    /**
     * The KPI leaves in pre-order.
     *
     * @return an immutable list
     */
    public List<GoalNode> leaves() {
        return nodes.stream().filter(GoalNode::isLeaf).toList();
    }

    /**
     * The ids of the metrics the leaves read, in pre-order without repeats.
     *
     * @return an immutable list
     */
    public List<String> kpis() {
        Set<String> out = new LinkedHashSet<>();
        leaves().forEach(l -> out.add(l.kpi().orElseThrow()));
        return List.copyOf(out);
    }

    /**
     * The leaves under a node (the node itself if it is a leaf), in pre-order.
     *
     * @param nodeId the node id
     * @return an immutable list
     * @throws IllegalArgumentException if the tree has no such node
     */
    public List<GoalNode> leavesUnder(String nodeId) {
        List<GoalNode> out = new ArrayList<>();
        collectLeaves(node(nodeId), out);
        return List.copyOf(out);
    }

    private void collectLeaves(GoalNode n, List<GoalNode> out) {
        if (n.isLeaf()) {
            out.add(n);
        }
        n.children().forEach(c -> collectLeaves(node(c), out));
    }

    /**
     * The dimensions whose values are the scored entities when the tree scores an engine's results, such as
     * {@code [salesperson]}.
     *
     * @return an immutable list; empty when the KPIs have no dimensions (one entity, the whole)
     */
    public List<String> entityDimensions() {
        return entity;
    }

    /**
     * What nodes do with children that have no score.
     *
     * @return the policy
     */
    public MissingComponents missingPolicy() {
        return missing;
    }

    /**
     * The status bands of the scores.
     *
     * @return the scale
     */
    public StatusScale statuses() {
        return statuses;
    }

    /**
     * Whether weights that do not sum to 1 are errors rather than normalised.
     *
     * @return true for strict weights
     */
    public boolean strictWeights() {
        return strict;
    }

    /**
     * The AHP result of a node whose children's weights come from a pairwise matrix.
     *
     * @param nodeId the node id
     * @return the result, or empty when the node's weights were not derived from a matrix
     */
    public Optional<AhpResult> pairwise(String nodeId) {
        return Optional.ofNullable(pairwise.get(nodeId));
    }

    /**
     * The nodes whose children's declared weights did not sum to 1 and were normalised.
     *
     * @return the node ids, in pre-order
     */
    public List<String> normalisedWeights() {
        return normalised;
    }

    /**
     * Where a node is defined: file, line and column for documents, the tree's location otherwise.
     *
     * @param nodeId the node id
     * @return the location
     * @throws IllegalArgumentException if the tree has no such node
     */
    public Location location(String nodeId) {
        node(nodeId);
        return locations.getOrDefault(nodeId, location);
    }

    /**
     * Where the tree is defined: its place in a document, or its id for trees built in code.
     *
     * @return the location
     */
    public Location location() {
        return location;
    }

    /**
     * Governance findings of the tree against a catalog's metric metadata:
     *
     * <table>
     *   <caption>Rules</caption>
     *   <tr><th>rule</th><th>severity</th><th>finding</th></tr>
     *   <tr><td>{@code vanity-weighted}</td><td>WARNING</td><td>a vanity metric carries weight in the score</td></tr>
     *   <tr><td>{@code only-lagging-kpis}</td><td>WARNING</td><td>every KPI of the tree is a lagging indicator:
     *       the score reports outcomes but nothing that drives them</td></tr>
     *   <tr><td>{@code kpi-in-two-branches}</td><td>WARNING</td><td>one metric feeds two leaves, so it counts
     *       twice</td></tr>
     *   <tr><td>{@code weights-normalised}</td><td>WARNING</td><td>a node's children's weights did not sum to 1 and
     *       were divided by their sum</td></tr>
     *   <tr><td>{@code inconsistent-pairwise}</td><td>WARNING</td><td>a pairwise matrix has a consistency ratio
     *       above 0.10</td></tr>
     *   <tr><td>{@code missing-score-target}</td><td>WARNING</td><td>a leaf normalises against a target but neither
     *       the leaf nor the metric has one (entities without their own target get no score)</td></tr>
     * </table>
     *
     * <pre>{@code
     * tree.lint(catalog).forEach(System.out::println);
     * }</pre>
     *
     * @param catalog the catalog whose metrics the leaves read
     * @return the findings in pre-order of the nodes concerned
     * @throws NullPointerException if catalog is null
     */
    public List<LintFinding> lint(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<LintFinding> out = new ArrayList<>();
        Map<String, List<GoalNode>> byKpi = new LinkedHashMap<>();
        boolean allLagging = true;
        for (GoalNode n : nodes) {
            if (normalised.contains(n.id())) {
                double sum = n.children().stream().mapToDouble(c -> node(c).declaredWeight()).sum();
                out.add(finding("weights-normalised", n.id(), "the weights of the children of node '" + n.id()
                        + "' sum to " + sum + ", not 1; they were divided by their sum"));
            }
            AhpResult ahp = pairwise.get(n.id());
            if (ahp != null && !ahp.isConsistent()) {
                out.add(finding("inconsistent-pairwise", n.id(), String.format(java.util.Locale.ROOT,
                        "the pairwise matrix of node '%s' has consistency ratio %.3f > %.2f; revise the judgements",
                        n.id(), ahp.consistencyRatio(), AhpResult.ACCEPTABLE_RATIO)));
            }
            if (!n.isLeaf()) {
                continue;
            }
            String kpi = n.kpi().orElseThrow();
            byKpi.computeIfAbsent(kpi, k -> new ArrayList<>()).add(n);
            MetricMetadata md = catalog.metric(kpi).map(Metric::metadata).orElse(MetricMetadata.EMPTY);
            if (md.vanity() && n.weight() > 0) {
                out.add(finding("vanity-weighted", n.id(), "vanity metric '" + kpi + "' carries weight "
                        + Normalization.num(n.weight()) + " in score '" + id + "'; weight a metric that informs"
                        + " decisions"));
            }
            allLagging &= md.indicatorKind().orElse(null) == IndicatorKind.LAGGING;
            if (n.normalization().orElseThrow().needsTarget() && n.target().isEmpty() && cascade(kpi).isEmpty()
                    && md.targets().nearest().isEmpty() && md.targetBand().isEmpty()) {
                out.add(finding("missing-score-target", n.id(), "leaf '" + n.id() + "' normalises by "
                        + n.normalization().orElseThrow() + " but neither it nor metric '" + kpi + "' has a target;"
                        + " entities without a target of their own get no score"));
            }
        }
        if (allLagging) {
            out.add(finding("only-lagging-kpis", id, "every KPI of score '" + id + "' is a lagging indicator;"
                    + " add a leading indicator that drives them"));
        }
        byKpi.forEach((kpi, leaves) -> {
            if (leaves.size() > 1) {
                out.add(finding("kpi-in-two-branches", leaves.get(1).id(), "metric '" + kpi + "' feeds "
                        + leaves.size() + " leaves " + leaves.stream().map(GoalNode::id).toList() + " of score '"
                        + id + "', so it counts more than once"));
            }
        });
        return List.copyOf(out);
    }

    private LintFinding finding(String rule, String nodeId, String message) {
        return new LintFinding(Severity.WARNING, rule, location(nodeId), nodeId, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoalTree t && t.id.equals(id) && t.nodes.equals(nodes) && t.entity.equals(entity)
                && t.missing.equals(missing) && t.statuses.equals(statuses) && t.strict == strict
                && t.cascades.equals(cascades) && Objects.equals(t.incentives, incentives);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, nodes, entity, missing);
    }

    /**
     * The tree as text: {@code goal tree sales_health (7 nodes, 4 KPIs)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "goal tree " + id + " (" + nodes.size() + " nodes, " + leaves().size() + " KPIs)";
    }

    /**
     * The tree as an indented outline with the weights and methods, one node per line.
     *
     * <pre>
     * sales_health (arithmetic)
     *   growth 0.6 (geometric)
     *     revenue 0.7 achievement(0..120)
     * </pre>
     *
     * @return the outline
     */
    public String outline() {
        StringBuilder sb = new StringBuilder();
        for (GoalNode n : nodes) {
            sb.append("  ".repeat(n.depth())).append(n.id());
            if (n.depth() > 0) {
                sb.append(' ').append(Normalization.num(Math.round(n.weight() * 1e6) / 1e6));
            }
            if (n.isLeaf()) {
                sb.append(' ').append(n.normalization().orElseThrow());
                if (!n.id().equals(n.kpi().orElseThrow())) {
                    sb.append(" of ").append(n.kpi().orElseThrow());
                }
            } else {
                sb.append(" (").append(n.aggregator().orElseThrow()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String checkId(String id, String what) {
        if (!ID.matcher(Objects.requireNonNull(id, what)).matches()) {
            throw new IllegalArgumentException(what + " must be a letter or '_' followed by letters, digits and '_',"
                    + " at most 64 characters, but was '" + id + "'");
        }
        return id;
    }

    /** One node as declared: weight NaN when it comes from the parent's equal or pairwise weights. */
    private record Spec(String id, @Nullable String parent, @Nullable String kpi, double weight) {
    }

    /**
     * Builds a {@link GoalTree}. Nodes may be declared in any order; {@link #build()} checks everything at once and
     * lists every problem, with "did you mean" for unknown node ids. Per-node options may be set once per node.
     *
     * <p>Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final String rootId;
        private final Map<String, Spec> specs = new LinkedHashMap<>();
        private final Map<String, Normalization> normalizations = new LinkedHashMap<>();
        private final Map<String, Aggregator> aggregators = new LinkedHashMap<>();
        private final Map<String, Direction> directions = new LinkedHashMap<>();
        private final Map<String, Double> targets = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, String> owners = new LinkedHashMap<>();
        private final Map<String, double[][]> derived = new LinkedHashMap<>();
        private final Map<String, Location> optionLocations = new HashMap<>();
        private Normalization defaultNormalization;
        private Aggregator defaultAggregator;
        private MissingComponents missing;
        private StatusScale statuses;
        private List<String> entity;
        private boolean strict;
        private boolean strictSet;
        private Location location;
        private final List<Problem> early = new ArrayList<>();
        private final Map<String, CascadedTarget> cascades = new LinkedHashMap<>();
        private IncentivePlan incentives;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder(String rootId) {
            this.rootId = rootId;
        }

        private void add(String id, @Nullable String parent, @Nullable String kpi, double weight) {
            if (id.equals(rootId) || specs.containsKey(id)) {
                early.add(new Problem(at(id), "node '" + id + "' is declared twice in goal tree '" + rootId
                        + "'" + (kpi != null ? "; give the second leaf of metric '" + kpi + "' an id of its own"
                        : "")));
                return;
            }
            specs.put(id, new Spec(id, parent, kpi, weight));
        }

        private static double weight(double weight) {
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be non-negative and finite, but was " + weight);
            }
            return weight;
        }

        /**
         * Adds a key result (an inner node) under a parent, with its weight among its siblings.
         *
         * <pre>{@code
         * builder.node("growth", "sales_health", 0.6);
         * }</pre>
         *
         * @param id the node's id
         * @param parent the parent's id (the root or another inner node, declared before or after)
         * @param weight non-negative
         * @return this builder
         * @throws IllegalArgumentException if the id is not an identifier or the weight is negative or not finite
         */
        public Builder node(String id, String parent, double weight) {
            add(checkId(id, "id"), Objects.requireNonNull(parent, "parent"), null, weight(weight));
            return this;
        }

        /**
         * Adds a key result whose weight comes from its parent's {@link #equalWeights(String)} or
         * {@link #pairwise(String, double[][])}.
         *
         * @param id the node's id
         * @param parent the parent's id
         * @return this builder
         * @throws IllegalArgumentException if the id is not an identifier
         */
        public Builder node(String id, String parent) {
            add(checkId(id, "id"), Objects.requireNonNull(parent, "parent"), null, Double.NaN);
            return this;
        }

        /**
         * Adds a KPI leaf that reads the metric of the same id.
         *
         * <pre>{@code
         * builder.kpi("revenue", "growth", 0.7);
         * }</pre>
         *
         * @param kpi the metric id, also the leaf's id
         * @param parent the parent's id
         * @param weight non-negative
         * @return this builder
         * @throws IllegalArgumentException if the id is not an identifier or the weight is negative or not finite
         */
        public Builder kpi(String kpi, String parent, double weight) {
            return leaf(kpi, kpi, parent, weight);
        }

        /**
         * Adds a KPI leaf whose weight comes from its parent's equal or pairwise weights.
         *
         * @param kpi the metric id, also the leaf's id
         * @param parent the parent's id
         * @return this builder
         * @throws IllegalArgumentException if the id is not an identifier
         */
        public Builder kpi(String kpi, String parent) {
            add(checkId(kpi, "kpi"), Objects.requireNonNull(parent, "parent"), kpi, Double.NaN);
            return this;
        }

        /**
         * Adds a KPI leaf with an id of its own, for a metric that appears twice in the tree.
         *
         * <pre>{@code
         * builder.leaf("team_revenue", "revenue", "team", 0.5);
         * }</pre>
         *
         * @param id the leaf's id
         * @param kpi the metric id
         * @param parent the parent's id
         * @param weight non-negative
         * @return this builder
         * @throws IllegalArgumentException if an id is not an identifier or the weight is negative or not finite
         */
        public Builder leaf(String id, String kpi, String parent, double weight) {
            add(checkId(id, "id"), Objects.requireNonNull(parent, "parent"), checkId(kpi, "kpi"), weight(weight));
            return this;
        }

        /**
         * Adds a KPI leaf with an id of its own whose weight comes from its parent's equal or pairwise weights.
         *
         * @param id the leaf's id
         * @param kpi the metric id
         * @param parent the parent's id
         * @return this builder
         * @throws IllegalArgumentException if an id is not an identifier
         */
        public Builder leaf(String id, String kpi, String parent) {
            add(checkId(id, "id"), Objects.requireNonNull(parent, "parent"), checkId(kpi, "kpi"), Double.NaN);
            return this;
        }

        private static <T> void once(Map<String, T> map, String nodeId, T value, String what) {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(value, what);
            if (map.containsKey(nodeId)) {
                throw new IllegalStateException(what + " of node '" + nodeId + "' was already set to "
                        + map.get(nodeId));
            }
            map.put(nodeId, value);
        }

        /**
         * Sets how a leaf normalises its KPI (default {@link Normalization#minMax()}, or the tree's default).
         *
         * @param leafId the leaf's id
         * @param normalization the normalisation
         * @return this builder
         * @throws IllegalStateException if already set for this leaf
         */
        public Builder normalization(String leafId, Normalization normalization) {
            once(normalizations, leafId, normalization, "normalization");
            return this;
        }

        /**
         * Sets the normalisation of every leaf that sets none.
         *
         * @param normalization the normalisation
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder normalization(Normalization normalization) {
            this.defaultNormalization = Once.set(this.defaultNormalization, normalization,
                    "default normalization");
            return this;
        }

        /**
         * Sets how an inner node aggregates its children (default {@link Aggregator#arithmetic()}, or the tree's
         * default).
         *
         * @param nodeId the node's id
         * @param aggregator the aggregator
         * @return this builder
         * @throws IllegalStateException if already set for this node
         */
        public Builder aggregator(String nodeId, Aggregator aggregator) {
            once(aggregators, nodeId, aggregator, "aggregator");
            return this;
        }

        /**
         * Sets the aggregator of every inner node that sets none.
         *
         * @param aggregator the aggregator
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder aggregator(Aggregator aggregator) {
            this.defaultAggregator = Once.set(this.defaultAggregator, aggregator, "default aggregator");
            return this;
        }

        /**
         * Sets a leaf's direction, overriding the metric's.
         *
         * @param leafId the leaf's id
         * @param direction the direction
         * @return this builder
         * @throws IllegalStateException if already set for this leaf
         */
        public Builder direction(String leafId, Direction direction) {
            once(directions, leafId, direction, "direction");
            return this;
        }

        /**
         * Sets a leaf's target for every entity, overriding the metric's; an entity's own target in the
         * {@link KpiMatrix} still takes precedence.
         *
         * @param leafId the leaf's id
         * @param target a finite number
         * @return this builder
         * @throws IllegalArgumentException if target is not finite
         * @throws IllegalStateException if already set for this leaf
         */
        public Builder target(String leafId, double target) {
            if (!Double.isFinite(target)) {
                throw new IllegalArgumentException("target must be finite, but was " + target);
            }
            once(targets, leafId, target, "target");
            return this;
        }

        /**
         * Sets a node's display name.
         *
         * @param nodeId the node's id (the root's too)
         * @param name the name
         * @return this builder
         * @throws IllegalStateException if already set for this node
         */
        public Builder name(String nodeId, String name) {
            once(names, nodeId, name, "name");
            return this;
        }

        /**
         * Sets a node's owner: the person or team accountable for it.
         *
         * @param nodeId the node's id (the root's too)
         * @param owner the owner
         * @return this builder
         * @throws IllegalStateException if already set for this node
         */
        public Builder owner(String nodeId, String owner) {
            once(owners, nodeId, owner, "owner");
            return this;
        }

        /**
         * Gives the children of a node equal weights; the children then declare none.
         *
         * @param nodeId the node's id
         * @return this builder
         * @throws IllegalStateException if the node's weights were already set
         */
        public Builder equalWeights(String nodeId) {
            once(derived, nodeId, new double[0][], "weights");
            return this;
        }

        /**
         * Derives the weights of a node's children, in declaration order, from a pairwise-comparison matrix by the
         * analytic hierarchy process ({@link Weights#pairwise(double[][])}); the children then declare none.
         *
         * <pre>{@code
         * builder.pairwise("customers", new double[][] {{1, 3}, {1 / 3.0, 1}});   // nps 0.75, churn 0.25
         * }</pre>
         *
         * @param nodeId the node's id
         * @param matrix the matrix (copied)
         * @return this builder
         * @throws IllegalArgumentException if the matrix is not a valid pairwise matrix
         * @throws IllegalStateException if the node's weights were already set
         */
        public Builder pairwise(String nodeId, double[][] matrix) {
            String problem = Weights.pairwiseProblem(matrix);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            double[][] copy = new double[matrix.length][];
            for (int i = 0; i < matrix.length; i++) {
                copy[i] = matrix[i].clone();
            }
            once(derived, nodeId, copy, "weights");
            return this;
        }

        /**
         * Sets the dimensions whose values are the entities when the tree scores an engine's results.
         *
         * @param dimensions the dimension names, such as {@code salesperson}
         * @return this builder
         * @throws IllegalStateException if already set
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder entity(String... dimensions) {
            List<String> dims = List.of(dimensions);
            if (dims.stream().anyMatch(String::isBlank) || Set.copyOf(dims).size() != dims.size()) {
                throw new IllegalArgumentException("entity dimensions must be distinct names, but were " + dims);
            }
            this.entity = Once.set(this.entity, dims, "entity");
            return this;
        }

        /**
         * Sets what nodes do with children without a score (default {@link MissingComponents#renormalise()}).
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder missing(MissingComponents policy) {
            this.missing = Once.set(this.missing, policy, "missing policy");
            return this;
        }

        /**
         * Sets the status bands (default {@link StatusScale#standard()}).
         *
         * @param scale the scale
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder statuses(StatusScale scale) {
            this.statuses = Once.set(this.statuses, scale, "statuses");
            return this;
        }

        /**
         * Makes weights that do not sum to 1 an error instead of normalising them.
         *
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder strictWeights() {
            if (strictSet) {
                throw new IllegalStateException("strictWeights was already set");
            }
            strictSet = true;
            strict = true;
            return this;
        }

        /**
         * Cascades a KPI's target down a hierarchy of owners: each entity (a leaf unit) is scored against its
         * share, unless {@link ScoreCard#score(io.kpiengine.core.KpiResults, Map)} is given its own target.
         *
         * <pre>{@code
         * GoalTree.builder("sales_health").entity("salesperson")
         *         .kpi("revenue", "sales_health", 0.7).kpi("deals", "sales_health", 0.3)
         *         .normalization("revenue", Normalization.achievement())
         *         .cascade(CascadedTarget.byWeights("revenue", org, 1_200_000, Map.of("north", 2.0)))
         *         .build();
         * }</pre>
         *
         * @param target the cascaded target; its KPI must be a KPI of the tree (checked at {@link #build()})
         * @return this builder
         * @throws IllegalStateException if that KPI's target was already cascaded
         */
        public Builder cascade(CascadedTarget target) {
            Objects.requireNonNull(target, "target");
            if (cascades.putIfAbsent(target.kpi(), target) != null) {
                throw new IllegalStateException("the target of KPI '" + target.kpi() + "' was already cascaded");
            }
            return this;
        }

        /**
         * Pays incentives on the tree's scores: its nodes must be nodes of the tree and its achievement measures
         * KPI leaves (checked at {@link #build()}, with "did you mean").
         *
         * <pre>{@code
         * GoalTree.builder("sales_health").entity("salesperson")
         *         .kpi("revenue", "sales_health", 0.7).kpi("deals", "sales_health", 0.3)
         *         .incentives(IncentivePlan.builder(curve).onScore("ana", "sales_health", 5_000).build())
         *         .build();
         * }</pre>
         *
         * @param plan the plan
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder incentives(IncentivePlan plan) {
            this.incentives = Once.set(this.incentives, plan, "incentives");
            return this;
        }

        /**
         * Records where a node is defined in a document, for messages and lint findings; the keys
         * {@code cascade:<kpi>} and {@code owner:<owner>} record where a cascaded target and an incentive owner are.
         *
         * @param nodeId the node's id
         * @param at the location
         * @return this builder
         */
        public Builder location(String nodeId, Location at) {
            optionLocations.put(Objects.requireNonNull(nodeId, "nodeId"), Objects.requireNonNull(at, "at"));
            return this;
        }

        /**
         * Records where the tree is defined in a document.
         *
         * @param at the location
         * @return this builder
         */
        public Builder location(Location at) {
            this.location = Objects.requireNonNull(at, "at");
            return this;
        }

        private Location treeLocation() {
            return location != null ? location : new Location("goal tree '" + rootId + "'", 0, 0);
        }

        private Location at(String nodeId) {
            Location l = optionLocations.get(nodeId);
            return l != null ? l : treeLocation();
        }

        /**
         * Every problem that {@link #build()} would report, each at the node it concerns (file:line:column for
         * documents), without building.
         *
         * @return the problems in declaration order; empty when the tree is valid
         */
        public List<Problem> problems() {
            return new Validation().run();
        }

        /**
         * Validates and builds the tree.
         *
         * @return the tree
         * @throws IllegalStateException listing every problem: unknown parents and option targets (with "did you
         *     mean"), duplicate ids, nodes not connected to the root, inner nodes without children, weights that
         *     are missing, mixed, all zero or (with strict weights) not summing to 1, options on the wrong kind of
         *     node, pairwise matrices of the wrong size
         */
        public GoalTree build() {
            Validation v = new Validation();
            List<Problem> problems = v.run();
            if (!problems.isEmpty()) {
                throw new IllegalStateException(Problem.describe("goal tree '" + rootId + "'", problems));
            }
            return v.tree();
        }

        /** One validation pass over the declarations. */
        // the lookups in the specs, children and weights maps are of ids that add() registered, in the order the
        // checks validate them (a parent before its children); NullAway cannot see those map invariants
        @SuppressWarnings("NullAway")
        private final class Validation {
            final List<Problem> problems = new ArrayList<>(early);
            final Map<String, List<String>> children = new LinkedHashMap<>();
            final Map<String, Double> weights = new HashMap<>();
            final Map<String, AhpResult> ahp = new LinkedHashMap<>();
            final List<String> normalised = new ArrayList<>();

            List<Problem> run() {
                Set<String> ids = new LinkedHashSet<>();
                ids.add(rootId);
                ids.addAll(specs.keySet());
                children.put(rootId, new ArrayList<>());
                specs.keySet().forEach(id -> children.put(id, new ArrayList<>()));
                for (Spec s : specs.values()) {
                    if (!ids.contains(s.parent)) {
                        problems.add(new Problem(at(s.id), "parent '" + s.parent + "' of node '" + s.id
                                + "' is not a node of goal tree '" + rootId + "'"
                                + Suggestions.didYouMean(s.parent, ids)));
                    } else if (specs.containsKey(s.parent) && specs.get(s.parent).kpi != null) {
                        problems.add(new Problem(at(s.id), "parent '" + s.parent + "' of node '" + s.id
                                + "' is a KPI leaf; a leaf cannot have children"));
                    } else {
                        children.get(s.parent).add(s.id);
                    }
                }
                connected();
                options(ids);
                extras(ids);
                for (Map.Entry<String, List<String>> e : children.entrySet()) {
                    Spec s = specs.get(e.getKey());
                    if ((s == null || s.kpi == null) && e.getValue().isEmpty() && reachable(e.getKey())) {
                        problems.add(new Problem(at(e.getKey()), "node '" + e.getKey() + "' has no children; give"
                                + " it key results or KPIs"));
                    } else if (!e.getValue().isEmpty()) {
                        weigh(e.getKey(), e.getValue());
                    }
                }
                return List.copyOf(problems);
            }

            private boolean reachable(String id) {
                String at = id;
                for (int steps = 0; steps <= specs.size(); steps++) {
                    if (at.equals(rootId)) {
                        return true;
                    }
                    Spec s = specs.get(at);
                    if (s == null) {
                        return false;
                    }
                    at = s.parent;
                }
                return false;
            }

            private void connected() {
                for (Spec s : specs.values()) {
                    if (!reachable(s.id) && specs.containsKey(s.parent)) {
                        problems.add(new Problem(at(s.id), "node '" + s.id + "' is not connected to the root '"
                                + rootId + "': its ancestors form a cycle"));
                    } else if (reachable(s.id) && depth(s.id) > MAX_DEPTH) {
                        problems.add(new Problem(at(s.id), "node '" + s.id + "' lies " + depth(s.id)
                                + " levels below the root; at most " + MAX_DEPTH + " are allowed"));
                    }
                }
            }

            private int depth(String id) {
                int d = 0;
                for (String at = id; !at.equals(rootId); at = specs.get(at).parent) {
                    d++;
                }
                return d;
            }

            private void options(Set<String> ids) {
                leafOnly(normalizations.keySet(), ids, "a normalization");
                leafOnly(directions.keySet(), ids, "a direction");
                leafOnly(targets.keySet(), ids, "a target");
                innerOnly(aggregators.keySet(), ids, "an aggregator");
                innerOnly(derived.keySet(), ids, "equal or pairwise weights");
                known(names.keySet(), ids, "a name");
                known(owners.keySet(), ids, "an owner");
            }

            /** Cascaded targets name KPIs of the tree; incentives name its nodes (scores) and leaves (achievement). */
            private void extras(Set<String> ids) {
                Set<String> kpis = new LinkedHashSet<>();
                Set<String> leaves = new LinkedHashSet<>();
                for (Spec s : specs.values()) {
                    if (s.kpi != null) {
                        kpis.add(s.kpi);
                        leaves.add(s.id);
                    }
                }
                for (CascadedTarget c : cascades.values()) {
                    if (!kpis.contains(c.kpi())) {
                        problems.add(new Problem(at("cascade:" + c.kpi()), "the target of '" + c.kpi() + "' is"
                                + " cascaded, but '" + c.kpi() + "' is not a KPI of goal tree '" + rootId + "'"
                                + Suggestions.didYouMean(c.kpi(), kpis)));
                    }
                }
                if (incentives == null) {
                    return;
                }
                for (String owner : incentives.owners()) {
                    String basis = incentives.basis(owner);
                    String node = basis.substring(basis.indexOf(':') + 1);
                    if (basis.startsWith("score:") && !ids.contains(node)) {
                        problems.add(new Problem(at("owner:" + owner), "owner '" + owner + "' is paid on the score"
                                + " of '" + node + "', which is not a node of goal tree '" + rootId + "'"
                                + Suggestions.didYouMean(node, ids)));
                    } else if (basis.startsWith("achievement:") && !leaves.contains(node)) {
                        problems.add(new Problem(at("owner:" + owner), "owner '" + owner + "' is paid on the"
                                + " achievement of '" + node + "', which is not a KPI leaf of goal tree '" + rootId
                                + "'" + Suggestions.didYouMean(node, leaves)));
                    }
                }
            }

            private void leafOnly(Set<String> keys, Set<String> ids, String what) {
                for (String k : known(keys, ids, what)) {
                    if (specs.get(k) == null || specs.get(k).kpi == null) {
                        problems.add(new Problem(at(k), "node '" + k + "' is given " + what + ", but only KPI leaves"
                                + " take one"));
                    }
                }
            }

            private void innerOnly(Set<String> keys, Set<String> ids, String what) {
                for (String k : known(keys, ids, what)) {
                    if (specs.get(k) != null && specs.get(k).kpi != null) {
                        problems.add(new Problem(at(k), "KPI leaf '" + k + "' is given " + what + ", but only nodes"
                                + " with children take one"));
                    }
                }
            }

            private List<String> known(Set<String> keys, Set<String> ids, String what) {
                List<String> out = new ArrayList<>();
                for (String k : keys) {
                    if (!ids.contains(k)) {
                        problems.add(new Problem(at(k), what.substring(what.indexOf(' ') + 1) + " is set for '" + k
                                + "', which is not a node of goal tree '" + rootId + "'"
                                + Suggestions.didYouMean(k, ids)));
                    } else {
                        out.add(k);
                    }
                }
                return out;
            }

            private void weigh(String parent, List<String> kids) {
                double[][] matrix = derived.get(parent);
                List<String> declared = kids.stream().filter(k -> !Double.isNaN(specs.get(k).weight)).toList();
                if (matrix != null) {
                    if (!declared.isEmpty()) {
                        problems.add(new Problem(at(declared.get(0)), "node '" + declared.get(0) + "' declares a"
                                + " weight, but its parent '" + parent + "' derives its children's weights from "
                                + (matrix.length == 0 ? "equal weights" : "a pairwise matrix")));
                        return;
                    }
                    if (matrix.length == 0) {
                        kids.forEach(k -> weights.put(k, 1.0 / kids.size()));
                        return;
                    }
                    if (matrix.length != kids.size()) {
                        problems.add(new Problem(at(parent), "the pairwise matrix of node '" + parent + "' has "
                                + matrix.length + " rows, but the node has " + kids.size() + " children " + kids));
                        return;
                    }
                    AhpResult r = Weights.pairwise(matrix);
                    ahp.put(parent, r);
                    for (int i = 0; i < kids.size(); i++) {
                        weights.put(kids.get(i), r.weights().get(i));
                    }
                    return;
                }
                if (declared.size() != kids.size()) {
                    String without = kids.stream().filter(k -> Double.isNaN(specs.get(k).weight)).findFirst()
                            .orElseThrow();
                    problems.add(new Problem(at(without), "node '" + without + "' has no weight; give every child of"
                            + " '" + parent + "' a weight, or give '" + parent + "' equal or pairwise weights"));
                    return;
                }
                double sum = 0;
                for (String k : kids) {
                    sum += specs.get(k).weight;
                }
                if (!(sum > 0)) {
                    problems.add(new Problem(at(parent), "the weights of the children of node '" + parent
                            + "' are all zero; at least one must be positive"));
                    return;
                }
                if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                    if (strict) {
                        problems.add(new Problem(at(parent), "the weights of the children of node '" + parent
                                + "' must sum to 1, but sum to " + sum));
                        return;
                    }
                    normalised.add(parent);
                }
                for (String k : kids) {
                    weights.put(k, specs.get(k).weight);
                }
            }

            GoalTree tree() {
                List<GoalNode> out = new ArrayList<>();
                Map<String, Location> locs = new HashMap<>();
                optionLocations.forEach((k, v) -> {
                    if (k.equals(rootId) || specs.containsKey(k)) {
                        locs.put(k, v);
                    }
                });
                visit(rootId, 1, 1, 0, out);
                return new GoalTree(rootId, out, entity == null ? List.of() : entity,
                        missing == null ? MissingComponents.renormalise() : missing,
                        statuses == null ? StatusScale.standard() : statuses, strict, ahp, normalised, locs,
                        treeLocation(), new ArrayList<>(cascades.values()), incentives);
            }

            private void visit(String id, double declared, double path, int depth, List<GoalNode> out) {
                Spec s = specs.get(id);
                List<String> kids = children.get(id);
                double weight = s == null ? 1 : weights.get(id) / siblingsSum(s.parent);
                boolean leaf = s != null && s.kpi != null;
                Normalization n = leaf ? normalizations.getOrDefault(id, defaultNormalization == null
                        ? Normalization.minMax() : defaultNormalization) : null;
                Aggregator a = leaf ? null : aggregators.getOrDefault(id, defaultAggregator == null
                        ? Aggregator.arithmetic() : defaultAggregator);
                double pathWeight = path * weight;
                out.add(new GoalNode(id, s == null ? null : s.parent, declared, weight, pathWeight, kids,
                        leaf ? s.kpi : null, n, a, directions.get(id), targets.getOrDefault(id, Double.NaN),
                        names.get(id), owners.get(id), depth));
                for (String k : kids) {
                    visit(k, weights.get(k), pathWeight, depth + 1, out);
                }
            }

            private double siblingsSum(String parent) {
                double sum = 0;
                for (String k : children.get(parent)) {
                    sum += weights.get(k);
                }
                return sum;
            }
        }
    }
}
