package io.kpiengine.core.score;

import io.kpiengine.base.internal.Suggestions;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The input of a {@link ScoreCard} for one period: the raw values of KPIs for a list of entities (stores, regions,
 * salespeople), stored as one dense {@code double[]} column per KPI. A missing value is NaN and may carry a reason;
 * an entity may also carry its own target for a KPI.
 *
 * <pre>{@code
 * KpiMatrix march = KpiMatrix.builder("alice", "bob", "carol")
 *         .label("2025-03")
 *         .column("revenue", new double[] {120_000, 95_000, 143_000})
 *         .column("nps", new double[] {41, Double.NaN, 55})
 *         .missing("nps", "bob", "no survey answers in 2025-03")
 *         .targets("revenue", new double[] {110_000, 100_000, 130_000})
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: the builder copies every array it is given.
 */
public final class KpiMatrix {

    private final String label;
    private final List<String> entities;
    private final Map<String, Integer> entityIndex;
    private final Map<String, double[]> columns;
    private final Map<String, double[]> targets;
    private final Map<String, Map<Integer, String>> reasons;

    private KpiMatrix(String label, List<String> entities, Map<String, Integer> entityIndex,
            Map<String, double[]> columns, Map<String, double[]> targets, Map<String, Map<Integer, String>> reasons) {
        this.label = label;
        this.entities = entities;
        this.entityIndex = entityIndex;
        this.columns = columns;
        this.targets = targets;
        this.reasons = reasons;
    }

    /**
     * A builder for a matrix over the given entities.
     *
     * @param entities the entity labels, distinct, at least one
     * @return a new builder
     * @throws IllegalArgumentException if there is no entity or a label repeats
     */
    public static Builder builder(List<String> entities) {
        return new Builder(entities);
    }

    /**
     * A builder for a matrix over the given entities.
     *
     * @param entities the entity labels, distinct, at least one
     * @return a new builder
     * @throws IllegalArgumentException if there is no entity or a label repeats
     */
    public static Builder builder(String... entities) {
        return new Builder(List.of(entities));
    }

    /**
     * The period's label, such as {@code 2025-03}.
     *
     * @return the label; "" when none was set
     */
    public String label() {
        return label;
    }

    /**
     * The entity labels in input order.
     *
     * @return an immutable list
     */
    public List<String> entities() {
        return entities;
    }

    /**
     * The number of entities.
     *
     * @return the count
     */
    public int size() {
        return entities.size();
    }

    /**
     * The position of an entity.
     *
     * @param entity the label
     * @return the index
     * @throws IllegalArgumentException if the matrix has no such entity (with the nearest labels)
     */
    public int indexOf(String entity) {
        Integer i = entityIndex.get(Objects.requireNonNull(entity, "entity"));
        if (i == null) {
            throw new IllegalArgumentException("entity must be one of the " + entities.size() + " entities of the"
                    + " matrix, but was '" + entity + "'" + Suggestions.didYouMean(entity, entities));
        }
        return i;
    }

    /**
     * The KPI ids of the columns in the order they were added.
     *
     * @return an immutable list
     */
    public List<String> kpis() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Whether the matrix has a column.
     *
     * @param kpi the KPI id
     * @return true if present
     */
    public boolean has(String kpi) {
        return columns.containsKey(kpi);
    }

    /**
     * One raw value.
     *
     * @param kpi the KPI id
     * @param entity the entity's index
     * @return the value, NaN when missing
     * @throws IllegalArgumentException if the matrix has no such column
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double value(String kpi, int entity) {
        return ref(kpi)[Objects.checkIndex(entity, entities.size())];
    }

    /**
     * A copy of a column.
     *
     * @param kpi the KPI id
     * @return the values in entity order
     * @throws IllegalArgumentException if the matrix has no such column
     */
    public double[] column(String kpi) {
        return ref(kpi).clone();
    }

    /**
     * Why a value is missing.
     *
     * @param kpi the KPI id
     * @param entity the entity's index
     * @return the reason given to the builder, or empty
     * @throws IllegalArgumentException if the matrix has no such column
     */
    public Optional<String> reason(String kpi, int entity) {
        ref(kpi);
        Map<Integer, String> r = reasons.get(kpi);
        return Optional.ofNullable(r == null ? null : r.get(entity));
    }

    /**
     * An entity's own target for a KPI.
     *
     * @param kpi the KPI id
     * @param entity the entity's index
     * @return the target, NaN when the entity has none
     */
    public double target(String kpi, int entity) {
        double[] t = targets.get(kpi);
        return t == null ? Double.NaN : t[Objects.checkIndex(entity, entities.size())];
    }

    /** The column without copying, for the kernels; never modified. */
    double[] ref(String kpi) {
        double[] c = columns.get(Objects.requireNonNull(kpi, "kpi"));
        if (c == null) {
            throw new IllegalArgumentException("kpi must be a column of the matrix, but was '" + kpi + "'"
                    + Suggestions.didYouMean(kpi, columns.keySet()));
        }
        return c;
    }

    /** The targets column without copying, or null. */
    double @Nullable [] targetsRef(String kpi) {
        return targets.get(kpi);
    }

    @Override
    public String toString() {
        return "KpiMatrix[" + (label.isEmpty() ? "" : label + ": ") + entities.size() + " entities x "
                + columns.size() + " KPIs]";
    }

    /**
     * Builds a {@link KpiMatrix}. Not thread-safe; {@link #build()} leaves the builder reusable.
     */
    public static final class Builder {

        private final List<String> entities;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, double[]> columns = new LinkedHashMap<>();
        private final Map<String, double[]> targets = new LinkedHashMap<>();
        private final Map<String, Map<Integer, String>> reasons = new LinkedHashMap<>();
        private String label;

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder(List<String> entities) {
            List<String> copy = List.copyOf(entities);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("entities must not be empty");
            }
            for (int i = 0; i < copy.size(); i++) {
                if (index.put(copy.get(i), i) != null) {
                    throw new IllegalArgumentException("entities must be distinct, but '" + copy.get(i)
                            + "' appears twice");
                }
            }
            this.entities = copy;
        }

        /**
         * Sets the period's label.
         *
         * @param label the label, such as {@code 2025-03}
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder label(String label) {
            this.label = Once.set(this.label, label, "label");
            return this;
        }

        /**
         * Adds the raw values of a KPI, one per entity in entity order; NaN marks a missing value.
         *
         * @param kpi the KPI id
         * @param values the values (copied); infinities are refused
         * @return this builder
         * @throws IllegalArgumentException if the length differs from the number of entities or a value is infinite
         * @throws IllegalStateException if the column was already added
         */
        public Builder column(String kpi, double[] values) {
            Objects.requireNonNull(kpi, "kpi");
            double[] copy = checked(values, "values of '" + kpi + "'");
            if (columns.containsKey(kpi)) {
                throw new IllegalStateException("column '" + kpi + "' was already added");
            }
            columns.put(kpi, copy);
            return this;
        }

        /**
         * Gives the reason a value is missing, shown in the detail of every score that lacks it.
         *
         * @param kpi the KPI id of an added column
         * @param entity the entity's label
         * @param reason the reason, such as {@code no survey answers in 2025-03}
         * @return this builder
         * @throws IllegalArgumentException if the column or entity is unknown, or the value is not missing
         */
        public Builder missing(String kpi, String entity, String reason) {
            Objects.requireNonNull(reason, "reason");
            double[] c = columns.get(Objects.requireNonNull(kpi, "kpi"));
            if (c == null) {
                throw new IllegalArgumentException("kpi must be an added column, but was '" + kpi + "'"
                        + Suggestions.didYouMean(kpi, columns.keySet()));
            }
            Integer i = index.get(Objects.requireNonNull(entity, "entity"));
            if (i == null) {
                throw new IllegalArgumentException("entity must be an entity of the matrix, but was '" + entity + "'"
                        + Suggestions.didYouMean(entity, entities));
            }
            if (!Double.isNaN(c[i])) {
                throw new IllegalArgumentException("the value of '" + kpi + "' for '" + entity + "' is " + c[i]
                        + ", not missing");
            }
            reasons.computeIfAbsent(kpi, k -> new HashMap<>()).put(i, reason);
            return this;
        }

        /**
         * Adds each entity's own target for a KPI (NaN where an entity has none), used by target-based
         * normalisations before the leaf's and the metric's targets.
         *
         * @param kpi the KPI id
         * @param values the targets (copied)
         * @return this builder
         * @throws IllegalArgumentException if the length differs from the number of entities or a target is infinite
         * @throws IllegalStateException if targets of the KPI were already added
         */
        public Builder targets(String kpi, double[] values) {
            Objects.requireNonNull(kpi, "kpi");
            double[] copy = checked(values, "targets of '" + kpi + "'");
            if (targets.containsKey(kpi)) {
                throw new IllegalStateException("targets of '" + kpi + "' were already added");
            }
            targets.put(kpi, copy);
            return this;
        }

        private double[] checked(double[] values, String what) {
            if (Objects.requireNonNull(values, "values").length != entities.size()) {
                throw new IllegalArgumentException(what + " must have one value per entity (" + entities.size()
                        + "), but had " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    throw new IllegalArgumentException(what + " must be finite or NaN, but the value of '"
                            + entities.get(i) + "' was " + values[i]);
                }
            }
            return values.clone();
        }

        /**
         * Builds the matrix.
         *
         * @return the matrix
         */
        public KpiMatrix build() {
            Map<String, Map<Integer, String>> r = new LinkedHashMap<>();
            reasons.forEach((k, v) -> r.put(k, Map.copyOf(v)));
            return new KpiMatrix(label == null ? "" : label, entities, Map.copyOf(index),
                    Collections.unmodifiableMap(new LinkedHashMap<>(columns)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(targets)), Collections.unmodifiableMap(r));
        }
    }
}
