package io.kpiengine.core.metric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a metric means and who answers for it: name, description, owner, unit, direction, tier, indicator kind
 * and linked leading indicators, vanity flag, review cycle, scope, tags, change history, baseline and targets.
 * Everything is optional; {@link Linter} reports what a KPI should have.
 *
 * <pre>{@code
 * MetricMetadata m = MetricMetadata.builder()
 *         .name("Conversion rate")
 *         .owner("growth-team")
 *         .unit(Unit.PERCENT)
 *         .direction(Direction.HIGHER_IS_BETTER)
 *         .tier(Tier.CORE)
 *         .indicatorKind(IndicatorKind.LAGGING)
 *         .leadingIndicators("visitors")
 *         .reviewCycle(ReviewCycle.MONTHLY)
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MetricMetadata {

    /** Metadata with nothing set. */
    public static final MetricMetadata EMPTY = builder().build();

    private final String name;
    private final String description;
    private final String owner;
    private final Unit unit;
    private final Direction direction;
    private final TargetBand targetBand;
    private final Tier tier;
    private final IndicatorKind indicatorKind;
    private final List<String> leadingIndicators;
    private final boolean vanity;
    private final ReviewCycle reviewCycle;
    private final String scope;
    private final List<String> tags;
    private final List<MetricVersion> versions;
    private final Baseline baseline;
    private final Targets targets;

    private MetricMetadata(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.owner = b.owner;
        this.unit = b.unit;
        this.direction = b.direction;
        this.targetBand = b.targetBand;
        this.tier = b.tier;
        this.indicatorKind = b.indicatorKind;
        this.leadingIndicators = List.copyOf(b.leadingIndicators);
        this.vanity = b.vanity != null && b.vanity;
        this.reviewCycle = b.reviewCycle;
        this.scope = b.scope;
        this.tags = List.copyOf(b.tags);
        this.versions = List.copyOf(b.versions);
        this.baseline = b.baseline;
        this.targets = b.targets == null ? Targets.NONE : b.targets;
    }

    /**
     * A builder.
     *
     * <pre>{@code
     * MetricMetadata m = MetricMetadata.builder().name("Conversion rate").owner("growth-team").tier(Tier.CORE).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this metadata's values; each may be set once more only where unset.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.description = description;
        b.owner = owner;
        b.unit = unit;
        b.direction = direction;
        b.targetBand = targetBand;
        b.tier = tier;
        b.indicatorKind = indicatorKind;
        b.leadingIndicators.addAll(leadingIndicators);
        b.vanity = vanity ? Boolean.TRUE : null;
        b.reviewCycle = reviewCycle;
        b.scope = scope;
        b.tags.addAll(tags);
        b.versions.addAll(versions);
        b.baseline = baseline;
        b.targets = targets.isEmpty() ? null : targets;
        return b;
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
     * What the metric measures and how to read it.
     *
     * @return the description, if set
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * The person or team accountable for the metric.
     *
     * @return the owner, if set
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The declared unit; the catalog infers and checks units of ratios and formulas.
     *
     * @return the unit, if declared
     */
    public Optional<Unit> unit() {
        return Optional.ofNullable(unit);
    }

    /**
     * Which way the metric should move.
     *
     * @return the direction, if set
     */
    public Optional<Direction> direction() {
        return Optional.ofNullable(direction);
    }

    /**
     * The good range of a {@link Direction#TARGET_BAND} metric.
     *
     * @return the band, present exactly when the direction is TARGET_BAND
     */
    public Optional<TargetBand> targetBand() {
        return Optional.ofNullable(targetBand);
    }

    /**
     * The tier; a metric with a tier is a KPI, one without is a building block.
     *
     * @return the tier, if set
     */
    public Optional<Tier> tier() {
        return Optional.ofNullable(tier);
    }

    /**
     * Whether the metric is a KPI: it has a tier.
     *
     * @return true if a tier is set
     */
    public boolean isKpi() {
        return tier != null;
    }

    /**
     * Leading or lagging.
     *
     * @return the kind, if set
     */
    public Optional<IndicatorKind> indicatorKind() {
        return Optional.ofNullable(indicatorKind);
    }

    /**
     * The ids of the leading indicators that drive this metric.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> leadingIndicators() {
        return leadingIndicators;
    }

    /**
     * Whether the metric is a vanity metric: it looks good but does not inform decisions.
     *
     * @return true if flagged
     */
    public boolean vanity() {
        return vanity;
    }

    /**
     * How often the metric is reviewed.
     *
     * @return the cycle, if set
     */
    public Optional<ReviewCycle> reviewCycle() {
        return Optional.ofNullable(reviewCycle);
    }

    /**
     * The scope (team, department, product) whose KPI set this metric belongs to.
     *
     * @return the scope, if set; unscoped KPIs share the catalog's scope
     */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /**
     * Free tags, in declaration order, without duplicates.
     *
     * @return an immutable list
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * The change history, oldest first, with strictly increasing effective dates.
     *
     * @return an immutable list, possibly empty
     */
    public List<MetricVersion> versions() {
        return versions;
    }

    /**
     * The current version: the last of {@link #versions()}.
     *
     * @return the version, if any
     */
    public Optional<MetricVersion> currentVersion() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /**
     * How the baseline is determined.
     *
     * @return the baseline specification, if set
     */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    /**
     * The target slots.
     *
     * @return the targets, {@link Targets#NONE} when unset
     */
    public Targets targets() {
        return targets;
    }

    /**
     * Where a value stands against this metric's target or band, with the default at-risk margin of 5% (the rule
     * is in {@link TargetStatus}).
     *
     * <pre>{@code
     * MetricMetadata md = catalog.metric("conversion_rate").orElseThrow().metadata();
     * results.number("conversion_rate", march, Map.of()).ifPresent(v ->
     *         System.out.println(v + " " + md.targetStatus(v).map(Enum::name).orElse("no target")));
     * }</pre>
     *
     * @param value the KPI value
     * @return the status, or empty when the metric has no direction, or no target for its direction
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public Optional<TargetStatus> targetStatus(double value) {
        return targetStatus(value, TargetStatus.DEFAULT_MARGIN);
    }

    /**
     * Where a value stands against this metric's target or band, with a chosen at-risk margin (the rule is in
     * {@link TargetStatus}).
     *
     * @param value the KPI value
     * @param margin how far, as a fraction of the target, a value may miss it and still be AT_RISK rather than
     *     OFF_TRACK: 0 to 1, e.g. 0.1 for 10%
     * @return the status, or empty when the metric has no direction, or no target for its direction
     * @throws IllegalArgumentException if the value is NaN or infinite, or the margin is outside 0..1
     */
    public Optional<TargetStatus> targetStatus(double value, double margin) {
        return TargetStatus.of(direction, targetBand, targets, value, margin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricMetadata m && Objects.equals(m.name, name)
                && Objects.equals(m.description, description) && Objects.equals(m.owner, owner)
                && Objects.equals(m.unit, unit) && m.direction == direction
                && Objects.equals(m.targetBand, targetBand) && m.tier == tier && m.indicatorKind == indicatorKind
                && m.leadingIndicators.equals(leadingIndicators) && m.vanity == vanity
                && m.reviewCycle == reviewCycle && Objects.equals(m.scope, scope) && m.tags.equals(tags)
                && m.versions.equals(versions) && Objects.equals(m.baseline, baseline) && m.targets.equals(targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, description, owner, unit, direction, targetBand, tier, indicatorKind,
                leadingIndicators, vanity, reviewCycle, scope, tags, versions, baseline, targets);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "name", name);
        append(sb, "owner", owner);
        append(sb, "unit", unit);
        append(sb, "direction", direction);
        append(sb, "band", targetBand);
        append(sb, "tier", tier);
        append(sb, "kind", indicatorKind);
        append(sb, "leading", leadingIndicators.isEmpty() ? null : leadingIndicators);
        append(sb, "vanity", vanity ? Boolean.TRUE : null);
        append(sb, "review", reviewCycle);
        append(sb, "scope", scope);
        append(sb, "tags", tags.isEmpty() ? null : tags);
        append(sb, "version", currentVersion().map(MetricVersion::version).orElse(null));
        append(sb, "baseline", baseline);
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String key, @Nullable Object value) {
        if (value != null) {
            sb.append(sb.length() > 1 ? ", " : "").append(key).append('=').append(value);
        }
    }

    /**
     * Builds {@link MetricMetadata}. Each single-valued option may be set once; list options accumulate.
     * {@link #build()} checks the rules that span options and may be called many times.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private String description;
        private String owner;
        private Unit unit;
        private Direction direction;
        private TargetBand targetBand;
        private Tier tier;
        private IndicatorKind indicatorKind;
        private final List<String> leadingIndicators = new ArrayList<>();
        private @Nullable Boolean vanity;
        private ReviewCycle reviewCycle;
        private String scope;
        private final Set<String> tags = new LinkedHashSet<>();
        private final List<MetricVersion> versions = new ArrayList<>();
        private Baseline baseline;
        private @Nullable Targets targets;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        private static <T> T once(@Nullable T current, T value, String what) {
            Objects.requireNonNull(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return value;
        }

        private static String text(String current, String value, String what) {
            String v = once(current, value, what);
            if (v.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, but was '" + v + "'");
            }
            return v;
        }

        /**
         * Sets the display name.
         *
         * @param name not blank
         * @return this builder
         * @throws NullPointerException if name is null
         * @throws IllegalArgumentException if name is blank
         * @throws IllegalStateException if already set
         */
        public Builder name(String name) {
            this.name = text(this.name, name, "name");
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description not blank
         * @return this builder
         * @throws NullPointerException if description is null
         * @throws IllegalArgumentException if description is blank
         * @throws IllegalStateException if already set
         */
        public Builder description(String description) {
            this.description = text(this.description, description, "description");
            return this;
        }

        /**
         * Sets the accountable person or team.
         *
         * @param owner not blank
         * @return this builder
         * @throws NullPointerException if owner is null
         * @throws IllegalArgumentException if owner is blank
         * @throws IllegalStateException if already set
         */
        public Builder owner(String owner) {
            this.owner = text(this.owner, owner, "owner");
            return this;
        }

        /**
         * Sets the unit.
         *
         * @param unit the unit
         * @return this builder
         * @throws NullPointerException if unit is null
         * @throws IllegalStateException if already set
         */
        public Builder unit(Unit unit) {
            this.unit = once(this.unit, unit, "unit");
            return this;
        }

        /**
         * Sets the direction; {@link Direction#TARGET_BAND} also needs {@link #targetBand(TargetBand)}.
         *
         * @param direction the direction
         * @return this builder
         * @throws NullPointerException if direction is null
         * @throws IllegalStateException if already set
         */
        public Builder direction(Direction direction) {
            this.direction = once(this.direction, direction, "direction");
            return this;
        }

        /**
         * Sets the band of good values of a TARGET_BAND metric.
         *
         * @param band the band
         * @return this builder
         * @throws NullPointerException if band is null
         * @throws IllegalStateException if already set
         */
        public Builder targetBand(TargetBand band) {
            this.targetBand = once(this.targetBand, band, "targetBand");
            return this;
        }

        /**
         * Sets the tier, which makes the metric a KPI.
         *
         * @param tier the tier
         * @return this builder
         * @throws NullPointerException if tier is null
         * @throws IllegalStateException if already set
         */
        public Builder tier(Tier tier) {
            this.tier = once(this.tier, tier, "tier");
            return this;
        }

        /**
         * Sets leading or lagging.
         *
         * @param kind the kind
         * @return this builder
         * @throws NullPointerException if kind is null
         * @throws IllegalStateException if already set
         */
        public Builder indicatorKind(IndicatorKind kind) {
            this.indicatorKind = once(this.indicatorKind, kind, "indicatorKind");
            return this;
        }

        /**
         * Adds leading indicators that drive this metric (ids of other metrics of the catalog).
         *
         * @param metricIds the ids
         * @return this builder
         * @throws NullPointerException if an id is null
         * @throws IllegalArgumentException if an id is blank or already linked
         */
        public Builder leadingIndicators(String... metricIds) {
            for (String id : metricIds) {
                Objects.requireNonNull(id, "metricId");
                if (id.isBlank() || leadingIndicators.contains(id)) {
                    throw new IllegalArgumentException("leading indicator must be a new, non-blank metric id, but"
                            + " was '" + id + "'");
                }
                leadingIndicators.add(id);
            }
            return this;
        }

        /**
         * Flags or clears the vanity flag (default false).
         *
         * @param vanity true for a vanity metric
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder vanity(boolean vanity) {
            this.vanity = once(this.vanity, vanity, "vanity");
            return this;
        }

        /**
         * Sets the review cycle.
         *
         * @param cycle the cycle
         * @return this builder
         * @throws NullPointerException if cycle is null
         * @throws IllegalStateException if already set
         */
        public Builder reviewCycle(ReviewCycle cycle) {
            this.reviewCycle = once(this.reviewCycle, cycle, "reviewCycle");
            return this;
        }

        /**
         * Sets the scope (team, department, product).
         *
         * @param scope not blank
         * @return this builder
         * @throws NullPointerException if scope is null
         * @throws IllegalArgumentException if scope is blank
         * @throws IllegalStateException if already set
         */
        public Builder scope(String scope) {
            this.scope = text(this.scope, scope, "scope");
            return this;
        }

        /**
         * Adds tags.
         *
         * @param tags not blank; duplicates are ignored
         * @return this builder
         * @throws NullPointerException if a tag is null
         * @throws IllegalArgumentException if a tag is blank
         */
        public Builder tags(String... tags) {
            for (String t : tags) {
                Objects.requireNonNull(t, "tag");
                if (t.isBlank()) {
                    throw new IllegalArgumentException("tag must not be blank, but was '" + t + "'");
                }
                this.tags.add(t);
            }
            return this;
        }

        /**
         * Appends a version to the change history; versions must come oldest first.
         *
         * @param version the version
         * @return this builder
         * @throws NullPointerException if version is null
         * @throws IllegalArgumentException if the label was used before or the effective date is not after the
         *     previous version's
         */
        public Builder version(MetricVersion version) {
            Objects.requireNonNull(version, "version");
            for (MetricVersion v : versions) {
                if (v.version().equals(version.version())) {
                    throw new IllegalArgumentException("version label must be unique, but '" + version.version()
                            + "' is used twice");
                }
            }
            if (!versions.isEmpty()) {
                MetricVersion last = versions.get(versions.size() - 1);
                if (!version.effective().isAfter(last.effective())) {
                    throw new IllegalArgumentException("effective date of version " + version.version()
                            + " must be after " + last.effective() + " (version " + last.version() + "), but was "
                            + version.effective());
                }
            }
            versions.add(version);
            return this;
        }

        /**
         * Sets the baseline specification.
         *
         * @param baseline the baseline
         * @return this builder
         * @throws NullPointerException if baseline is null
         * @throws IllegalStateException if already set
         */
        public Builder baseline(Baseline baseline) {
            this.baseline = once(this.baseline, baseline, "baseline");
            return this;
        }

        /**
         * Sets the targets.
         *
         * @param targets the targets
         * @return this builder
         * @throws NullPointerException if targets is null
         * @throws IllegalStateException if already set
         */
        public Builder targets(Targets targets) {
            this.targets = once(this.targets, targets, "targets");
            return this;
        }

        /**
         * Builds the metadata, checking the rules that span options: a TARGET_BAND direction needs a band and a
         * band needs that direction; targets need a direction; targets are ordered by the direction
         * (higher-is-better: short-term &lt;=
         * long-term &lt;= stretch; lower-is-better: the reverse); a short-term target is not due after a
         * long-term one; a metric does not list itself as its own leading indicator (checked by the catalog).
         *
         * @return the metadata
         * @throws IllegalStateException if a cross-option rule is broken; the message names every broken rule
         */
        public MetricMetadata build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems));
            }
            return new MetricMetadata(this);
        }

        List<String> problems() {
            List<String> out = new ArrayList<>();
            if (direction == Direction.TARGET_BAND && targetBand == null) {
                out.add("direction target-band needs a target band, but none was set");
            }
            if (targetBand != null && direction != Direction.TARGET_BAND) {
                out.add("target band " + targetBand + " needs direction target-band, but direction was "
                        + (direction == null ? "not set" : direction.name().toLowerCase(Locale.ROOT)
                                .replace('_', '-')));
            }
            if (targets != null && direction == null) {
                out.add("targets need a direction to be judged against (higher-is-better or lower-is-better), but"
                        + " direction was not set");
            }
            if (targets != null) {
                checkOrder(out);
                Target s = targets.shortTerm();
                Target l = targets.longTerm();
                if (s != null && l != null && s.due().isPresent() && l.due().isPresent()
                        && s.due().get().isAfter(l.due().get())) {
                    out.add("short-term target must be due no later than the long-term target ("
                            + l.due().get() + "), but was due " + s.due().get());
                }
            }
            return out;
        }

        private void checkOrder(List<String> out) {
            if (direction != Direction.HIGHER_IS_BETTER && direction != Direction.LOWER_IS_BETTER) {
                return;
            }
            int sign = direction == Direction.HIGHER_IS_BETTER ? 1 : -1;
            String rule = sign > 0 ? "at least" : "at most";
            Targets all = targets == null ? Targets.NONE : targets;
            Target[] t = {all.shortTerm(), all.longTerm(), all.stretch()};
            String[] names = {"short-term", "long-term", "stretch"};
            Set<Integer> reported = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                for (int j = i + 1; j < 3; j++) {
                    if (t[i] != null && t[j] != null && sign * t[j].value().compareTo(t[i].value()) < 0
                            && reported.add(j)) {
                        out.add(names[j] + " target must be " + rule + " the " + names[i] + " target "
                                + t[i].value().toPlainString() + " for a " + direction.name()
                                .toLowerCase(Locale.ROOT).replace('_', '-') + " metric, but was "
                                + t[j].value().toPlainString());
                    }
                }
            }
        }
    }
}
