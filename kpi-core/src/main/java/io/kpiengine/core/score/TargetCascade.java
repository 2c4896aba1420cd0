package io.kpiengine.core.score;

import io.kpiengine.base.internal.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A hierarchy of owners (company, teams, people) through which an additive target is broken down top-down and
 * actual values or bottom-up targets are rolled up: the company's revenue target split into team targets and
 * person targets, and the people's own targets or results summed back up to compare.
 *
 * <pre>{@code
 * TargetCascade org = TargetCascade.builder("company")
 *         .unit("north", "company").unit("south", "company")
 *         .unit("alice", "north").unit("bob", "north").unit("carol", "south")
 *         .build();
 * Map<String, Double> byBaseline = org.splitByBaseline(1_200_000,
 *         Map.of("alice", 300_000.0, "bob", 200_000.0, "carol", 500_000.0));   // last year's revenue
 * byBaseline.get("north");      // 600,000: the team's share of the baseline, 500,000 / 1,000,000
 * org.rollUp(Map.of("alice", 320_000.0, "bob", 170_000.0, "carol", 560_000.0)).get("company");   // 1,050,000
 * }</pre>
 *
 * <p>Rules. <b>By weights</b> ({@link #split(double, Map)}): a unit's target is its parent's times its weight
 * divided by the weights of its siblings (units without a weight count as equal shares: weight 1). <b>By baseline
 * share</b> ({@link #splitByBaseline(double, Map)}): a leaf's baseline is given, an inner unit's is the sum of its
 * children's, and a unit's target is its parent's times its share of the parent's baseline (equal shares where
 * the parent's baseline is 0). Either way the children's targets sum to their parent's (up to rounding), so the
 * top-down targets roll up to the total. <b>Roll-up</b> ({@link #rollUp(Map)}): an inner unit's value is the sum of
 * its children's.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TargetCascade {

    private final String root;
    private final Map<String, List<String>> children;
    private final List<String> preOrder;

    private TargetCascade(String root, Map<String, List<String>> children) {
        this.root = root;
        this.children = children;
        List<String> order = new ArrayList<>();
        visit(root, order);
        this.preOrder = List.copyOf(order);
    }

    private void visit(String unit, List<String> order) {
        order.add(unit);
        Objects.requireNonNull(children.get(unit)).forEach(c -> visit(c, order));
    }

    /**
     * A builder for a hierarchy under a root unit.
     *
     * @param root the root's name, such as {@code company}
     * @return a new builder
     * @throws IllegalArgumentException if root is blank
     */
    public static Builder builder(String root) {
        if (Objects.requireNonNull(root, "root").isBlank()) {
            throw new IllegalArgumentException("root must not be blank");
        }
        return new Builder(root);
    }

    /**
     * The units in pre-order, the root first.
     *
     * @return an immutable list
     */
    public List<String> units() {
        return preOrder;
    }

    /**
     * The units without children, in pre-order.
     *
     * @return an immutable list
     */
    public List<String> leaves() {
        return preOrder.stream().filter(u -> Objects.requireNonNull(children.get(u)).isEmpty()).toList();
    }

    /**
     * The children of a unit.
     *
     * @param unit the unit
     * @return the children in declaration order
     * @throws IllegalArgumentException if there is no such unit
     */
    public List<String> children(String unit) {
        return Objects.requireNonNull(children.get(require(unit)));
    }

    private String require(String unit) {
        if (!children.containsKey(Objects.requireNonNull(unit, "unit"))) {
            throw new IllegalArgumentException("unit must be a unit of the cascade, but was '" + unit + "'"
                    + Suggestions.didYouMean(unit, children.keySet()));
        }
        return unit;
    }

    /**
     * Splits a total top-down by weights among siblings.
     *
     * <pre>{@code
     * org.split(1_200_000, Map.of("north", 2.0, "south", 1.0));   // north 800,000, south 400,000, alice 400,000...
     * }</pre>
     *
     * @param total the root's target
     * @param weights unit to non-negative weight; absent units weigh 1
     * @return unit to target, in pre-order
     * @throws IllegalArgumentException if total is not finite, a weighted unit is unknown, a weight is negative, or
     *     every sibling of a group weighs 0
     */
    public Map<String, Double> split(double total, Map<String, Double> weights) {
        finite(total);
        weights.forEach((u, w) -> {
            require(u);
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("the weight of unit '" + u + "' must be non-negative and finite,"
                        + " but was " + w);
            }
        });
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(root, total);
        for (String u : preOrder) {
            List<String> kids = Objects.requireNonNull(children.get(u));
            double sum = 0;
            for (String k : kids) {
                sum += weights.getOrDefault(k, 1.0);
            }
            if (!kids.isEmpty() && !(sum > 0)) {
                throw new IllegalArgumentException("the children of unit '" + u + "' all weigh 0");
            }
            for (String k : kids) {
                out.put(k, Objects.requireNonNull(out.get(u)) * weights.getOrDefault(k, 1.0) / sum);
            }
        }
        return ordered(out);
    }

    /**
     * Splits a total top-down in proportion to each unit's baseline (such as last year's value).
     *
     * @param total the root's target
     * @param leafBaselines the baseline of every leaf unit, non-negative
     * @return unit to target, in pre-order
     * @throws IllegalArgumentException if total is not finite, a leaf has no baseline, a baseline is negative, or a
     *     unit is unknown
     */
    // the lookups are of units of this cascade (preOrder), which the builder linked and the baselines cover
    @SuppressWarnings("NullAway")
    public Map<String, Double> splitByBaseline(double total, Map<String, Double> leafBaselines) {
        finite(total);
        Map<String, Double> baseline = rollUp(leafBaselines);
        for (Map.Entry<String, Double> e : leafBaselines.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("the baseline of unit '" + e.getKey() + "' must be non-negative,"
                        + " but was " + e.getValue());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(root, total);
        for (String u : preOrder) {
            List<String> kids = Objects.requireNonNull(children.get(u));
            double b = baseline.get(u);
            for (String k : kids) {
                out.put(k, b > 0 ? out.get(u) * baseline.get(k) / b : out.get(u) / kids.size());
            }
        }
        return ordered(out);
    }

    /**
     * Sums values bottom-up: an inner unit gets the sum of its children's.
     *
     * @param leafValues the value of every leaf unit (targets set bottom-up, or actual results)
     * @return unit to value, in pre-order
     * @throws IllegalArgumentException if a leaf has no value or a value is not finite, or a unit is unknown or
     *     not a leaf
     */
    // the lookups are of units of this cascade, visited children first, so each sum is there when read
    @SuppressWarnings("NullAway")
    public Map<String, Double> rollUp(Map<String, Double> leafValues) {
        Set<String> missing = new LinkedHashSet<>(leaves());
        for (Map.Entry<String, Double> e : leafValues.entrySet()) {
            if (!children(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("unit '" + e.getKey() + "' is not a leaf; give the values of"
                        + " leaves only, inner units are their sums");
            }
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("the value of unit '" + e.getKey() + "' must be finite, but was "
                        + e.getValue());
            }
            missing.remove(e.getKey());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("every leaf unit needs a value, but " + missing + " have none");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = preOrder.size() - 1; i >= 0; i--) {
            String u = preOrder.get(i);
            List<String> kids = Objects.requireNonNull(children.get(u));
            if (kids.isEmpty()) {
                out.put(u, leafValues.get(u));
            } else {
                double sum = 0;
                for (String k : kids) {
                    sum += out.get(k);
                }
                out.put(u, sum);
            }
        }
        return ordered(out);
    }

    private Map<String, Double> ordered(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        preOrder.forEach(u -> out.put(u, values.get(u)));
        return Collections.unmodifiableMap(out);
    }

    private static void finite(double total) {
        if (!Double.isFinite(total)) {
            throw new IllegalArgumentException("total must be finite, but was " + total);
        }
    }

    /**
     * The root unit.
     *
     * @return the root's name
     */
    public String root() {
        return root;
    }

    /**
     * The parent of a unit.
     *
     * @param unit the unit
     * @return its parent, or empty for the root
     * @throws IllegalArgumentException if there is no such unit (with the nearest names)
     */
    public java.util.Optional<String> parent(String unit) {
        require(unit);
        for (Map.Entry<String, List<String>> e : children.entrySet()) {
            if (e.getValue().contains(unit)) {
                return java.util.Optional.of(e.getKey());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Equal when the root and every unit's children (in order) are equal.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TargetCascade c && c.root.equals(root) && c.children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, children);
    }

    @Override
    public String toString() {
        return "TargetCascade[" + root + ", " + preOrder.size() + " units]";
    }

    /**
     * Builds a {@link TargetCascade}. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final String root;
        private final Map<String, String> parents = new LinkedHashMap<>();

        private Builder(String root) {
            this.root = root;
        }

        /**
         * Adds a unit under a parent (declared before or after).
         *
         * @param unit the unit's name
         * @param parent its parent's name
         * @return this builder
         * @throws IllegalArgumentException if the unit is blank
         * @throws IllegalStateException if the unit was already added or is the root
         */
        public Builder unit(String unit, String parent) {
            if (Objects.requireNonNull(unit, "unit").isBlank()) {
                throw new IllegalArgumentException("unit must not be blank");
            }
            Objects.requireNonNull(parent, "parent");
            if (unit.equals(root) || parents.putIfAbsent(unit, parent) != null) {
                throw new IllegalStateException("unit '" + unit + "' was already added");
            }
            return this;
        }

        /**
         * Builds the hierarchy.
         *
         * @return the cascade
         * @throws IllegalStateException if a parent is unknown (with the nearest names) or units form a cycle
         */
        // the parent chain walked here was checked to reach the root (a unit without parent is reported first)
        @SuppressWarnings("NullAway")
        public TargetCascade build() {
            Map<String, List<String>> children = new LinkedHashMap<>();
            children.put(root, new ArrayList<>());
            parents.keySet().forEach(u -> children.put(u, new ArrayList<>()));
            for (Map.Entry<String, String> e : parents.entrySet()) {
                List<String> siblings = children.get(e.getValue());
                if (siblings == null) {
                    throw new IllegalStateException("parent '" + e.getValue() + "' of unit '" + e.getKey()
                            + "' is not a unit" + Suggestions.didYouMean(e.getValue(), children.keySet()));
                }
                siblings.add(e.getKey());
            }
            for (String u : parents.keySet()) {
                String at = u;
                for (int steps = 0; !at.equals(root); steps++) {
                    if (steps > parents.size()) {
                        throw new IllegalStateException("unit '" + u + "' is not connected to '" + root
                                + "': its parents form a cycle");
                    }
                    at = parents.get(at);
                }
            }
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            children.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            return new TargetCascade(root, Collections.unmodifiableMap(frozen));
        }
    }
}
