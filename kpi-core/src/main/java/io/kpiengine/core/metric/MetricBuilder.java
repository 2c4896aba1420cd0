package io.kpiengine.core.metric;

import io.kpiengine.core.metric.internal.DerivedCompiler;
import io.kpiengine.formula.Expression;
import io.kpiengine.formula.Formula;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options every metric builder shares: id, metadata, dimensions and the empty-input policy. Each
 * single-valued option may be set once ({@link IllegalStateException} otherwise); {@code build()} checks the rules
 * that span options, names every broken rule at once, and leaves the builder reusable.
 *
 * <p>Not thread-safe.
 *
 * @param <B> the concrete builder type
 * @param <M> the metric type built
 */
public abstract sealed class MetricBuilder<B extends MetricBuilder<B, M>, M extends Metric>
        permits Measure.Builder, Ratio.Builder, Derived.Builder {

    /** The longest metric id. */
    public static final int MAX_ID_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = reserved();

    final String id;
    final MetricMetadata.Builder meta = MetricMetadata.builder();
    private List<String> dimensions;
    private List<String> sliceBy;
    private EmptyPolicy onEmpty;

    @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
    MetricBuilder(String id) {
        this.id = checkId(id);
    }

    private static Set<String> reserved() {
        Set<String> out = new LinkedHashSet<>(Formula.reservedNames());
        out.removeAll(Expression.Constant.NAMES);
        out.addAll(DerivedCompiler.referenceFunctions());
        out.addAll(List.of("true", "false"));
        return Set.copyOf(out);
    }

    /**
     * Checks a metric id.
     *
     * @param id the id
     * @return the id
     * @throws NullPointerException if id is null
     * @throws IllegalArgumentException if the id is not an identifier of at most 64 characters or is reserved
     */
    static String checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("metric id must be a letter or '_' followed by letters, digits or"
                    + " '_', at most " + MAX_ID_LENGTH + " characters, but was '" + id + "'");
        }
        if (RESERVED.contains(id.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("metric id must not be a formula keyword or function name, but was '"
                    + id + "'");
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    static <T> T once(@Nullable T current, T value, String what) {
        Objects.requireNonNull(value, what);
        if (current != null) {
            throw new IllegalStateException(what + " was already set to " + current);
        }
        return value;
    }

    static String name(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    /**
     * Sets the display name.
     *
     * @param name not blank
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B name(String name) {
        meta.name(name);
        return self();
    }

    /**
     * Sets the description.
     *
     * @param description not blank
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B description(String description) {
        meta.description(description);
        return self();
    }

    /**
     * Sets the accountable person or team.
     *
     * @param owner not blank
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B owner(String owner) {
        meta.owner(owner);
        return self();
    }

    /**
     * Sets the unit.
     *
     * @param unit the unit
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B unit(Unit unit) {
        meta.unit(unit);
        return self();
    }

    /**
     * Sets the unit from its text form.
     *
     * @param unit e.g. {@code "USD per count"}, {@code "percent"}
     * @return this builder
     * @throws IllegalArgumentException if the text is not a unit
     * @throws IllegalStateException if already set
     */
    public B unit(String unit) {
        meta.unit(Unit.parse(unit));
        return self();
    }

    /**
     * Sets the direction.
     *
     * @param direction the direction
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B direction(Direction direction) {
        meta.direction(direction);
        return self();
    }

    /**
     * Sets the band of good values; needs direction TARGET_BAND.
     *
     * @param low the smallest good value
     * @param high the largest good value
     * @return this builder
     * @throws IllegalArgumentException if high is below low
     * @throws IllegalStateException if already set
     */
    public B targetBand(BigDecimal low, BigDecimal high) {
        meta.targetBand(new TargetBand(low, high));
        return self();
    }

    /**
     * Sets the tier, which makes the metric a KPI.
     *
     * @param tier the tier
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B tier(Tier tier) {
        meta.tier(tier);
        return self();
    }

    /**
     * Sets leading or lagging.
     *
     * @param kind the kind
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B indicatorKind(IndicatorKind kind) {
        meta.indicatorKind(kind);
        return self();
    }

    /**
     * Links leading indicators (metric ids).
     *
     * @param metricIds the ids
     * @return this builder
     * @throws IllegalArgumentException if an id is blank or linked twice
     */
    public B leadingIndicators(String... metricIds) {
        meta.leadingIndicators(metricIds);
        return self();
    }

    /**
     * Sets the vanity flag.
     *
     * @param vanity true for a vanity metric
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B vanity(boolean vanity) {
        meta.vanity(vanity);
        return self();
    }

    /**
     * Sets the review cycle.
     *
     * @param cycle the cycle
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B reviewCycle(ReviewCycle cycle) {
        meta.reviewCycle(cycle);
        return self();
    }

    /**
     * Sets the scope.
     *
     * @param scope not blank
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B scope(String scope) {
        meta.scope(scope);
        return self();
    }

    /**
     * Adds tags.
     *
     * @param tags not blank
     * @return this builder
     */
    public B tags(String... tags) {
        meta.tags(tags);
        return self();
    }

    /**
     * Appends a version to the change history, oldest first.
     *
     * @param version the label
     * @param effective the first date it applies
     * @param reason why it changed
     * @return this builder
     * @throws IllegalArgumentException if the label repeats or the date is not after the previous version's
     */
    public B version(String version, LocalDate effective, String reason) {
        meta.version(new MetricVersion(version, effective, reason));
        return self();
    }

    /**
     * Sets the baseline specification.
     *
     * @param baseline the baseline
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B baseline(Baseline baseline) {
        meta.baseline(baseline);
        return self();
    }

    /**
     * Sets the targets.
     *
     * @param targets the targets
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B targets(Targets targets) {
        meta.targets(targets);
        return self();
    }

    /**
     * Sets the dimensions to group by.
     *
     * @param columns column names, distinct; none for a single total per period
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or repeated
     * @throws IllegalStateException if already set
     */
    public B dimensions(String... columns) {
        List<String> list = new ArrayList<>();
        for (String c : columns) {
            name(c, "dimension");
            if (list.contains(c)) {
                throw new IllegalArgumentException("dimensions must be distinct, but '" + c + "' is listed twice");
            }
            list.add(c);
        }
        this.dimensions = once(this.dimensions, List.copyOf(list), "dimensions");
        return self();
    }

    /**
     * Sets the dimensions an evaluation may slice the metric by, beyond its own {@link #dimensions}: the columns
     * its grouping sets may use ({@link GroupingSets}). Without it a measure is not sliced; a ratio or formula may
     * be sliced by every dimension all its inputs are grouped or may be sliced by.
     *
     * <pre>{@code
     * Metric.measure("sales").sum("sales").sliceBy("region", "category", "segment").build();
     * }</pre>
     *
     * @param columns column names, distinct
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or repeated
     * @throws IllegalStateException if already set
     */
    public B sliceBy(String... columns) {
        List<String> list = new ArrayList<>();
        for (String c : columns) {
            name(c, "sliceBy");
            if (list.contains(c)) {
                throw new IllegalArgumentException("sliceBy must list distinct columns, but '" + c
                        + "' is listed twice");
            }
            list.add(c);
        }
        this.sliceBy = once(this.sliceBy, List.copyOf(list), "sliceBy");
        return self();
    }

    /**
     * Sets what the metric yields for a period or segment without input.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public B onEmpty(EmptyPolicy policy) {
        this.onEmpty = once(this.onEmpty, policy, "onEmpty");
        return self();
    }

    /**
     * Builds the metric.
     *
     * @return the metric
     * @throws IllegalStateException if a rule spanning options is broken; the message names every one
     */
    public abstract M build();

    /** The declared dimensions, or null. */
    List<String> declaredDimensions() {
        return dimensions;
    }

    /** The declared slicing dimensions, or null. */
    List<String> declaredSliceBy() {
        return sliceBy;
    }

    /** The declared empty policy, or the fallback. */
    EmptyPolicy onEmptyOr(EmptyPolicy fallback) {
        return onEmpty == null ? fallback : onEmpty;
    }

    /** Collects metadata problems plus the given ones and throws if any, else builds the metadata. */
    MetricMetadata metadataOrThrow(List<String> problems) {
        List<String> all = new ArrayList<>(problems);
        if (dimensions != null && sliceBy != null) {
            for (String d : sliceBy) {
                if (dimensions.contains(d)) {
                    all.add("'" + d + "' is both a dimension and a sliceBy column; a metric is always grouped by its"
                            + " dimensions, so list it in one of them");
                }
            }
        }
        all.addAll(meta.problems());
        if (all.contains(null)) {
            all.removeIf(Objects::isNull);
        }
        if (!all.isEmpty()) {
            throw new IllegalStateException("metric '" + id + "': " + String.join("; ", all));
        }
        return meta.build();
    }
}
