package io.kpiengine.core.score;

import io.kpiengine.core.metric.Direction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One node of a {@link GoalTree}: the objective at the root, key results inside, KPIs at the leaves. An inner
 * node aggregates its children with its {@link Aggregator}; a leaf normalises the values of one KPI (a metric of
 * the catalog) with its {@link Normalization}.
 *
 * <pre>{@code
 * GoalNode revenue = tree.node("revenue");
 * revenue.weight();          // 0.6 of its parent
 * revenue.pathWeight();      // 0.3 of the root, for arithmetic aggregation
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GoalNode {

    private final String id;
    private final @Nullable String parent;
    private final double declaredWeight;
    private final double weight;
    private final double pathWeight;
    private final List<String> children;
    private final @Nullable String kpi;
    private final @Nullable Normalization normalization;
    private final @Nullable Aggregator aggregator;
    private final @Nullable Direction direction;
    private final double target;
    private final @Nullable String name;
    private final @Nullable String owner;
    private final int depth;

    GoalNode(String id, @Nullable String parent, double declaredWeight, double weight, double pathWeight,
            List<String> children, @Nullable String kpi, @Nullable Normalization normalization,
            @Nullable Aggregator aggregator, @Nullable Direction direction, double target, @Nullable String name,
            @Nullable String owner, int depth) {
        this.id = id;
        this.parent = parent;
        this.declaredWeight = declaredWeight;
        this.weight = weight;
        this.pathWeight = pathWeight;
        this.children = List.copyOf(children);
        this.kpi = kpi;
        this.normalization = normalization;
        this.aggregator = aggregator;
        this.direction = direction;
        this.target = target;
        this.name = name;
        this.owner = owner;
        this.depth = depth;
    }

    /**
     * The node's id, unique in the tree.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The parent's id.
     *
     * @return the parent, or empty for the root
     */
    public Optional<String> parent() {
        return Optional.ofNullable(parent);
    }

    /**
     * The weight as declared (or derived from equal weights or a pairwise matrix at the parent), before
     * normalisation among the siblings.
     *
     * @return the declared weight; 1 for the root
     */
    public double declaredWeight() {
        return declaredWeight;
    }

    /**
     * The weight among the siblings, normalised to sum to 1 (the {@code w_i} of the formulas).
     *
     * @return the weight; 1 for the root
     */
    public double weight() {
        return weight;
    }

    /**
     * The product of the weights from this node up to the root: the share of the root score this node carries
     * when every node on the way aggregates arithmetically and nothing is missing.
     *
     * @return the path weight; 1 for the root
     */
    public double pathWeight() {
        return pathWeight;
    }

    /**
     * The children's ids in declaration order.
     *
     * @return an immutable list, empty for a leaf
     */
    public List<String> children() {
        return children;
    }

    /**
     * Whether the node is a KPI leaf.
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return kpi != null;
    }

    /**
     * The id of the metric a leaf reads.
     *
     * @return the metric id, or empty for an inner node
     */
    public Optional<String> kpi() {
        return Optional.ofNullable(kpi);
    }

    /**
     * How a leaf normalises its KPI.
     *
     * @return the normalisation, or empty for an inner node
     */
    public Optional<Normalization> normalization() {
        return Optional.ofNullable(normalization);
    }

    /**
     * How an inner node aggregates its children.
     *
     * @return the aggregator, or empty for a leaf
     */
    public Optional<Aggregator> aggregator() {
        return Optional.ofNullable(aggregator);
    }

    /**
     * The direction a leaf declares; when empty, the metric's direction in the catalog applies, and
     * higher-is-better without a catalog.
     *
     * @return the direction, if declared on the leaf
     */
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }

    /**
     * The target a leaf declares for every entity; when empty, the entity's target in the {@link KpiMatrix} or the
     * metric's nearest target applies.
     *
     * @return the target, if declared on the leaf
     */
    public OptionalDouble target() {
        return Double.isNaN(target) ? OptionalDouble.empty() : OptionalDouble.of(target);
    }

    /**
     * The display name.
     *
     * @return the name, if set
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The accountable person or team.
     *
     * @return the owner, if set
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The depth: 0 for the root.
     *
     * @return the depth
     */
    public int depth() {
        return depth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoalNode n && n.id.equals(id) && Objects.equals(n.parent, parent)
                && Double.compare(n.declaredWeight, declaredWeight) == 0 && n.children.equals(children)
                && Objects.equals(n.kpi, kpi) && Objects.equals(n.normalization, normalization)
                && Objects.equals(n.aggregator, aggregator) && n.direction == direction
                && Double.compare(n.target, target) == 0 && Objects.equals(n.name, name)
                && Objects.equals(n.owner, owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parent, declaredWeight, children, kpi, normalization, aggregator);
    }

    /**
     * The node as one line: {@code revenue (kpi revenue, weight 0.6, achievement(0..100))}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return id + " (" + (kpi != null ? "kpi " + kpi + ", " : "") + "weight " + Normalization.num(weight)
                + ", " + (kpi != null ? normalization : aggregator) + ")";
    }
}
