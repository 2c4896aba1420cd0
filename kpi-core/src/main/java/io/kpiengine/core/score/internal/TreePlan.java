package io.kpiengine.core.score.internal;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.score.Aggregator;
import io.kpiengine.core.score.GoalNode;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.MissingComponents;
import io.kpiengine.core.score.Normalization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A goal tree compiled to arrays for the kernels: nodes numbered in pre-order (the root is 0, a node's subtree
 * follows it), children as contiguous ranges of one index array, each leaf's normalisation resolved to a method,
 * an orientation (+1, -1, or 0 for a target band), its band and its target.
 *
 * <p>Invariant: for every node {@code i > 0}, {@code parent[i] < i}; the reverse of pre-order is therefore a valid
 * bottom-up order, and pre-order a valid top-down order. Immutable once built.
 */
public final class TreePlan {

    public final int size;
    public final String[] ids;
    public final String[] kpis;
    public final int[] parent;
    public final int[] childStart;
    public final int[] childEnd;
    public final int[] children;
    public final double[] weight;
    public final boolean[] leaf;
    public final Normalization[] normalization;
    public final int[] orientation;
    public final double[] bandLow;
    public final double[] bandHigh;
    public final double[] target;
    public final Aggregator[] aggregator;
    public final MissingComponents.Kind missing;
    public final double missingValue;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Compiles a tree whose leaves' directions, bands and targets have been resolved.
     *
     * @param tree the tree
     * @param directions per leaf id, the effective direction
     * @param bands per leaf id with a target-band direction, {low, high}
     * @param targets per leaf id, the effective target for every entity (absent: none)
     */
    public TreePlan(GoalTree tree, Map<String, Direction> directions, Map<String, double[]> bands,
            Map<String, Double> targets) {
        List<GoalNode> nodes = tree.nodes();
        size = nodes.size();
        ids = new String[size];
        kpis = new String[size];
        parent = new int[size];
        childStart = new int[size];
        childEnd = new int[size];
        weight = new double[size];
        leaf = new boolean[size];
        normalization = new Normalization[size];
        orientation = new int[size];
        bandLow = new double[size];
        bandHigh = new double[size];
        target = new double[size];
        aggregator = new Aggregator[size];
        for (int i = 0; i < size; i++) {
            index.put(nodes.get(i).id(), i);
        }
        int edges = 0;
        children = new int[size - 1];
        for (int i = 0; i < size; i++) {
            GoalNode n = nodes.get(i);
            ids[i] = n.id();
            parent[i] = n.parent().map(index::get).orElse(-1);
            weight[i] = n.weight();
            leaf[i] = n.isLeaf();
            childStart[i] = edges;
            for (String c : n.children()) {
                children[edges++] = index.get(c);
            }
            childEnd[i] = edges;
            target[i] = Double.NaN;
            if (leaf[i]) {
                kpis[i] = n.kpi().orElseThrow();
                normalization[i] = n.normalization().orElseThrow();
                Direction d = directions.getOrDefault(n.id(), Direction.HIGHER_IS_BETTER);
                orientation[i] = d == Direction.HIGHER_IS_BETTER ? 1 : d == Direction.LOWER_IS_BETTER ? -1 : 0;
                if (orientation[i] == 0) {
                    double[] band = bands.get(n.id());
                    bandLow[i] = band[0];
                    bandHigh[i] = band[1];
                }
                target[i] = targets.getOrDefault(n.id(), Double.NaN);
            } else {
                aggregator[i] = n.aggregator().orElseThrow();
            }
        }
        missing = tree.missingPolicy().kind();
        missingValue = tree.missingPolicy().value();
    }

    /**
     * This plan with every leaf normalised by one method (the robustness audit's alternative normalisations).
     *
     * @param base the plan
     * @param all the normalisation of every leaf
     */
    public TreePlan(TreePlan base, Normalization all) {
        size = base.size;
        ids = base.ids;
        kpis = base.kpis;
        parent = base.parent;
        childStart = base.childStart;
        childEnd = base.childEnd;
        children = base.children;
        weight = base.weight;
        leaf = base.leaf;
        normalization = new Normalization[size];
        for (int i = 0; i < size; i++) {
            normalization[i] = leaf[i] ? all : null;
        }
        orientation = base.orientation;
        bandLow = base.bandLow;
        bandHigh = base.bandHigh;
        target = base.target;
        aggregator = base.aggregator;
        missing = base.missing;
        missingValue = base.missingValue;
        index.putAll(base.index);
    }

    /**
     * The index of a node.
     *
     * @param id the node id
     * @return the index, or -1
     */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /**
     * The oriented value of a raw value: x, -x, or minus the distance to the band.
     *
     * @param node a leaf
     * @param x the raw value
     * @return the oriented value
     */
    public double orient(int node, double x) {
        int o = orientation[node];
        if (o != 0) {
            return o * x;
        }
        return -Math.max(Math.max(bandLow[node] - x, 0), x - bandHigh[node]);
    }

    /**
     * Whether any inner node aggregates by Copeland (whose scores need every entity's children first).
     *
     * @param aggregators the aggregator per node
     * @return true if one does
     */
    public boolean hasCopeland(Aggregator[] aggregators) {
        for (int i = 0; i < size; i++) {
            if (!leaf[i] && aggregators[i].method() == Aggregator.Method.COPELAND) {
                return true;
            }
        }
        return false;
    }
}
