package io.kpiengine.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kpiengine.core.metric.Direction;
import io.kpiengine.data.doc.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalTreeTest {

    static GoalTree.Builder sales() {
        return GoalTree.builder("sales_health")
                .node("growth", "sales_health", 0.6)
                .node("customers", "sales_health", 0.4)
                .kpi("revenue", "growth", 0.7)
                .kpi("new_customers", "growth", 0.3)
                .kpi("nps", "customers")
                .kpi("churn_rate", "customers")
                .equalWeights("customers");
    }

    @Test
    void build_nodesInPreOrder_withNormalisedAndPathWeights() {
        GoalTree t = sales().build();
        assertThat(t.nodes()).extracting(GoalNode::id).containsExactly("sales_health", "growth", "revenue",
                "new_customers", "customers", "nps", "churn_rate");
        assertThat(t.node("revenue").pathWeight()).isCloseTo(0.42, within(1e-12));
        assertThat(t.node("nps").weight()).isEqualTo(0.5);
        assertThat(t.kpis()).containsExactly("revenue", "new_customers", "nps", "churn_rate");
        assertThat(t.leavesUnder("growth")).extracting(GoalNode::id).containsExactly("revenue", "new_customers");
        assertThat(t.normalisedWeights()).isEmpty();
        assertThat(t.outline()).isEqualTo("""
                sales_health (arithmetic)
                  growth 0.6 (arithmetic)
                    revenue 0.7 min-max
                    new_customers 0.3 min-max
                  customers 0.4 (arithmetic)
                    nps 0.5 min-max
                    churn_rate 0.5 min-max
                """);
    }

    @Test
    void build_unknownParent_listsEveryProblemWithDidYouMean() {
        GoalTree.Builder b = sales().kpi("win_rate", "grwoth", 0.2).node("x", "nowhere", 1);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("""
                goal tree 'sales_health' has 2 problems:
                  goal tree 'sales_health': parent 'grwoth' of node 'win_rate' is not a node of goal tree \
                'sales_health'; did you mean 'growth'?
                  goal tree 'sales_health': parent 'nowhere' of node 'x' is not a node of goal tree 'sales_health'""");
    }

    @Test
    void build_weightProblems_areReportedAtTheirNodes() {
        List<String> problems = GoalTree.builder("t")
                .node("a", "t", 0).node("b", "t", 0)
                .kpi("k1", "a", 1).kpi("k2", "a")
                .kpi("k3", "b", 1)
                .normalization("a", Normalization.rank())
                .aggregator("k3", Aggregator.geometric())
                .direction("k9", Direction.LOWER_IS_BETTER)
                .problems().stream().map(Problem::message).toList();
        assertThat(problems).containsExactlyInAnyOrder(
                "node 'a' is given a normalization, but only KPI leaves take one",
                "KPI leaf 'k3' is given an aggregator, but only nodes with children take one",
                "direction is set for 'k9', which is not a node of goal tree 't'; did you mean 'k1', 'k2' or 'k3'?",
                "the weights of the children of node 't' are all zero; at least one must be positive",
                "node 'k2' has no weight; give every child of 'a' a weight, or give 'a' equal or pairwise weights");
    }

    @Test
    void build_weightsNotSummingToOne_areNormalised_orRefusedWhenStrict() {
        GoalTree t = GoalTree.builder("t").kpi("a", "t", 3).kpi("b", "t", 1).build();
        assertThat(t.node("a").weight()).isEqualTo(0.75);
        assertThat(t.node("a").declaredWeight()).isEqualTo(3);
        assertThat(t.normalisedWeights()).containsExactly("t");
        assertThatThrownBy(() -> GoalTree.builder("t").kpi("a", "t", 3).kpi("b", "t", 1).strictWeights().build())
                .hasMessage("goal tree 't': the weights of the children of node 't' must sum to 1, but sum to 4.0");
    }

    @Test
    void build_structureProblems() {
        assertThat(GoalTree.builder("t").problems()).extracting(Problem::message)
                .containsExactly("node 't' has no children; give it key results or KPIs");
        assertThat(GoalTree.builder("t").kpi("a", "t", 1).kpi("b", "a", 1).problems()).extracting(Problem::message)
                .containsExactly("parent 'a' of node 'b' is a KPI leaf; a leaf cannot have children");
        assertThat(GoalTree.builder("t").kpi("a", "t", 1).kpi("a", "t", 1).problems()).extracting(Problem::message)
                .containsExactly("node 'a' is declared twice in goal tree 't'; give the second leaf of metric 'a' an"
                        + " id of its own");
        assertThat(GoalTree.builder("t").kpi("a", "t", 1).node("x", "y", 1).node("y", "x", 1).kpi("k", "x", 1)
                .problems()).extracting(Problem::message).containsExactly(
                        "node 'x' is not connected to the root 't': its ancestors form a cycle",
                        "node 'y' is not connected to the root 't': its ancestors form a cycle",
                        "node 'k' is not connected to the root 't': its ancestors form a cycle");
        assertThat(GoalTree.builder("t").node("a", "t").kpi("k", "a", 1).pairwise("t", new double[][] {{1, 2},
            {0.5, 1}}).problems()).extracting(Problem::message).containsExactly("the pairwise matrix of node 't'"
                    + " has 2 rows, but the node has 1 children [a]");
    }

    @Test
    void builder_optionSetTwice_fails() {
        GoalTree.Builder b = GoalTree.builder("t").kpi("a", "t", 1).target("a", 5);
        assertThatThrownBy(() -> b.target("a", 6)).isInstanceOf(IllegalStateException.class)
                .hasMessage("target of node 'a' was already set to 5.0");
        assertThatThrownBy(() -> b.missing(MissingComponents.noScore()).missing(MissingComponents.noScore()))
                .hasMessage("missing policy was already set to no-score");
        assertThatThrownBy(() -> b.node("bad id", "t", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.kpi("c", "t", -1)).hasMessage("weight must be non-negative and finite, but was -1.0");
    }

    @Test
    void pairwise_derivesWeightsByAhp() {
        GoalTree t = GoalTree.builder("t").kpi("a", "t").kpi("b", "t").kpi("c", "t")
                .pairwise("t", new double[][] {{1, 3, 5}, {1 / 3.0, 1, 2}, {1 / 5.0, 1 / 2.0, 1}}).build();
        // numpy.linalg.eig of the matrix: principal eigenvector normalised to sum 1
        assertThat(t.node("a").weight()).isCloseTo(0.64832901, within(1e-8));
        assertThat(t.node("b").weight()).isCloseTo(0.22965079, within(1e-8));
        assertThat(t.pairwise("t").orElseThrow().consistencyRatio()).isCloseTo(0.0031850, within(1e-6));
    }

    @Test
    void build_leavesTheBuilderReusable_andEqualTreesAreEqual() {
        GoalTree.Builder b = sales();
        GoalTree one = b.build();
        GoalTree two = b.build();
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        assertThat(one.node("revenue").toString()).isEqualTo("revenue (kpi revenue, weight 0.7, min-max)");
        assertThatThrownBy(() -> one.node("revenu")).hasMessage("node must be a node of goal tree 'sales_health',"
                + " but was 'revenu'; did you mean 'revenue'?");
    }
}
