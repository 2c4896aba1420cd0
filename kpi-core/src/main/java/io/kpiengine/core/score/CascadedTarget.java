package io.kpiengine.core.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A KPI's target broken down from one total through a {@link TargetCascade} of owners, so that every entity (a
 * leaf unit of the cascade: a salesperson, a store) is scored against its own share: the company's revenue target
 * split over teams and people, by weights or in proportion to each person's baseline.
 *
 * <pre>{@code
 * TargetCascade org = TargetCascade.builder("company")
 *         .unit("north", "company").unit("south", "company")
 *         .unit("ana", "north").unit("ben", "north").unit("carla", "south")
 *         .build();
 * CascadedTarget revenue = CascadedTarget.byWeights("revenue", org, 1_200_000, Map.of("north", 2.0));
 * revenue.targets().get("ana");        // 400,000: north gets 2/3 of the total, ana half of north's
 * GoalTree tree = GoalTree.builder("sales_health").entity("salesperson")
 *         .kpi("revenue", "sales_health", 0.7).kpi("deals", "sales_health", 0.3)
 *         .cascade(revenue)             // the score uses each person's share as their target
 *         .build();
 * }</pre>
 *
 * <p>The targets are computed once, when the value is created ({@link TargetCascade#split(double, Map)} or
 * {@link TargetCascade#splitByBaseline(double, Map)}), and apply to every period scored. A
 * {@link ScoreCard} takes an entity's target from the targets given to
 * {@link ScoreCard#score(io.kpiengine.core.KpiResults, Map)} first, then from the tree's cascade, then from the
 * leaf and the metric. Instances are immutable and thread-safe.
 */
public final class CascadedTarget {

    /** How the total is split among the units of a parent. */
    public enum Split {
        /** By weights among siblings ({@link TargetCascade#split(double, Map)}); absent units weigh 1. */
        WEIGHTS,
        /** In proportion to each unit's baseline ({@link TargetCascade#splitByBaseline(double, Map)}). */
        BASELINE;

        /**
         * The method's name in documents: {@code weights} or {@code baseline}.
         *
         * @return the name
         */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String kpi;
    private final TargetCascade cascade;
    private final double total;
    private final Split split;
    private final Map<String, Double> shares;
    private final Map<String, Double> targets;

    private CascadedTarget(String kpi, TargetCascade cascade, double total, Split split, Map<String, Double> shares) {
        if (Objects.requireNonNull(kpi, "kpi").isBlank()) {
            throw new IllegalArgumentException("kpi must not be blank");
        }
        this.kpi = kpi;
        this.cascade = Objects.requireNonNull(cascade, "cascade");
        this.total = total;
        this.split = split;
        this.shares = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(shares, "shares")));
        this.targets = split == Split.WEIGHTS ? cascade.split(total, this.shares)
                : cascade.splitByBaseline(total, this.shares);
    }

    /**
     * A KPI's total split down a cascade by weights among siblings.
     *
     * @param kpi the KPI (metric id) whose target is cascaded
     * @param cascade the hierarchy of owners; its leaves are entities
     * @param total the root's target
     * @param weights unit to non-negative weight; absent units weigh 1
     * @return the cascaded target
     * @throws IllegalArgumentException if the total is not finite, a weighted unit is unknown (with the nearest
     *     names), a weight is negative, or every child of a unit weighs 0
     */
    public static CascadedTarget byWeights(String kpi, TargetCascade cascade, double total,
            Map<String, Double> weights) {
        return new CascadedTarget(kpi, cascade, total, Split.WEIGHTS, weights);
    }

    /**
     * A KPI's total split down a cascade in proportion to each leaf unit's baseline (such as last year's value).
     *
     * @param kpi the KPI (metric id) whose target is cascaded
     * @param cascade the hierarchy of owners; its leaves are entities
     * @param total the root's target
     * @param baselines the baseline of every leaf unit, non-negative
     * @return the cascaded target
     * @throws IllegalArgumentException if the total is not finite, a leaf has no baseline, a baseline is negative,
     *     or a unit is unknown or not a leaf
     */
    public static CascadedTarget byBaseline(String kpi, TargetCascade cascade, double total,
            Map<String, Double> baselines) {
        return new CascadedTarget(kpi, cascade, total, Split.BASELINE, baselines);
    }

    /**
     * The KPI whose target is cascaded.
     *
     * @return the metric id
     */
    public String kpi() {
        return kpi;
    }

    /**
     * The hierarchy of owners.
     *
     * @return the cascade
     */
    public TargetCascade cascade() {
        return cascade;
    }

    /**
     * The root's target.
     *
     * @return the total
     */
    public double total() {
        return total;
    }

    /**
     * How the total is split.
     *
     * @return weights or baseline
     */
    public Split split() {
        return split;
    }

    /**
     * The weights (for {@link Split#WEIGHTS}) or leaf baselines (for {@link Split#BASELINE}) as given.
     *
     * @return unit to weight or baseline, in the order given
     */
    public Map<String, Double> shares() {
        return shares;
    }

    /**
     * The target of every unit, the root first (pre-order); a leaf unit's is an entity's target.
     *
     * @return unit to target
     */
    public Map<String, Double> targets() {
        return targets;
    }

    /**
     * The sum of the leaf units' values under every unit ({@link TargetCascade#rollUp(Map)}), or empty when a
     * leaf unit has no finite value.
     *
     * <pre>{@code
     * revenue.rollUp(Map.of("ana", 410_000.0, "ben", 380_000.0, "carla", 350_000.0)).get("north");  // 790,000
     * }</pre>
     *
     * @param leafValues entity to its value (other entries are ignored)
     * @return unit to rolled-up value, in pre-order, or an empty map when a leaf unit has no finite value
     */
    public Map<String, Double> rollUp(Map<String, Double> leafValues) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String leaf : cascade.leaves()) {
            Double v = leafValues.get(leaf);
            if (v == null || !Double.isFinite(v)) {
                return Map.of();
            }
            values.put(leaf, v);
        }
        return cascade.rollUp(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CascadedTarget c && c.kpi.equals(kpi) && c.cascade.equals(cascade)
                && Double.compare(c.total, total) == 0 && c.split == split && c.shares.equals(shares);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kpi, cascade, total, split, shares);
    }

    /**
     * The cascade as text: {@code revenue 1200000 by weights over TargetCascade[company, 6 units]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return kpi + " " + Normalization.num(total) + " by " + split.id() + " over " + cascade;
    }
}
