package io.kpiengine.core.internal;

import io.kpiengine.core.SourceAccount;
import io.kpiengine.data.Schema;
import io.kpiengine.data.RecordSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine computes, independent of how it was declared: the metrics in catalog order, the compiled
 * formulas of derived metrics, the quality gate of each data source, and the grouping sets each metric is reported
 * in.
 *
 * <p><b>Groupings and state.</b> Without grouping sets every metric has one instance, at its own dimensions, and
 * every (measure, dimensions) a metric needs gets its own grouping in the state (a ratio with fewer dimensions
 * than its inputs aggregates them again at its own: the plan of earlier releases, whose saved states keep
 * restoring). With grouping sets a metric has one instance per set it fits ({@link #instances}), and each measure
 * is aggregated once, at the finest grouping any of its instances needs ({@link #groups}); every instance is a
 * roll-up of that grouping, read through a {@code SlotIndex} that merges the slots of each cell. That is the one
 * pass: a row updates one slot per measure, whatever the number of sets.
 *
 * @param metrics the metrics in catalog order
 * @param formulas the formula of each derived metric, by metric id
 * @param gates the quality gate of each data source that declares rules, by source name
 * @param groupingSets the requested grouping sets, empty for each metric at its own dimensions only
 * @param sliceBy per metric id, the dimensions grouping sets may slice it by beyond its own (absent: none)
 * @param schemas per data source, the schema of its clean batches (empty when unknown)
 */
public record EnginePlan(List<PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
        Map<String, SourceGate> gates, List<List<String>> groupingSets, Map<String, List<String>> sliceBy,
        Map<String, Schema> schemas) {

    /**
     * Validates and copies the components.
     *
     * @param metrics the metrics component
     * @param formulas the formulas component
     * @param gates the gates component
     * @param groupingSets the groupingSets component
     * @param sliceBy the sliceBy component
     * @param schemas the schemas component
     * @throws IllegalArgumentException if a derived metric has no formula
     */
    public EnginePlan {
        metrics = List.copyOf(metrics);
        formulas = Map.copyOf(formulas);
        gates = Map.copyOf(gates);
        List<List<String>> sets = new ArrayList<>();
        groupingSets.forEach(g -> sets.add(List.copyOf(g)));
        groupingSets = List.copyOf(sets);
        sliceBy = Map.copyOf(sliceBy);
        schemas = Map.copyOf(schemas);
        for (PlannedMetric m : metrics) {
            if (m.kind() == PlannedMetric.Kind.DERIVED && !formulas.containsKey(m.id())) {
                throw new IllegalArgumentException("derived metric '" + m.id() + "' has no compiled formula");
            }
        }
    }

    /**
     * A plan without grouping sets and without known schemas.
     *
     * @param metrics the metrics in catalog order
     * @param formulas the formula of each derived metric, by metric id
     * @param gates the quality gate of each data source that declares rules, by source name
     */
    public EnginePlan(List<PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
            Map<String, SourceGate> gates) {
        this(metrics, formulas, gates, List.of(), Map.of(), Map.of());
    }

    /**
     * This plan with other grouping sets.
     *
     * @param sets the grouping sets, empty for none
     * @return a new plan
     */
    public EnginePlan withGroupingSets(List<List<String>> sets) {
        return new EnginePlan(metrics, formulas, gates, sets, sliceBy, schemas);
    }

    /**
     * Whether grouping sets were requested.
     *
     * @return true when metrics are reported per grouping set
     */
    public boolean hasGroupingSets() {
        return !groupingSets.isEmpty();
    }

    /**
     * The dimensions of each instance of a metric in the results, in order: its own dimensions without grouping
     * sets; with them, its own dimensions followed by those of each set it fits (every dimension of the set is one
     * of its dimensions or sliceBy columns), each distinct grouping once. A metric that fits no set keeps its own
     * dimensions (see {@link #unfitWarnings()}).
     *
     * @param m the metric
     * @return the dimension lists, at least one
     */
    public List<List<String>> instances(PlannedMetric m) {
        if (groupingSets.isEmpty()) {
            return List.of(m.dimensions());
        }
        List<String> reach = new ArrayList<>(m.dimensions());
        reach.addAll(sliceBy.getOrDefault(m.id(), List.of()));
        Set<List<String>> out = new LinkedHashSet<>();
        for (List<String> set : groupingSets) {
            if (reach.containsAll(set)) {
                List<String> dims = new ArrayList<>(m.dimensions());
                set.stream().filter(d -> !dims.contains(d)).forEach(dims::add);
                out.add(List.copyOf(dims));
            }
        }
        return out.isEmpty() ? List.of(m.dimensions()) : List.copyOf(out);
    }

    /**
     * One sentence per metric that fits none of the grouping sets and is reported at its own dimensions only.
     *
     * @return the warnings, empty without grouping sets
     */
    public List<String> unfitWarnings() {
        List<String> out = new ArrayList<>();
        if (groupingSets.isEmpty()) {
            return out;
        }
        for (PlannedMetric m : metrics) {
            List<String> reach = new ArrayList<>(m.dimensions());
            reach.addAll(sliceBy.getOrDefault(m.id(), List.of()));
            if (groupingSets.stream().noneMatch(reach::containsAll)) {
                out.add("metric '" + m.id() + "' may not be sliced by any of the grouping sets (it is grouped by "
                        + m.dimensions() + " and may be sliced by " + sliceBy.getOrDefault(m.id(), List.of())
                        + "), so it is reported at its own dimensions only");
            }
        }
        return out;
    }

    /**
     * The data sources the metrics read, in order of first use.
     *
     * @return the source names
     */
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        for (PlannedMetric m : metrics) {
            if (m.source() != null && !out.contains(m.source())) {
                out.add(m.source());
            }
        }
        return out;
    }

    /**
     * The metric of an id.
     *
     * @param id the id
     * @return the metric
     * @throws IllegalArgumentException if there is none
     */
    public PlannedMetric metric(String id) {
        for (PlannedMetric m : metrics) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no metric '" + id + "'");
    }

    /**
     * The groupings of a source and the measure instances of each. Without grouping sets: every measure at every
     * set of dimensions a metric needs it (its own, and those of the ratios and derived metrics that read it, which
     * roll it up). With grouping sets: every measure once, at the union of the dimensions all its instances need
     * (its own first).
     *
     * @param source the source name
     * @return grouping to measures, in order of first use
     */
    public Map<GroupSpec, List<MeasureSpec>> groups(String source) {
        Map<GroupSpec, List<MeasureSpec>> out = new LinkedHashMap<>();
        if (groupingSets.isEmpty()) {
            // one grouping per (measure, dimensions) needed, in order of first need: the plan saved states rely on
            Set<String> seen = new HashSet<>();
            for (PlannedMetric m : metrics) {
                firstNeeds(m, m.dimensions(), source, seen, out);
            }
            return out;
        }
        Map<String, Set<List<String>>> needs = new LinkedHashMap<>();
        for (PlannedMetric m : metrics) {
            for (List<String> dims : instances(m)) {
                need(m, dims, source, needs);
            }
        }
        for (Map.Entry<String, Set<List<String>>> e : needs.entrySet()) {
            PlannedMetric m = metric(e.getKey());
            Set<String> finest = new LinkedHashSet<>(m.dimensions());
            e.getValue().forEach(finest::addAll);
            add(m, List.copyOf(finest), out);
        }
        return out;
    }

    private static void add(PlannedMetric m, List<String> dims, Map<GroupSpec, List<MeasureSpec>> out) {
        MeasureSpec spec = m.measure();
        out.computeIfAbsent(new GroupSpec(m.timeColumn(), dims), g -> new ArrayList<>())
                .add(new MeasureSpec(PlannedMetric.instanceId(m.id(), dims), spec.kind(), spec.column(),
                        spec.weightColumn(), spec.orderColumn(), spec.quantile(), spec.filter()));
    }

    /** Without grouping sets: a grouping for every (measure, dimensions) at its first need. */
    private void firstNeeds(PlannedMetric m, List<String> dims, String source, Set<String> seen,
            Map<GroupSpec, List<MeasureSpec>> out) {
        Map<String, Set<List<String>>> needs = new LinkedHashMap<>();
        need(m, dims, source, needs);
        needs.forEach((id, all) -> {
            PlannedMetric measure = metric(id);
            for (List<String> d : all) {
                if (seen.add(PlannedMetric.instanceId(id, d))) {
                    add(measure, d, out);
                }
            }
        });
    }

    /** Records that a measure of the source is needed at some dimensions, following ratios and formulas. */
    private void need(PlannedMetric m, List<String> dims, String source, Map<String, Set<List<String>>> needs) {
        switch (m.kind()) {
            case MEASURE:
                if (m.source().equals(source)) {
                    needs.computeIfAbsent(m.id(), k -> new LinkedHashSet<>()).add(dims);
                }
                break;
            case RATIO:
                need(metric(m.numerator()), dims, source, needs);
                need(metric(m.denominator()), dims, source, needs);
                break;
            default:
                for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
                    need(metric(s.metric()), dims, source, needs);
                }
                break;
        }
    }

    /**
     * A text that identifies every computation of the plan, so that a saved state only restores into an engine
     * that computes the same measures in the same calendar.
     *
     * @param calendar the calendar and grain description
     * @return the fingerprint
     */
    public String fingerprint(String calendar) {
        StringBuilder sb = new StringBuilder(calendar);
        for (String source : sources()) {
            sb.append("; ").append(source).append(":");
            for (Map.Entry<GroupSpec, List<MeasureSpec>> g : groups(source).entrySet()) {
                sb.append(" [").append(g.getKey().timeColumn()).append(" by ").append(g.getKey().dimensions())
                        .append(":");
                for (MeasureSpec m : g.getValue()) {
                    sb.append(' ').append(m.id()).append('=').append(m.signature());
                }
                sb.append(']');
            }
        }
        return sb.toString();
    }

    /**
     * The quality gate of a data source as the engine uses it: it turns a raw source into clean batches and,
     * once they were all read, reports the verdict. Implementations are immutable and thread-safe.
     */
    public interface SourceGate {
        /**
         * Starts cleaning a raw source.
         *
         * @param raw the raw source
         * @return the run: its clean source and its account
         */
        GatedRun clean(RecordSource raw);
    }

    /** One run of a quality gate over one source. */
    public interface GatedRun {
        /**
         * The clean batches; can be split for parallel reading.
         *
         * @return the clean source
         */
        RecordSource source();

        /**
         * The account once every clean batch was read.
         *
         * @param name the source name
         * @param state the merged aggregation state of the source
         * @return the account with the quality verdict and report
         */
        SourceAccount account(String name, SourceState state);
    }
}
