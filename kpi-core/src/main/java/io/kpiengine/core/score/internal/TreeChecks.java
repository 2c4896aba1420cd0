package io.kpiengine.core.score.internal;

import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricMetadata;
import io.kpiengine.core.score.GoalNode;
import io.kpiengine.core.score.GoalTree;
import io.kpiengine.data.doc.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a catalog's goal trees against its metrics, run with the rest of catalog validation so that every
 * problem is reported at once, each at the node it concerns: unknown KPIs (with "did you mean"), tree and inner
 * node ids that are metric ids (scores and metrics share one result table), repeated tree ids, KPIs grouped by
 * other dimensions than the tree's entities, and the leaf resolution problems of {@link LeafResolver}.
 */
public final class TreeChecks {

    private TreeChecks() {
    }

    /**
     * The problems of a catalog's trees.
     *
     * @param trees the trees
     * @param metrics the catalog's metrics by id
     * @param broken ids of metrics that failed validation already (not reported again)
     * @param dimensionsOf the dimensions of each valid metric
     * @return the problems
     */
    public static List<Problem> problems(List<GoalTree> trees, Map<String, Metric> metrics, Set<String> broken,
            Map<String, List<String>> dimensionsOf) {
        List<Problem> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> known = new LinkedHashSet<>(metrics.keySet());
        known.addAll(broken);
        for (GoalTree t : trees) {
            if (!seen.add(t.id())) {
                out.add(new Problem(t.location(), "score '" + t.id() + "' is defined twice"));
            }
            for (GoalNode n : t.nodes()) {
                if (!n.isLeaf()) {
                    if (known.contains(n.id())) {
                        out.add(new Problem(t.location(n.id()), (n.depth() == 0 ? "score" : "node") + " '" + n.id()
                                + "' has the id of a metric; scores and metrics share the result table, so give it"
                                + " another id"));
                    }
                    continue;
                }
                String kpi = n.kpi().orElseThrow();
                if (broken.contains(kpi)) {
                    continue;
                }
                if (!metrics.containsKey(kpi)) {
                    out.add(new Problem(t.location(n.id()), "KPI '" + kpi + "' of score '" + t.id() + "' is not a"
                            + " metric of the catalog" + Suggestions.didYouMean(kpi, known)));
                    continue;
                }
                List<String> dims = dimensionsOf.get(kpi);
                if (dims != null && !dims.isEmpty() && !Set.copyOf(dims).equals(Set.copyOf(t.entityDimensions()))) {
                    out.add(new Problem(t.location(n.id()), "KPI '" + kpi + "' is grouped by " + dims + ", but score '"
                            + t.id() + "' scores entities by " + t.entityDimensions() + "; every KPI of a score"
                            + " must be grouped by its entity dimensions, or by none"));
                }
            }
            LeafResolver r = new LeafResolver(t, kpi -> {
                Metric m = metrics.get(kpi);
                return m == null ? MetricMetadata.EMPTY : m.metadata();
            });
            for (String[] p : r.problems) {
                out.add(new Problem(t.location(p[0]), p[1]));
            }
        }
        return out;
    }
}
