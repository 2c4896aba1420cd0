package io.kpiengine.core.track.internal;

import io.kpiengine.core.metric.Catalog;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.score.GoalNode;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.ScoreCard;
import io.kpiengine.core.track.TrackingPlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scores a tracking plan can name: every node with children of the catalog's goal trees is a unitless KPI
 * (metric id = node id, segments = the tree's entity dimensions, metadata = {@link ScoreCard#metadata(String)}),
 * tracked from {@link io.kpiengine.core.score.ScoreResults#asKpiResults()} cells.
 */
public final class ScoreNodes {

    private ScoreNodes() {
    }

    /**
     * The score nodes of goal trees.
     *
     * @param trees the trees
     * @return node id to its tree, in tree and pre-order
     */
    public static Map<String, GoalTree> of(List<GoalTree> trees) {
        Map<String, GoalTree> out = new LinkedHashMap<>();
        for (GoalTree t : trees) {
            for (GoalNode n : t.nodes()) {
                if (!n.isLeaf()) {
                    out.putIfAbsent(n.id(), t);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A score node's metadata as a KPI.
     *
     * @param tree the tree
     * @param node a node of the tree with children
     * @return unit {@code score}, higher-is-better, the top status threshold as short-term target
     */
    public static MetricMetadata metadata(GoalTree tree, String node) {
        return ScoreCard.of(tree).metadata(node);
    }

    /**
     * The catalog's data sources behind a score node: those of the KPIs under it.
     *
     * @param catalog the catalog
     * @param tree the node's tree
     * @param node the node
     * @return the source names
     */
    public static Set<String> sources(Catalog catalog, GoalTree tree, String node) {
        Set<String> out = new LinkedHashSet<>();
        for (GoalNode leaf : tree.leavesUnder(node)) {
            String kpi = leaf.kpi().orElseThrow();
            if (catalog.metric(kpi).isPresent()) {
                out.addAll(catalog.sourcesOf(kpi));
            }
        }
        return out;
    }

    /**
     * The metric and score ids a plan names: targets, alerts, action plans, status rules and reviews.
     *
     * @param plan the plan
     * @return the ids
     */
    public static Set<String> named(TrackingPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        plan.targets().forEach(t -> out.add(t.metric()));
        plan.alerts().forEach(a -> out.add(a.metric()));
        plan.actions().forEach(a -> out.add(a.metric()));
        out.addAll(plan.metricStatusRules().keySet());
        out.addAll(plan.lastReviewed().keySet());
        return out;
    }
}
