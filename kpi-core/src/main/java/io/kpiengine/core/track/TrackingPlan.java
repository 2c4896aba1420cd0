package io.kpiengine.core.track;

import io.kpiengine.data.doc.Location;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * What to track beyond the metric metadata: status rules, planned targets, alert rules, action plans, review dates
 * and the settings of findings, forecasts and false-alarm control. A catalog document declares it in its
 * {@code tracking}, {@code alerts} and {@code actions} sections ({@code docs/tracking.md}); {@code catalog.tracking()}
 * returns it, checked against the catalog's metrics. In code, build one and give it to
 * {@link Tracker.Builder#plan(TrackingPlan)}.
 *
 * <pre>{@code
 * TrackingPlan plan = TrackingPlan.builder()
 *         .statusRules(StatusRules.defaults())
 *         .target(PlannedTarget.longTerm("leads", new BigDecimal("15000"))
 *                 .phased(Phasing.SEASONAL, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
 *         .alert(AlertRule.threshold("leads-low", "leads").input(AlertRule.Input.ACHIEVEMENT).below(90).exitAt(95)
 *                 .build())
 *         .action(ActionPlan.of("boost-social", "leads", "maria.kim", LocalDate.of(2025, 7, 31)))
 *         .lastReviewed("leads", LocalDate.of(2025, 6, 30))
 *         .build();
 * }</pre>
 *
 * <p>Where an entry was declared ({@link #location(Object, String)}) is kept for messages but is not part of the
 * plan's equality. Instances are immutable and thread-safe.
 */
public final class TrackingPlan {

    /** The default number of consecutive off-track periods after which a KPI without an open plan is reported. */
    public static final int DEFAULT_OFF_TRACK_PERIODS = 3;
    /** The default level of forecast prediction intervals. */
    public static final double DEFAULT_INTERVAL_LEVEL = 0.8;
    /** The default distance, in standard deviations, beyond which a target is reported as unrealistic. */
    public static final double DEFAULT_REALISM_SIGMAS = 3;

    /** A plan that adds nothing to the metric metadata: built-in status rules, no alerts, no plans. */
    public static final TrackingPlan EMPTY = builder().build();

    private final StatusRules statusRules;
    private final Map<String, StatusRules> metricStatusRules;
    private final List<PlannedTarget> targets;
    private final List<AlertRule> alerts;
    private final List<ActionPlan> actions;
    private final Map<String, LocalDate> lastReviewed;
    private final int offTrackPeriods;
    private final double falseDiscoveryRate;
    private final double intervalLevel;
    private final double realismSigmas;
    private final Map<Object, Map<String, Location>> locations;
    private final Map<String, Map<String, Location>> metricLocations;

    private TrackingPlan(Builder b) {
        this.statusRules = b.statusRules;
        this.metricStatusRules = Collections.unmodifiableMap(new LinkedHashMap<>(b.metricStatusRules));
        this.targets = List.copyOf(b.targets);
        this.alerts = List.copyOf(b.alerts);
        this.actions = List.copyOf(b.actions);
        this.lastReviewed = Collections.unmodifiableMap(new LinkedHashMap<>(b.lastReviewed));
        this.offTrackPeriods = b.offTrackPeriods == null ? DEFAULT_OFF_TRACK_PERIODS : b.offTrackPeriods;
        this.falseDiscoveryRate = b.falseDiscoveryRate == null ? Double.NaN : b.falseDiscoveryRate;
        this.intervalLevel = b.intervalLevel == null ? DEFAULT_INTERVAL_LEVEL : b.intervalLevel;
        this.realismSigmas = b.realismSigmas == null ? DEFAULT_REALISM_SIGMAS : b.realismSigmas;
        this.locations = Collections.unmodifiableMap(new IdentityHashMap<>(b.locations));
        this.metricLocations = Map.copyOf(b.metricLocations);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The status rules of every metric that has none of its own.
     *
     * @return the rules, the built-in ones when none were set
     */
    public StatusRules statusRules() {
        return statusRules == null ? StatusRules.defaults() : statusRules;
    }

    /**
     * The status rules of one metric: its own, else the plan's.
     *
     * @param metric the metric id
     * @return the rules
     */
    public StatusRules statusRules(String metric) {
        StatusRules own = metricStatusRules.get(Objects.requireNonNull(metric, "metric"));
        return own != null ? own : statusRules();
    }

    /**
     * The metrics with status rules of their own.
     *
     * @return metric id to rules, in declaration order
     */
    public Map<String, StatusRules> metricStatusRules() {
        return metricStatusRules;
    }

    /**
     * The planned targets, in declaration order.
     *
     * @return an immutable list
     */
    public List<PlannedTarget> targets() {
        return targets;
    }

    /**
     * The alert rules, in declaration order.
     *
     * @return an immutable list
     */
    public List<AlertRule> alerts() {
        return alerts;
    }

    /**
     * The action plans, in declaration order.
     *
     * @return an immutable list
     */
    public List<ActionPlan> actions() {
        return actions;
    }

    /**
     * The date each KPI was last reviewed; with the metric's review cycle it decides an overdue review.
     *
     * @return metric id to date
     */
    public Map<String, LocalDate> lastReviewed() {
        return lastReviewed;
    }

    /**
     * After how many consecutive off-track periods a KPI segment without an open action plan is reported.
     *
     * @return the count, {@value #DEFAULT_OFF_TRACK_PERIODS} by default
     */
    public int offTrackPeriods() {
        return offTrackPeriods;
    }

    /**
     * The false discovery rate at which anomaly alerts are controlled by Benjamini-Hochberg across the scorecard.
     *
     * @return the rate, empty when false-alarm control is off (the default)
     */
    public OptionalDouble falseDiscoveryRate() {
        return Double.isNaN(falseDiscoveryRate) ? OptionalDouble.empty() : OptionalDouble.of(falseDiscoveryRate);
    }

    /**
     * The level of forecast prediction intervals.
     *
     * @return the level, {@value #DEFAULT_INTERVAL_LEVEL} by default
     */
    public double intervalLevel() {
        return intervalLevel;
    }

    /**
     * How many standard deviations of the trailing window a target may lie beyond the baseline before the
     * scorecard reports it as unrealistic.
     *
     * @return the distance, {@value #DEFAULT_REALISM_SIGMAS} by default
     */
    public double realismSigmas() {
        return realismSigmas;
    }

    /**
     * Where a field of an entry (a target, alert rule, action plan or status rule of this plan) was declared.
     *
     * @param entry the entry
     * @param field the document field, or {@code ""} for the entry itself
     * @return the location of the field, else of the entry; empty for entries built in code
     */
    public Optional<Location> location(Object entry, String field) {
        Map<String, Location> at = locations.get(entry);
        if (at == null) {
            return Optional.empty();
        }
        Location l = at.get(field);
        return Optional.ofNullable(l != null ? l : at.get(""));
    }

    /**
     * Where a per-metric setting (its status rules, its last review) was declared.
     *
     * @param metric the metric id
     * @param field the document field, or {@code ""} for the metric's entry
     * @return the location, empty for settings made in code
     */
    public Optional<Location> metricLocation(String metric, String field) {
        Map<String, Location> at = metricLocations.get(metric);
        if (at == null) {
            return Optional.empty();
        }
        Location l = at.get(field);
        return Optional.ofNullable(l != null ? l : at.get(""));
    }

    /**
     * Whether the plan adds anything to the metric metadata.
     *
     * @return true if it equals {@link #EMPTY}
     */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /**
     * Equal when rules, targets, alerts, plans, review dates and settings are equal, wherever they were declared.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingPlan p && Objects.equals(p.statusRules, statusRules)
                && p.metricStatusRules.equals(metricStatusRules) && p.targets.equals(targets)
                && p.alerts.equals(alerts) && p.actions.equals(actions) && p.lastReviewed.equals(lastReviewed)
                && p.offTrackPeriods == offTrackPeriods && Double.compare(p.falseDiscoveryRate, falseDiscoveryRate) == 0
                && Double.compare(p.intervalLevel, intervalLevel) == 0
                && Double.compare(p.realismSigmas, realismSigmas) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusRules, metricStatusRules, targets, alerts, actions, lastReviewed, offTrackPeriods,
                falseDiscoveryRate, intervalLevel, realismSigmas);
    }

    @Override
    public String toString() {
        return "tracking plan (" + targets.size() + " targets, " + alerts.size() + " alert rules, " + actions.size()
                + " action plans)";
    }

    /**
     * Builds a {@link TrackingPlan}. Single-valued settings may be set once; entries accumulate. Not thread-safe;
     * {@link #build()} may be called many times.
     */
    public static final class Builder {
        private StatusRules statusRules;
        private final Map<String, StatusRules> metricStatusRules = new LinkedHashMap<>();
        private final List<PlannedTarget> targets = new ArrayList<>();
        private final List<AlertRule> alerts = new ArrayList<>();
        private final List<ActionPlan> actions = new ArrayList<>();
        private final Map<String, LocalDate> lastReviewed = new LinkedHashMap<>();
        private Integer offTrackPeriods;
        private Double falseDiscoveryRate;
        private Double intervalLevel;
        private Double realismSigmas;
        private final Map<Object, Map<String, Location>> locations = new IdentityHashMap<>();
        private final Map<String, Map<String, Location>> metricLocations = new HashMap<>();

        @SuppressWarnings("NullAway.Init") // an option left unset stays null until build() or the query applies its default
        private Builder() {
        }

        private static <T> T once(@Nullable T current, T value, String what) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return value;
        }

        /**
         * Sets the status rules of every metric without rules of its own (default {@link StatusRules#defaults()}).
         *
         * @param rules the rules
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder statusRules(StatusRules rules) {
            this.statusRules = once(this.statusRules, rules, "statusRules");
            return this;
        }

        /**
         * Sets the status rules of one metric.
         *
         * @param metric the metric id
         * @param rules the rules
         * @return this builder
         * @throws IllegalStateException if the metric's rules were already set
         */
        public Builder statusRules(String metric, StatusRules rules) {
            once(metricStatusRules.get(Objects.requireNonNull(metric, "metric")), rules, "statusRules of " + metric);
            metricStatusRules.put(metric, rules);
            return this;
        }

        /**
         * Adds a planned target.
         *
         * <pre>{@code
         * plan.target(PlannedTarget.shortTerm("leads", 300).segment(Map.of("channel", "email"))
         *         .from(LocalDate.of(2025, 7, 1)));
         * }</pre>
         *
         * @param target the target
         * @return this builder
         */
        public Builder target(PlannedTarget target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * Adds an alert rule.
         *
         * <pre>{@code
         * plan.alert(AlertRule.change("leads-drop", "leads").percent().below(-20).periods(2).build());
         * }</pre>
         *
         * @param rule the rule
         * @return this builder
         * @throws IllegalArgumentException if a rule of the same id was added
         */
        public Builder alert(AlertRule rule) {
            Objects.requireNonNull(rule, "rule");
            for (AlertRule a : alerts) {
                if (a.id().equals(rule.id())) {
                    throw new IllegalArgumentException("alert rule ids must be unique, but '" + rule.id()
                            + "' is used twice");
                }
            }
            alerts.add(rule);
            return this;
        }

        /**
         * Adds an action plan.
         *
         * <pre>{@code
         * builder.action(ActionPlan.of("fix-social", "leads", "maria.kim", LocalDate.of(2025, 8, 31)));
         * }</pre>
         *
         * @param plan the plan
         * @return this builder
         * @throws IllegalArgumentException if a plan of the same id was added
         */
        public Builder action(ActionPlan plan) {
            Objects.requireNonNull(plan, "plan");
            for (ActionPlan a : actions) {
                if (a.id().equals(plan.id())) {
                    throw new IllegalArgumentException("action plan ids must be unique, but '" + plan.id()
                            + "' is used twice");
                }
            }
            actions.add(plan);
            return this;
        }

        /**
         * Records when a KPI was last reviewed.
         *
         * @param metric the metric id
         * @param date the date of the review
         * @return this builder
         * @throws IllegalStateException if already set for the metric
         */
        public Builder lastReviewed(String metric, LocalDate date) {
            once(lastReviewed.get(Objects.requireNonNull(metric, "metric")), date, "lastReviewed of " + metric);
            lastReviewed.put(metric, date);
            return this;
        }

        /**
         * After how many consecutive off-track periods a KPI segment without an open plan is reported.
         *
         * @param n 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if n is out of range
         * @throws IllegalStateException if already set
         */
        public Builder offTrackPeriods(int n) {
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException("offTrackPeriods must be between 1 and 1000, but was " + n);
            }
            this.offTrackPeriods = once(this.offTrackPeriods, n, "offTrackPeriods");
            return this;
        }

        /**
         * Turns on false-alarm control of anomaly alerts: Benjamini-Hochberg at this false discovery rate over the
         * anomaly p-values of each period of the scorecard.
         *
         * @param rate in (0, 1), e.g. 0.05
         * @return this builder
         * @throws IllegalArgumentException if rate is out of range or not finite
         * @throws IllegalStateException if already set
         */
        public Builder falseDiscoveryRate(double rate) {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("falseDiscoveryRate must be in (0, 1), but was " + rate);
            }
            this.falseDiscoveryRate = once(this.falseDiscoveryRate, rate, "falseDiscoveryRate");
            return this;
        }

        /**
         * The level of forecast prediction intervals (default {@value TrackingPlan#DEFAULT_INTERVAL_LEVEL}).
         *
         * @param level in (0, 1), e.g. 0.8 or 0.95
         * @return this builder
         * @throws IllegalArgumentException if level is out of range or not finite
         * @throws IllegalStateException if already set
         */
        public Builder intervalLevel(double level) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("intervalLevel must be in (0, 1), but was " + level);
            }
            this.intervalLevel = once(this.intervalLevel, level, "intervalLevel");
            return this;
        }

        /**
         * How many standard deviations beyond the baseline a target may lie before it is reported as unrealistic
         * (default {@value TrackingPlan#DEFAULT_REALISM_SIGMAS}).
         *
         * @param sigmas positive
         * @return this builder
         * @throws IllegalArgumentException if sigmas is not positive and finite
         * @throws IllegalStateException if already set
         */
        public Builder realismSigmas(double sigmas) {
            if (!(sigmas > 0 && sigmas < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("realismSigmas must be positive, but was " + sigmas);
            }
            this.realismSigmas = once(this.realismSigmas, sigmas, "realismSigmas");
            return this;
        }

        /**
         * Records where an entry added to this builder (a target, alert rule, action plan or status rule) was
         * declared, field by field, for messages; document readers call it.
         *
         * @param entry the entry
         * @param fields document field name to location; {@code ""} for the entry itself
         * @return this builder
         */
        public Builder at(Object entry, Map<String, Location> fields) {
            locations.put(Objects.requireNonNull(entry, "entry"), Map.copyOf(fields));
            return this;
        }

        /**
         * Records where a metric's settings were declared, field by field, for messages.
         *
         * @param metric the metric id
         * @param fields document field name to location; {@code ""} for the metric's entry
         * @return this builder
         */
        public Builder atMetric(String metric, Map<String, Location> fields) {
            metricLocations.put(Objects.requireNonNull(metric, "metric"), Map.copyOf(fields));
            return this;
        }

        /**
         * Builds the plan. It is checked against a catalog when the catalog is built or a tracker is built.
         *
         * @return the plan
         */
        public TrackingPlan build() {
            return new TrackingPlan(this);
        }
    }
}
