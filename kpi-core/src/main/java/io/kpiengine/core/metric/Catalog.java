package io.kpiengine.core.metric;

import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.internal.TreeChecks;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.core.track.internal.PlanChecks;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.DocumentException;
import io.kpiengine.data.doc.internal.DocumentReader;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A validated set of metric definitions with their data sources, business calendar and default grain: what an
 * engine computes. Read it from a YAML or JSON metric definition document ({@code docs/catalog.md}) or build it in
 * code with the same expressiveness.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.read(Path.of("catalog.yaml"));
 *
 * Catalog same = Catalog.builder()
 *         .calendar(BusinessCalendar.of(ZoneId.of("Asia/Seoul")))
 *         .grain(Grain.DAY)
 *         .source(events)
 *         .metric(Metric.measure("visitors").sum("visitors").dimensions("channel").unit("count").build())
 *         .metric(Metric.ratio("conversion_rate").numerator("conversions").denominator("visitors")
 *                 .scale(100).unit("percent").build())
 *         .build();
 * }</pre>
 *
 * <p>Building checks everything at once and throws one {@link CatalogException} listing every problem with its
 * place: unknown sources, columns, metrics and grains (with "did you mean"), duplicate ids, cycles
 * ({@code a -> b -> a}), unit mismatches, filter type errors, dimensions a ratio or formula cannot roll up to.
 * Governance findings (owners, targets, core KPI count) are not errors: see {@link Linter}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Catalog {

    private final CatalogParts parts;
    private final Map<String, Metric> byId;
    private final Map<String, DataSource> sources;
    private final Map<String, String> sourceOf;
    private final Map<String, Set<String>> sourcesOf;
    private final Map<String, List<String>> dimensionsOf;
    private final Map<String, List<String>> sliceByOf;
    private final Map<String, Unit> unitOf;
    private final List<Metric> order;

    private Catalog(CatalogParts parts, CatalogValidator v) {
        this.parts = parts;
        Map<String, Metric> ids = new LinkedHashMap<>();
        parts.metrics.forEach(m -> ids.put(m.id(), m));
        this.byId = Collections.unmodifiableMap(ids);
        Map<String, DataSource> src = new LinkedHashMap<>();
        parts.sources.forEach(s -> src.put(s.name(), s));
        this.sources = Collections.unmodifiableMap(src);
        this.sourceOf = Map.copyOf(v.sourceOf);
        this.sourcesOf = Map.copyOf(v.sourcesOf);
        this.dimensionsOf = Map.copyOf(v.dimensionsOf);
        this.sliceByOf = Map.copyOf(v.sliceByOf);
        Map<String, Unit> units = new LinkedHashMap<>();
        v.unitOf.forEach((k, u) -> {
            if (u != null) {
                units.put(k, u);
            }
        });
        this.unitOf = Map.copyOf(units);
        this.order = List.copyOf(v.order);
    }

    /**
     * Reads and validates a metric definition document: {@code .json} files as JSON, others as YAML.
     *
     * @param file the document
     * @return the catalog
     * @throws NullPointerException if file is null
     * @throws CatalogException if the file cannot be read or parsed, or the catalog is invalid; every problem is
     *     listed with file, line and column
     */
    public static Catalog read(Path file) {
        Objects.requireNonNull(file, "file");
        return parse(file.getFileName() == null ? file.toString() : file.getFileName().toString(),
                () -> DocumentReader.read(file));
    }

    /**
     * Reads and validates a metric definition document from text.
     *
     * @param text the document
     * @param name the document name; names ending in {@code .json} are parsed as JSON, others as YAML
     * @return the catalog
     * @throws NullPointerException if an argument is null
     * @throws CatalogException if the text cannot be parsed or the catalog is invalid
     */
    public static Catalog read(String text, String name) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        return parse(name, () -> DocumentReader.read(text, name));
    }

    /**
     * Reads and validates a metric definition document from a UTF-8 stream, typically a class-path resource; the
     * stream is read and closed.
     *
     * <pre>{@code
     * Catalog catalog = Catalog.read(MyJob.class.getResourceAsStream("catalog.yaml"), "catalog.yaml");
     * }</pre>
     *
     * @param in the document's bytes in UTF-8
     * @param name the document name for messages; names ending in {@code .json} are parsed as JSON, others as YAML
     * @return the catalog
     * @throws NullPointerException if {@code in} is null (as {@code getResourceAsStream} returns for a missing
     *     resource; the message names the document) or name is null
     * @throws CatalogException if the stream cannot be read or parsed, or the catalog is invalid; every problem is
     *     listed with name, line and column
     */
    public static Catalog read(InputStream in, String name) {
        Objects.requireNonNull(name, "name");
        return parse(name, () -> DocumentReader.read(in, name));
    }

    private static Catalog parse(String name, Supplier<DocNode> document) {
        DocNode root;
        try {
            root = document.get();
        } catch (DocumentException e) {
            throw new CatalogException(name, e.problems());
        }
        return CatalogReader.read(root, name);
    }

    /**
     * A builder holding this catalog's calendar, grain, state grain, grouping sets, data sources and metrics, to
     * extend or change it in code;
     * the name is not copied (name the new catalog), and document positions are not kept.
     *
     * <pre>{@code
     * Catalog withWindow = catalog.toBuilder().name("with-weekly-revenue")
     *         .metric(Metric.derived("revenue_7d").formula("trailing(revenue, 7)").build())
     *         .build();
     * }</pre>
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = builder().calendar(parts.calendar).grain(parts.grain);
        parts.sources.forEach(b::source);
        parts.metrics.forEach(b::metric);
        if (parts.groupingSets != null) {
            b.groupingSets(parts.groupingSets);
        }
        if (parts.stateGrain != null) {
            b.stateGrain(parts.stateGrain);
        }
        parts.goalTrees.forEach(b::goalTree);
        if (!parts.tracking.isEmpty()) {
            b.tracking(parts.tracking);
        }
        return b;
    }

    /**
     * A builder for catalogs in code.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates parts and builds the catalog, or throws listing the earlier problems (from reading a document)
     * and the validation problems, in document order.
     */
    static Catalog validate(CatalogParts parts, List<Problem> earlier, Set<String> broken) {
        CatalogValidator v = new CatalogValidator(parts, broken, !earlier.isEmpty());
        List<Problem> problems = new ArrayList<>(earlier);
        problems.addAll(v.validate());
        Map<String, Metric> metrics = new LinkedHashMap<>();
        parts.metrics.forEach(m -> metrics.put(m.id(), m));
        if (!parts.goalTrees.isEmpty()) {
            problems.addAll(TreeChecks.problems(parts.goalTrees, metrics, broken, v.dimensionsOf));
        }
        problems.addAll(PlanChecks.problems(parts.tracking, metrics, v.dimensionsOf, broken, parts.catalogLocation,
                parts.goalTrees));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt((Problem p) -> p.location().line())
                    .thenComparingInt(p -> p.location().column()));
            throw new CatalogException(parts.name, problems);
        }
        return new Catalog(parts, v);
    }

    /**
     * The catalog's name: the document's file name, or the name given to the builder.
     *
     * @return the name
     */
    public String name() {
        return parts.name;
    }

    /**
     * The business calendar: time zone and fiscal year.
     *
     * @return the calendar
     */
    public BusinessCalendar calendar() {
        return parts.calendar;
    }

    /**
     * The default grain of evaluation.
     *
     * @return the grain, DAY unless set
     */
    public Grain grain() {
        return parts.grain;
    }

    /**
     * The data sources in declaration order.
     *
     * @return an immutable list
     */
    public List<DataSource> sources() {
        return parts.sources;
    }

    /**
     * A data source by name.
     *
     * @param name the source name
     * @return the source, or empty
     */
    public Optional<DataSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /**
     * The metrics in declaration order.
     *
     * @return an immutable list
     */
    public List<Metric> metrics() {
        return parts.metrics;
    }

    /**
     * A metric by id.
     *
     * @param id the metric id
     * @return the metric, or empty
     */
    public Optional<Metric> metric(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The metrics with every input before the metrics that use it; among independent metrics, declaration order.
     *
     * @return an immutable list
     */
    public List<Metric> evaluationOrder() {
        return order;
    }

    /**
     * The data source a measure reads: its declared source, or the catalog's only source.
     *
     * @param measureId the id of a measure
     * @return the source
     * @throws IllegalArgumentException if the id is not a measure of this catalog
     */
    public DataSource sourceOf(String measureId) {
        String name = sourceOf.get(measureId);
        if (name == null) {
            throw new IllegalArgumentException("measureId must be the id of a measure of the catalog, but was '"
                    + measureId + "'");
        }
        return Objects.requireNonNull(sources.get(name), name);
    }

    /**
     * The names of the data sources a metric depends on, directly or through its inputs.
     *
     * @param metricId the metric id
     * @return the source names; empty for a formula over constants only
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public Set<String> sourcesOf(String metricId) {
        return require(sourcesOf, metricId);
    }

    /**
     * The dimensions a metric is grouped by: declared, or for a ratio or formula without a declaration the
     * dimensions its inputs share.
     *
     * @param metricId the metric id
     * @return the column names
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public List<String> dimensionsOf(String metricId) {
        return require(dimensionsOf, metricId);
    }

    /**
     * The dimensions grouping sets may slice a metric by, beyond its own dimensions: declared, or for a ratio or
     * formula without a declaration every dimension that all its inputs are grouped or may be sliced by.
     *
     * @param metricId the metric id
     * @return the column names; empty when the metric is not sliced
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public List<String> sliceByOf(String metricId) {
        return require(sliceByOf, metricId);
    }

    /**
     * The grouping sets an evaluation of this catalog reports by default (the document's {@code groupingSets}); an
     * engine may set others.
     *
     * @return the grouping sets, or empty to report each metric at its own dimensions only
     */
    public Optional<GroupingSets> groupingSets() {
        return Optional.ofNullable(parts.groupingSets);
    }

    /**
     * The grain the aggregation state is kept at when it is finer than {@link #grain()} (the document's
     * {@code stateGrain}): results come at the grain, re-grained from the finer state, and the saved state answers
     * every coarser grain.
     *
     * @return the state grain, or empty when it is the grain itself (day for {@link Grain#WHOLE_RANGE})
     */
    public Optional<Grain> stateGrain() {
        return Optional.ofNullable(parts.stateGrain);
    }

    /**
     * A metric's unit: declared, or inferred through ratios and formulas ({@code count} for counts).
     *
     * @param metricId the metric id
     * @return the unit, or empty when neither declared nor inferable
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public Optional<Unit> unitOf(String metricId) {
        requireId(metricId);
        return Optional.ofNullable(unitOf.get(metricId));
    }

    /**
     * Where a metric is defined: file, line and column for documents; the catalog name for catalogs built in
     * code.
     *
     * @param metricId the metric id
     * @return the location
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public Location location(String metricId) {
        requireId(metricId);
        return parts.metricLocation(parts.metrics.indexOf(byId.get(metricId)), "id");
    }

    /**
     * Where a field of a metric is defined, such as {@code owner}; the metric's location when the field is absent.
     *
     * @param metricId the metric id
     * @param field the document field name
     * @return the location
     * @throws IllegalArgumentException if the id is not a metric of this catalog
     */
    public Location location(String metricId, String field) {
        requireId(metricId);
        int i = parts.metrics.indexOf(byId.get(metricId));
        Location at = parts.metricLocations.isEmpty() ? null : parts.metricLocations.get(i).get(field);
        return at != null ? at : location(metricId);
    }

    /**
     * Where the catalog itself starts: the document's first line, or the catalog name.
     *
     * @return the location
     */
    public Location location() {
        return parts.catalogLocation;
    }

    /**
     * The problems that would arise if this catalog were evaluated at another grain than its own: period-to-date
     * windows whose grain the given grain does not nest in, and at {@link Grain#WHOLE_RANGE} any {@code lag},
     * {@code last_year}, {@code trailing} or {@code to_date}.
     *
     * @param grain the grain of evaluation
     * @return one message per problem; empty when the grain is fine
     * @throws NullPointerException if grain is null
     */
    public List<String> grainProblems(Grain grain) {
        Objects.requireNonNull(grain, "grain");
        List<String> out = new ArrayList<>();
        for (Metric m : parts.metrics) {
            if (m instanceof Derived d) {
                for (MetricReference r : d.references()) {
                    String problem = CatalogValidator.toDateProblem(parts.calendar, grain, m, r, "");
                    if (problem != null) {
                        out.add(problem);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The composite scores of the catalog (its {@code scores} section), in declaration order.
     *
     * @return an immutable list
     */
    public List<GoalTree> goalTrees() {
        return parts.goalTrees;
    }

    /**
     * A composite score's goal tree by id.
     *
     * @param id the tree's (its root's) id
     * @return the tree, or empty
     */
    public Optional<GoalTree> goalTree(String id) {
        Objects.requireNonNull(id, "id");
        return parts.goalTrees.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * What to track beyond the metric metadata: status rules, planned targets, alert rules, action plans and review
     * dates (the {@code tracking}, {@code alerts} and {@code actions} sections of the document), checked against the
     * metrics. {@code Tracker.of(catalog)} tracks by it.
     *
     * <pre>{@code
     * catalog.tracking().alerts().forEach(rule -> System.out.println(rule));
     * }</pre>
     *
     * @return the plan, {@link TrackingPlan#EMPTY} when the catalog declares none
     */
    public TrackingPlan tracking() {
        return parts.tracking;
    }

    /**
     * Governance findings with the standard {@link Linter}.
     *
     * @return the findings, most severe first
     */
    public List<LintFinding> lint() {
        return Linter.standard().lint(this);
    }

    private <T> T require(Map<String, T> map, String metricId) {
        requireId(metricId);
        return Objects.requireNonNull(map.get(metricId), metricId);
    }

    private void requireId(String metricId) {
        if (!byId.containsKey(Objects.requireNonNull(metricId, "metricId"))) {
            throw new IllegalArgumentException("metricId must be the id of a metric of the catalog, but was '"
                    + metricId + "'");
        }
    }

    /**
     * Equal when calendar, grain, sources, metrics and tracking plans are equal, wherever they were defined.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Catalog c && c.parts.calendar.equals(parts.calendar) && c.parts.grain == parts.grain
                && c.parts.sources.equals(parts.sources) && c.parts.metrics.equals(parts.metrics)
                && c.parts.goalTrees.equals(parts.goalTrees)
                && c.parts.tracking.equals(parts.tracking);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts.calendar, parts.grain, parts.metrics);
    }

    @Override
    public String toString() {
        return "catalog " + parts.name + " (" + parts.calendar + ", " + parts.grain.id() + ", "
                + parts.sources.size() + " sources, " + parts.metrics.size() + " metrics)";
    }

    /**
     * Builds a {@link Catalog} in code. The calendar (or zone) is required; the grain defaults to DAY.
     * {@link #build()} validates everything at once and may be called many times.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private BusinessCalendar calendar;
        private Grain grain;
        private final List<DataSource> sources = new ArrayList<>();
        private final List<Metric> metrics = new ArrayList<>();
        private GroupingSets groupingSets;
        private Grain stateGrain;
        private final List<GoalTree> goalTrees = new ArrayList<>();
        private TrackingPlan tracking;

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        /**
         * Sets the grouping sets an evaluation reports by default.
         *
         * <pre>{@code
         * Catalog.builder().zone(ZoneId.of("UTC")).groupingSets(GroupingSets.rollup("region", "category"))...
         * }</pre>
         *
         * @param sets the grouping sets
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder groupingSets(GroupingSets sets) {
            this.groupingSets = MetricBuilder.once(this.groupingSets, sets, "groupingSets");
            return this;
        }

        /**
         * Sets the grain the aggregation state is kept at, finer than the grain: a state kept per day answers
         * weeks, months, quarters, fiscal years and the whole range.
         *
         * @param grain a grain that nests in the catalog's grain
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder stateGrain(Grain grain) {
            this.stateGrain = MetricBuilder.once(this.stateGrain, grain, "stateGrain");
            return this;
        }

        /**
         * Sets the name used in messages (default {@code "catalog"}).
         *
         * @param name not blank
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder name(String name) {
            this.name = MetricBuilder.once(this.name, MetricBuilder.name(name, "name"), "name");
            return this;
        }

        /**
         * Sets the business calendar.
         *
         * @param calendar the calendar
         * @return this builder
         * @throws IllegalStateException if a calendar or zone was already set
         */
        public Builder calendar(BusinessCalendar calendar) {
            this.calendar = MetricBuilder.once(this.calendar, calendar, "calendar");
            return this;
        }

        /**
         * Sets the business time zone, with the fiscal year equal to the calendar year.
         *
         * @param zone the zone
         * @return this builder
         * @throws IllegalStateException if a calendar or zone was already set
         */
        public Builder zone(ZoneId zone) {
            return calendar(BusinessCalendar.of(zone));
        }

        /**
         * Sets the default grain.
         *
         * @param grain the grain
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder grain(Grain grain) {
            this.grain = MetricBuilder.once(this.grain, grain, "grain");
            return this;
        }

        /**
         * Adds a data source.
         *
         * @param source the source
         * @return this builder
         */
        public Builder source(DataSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Adds a metric.
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(Metric metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        /**
         * Adds metrics.
         *
         * @param metrics the metrics
         * @return this builder
         */
        public Builder metrics(Metric... metrics) {
            for (Metric m : metrics) {
                metric(m);
            }
            return this;
        }

        /**
         * Adds a composite score: a goal tree whose KPIs are metrics of the catalog.
         *
         * <pre>{@code
         * Catalog.builder().zone(zone).source(deals).metrics(revenue, deals)
         *         .goalTree(GoalTree.builder("sales_health").entity("salesperson")
         *                 .kpi("revenue", "sales_health", 0.7).kpi("deals", "sales_health", 0.3).build())
         *         .build();
         * }</pre>
         *
         * @param tree the tree
         * @return this builder
         */
        public Builder goalTree(GoalTree tree) {
            goalTrees.add(Objects.requireNonNull(tree, "tree"));
            return this;
        }

        /**
         * Sets what to track beyond the metric metadata (default {@link TrackingPlan#EMPTY}); it is checked
         * against the metrics at {@link #build()}.
         *
         * <pre>{@code
         * Catalog c = Catalog.builder().zone(ZoneOffset.UTC).source(events).metric(leads)
         *         .tracking(TrackingPlan.builder().offTrackPeriods(2).build())
         *         .build();
         * }</pre>
         *
         * @param plan the plan
         * @return this builder
         * @throws IllegalStateException if already set
         */
        public Builder tracking(TrackingPlan plan) {
            this.tracking = MetricBuilder.once(this.tracking, plan, "tracking");
            return this;
        }

        /**
         * Validates and builds the catalog.
         *
         * @return the catalog
         * @throws IllegalStateException if no calendar or zone was set
         * @throws CatalogException if the catalog is invalid (goal trees included: unknown KPIs with "did you
         *     mean", KPIs grouped by other dimensions than the tree's entities; the tracking plan too); every problem
         *     is listed
         */
        public Catalog build() {
            if (calendar == null) {
                throw new IllegalStateException("calendar must be set (or zone), but was not");
            }
            String n = name == null ? "catalog" : name;
            List<Map<String, Location>> locations = new ArrayList<>();
            metrics.forEach(m -> locations.add(Map.of()));
            return validate(new CatalogParts(n, new Location(n, 0, 0), calendar, grain == null ? Grain.DAY : grain,
                    sources, metrics, locations, Map.of(), List.of(), goalTrees,
                    tracking == null ? TrackingPlan.EMPTY : tracking, groupingSets, stateGrain, Map.of()), List.of(),
                    Set.of());
        }
    }
}
