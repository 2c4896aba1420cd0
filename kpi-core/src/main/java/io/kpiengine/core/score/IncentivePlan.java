package io.kpiengine.core.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Incentives tied to scores: for each owner, a measure (a node's score, or a KPI leaf's
 * {@linkplain Scores#achievement(String, String) achievement} of its target), a target incentive and a
 * {@link PayoutCurve}; {@link #pay(Scores)} turns one period's scores into payouts.
 *
 * <pre>{@code
 * IncentivePlan plan = IncentivePlan.builder(curve)
 *         .onScore("alice", "sales_health", 5_000)         // alice's own score of the tree
 *         .onScore("north lead", "north", "team", 8_000)   // the team node of entity 'north'
 *         .onAchievement("bob", "revenue", 4_000)          // bob's revenue against his target
 *         .curve("bob", steppedCurve)
 *         .build();
 * plan.pay(scores).forEach(System.out::println);          // alice: score:sales_health 92.0 -> 110% = 5,500.00
 * }</pre>
 *
 * <p>An owner whose measure is missing is paid nothing, and the payout says why. Instances are immutable and
 * thread-safe.
 */
public final class IncentivePlan {

    private record Line(String owner, String entity, boolean score, String node, double amount) {
    }

    private final PayoutCurve curve;
    private final List<Line> lines;
    private final Map<String, PayoutCurve> curves;

    private IncentivePlan(PayoutCurve curve, List<Line> lines, Map<String, PayoutCurve> curves) {
        this.curve = curve;
        this.lines = List.copyOf(lines);
        this.curves = Map.copyOf(curves);
    }

    /**
     * A builder whose owners are paid by a curve unless given their own.
     *
     * @param curve the default curve
     * @return a new builder
     * @throws NullPointerException if curve is null
     */
    public static Builder builder(PayoutCurve curve) {
        return new Builder(Objects.requireNonNull(curve, "curve"));
    }

    /**
     * The payouts of one period, in the order the owners were added.
     *
     * @param scores the period's scores
     * @return one payout per owner
     * @throws IllegalArgumentException if an owner's node or leaf is not in the scores' tree (with the nearest
     *     names); an owner whose entity was not scored in the period is paid 0 and told why
     */
    public List<Payout> pay(Scores scores) {
        Objects.requireNonNull(scores, "scores");
        List<Payout> out = new ArrayList<>();
        for (Line l : lines) {
            double measure;
            String detail = "";
            if (!scores.entities().contains(l.entity())) {
                measure = Double.NaN;
                detail = "no scores for entity '" + l.entity() + "'" + (scores.label().isEmpty() ? ""
                        : " in " + scores.label());
            } else if (l.score()) {
                ScoreValue v = scores.value(l.node(), l.entity());
                measure = v.score();
                if (!v.isPresent()) {
                    detail = "no score: " + v.reason() + ": " + v.detail();
                }
            } else {
                measure = scores.achievement(l.node(), l.entity());
                if (Double.isNaN(measure)) {
                    detail = "no achievement of '" + l.node() + "' for '" + l.entity() + "': a value and a non-zero"
                            + " target are needed";
                }
            }
            double multiple = curves.getOrDefault(l.owner(), curve).payout(measure);
            out.add(new Payout(l.owner(), l.entity(), (l.score() ? "score:" : "achievement:") + l.node(), measure,
                    multiple, multiple * l.amount(), detail));
        }
        return List.copyOf(out);
    }

    /**
     * The default curve.
     *
     * @return the curve owners are paid by unless given their own
     */
    public PayoutCurve curve() {
        return curve;
    }

    /**
     * The owners paid, in the order they were added.
     *
     * @return an immutable list
     */
    public List<String> owners() {
        return lines.stream().map(Line::owner).toList();
    }

    /**
     * The curve of one owner: their own, else the plan's.
     *
     * @param owner an owner of the plan
     * @return the curve
     * @throws IllegalArgumentException if the plan does not pay that owner (with the nearest names)
     */
    public PayoutCurve curve(String owner) {
        line(owner);
        return curves.getOrDefault(owner, curve);
    }

    /**
     * What an owner is paid on: {@code score:<node>} or {@code achievement:<leaf>}.
     *
     * @param owner an owner of the plan
     * @return the basis
     * @throws IllegalArgumentException if the plan does not pay that owner (with the nearest names)
     */
    public String basis(String owner) {
        Line l = line(owner);
        return (l.score() ? "score:" : "achievement:") + l.node();
    }

    /**
     * The entity whose measure pays an owner.
     *
     * @param owner an owner of the plan
     * @return the entity
     * @throws IllegalArgumentException if the plan does not pay that owner (with the nearest names)
     */
    public String entity(String owner) {
        return line(owner).entity();
    }

    /**
     * The target incentive of an owner: the amount paid at the curve's target payout of 1.
     *
     * @param owner an owner of the plan
     * @return the amount
     * @throws IllegalArgumentException if the plan does not pay that owner (with the nearest names)
     */
    public double targetIncentive(String owner) {
        return line(owner).amount();
    }

    private Line line(String owner) {
        Objects.requireNonNull(owner, "owner");
        for (Line l : lines) {
            if (l.owner().equals(owner)) {
                return l;
            }
        }
        throw new IllegalArgumentException("owner must be an owner paid by the plan, but was '" + owner + "'"
                + io.kpiengine.base.internal.Suggestions.didYouMean(owner, owners()));
    }

    /**
     * Equal when the default curve, the owners with their measures and amounts (in order), and the owners' own
     * curves are equal.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof IncentivePlan p && p.curve.equals(curve) && p.lines.equals(lines)
                && p.curves.equals(curves);
    }

    @Override
    public int hashCode() {
        return Objects.hash(curve, lines, curves);
    }

    @Override
    public String toString() {
        return "IncentivePlan[" + lines.size() + " owners, " + curve + "]";
    }

    /**
     * Builds an {@link IncentivePlan}. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final PayoutCurve curve;
        private final Map<String, Line> lines = new LinkedHashMap<>();
        private final Map<String, PayoutCurve> curves = new LinkedHashMap<>();

        private Builder(PayoutCurve curve) {
            this.curve = curve;
        }

        private Builder add(Line l) {
            if (!(l.amount() >= 0) || !Double.isFinite(l.amount())) {
                throw new IllegalArgumentException("the target incentive must be non-negative and finite, but was "
                        + l.amount());
            }
            if (lines.putIfAbsent(Objects.requireNonNull(l.owner(), "owner"), l) != null) {
                throw new IllegalStateException("owner '" + l.owner() + "' was already added");
            }
            return this;
        }

        /**
         * Pays an owner on their own entity's score of a node (the entity is the owner's name).
         *
         * @param owner the owner, also the entity
         * @param nodeId the node whose score is the measure
         * @param targetIncentive the amount paid at the curve's target
         * @return this builder
         * @throws IllegalArgumentException if the amount is negative or not finite
         * @throws IllegalStateException if the owner was already added
         */
        public Builder onScore(String owner, String nodeId, double targetIncentive) {
            return onScore(owner, owner, nodeId, targetIncentive);
        }

        /**
         * Pays an owner on an entity's score of a node.
         *
         * @param owner the owner
         * @param entity the entity whose score counts
         * @param nodeId the node whose score is the measure
         * @param targetIncentive the amount paid at the curve's target
         * @return this builder
         * @throws IllegalArgumentException if the amount is negative or not finite
         * @throws IllegalStateException if the owner was already added
         */
        public Builder onScore(String owner, String entity, String nodeId, double targetIncentive) {
            return add(new Line(owner, Objects.requireNonNull(entity, "entity"), true,
                    Objects.requireNonNull(nodeId, "nodeId"), targetIncentive));
        }

        /**
         * Pays an owner on their own entity's achievement of a KPI leaf's target, in percent.
         *
         * @param owner the owner, also the entity
         * @param leafId the KPI leaf
         * @param targetIncentive the amount paid at the curve's target
         * @return this builder
         * @throws IllegalArgumentException if the amount is negative or not finite
         * @throws IllegalStateException if the owner was already added
         */
        public Builder onAchievement(String owner, String leafId, double targetIncentive) {
            return add(new Line(owner, owner, false, Objects.requireNonNull(leafId, "leafId"), targetIncentive));
        }

        /**
         * Pays an owner on an entity's achievement of a KPI leaf's target, in percent.
         *
         * @param owner the owner
         * @param entity the entity whose achievement counts
         * @param leafId the KPI leaf
         * @param targetIncentive the amount paid at the curve's target
         * @return this builder
         * @throws IllegalArgumentException if the amount is negative or not finite
         * @throws IllegalStateException if the owner was already added
         */
        public Builder onAchievement(String owner, String entity, String leafId, double targetIncentive) {
            return add(new Line(owner, Objects.requireNonNull(entity, "entity"), false,
                    Objects.requireNonNull(leafId, "leafId"), targetIncentive));
        }

        /**
         * Pays an owner by a curve of their own.
         *
         * @param owner an added owner
         * @param curve the curve
         * @return this builder
         * @throws IllegalStateException if the owner already has a curve
         */
        public Builder curve(String owner, PayoutCurve curve) {
            Objects.requireNonNull(curve, "curve");
            if (curves.putIfAbsent(Objects.requireNonNull(owner, "owner"), curve) != null) {
                throw new IllegalStateException("the curve of owner '" + owner + "' was already set");
            }
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return the plan
         * @throws IllegalStateException if a curve is set for an owner that was not added
         */
        public IncentivePlan build() {
            for (String owner : curves.keySet()) {
                if (!lines.containsKey(owner)) {
                    throw new IllegalStateException("a curve is set for owner '" + owner + "', who is not paid by the"
                            + " plan" + io.kpiengine.base.internal.Suggestions.didYouMean(owner, lines.keySet()));
                }
            }
            return new IncentivePlan(curve, new ArrayList<>(lines.values()), curves);
        }
    }
}
