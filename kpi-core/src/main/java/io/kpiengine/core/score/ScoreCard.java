package io.kpiengine.core.score;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.KpiResult;
import io.kpiengine.core.KpiResults;
import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.metric.Target;
import io.kpiengine.core.metric.Targets;
import io.kpiengine.core.metric.Tier;
import io.kpiengine.core.metric.Unit;
import io.kpiengine.core.score.internal.Kernel;
import io.kpiengine.core.score.internal.LeafResolver;
import io.kpiengine.core.score.internal.LeafStats;
import io.kpiengine.core.score.internal.Parallel;
import io.kpiengine.core.score.internal.TreePlan;
import io.kpiengine.core.score.internal.Workspace;
import io.kpiengine.core.time.Period;
import io.kpiengine.core.time.PeriodStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a {@link GoalTree} for every entity and period: normalises each KPI, aggregates up the tree, and keeps
 * each node's contribution to its parent and to the root, ready for ranking, explanation and "what it takes".
 *
 * <pre>{@code
 * ScoreCard card = ScoreCard.builder(tree).catalog(catalog).parallelism(2).build();
 * Scores march = card.score(matrix);                      // one period, a dense entity x KPI matrix
 * ScoreResults all = card.score(engine.evaluate(sources)); // every period of an engine's results
 * }</pre>
 *
 * <p><b>Directions and targets</b> of the leaves: the leaf's own, else (with a catalog) the metric's direction,
 * target band and nearest target ({@link Targets#nearest()}), else higher-is-better and no target. An entity's own
 * target in the {@link KpiMatrix} comes before both.
 *
 * <p><b>Cost.</b> One pass per leaf for its statistics (a sort per leaf for the rank methods), then one pass over
 * the entities that normalises, aggregates and splits the contributions, on {@link #parallelism()} threads over
 * disjoint ranges of entities; about {@code 3 x nodes x entities} doubles of results. The outcome does not depend
 * on the number of threads.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ScoreCard {

    private final GoalTree tree;
    private final Catalog catalog;
    private final TreePlan plan;
    private final int parallelism;
    private final Aggregator[] aggregators;

    private ScoreCard(GoalTree tree, Catalog catalog, TreePlan plan, int parallelism) {
        this.tree = tree;
        this.catalog = catalog;
        this.plan = plan;
        this.parallelism = parallelism;
        this.aggregators = plan.aggregator.clone();
    }

    /**
     * A builder for a card over a tree.
     *
     * @param tree the tree
     * @return a new builder
     * @throws NullPointerException if tree is null
     */
    public static Builder builder(GoalTree tree) {
        return new Builder(Objects.requireNonNull(tree, "tree"));
    }

    /**
     * A card over a tree without a catalog, on one thread.
     *
     * @param tree the tree
     * @return the card
     * @throws IllegalStateException if a leaf's goalposts contradict its direction
     */
    public static ScoreCard of(GoalTree tree) {
        return builder(tree).build();
    }

    /**
     * A card over a tree of a catalog's {@code scores} section, with the catalog's directions and targets, on one
     * thread.
     *
     * <pre>{@code
     * ScoreCard card = ScoreCard.of(catalog, "sales_health");
     * }</pre>
     *
     * @param catalog the catalog
     * @param treeId the tree's id
     * @return the card
     * @throws IllegalArgumentException if the catalog has no such tree (with the nearest ids)
     */
    public static ScoreCard of(Catalog catalog, String treeId) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(treeId, "treeId");
        GoalTree t = catalog.goalTree(treeId).orElseThrow(() -> new IllegalArgumentException("treeId must be a"
                + " score of catalog " + catalog.name() + ", but was '" + treeId + "'" + Suggestions.didYouMean(
                        treeId, catalog.goalTrees().stream().map(GoalTree::id).toList())));
        return builder(t).catalog(catalog).build();
    }

    /**
     * The tree.
     *
     * @return the tree
     */
    public GoalTree tree() {
        return tree;
    }

    /**
     * The number of threads one scoring uses.
     *
     * @return at least 1
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The unit of every score: {@code score}, dimensionless on the normalised scale.
     *
     * @return the unit
     */
    public Unit unit() {
        return Unit.parse(GoalTree.UNIT);
    }

    /**
     * A node's score as a KPI: metadata with the unit {@code score}, higher-is-better, the node's name and owner,
     * a core tier for the root (supporting for the others), and as short-term target the threshold of the status
     * scale's top band, so that {@link MetricMetadata#targetStatus(double)} gives a traffic light (on track from
     * that threshold, at risk within 5% below it).
     *
     * <pre>{@code
     * card.metadata("sales_health").targetStatus(scores.score("sales_health", 0));   // Optional[AT_RISK]
     * }</pre>
     *
     * @param nodeId a node of the tree
     * @return the metadata
     * @throws IllegalArgumentException if the tree has no such node
     */
    public MetricMetadata metadata(String nodeId) {
        GoalNode n = tree.node(nodeId);
        MetricMetadata.Builder b = MetricMetadata.builder().unit(unit()).direction(Direction.HIGHER_IS_BETTER)
                .tier(n.depth() == 0 ? Tier.CORE : Tier.SUPPORTING);
        n.name().ifPresent(b::name);
        n.owner().ifPresent(b::owner);
        double[] t = tree.statuses().thresholds();
        if (t.length > 0) {
            b.targets(new Targets(Target.of(BigDecimal.valueOf(t[t.length - 1])), null, null));
        }
        return b.build();
    }

    TreePlan plan() {
        return plan;
    }

    Aggregator[] aggregators() {
        return aggregators;
    }

    /**
     * Scores one period.
     *
     * <pre>{@code
     * Scores s = card.score(matrix);
     * double top = s.score("sales_health", s.indexOf("alice"));
     * }</pre>
     *
     * @param matrix the raw KPI values of the period's entities
     * @return the scores
     * @throws NullPointerException if matrix is null
     * @throws IllegalArgumentException if the matrix lacks a column for a KPI of the tree (with the nearest names)
     */
    public Scores score(KpiMatrix matrix) {
        return score(List.of(Objects.requireNonNull(matrix, "matrix"))).get(0);
    }

    /**
     * Scores several periods together: each is normalised on its own, except min-max over time, whose minimum and
     * maximum are taken over all of them.
     *
     * @param panel the matrices, one per period
     * @return the scores, in the order of the panel
     * @throws NullPointerException if panel or a matrix is null
     * @throws IllegalArgumentException if a matrix lacks a column for a KPI of the tree
     */
    public List<Scores> score(List<KpiMatrix> panel) {
        List<KpiMatrix> matrices = List.copyOf(panel);
        List<LeafStats[]> stats = new ArrayList<>();
        for (KpiMatrix m : matrices) {
            stats.add(stats(m));
        }
        for (int i = 0; i < plan.size; i++) {
            if (plan.leaf[i] && plan.normalization[i].method() == Normalization.Method.MIN_MAX_OVER_TIME) {
                LeafStats all = stats.get(0)[i];
                for (int p = 1; p < stats.size(); p++) {
                    all = all.widen(stats.get(p)[i]);
                }
                for (LeafStats[] s : stats) {
                    s[i] = all;
                }
            }
        }
        List<Scores> out = new ArrayList<>();
        for (int p = 0; p < matrices.size(); p++) {
            out.add(score(matrices.get(p), stats.get(p)));
        }
        return List.copyOf(out);
    }

    double[][] own(KpiMatrix m) {
        double[][] own = new double[plan.size][];
        for (int i = 0; i < plan.size; i++) {
            if (plan.leaf[i]) {
                own[i] = m.targetsRef(plan.kpis[i]);
            }
        }
        return own;
    }

    double[][] raw(KpiMatrix m) {
        double[][] raw = new double[plan.size][];
        for (int i = 0; i < plan.size; i++) {
            if (plan.leaf[i]) {
                if (!m.has(plan.kpis[i])) {
                    throw new IllegalArgumentException("matrix must have a column for KPI '" + plan.kpis[i]
                            + "' of goal tree '" + tree.id() + "', but has " + m.kpis()
                            + Suggestions.didYouMean(plan.kpis[i], m.kpis()));
                }
                raw[i] = m.ref(plan.kpis[i]);
            }
        }
        return raw;
    }

    private LeafStats[] stats(KpiMatrix m) {
        double[][] raw = raw(m);
        LeafStats[] stats = new LeafStats[plan.size];
        int[] leaves = java.util.stream.IntStream.range(0, plan.size).filter(i -> plan.leaf[i]).toArray();
        Parallel.ranges(leaves.length, parallelism, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                stats[leaves[k]] = LeafStats.of(plan, leaves[k], raw[leaves[k]]);
            }
        });
        return stats;
    }

    private Scores score(KpiMatrix m, LeafStats[] stats) {
        double[][] raw = raw(m);
        double[][] own = own(m);
        Workspace ws = new Workspace(plan, m.size());
        Kernel.scoreAll(plan, plan.weight, aggregators, raw, own, stats, ws, parallelism, true, true);
        return new Scores(this, m, raw, own, stats, ws);
    }

    /**
     * Scores every period of an engine's results: the entities are the values of the tree's
     * {@linkplain GoalTree#entityDimensions() entity dimensions} (joined by {@code /} when there are several; a
     * missing value is {@code (missing)}), ascending; a KPI without dimensions applies to every entity. Results with
     * grouping sets hold a KPI at several levels: the cells of the entity dimensions' level are read and the other
     * levels ignored (the grand total applies to every entity only for a KPI without that level). A cell
     * without a value is a missing input whose reason carries the cell's reason and detail. An entity's target is
     * its share of the tree's {@linkplain GoalTree#cascades() cascaded target} when there is one.
     *
     * <pre>{@code
     * ScoreResults scores = ScoreCard.of(catalog, "sales_health").score(results);
     * }</pre>
     *
     * @param results the engine's results, holding every KPI of the tree
     * @return the scores per period
     * @throws NullPointerException if results is null
     * @throws ScoreException if a KPI of the tree is not in the results, or is grouped by other dimensions than
     *     the entity dimensions (and has no cells at their level)
     */
    public ScoreResults score(KpiResults results) {
        return score(results, Map.of());
    }

    /**
     * Scores every period of an engine's results, with each entity's own targets.
     *
     * <pre>{@code
     * card.score(results, Map.of("revenue", Map.of("alice", 120_000.0, "bob", 90_000.0)));
     * }</pre>
     *
     * @param results the engine's results, holding every KPI of the tree
     * @param targets per KPI id, per entity, the entity's target in every period; where absent, the tree's
     *     {@linkplain GoalTree#cascades() cascaded target} of the entity, then the leaf's and the metric's
     * @return the scores per period
     * @throws NullPointerException if an argument is null
     * @throws ScoreException if a KPI of the tree is not in the results, or is grouped by other dimensions than
     *     the entity dimensions
     */
    public ScoreResults score(KpiResults results, Map<String, Map<String, Double>> targets) {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(targets, "targets");
        List<String> dims = tree.entityDimensions();
        Map<String, Map<String, Double>> cascaded = new HashMap<>();
        tree.cascades().forEach(c -> cascaded.put(c.kpi(), c.targets()));
        TreeMap<Period, Map<String, Map<String, KpiResult>>> byPeriod = new TreeMap<>();
        Map<String, Map<String, String>> entityDims = new HashMap<>();
        TreeSet<String> entities = new TreeSet<>();
        Map<String, Map<Period, KpiResult>> broadcast = new HashMap<>();
        for (String kpi : tree.kpis()) {
            if (!results.metrics().contains(kpi)) {
                throw new ScoreException(tree.id(), List.of(kpi), "score '" + tree.id() + "' needs metric '" + kpi
                        + "', but the results hold " + results.metrics()
                        + Suggestions.didYouMean(kpi, results.metrics()));
            }
            // results with grouping sets hold a KPI at several levels: read the entity level alone (a grand
            // total there is not a value for every entity); only a KPI without that level is broadcast or refused
            Set<String> entityLevel = new LinkedHashSet<>(dims);
            boolean hasEntityLevel = false;
            for (KpiResult r : results.metric(kpi)) {
                if (r.dimensions().keySet().equals(entityLevel)) {
                    hasEntityLevel = true;
                    break;
                }
            }
            for (KpiResult r : results.metric(kpi)) {
                Set<String> has = r.dimensions().keySet();
                if (hasEntityLevel && !has.equals(entityLevel)) {
                    continue;
                }
                if (has.isEmpty()) {
                    broadcast.computeIfAbsent(kpi, k -> new HashMap<>()).put(r.period(), r);
                    byPeriod.computeIfAbsent(r.period(), p -> new LinkedHashMap<>());
                    continue;
                }
                if (!has.equals(entityLevel)) {
                    throw new ScoreException(tree.id(), List.of(kpi), "metric '" + kpi + "' is grouped by "
                            + List.copyOf(has) + ", but score '" + tree.id() + "' scores entities by " + dims
                            + (dims.isEmpty() ? " (none: set the tree's entity dimensions)" : ""));
                }
                String entity = entity(dims, r.dimensions());
                entities.add(entity);
                entityDims.putIfAbsent(entity, r.dimensions());
                byPeriod.computeIfAbsent(r.period(), p -> new LinkedHashMap<>())
                        .computeIfAbsent(entity, e -> new HashMap<>()).put(kpi, r);
            }
        }
        if (entities.isEmpty() && !byPeriod.isEmpty()) {
            entities.add(dims.isEmpty() ? tree.id() : "(all)");
            entityDims.put(entities.first(), Map.of());
        }
        List<KpiMatrix> panel = new ArrayList<>();
        List<Period> periods = new ArrayList<>();
        List<PeriodStatus> statuses = new ArrayList<>();
        for (Map.Entry<Period, Map<String, Map<String, KpiResult>>> e : byPeriod.entrySet()) {
            List<String> ents = new ArrayList<>(e.getValue().keySet());
            if (ents.isEmpty() || !broadcast.isEmpty()) {
                ents = new ArrayList<>(entities);
            }
            ents.sort(null);
            KpiMatrix.Builder b = KpiMatrix.builder(ents).label(e.getKey().toString());
            PeriodStatus status = PeriodStatus.COMPLETE;
            Map<String, List<String[]>> reasons = new LinkedHashMap<>();
            for (String kpi : tree.kpis()) {
                double[] col = new double[ents.size()];
                double[] tgt = new double[ents.size()];
                boolean anyTarget = false;
                for (int i = 0; i < ents.size(); i++) {
                    String ent = ents.get(i);
                    KpiResult r = broadcast.containsKey(kpi) ? broadcast.get(kpi).get(e.getKey())
                            : e.getValue().getOrDefault(ent, Map.of()).get(kpi);
                    if (r != null && r.status() != PeriodStatus.COMPLETE) {
                        status = r.status();
                    }
                    col[i] = r == null || !r.value().isPresent() ? Double.NaN : r.value().value();
                    if (Double.isNaN(col[i])) {
                        reasons.computeIfAbsent(kpi, k -> new ArrayList<>()).add(new String[] {ent, r == null
                                ? "no cell of '" + kpi + "' for " + ent + " in " + e.getKey()
                                : r.value().reason().map(Enum::name).orElse("") + ": "
                                        + r.value().detail().orElse("")});
                    }
                    Double t = targets.getOrDefault(kpi, Map.of()).get(ent);
                    if (t == null) {
                        t = cascaded.getOrDefault(kpi, Map.of()).get(ent);
                    }
                    tgt[i] = t == null ? Double.NaN : t;
                    anyTarget |= t != null;
                }
                b.column(kpi, col);
                if (anyTarget) {
                    b.targets(kpi, tgt);
                }
            }
            reasons.forEach((kpi, list) -> list.forEach(x -> b.missing(kpi, x[0], x[1])));
            panel.add(b.build());
            periods.add(e.getKey());
            statuses.add(status);
        }
        List<Scores> scored = panel.isEmpty() ? List.of() : score(panel);
        return new ScoreResults(this, periods, statuses, scored, entityDims);
    }

    private static String entity(List<String> dims, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (String d : dims) {
            String v = values.get(d);
            sb.append(sb.length() == 0 ? "" : "/").append(v == null ? "(missing)" : v);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ScoreCard[" + tree + ", " + parallelism + " thread" + (parallelism == 1 ? "" : "s") + "]";
    }

    /**
     * Builds a {@link ScoreCard}. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final GoalTree tree;
        private Catalog catalog;
        private Integer parallelism;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder(GoalTree tree) {
            this.tree = tree;
        }

        /**
         * Takes the leaves' directions, target bands and targets from a catalog's metric metadata where the leaves
         * declare none.
         *
         * @param catalog the catalog holding every KPI of the tree
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder catalog(Catalog catalog) {
            this.catalog = Once.set(this.catalog, catalog, "catalog");
            return this;
        }

        /**
         * Sets the number of threads one scoring uses (default 1).
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if threads is below 1
         * @throws IllegalStateException if already set
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, but was " + threads);
            }
            this.parallelism = Once.set(this.parallelism, threads, "parallelism");
            return this;
        }

        /**
         * Resolves the leaves and builds the card.
         *
         * @return the card
         * @throws IllegalArgumentException if a catalog is set and lacks a KPI of the tree (with the nearest ids)
         * @throws IllegalStateException if a leaf's goalposts contradict its direction, or a target-band leaf has
         *     no band
         */
        public ScoreCard build() {
            LeafResolver r = new LeafResolver(tree, kpi -> {
                if (catalog == null) {
                    return MetricMetadata.EMPTY;
                }
                return catalog.metric(kpi).map(Metric::metadata).orElseThrow(() -> new IllegalArgumentException(
                        "KPI '" + kpi + "' of goal tree '" + tree.id() + "' must be a metric of catalog "
                                + catalog.name() + Suggestions.didYouMean(kpi, catalog.metrics().stream()
                                .map(Metric::id).toList())));
            });
            if (!r.problems.isEmpty()) {
                throw new IllegalStateException("score card of goal tree '" + tree.id() + "': " + String.join("; ",
                        r.problems.stream().map(p -> p[1]).toList()));
            }
            return new ScoreCard(tree, catalog, new TreePlan(tree, r.directions, r.bands, r.targets),
                    parallelism == null ? 1 : parallelism);
        }
    }
    Catalog catalog() {
        return catalog;
    }
}
