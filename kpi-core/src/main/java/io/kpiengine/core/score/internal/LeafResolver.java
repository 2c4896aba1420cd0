package io.kpiengine.core.score.internal;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.score.GoalNode;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.Normalization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves each leaf's direction, target band and target: the leaf's own, else the metric's metadata, else
 * higher-is-better and no target; and reports leaves whose goalposts contradict their direction, or that are
 * target-band without a band. Shared by score cards and catalog validation, so both say the same.
 */
public final class LeafResolver {

    public final Map<String, Direction> directions = new HashMap<>();
    public final Map<String, double[]> bands = new HashMap<>();
    public final Map<String, Double> targets = new HashMap<>();
    /** Per problem: the leaf id and the message. */
    public final List<String[]> problems = new ArrayList<>();

    /**
     * Resolves the leaves of a tree.
     *
     * @param tree the tree
     * @param metadata the metadata of a metric id ({@code MetricMetadata.EMPTY} without a catalog)
     */
    public LeafResolver(GoalTree tree, Function<String, MetricMetadata> metadata) {
        for (GoalNode leaf : tree.leaves()) {
            String kpi = leaf.kpi().orElseThrow();
            MetricMetadata md = metadata.apply(kpi);
            Direction d = leaf.direction().orElse(md.direction().orElse(Direction.HIGHER_IS_BETTER));
            directions.put(leaf.id(), d);
            if (d == Direction.TARGET_BAND) {
                if (md.targetBand().isEmpty()) {
                    problems.add(new String[] {leaf.id(), "leaf '" + leaf.id() + "' of score '" + tree.id()
                            + "' is target-band, but metric '" + kpi + "' has no target band"});
                } else {
                    bands.put(leaf.id(), new double[] {md.targetBand().get().low().doubleValue(),
                        md.targetBand().get().high().doubleValue()});
                }
            }
            if (leaf.target().isPresent()) {
                targets.put(leaf.id(), leaf.target().getAsDouble());
            } else {
                md.targets().nearest().ifPresent(t -> targets.put(leaf.id(), t.value().doubleValue()));
            }
            Normalization n = leaf.normalization().orElseThrow();
            if (n.method() == Normalization.Method.GOALPOSTS) {
                boolean up = n.best() > n.worst();
                if (d == Direction.TARGET_BAND || (d == Direction.HIGHER_IS_BETTER) != up) {
                    problems.add(new String[] {leaf.id(), "leaf '" + leaf.id() + "' of score '" + tree.id() + "' is "
                            + d.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", but its goalposts " + n
                            + " say " + (up ? "higher" : "lower") + " values are better"});
                }
            }
        }
    }
}
