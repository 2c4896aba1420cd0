package io.kpiengine.core.internal;

import io.kpiengine.core.SourceAccount;
import io.kpiengine.data.RecordSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an engine computes, independent of how it was declared: the metrics in catalog order, the compiled
 * formulas of derived metrics, and the quality gate of each data source.
 *
 * @param metrics the metrics in catalog order
 * @param formulas the formula of each derived metric, by metric id
 * @param gates the quality gate of each data source that declares rules, by source name
 */
public record EnginePlan(List<PlannedMetric> metrics, Map<String, DerivedFormula> formulas,
        Map<String, SourceGate> gates) {

    /**
     * Validates and copies the components.
     *
     * @param metrics the metrics component
     * @param formulas the formulas component
     * @param gates the gates component
     * @throws IllegalArgumentException if a derived metric has no formula
     */
    public EnginePlan {
        metrics = List.copyOf(metrics);
        formulas = Map.copyOf(formulas);
        gates = Map.copyOf(gates);
        for (PlannedMetric m : metrics) {
            if (m.kind() == PlannedMetric.Kind.DERIVED && !formulas.containsKey(m.id())) {
                throw new IllegalArgumentException("derived metric '" + m.id() + "' has no compiled formula");
            }
        }
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
     * The groupings of a source and the measure instances of each: every measure at every set of dimensions a
     * metric needs it (its own, and those of the ratios and derived metrics that read it, which roll it up).
     *
     * @param source the source name
     * @return grouping to measures, in order of first use
     */
    public Map<GroupSpec, List<MeasureSpec>> groups(String source) {
        Map<GroupSpec, List<MeasureSpec>> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (PlannedMetric m : metrics) {
            need(m, m.dimensions(), source, out, seen);
        }
        return out;
    }

    private void need(PlannedMetric m, List<String> dims, String source, Map<GroupSpec, List<MeasureSpec>> out,
            Set<String> seen) {
        switch (m.kind()) {
            case MEASURE:
                if (m.source().equals(source) && seen.add(PlannedMetric.instanceId(m.id(), dims))) {
                    MeasureSpec spec = m.measure();
                    out.computeIfAbsent(new GroupSpec(m.timeColumn(), dims), g -> new ArrayList<>())
                            .add(new MeasureSpec(PlannedMetric.instanceId(m.id(), dims), spec.kind(), spec.column(),
                                    spec.weightColumn(), spec.orderColumn(), spec.quantile(), spec.filter()));
                }
                break;
            case RATIO:
                need(metric(m.numerator()), dims, source, out, seen);
                need(metric(m.denominator()), dims, source, out, seen);
                break;
            default:
                for (DerivedFormula.Slot s : formulas.get(m.id()).slots()) {
                    need(metric(s.metric()), dims, source, out, seen);
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
