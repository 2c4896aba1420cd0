package io.kpiengine.core.metric;

import io.kpiengine.core.score.GoalTree;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.core.track.internal.TrackingLint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Governance checks of a valid catalog: what a KPI should have to be steered by. A KPI is a metric with a
 * {@link Tier}; building-block metrics without a tier are checked only by {@code formula-without-source}.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>rule</th><th>severity</th><th>finding</th></tr>
 *   <tr><td>{@code no-core-kpis}</td><td>WARNING</td><td>no metric of the catalog is a core KPI, so nothing says
 *       what the team steers by (and the KPI rules below check only metrics with a tier); reported at the first
 *       metric</td></tr>
 *   <tr><td>{@code too-many-core-kpis}</td><td>WARNING</td><td>a scope has more than 5 core KPIs (configurable);
 *       reported at the first KPI over the limit</td></tr>
 *   <tr><td>{@code missing-owner}</td><td>ERROR</td><td>a KPI has no owner</td></tr>
 *   <tr><td>{@code missing-target}</td><td>WARNING</td><td>a KPI has no target (short-term, long-term,
 *       stretch) and no target band</td></tr>
 *   <tr><td>{@code missing-review-cycle}</td><td>WARNING</td><td>a KPI has no review cycle</td></tr>
 *   <tr><td>{@code vanity-core}</td><td>ERROR</td><td>a vanity metric is marked core</td></tr>
 *   <tr><td>{@code lagging-without-leading}</td><td>WARNING</td><td>a lagging KPI links no leading
 *       indicator</td></tr>
 *   <tr><td>{@code formula-without-source}</td><td>ERROR</td><td>a derived metric depends on no data source
 *       (its formula is constant)</td></tr>
 *   <tr><td>{@code missing-description}</td><td>INFO</td><td>a KPI has no description</td></tr>
 *   <tr><td>{@code missing-unit}</td><td>INFO</td><td>a KPI has no unit, declared or inferred</td></tr>
 *   <tr><td>{@code missing-direction}</td><td>INFO</td><td>a KPI does not say which way is better</td></tr>
 *   <tr><td>{@code vanity-weighted}, {@code only-lagging-kpis}, {@code kpi-in-two-branches},
 *       {@code weights-normalised}, {@code inconsistent-pairwise}, {@code missing-score-target}</td><td>WARNING</td>
 *       <td>the goal trees of the catalog's scores: see {@link GoalTree#lint(Catalog)}</td></tr>
 *   <tr><td>{@code status-rule-ignores-value}</td><td>WARNING</td><td>a status rule of the tracking section never
 *       reads the value (its condition uses only targets, stretch, baseline or band)</td></tr>
 *   <tr><td>{@code target-not-an-improvement}</td><td>WARNING</td><td>a target lies on the bad side of a fixed
 *       baseline (a lower-is-better KPI whose target is above its baseline, or the reverse)</td></tr>
 * </table>
 *
 * <pre>{@code
 * List<LintFinding> findings = Linter.builder().maxCoreKpisPerScope(7).disable("missing-unit").build()
 *         .lint(catalog);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Linter {

    /** The default largest number of core KPIs per scope. */
    public static final int DEFAULT_MAX_CORE_KPIS = 5;

    /** The rule ids, in the order of the class table. */
    public static final List<String> RULES = List.of("no-core-kpis", "too-many-core-kpis", "missing-owner",
            "missing-target",
            "missing-review-cycle", "vanity-core", "lagging-without-leading", "formula-without-source",
            "missing-description", "missing-unit", "missing-direction",
            "vanity-weighted", "only-lagging-kpis", "kpi-in-two-branches", "weights-normalised",
            "inconsistent-pairwise", "missing-score-target", "status-rule-ignores-value",
            "target-not-an-improvement");

    /** The scope of KPIs that declare none. */
    public static final String DEFAULT_SCOPE = "(catalog)";

    private static final Linter STANDARD = builder().build();

    private final int maxCoreKpis;
    private final Set<String> disabled;

    private Linter(int maxCoreKpis, Set<String> disabled) {
        this.maxCoreKpis = maxCoreKpis;
        this.disabled = Set.copyOf(disabled);
    }

    /**
     * The linter with every rule and the default limit.
     *
     * @return the standard linter
     */
    public static Linter standard() {
        return STANDARD;
    }

    /**
     * A builder.
     *
     * <pre>{@code
     * Linter linter = Linter.builder().maxCoreKpisPerScope(7).disable("missing-unit").build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a catalog.
     *
     * <pre>{@code
     * Linter.standard().lint(catalog).forEach(System.out::println);
     * }</pre>
     *
     * @param catalog the catalog
     * @return the findings, most severe first, then in declaration order
     * @throws NullPointerException if catalog is null
     */
    public List<LintFinding> lint(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<LintFinding> out = new ArrayList<>();
        Map<String, List<Metric>> coreByScope = new LinkedHashMap<>();
        for (Metric m : catalog.metrics()) {
            MetricMetadata md = m.metadata();
            String id = m.id();
            if (m instanceof Derived && catalog.sourcesOf(id).isEmpty()) {
                add(out, catalog, "formula-without-source", Severity.ERROR, id, "formula",
                        "metric '" + id + "' depends on no data source: its formula uses no measure");
            }
            if (!md.isKpi()) {
                continue;
            }
            if (md.tier().orElseThrow() == Tier.CORE) {
                coreByScope.computeIfAbsent(md.scope().orElse(DEFAULT_SCOPE), k -> new ArrayList<>()).add(m);
                if (md.vanity()) {
                    add(out, catalog, "vanity-core", Severity.ERROR, id, "vanity",
                            "vanity metric '" + id + "' is marked core; steer by a metric that informs decisions");
                }
            }
            if (md.owner().isEmpty()) {
                add(out, catalog, "missing-owner", Severity.ERROR, id, "id", "KPI '" + id + "' has no owner");
            }
            if (md.targets().isEmpty() && md.targetBand().isEmpty()
                    && catalog.tracking().targets().stream().noneMatch(t -> t.metric().equals(id))) {
                add(out, catalog, "missing-target", Severity.WARNING, id, "id", "KPI '" + id
                        + "' has no target (shortTerm, longTerm or stretch) and no target band");
            }
            if (md.reviewCycle().isEmpty()) {
                add(out, catalog, "missing-review-cycle", Severity.WARNING, id, "id",
                        "KPI '" + id + "' has no review cycle");
            }
            if (md.indicatorKind().orElse(null) == IndicatorKind.LAGGING && md.leadingIndicators().isEmpty()) {
                add(out, catalog, "lagging-without-leading", Severity.WARNING, id, "indicator",
                        "lagging KPI '" + id + "' links no leading indicator");
            }
            if (md.description().isEmpty()) {
                add(out, catalog, "missing-description", Severity.INFO, id, "id",
                        "KPI '" + id + "' has no description");
            }
            if (catalog.unitOf(id).isEmpty()) {
                add(out, catalog, "missing-unit", Severity.INFO, id, "id", "KPI '" + id + "' has no unit");
            }
            if (md.direction().isEmpty()) {
                add(out, catalog, "missing-direction", Severity.INFO, id, "id",
                        "KPI '" + id + "' does not say which direction is better");
            }
        }
        if (coreByScope.isEmpty() && !catalog.metrics().isEmpty()) {
            String first = catalog.metrics().get(0).id();
            add(out, catalog, "no-core-kpis", Severity.WARNING, first, "id", "no metric of the catalog is a core"
                    + " KPI: mark the 3 to 5 metrics the team steers by with 'tier: core' (KPI rules check only"
                    + " metrics with a tier)");
        }
        coreByScope.forEach((scope, core) -> {
            if (core.size() > maxCoreKpis) {
                Set<String> ids = new LinkedHashSet<>();
                core.forEach(m -> ids.add(m.id()));
                Metric over = core.get(maxCoreKpis);
                add(out, catalog, "too-many-core-kpis", Severity.WARNING, over.id(), "tier", "scope '" + scope
                        + "' has " + core.size() + " core KPIs " + ids + "; keep at most " + maxCoreKpis);
            }
        });
        for (GoalTree tree : catalog.goalTrees()) {
            tree.lint(catalog).stream().filter(f -> !disabled.contains(f.rule())).forEach(out::add);
        }
        for (LintFinding f : TrackingLint.findings(catalog)) {
            if (!disabled.contains(f.rule())) {
                out.add(f);
            }
        }
        List<String> order = new ArrayList<>();
        catalog.metrics().forEach(m -> order.add(m.id()));
        out.sort(Comparator.comparing(LintFinding::severity)
                .thenComparing(f -> order.contains(f.metric()) ? order.indexOf(f.metric()) : order.size())
                .thenComparing(f -> RULES.indexOf(f.rule())));
        return List.copyOf(out);
    }

    private void add(List<LintFinding> out, Catalog catalog, String rule, Severity severity, String metric,
            String field, String message) {
        if (!disabled.contains(rule)) {
            out.add(new LintFinding(severity, rule, catalog.location(metric, field), metric, message));
        }
    }

    /**
     * Builds a {@link Linter}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private Integer maxCoreKpis;
        private final Set<String> disabled = new LinkedHashSet<>();

        @SuppressWarnings("NullAway.Init") // fields are set by the builder's methods; build() checks them
        private Builder() {
        }

        /**
         * Sets the largest number of core KPIs per scope.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if max is below 1
         * @throws IllegalStateException if already set
         */
        public Builder maxCoreKpisPerScope(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCoreKpisPerScope must be >= 1, but was " + max);
            }
            this.maxCoreKpis = MetricBuilder.once(this.maxCoreKpis, max, "maxCoreKpisPerScope");
            return this;
        }

        /**
         * Turns rules off.
         *
         * @param rules rule ids from {@link Linter#RULES}
         * @return this builder
         * @throws IllegalArgumentException if an id is not a rule
         */
        public Builder disable(String... rules) {
            for (String r : rules) {
                if (!RULES.contains(Objects.requireNonNull(r, "rule"))) {
                    throw new IllegalArgumentException("rule must be one of " + RULES + ", but was '" + r + "'"
                            + Suggestions.didYouMean(r, RULES));
                }
                disabled.add(r);
            }
            return this;
        }

        /**
         * Builds the linter.
         *
         * @return the linter
         */
        public Linter build() {
            return new Linter(maxCoreKpis == null ? DEFAULT_MAX_CORE_KPIS : maxCoreKpis, disabled);
        }
    }
}
