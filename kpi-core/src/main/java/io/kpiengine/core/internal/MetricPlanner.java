package io.kpiengine.core.internal;

import io.kpiengine.core.internal.PlannedMetric.Policy;
import io.kpiengine.core.metric.Derived;
import io.kpiengine.core.metric.EmptyPolicy;
import io.kpiengine.core.metric.Measure;
import io.kpiengine.core.metric.Metric;
import io.kpiengine.core.metric.MetricReference;
import io.kpiengine.core.metric.Ratio;
import io.kpiengine.formula.Evaluation;
import io.kpiengine.formula.Formula;
import io.kpiengine.formula.NoValue;
import io.kpiengine.core.NoValueReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates the metric model (measures, ratios, derived metrics, data sources) into the engine's
 * {@link EnginePlan}: resolves each metric's source, time column and dimensions, compiles filters against the
 * source schemas and wraps derived formulas.
 *
 * <p>Dimensions: a measure has its declared list; a ratio or derived metric without a declaration takes the
 * dimensions all its inputs share (in the order of the first input); its inputs are aggregated at those
 * dimensions (rolled up from their own).
 */
public final class MetricPlanner {

    /**
     * What the planner needs of a data source.
     *
     * @param name the source name
     * @param schema the schema of its clean batches
     * @param timeColumn the column that places a row in a period
     */
    public record SourceInfo(String name, io.kpiengine.data.Schema schema, String timeColumn) {
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, SourceInfo> sources;
    private final Map<String, List<String>> dims = new HashMap<>();

    private final Function<String, List<String>> declaredDimensions;

    private MetricPlanner(List<? extends Metric> metrics, Map<String, SourceInfo> sources,
            Function<String, List<String>> dimensionsOf) {
        metrics.forEach(m -> this.metrics.put(m.id(), m));
        this.sources = sources;
        this.declaredDimensions = dimensionsOf;
    }

    /**
     * Plans a set of metrics over data sources.
     *
     * @param metrics the metrics in catalog order
     * @param sources the data sources by name
     * @param gates the quality gate of each source that has rules
     * @param dimensionsOf the resolved dimensions of a metric id, or null to resolve them here
     * @return the plan
     * @throws IllegalArgumentException naming the metric if a reference, source, column or window is invalid
     */
    public static EnginePlan plan(List<? extends Metric> metrics, Map<String, SourceInfo> sources,
            Map<String, EnginePlan.SourceGate> gates, Function<String, List<String>> dimensionsOf) {
        return plan(metrics, sources, gates, dimensionsOf, id -> List.of());
    }

    /**
     * Plans a set of metrics over data sources, with what grouping sets may slice each metric by.
     *
     * @param metrics the metrics in catalog order
     * @param sources the data sources by name
     * @param gates the quality gate of each source that has rules
     * @param dimensionsOf the resolved dimensions of a metric id, or null to resolve them here
     * @param sliceByOf the resolved slicing dimensions of a metric id
     * @return the plan, without grouping sets ({@link EnginePlan#withGroupingSets})
     * @throws IllegalArgumentException naming the metric if a reference, source, column or window is invalid
     */
    public static EnginePlan plan(List<? extends Metric> metrics, Map<String, SourceInfo> sources,
            Map<String, EnginePlan.SourceGate> gates, Function<String, List<String>> dimensionsOf,
            Function<String, List<String>> sliceByOf) {
        MetricPlanner planner = new MetricPlanner(metrics, sources, dimensionsOf);
        List<PlannedMetric> planned = new ArrayList<>();
        Map<String, DerivedFormula> formulas = new HashMap<>();
        Map<String, List<String>> slices = new HashMap<>();
        for (Metric m : metrics) {
            planned.add(planner.plan(m));
            slices.put(m.id(), List.copyOf(sliceByOf.apply(m.id())));
            if (m instanceof Derived d) {
                formulas.put(d.id(), planner.formula(d));
            }
        }
        Map<String, io.kpiengine.data.Schema> schemas = new HashMap<>();
        sources.forEach((name, info) -> schemas.put(name, info.schema()));
        return new EnginePlan(planned, formulas, gates, List.of(), slices, schemas);
    }

    private Metric metric(String id, String user) {
        Metric m = metrics.get(id);
        if (m == null) {
            throw new IllegalArgumentException("metric '" + user + "' reads metric '" + id + "', which is not defined");
        }
        return m;
    }

    List<String> dimensions(Metric m) {
        List<String> cached = dims.get(m.id());
        if (cached != null) {
            return cached;
        }
        dims.put(m.id(), List.of());
        List<String> out;
        if (declaredDimensions != null) {
            out = List.copyOf(declaredDimensions.apply(m.id()));
        } else if (m.declaresDimensions()) {
            out = m.dimensions();
        } else {
            out = null;
            for (String input : m.inputs()) {
                List<String> d = dimensions(metric(input, m.id()));
                if (out == null) {
                    out = new ArrayList<>(d);
                } else {
                    out.retainAll(d);
                }
            }
            out = out == null ? List.of() : List.copyOf(out);
        }
        dims.put(m.id(), out);
        return out;
    }

    private SourceInfo source(Measure m) {
        String name = m.source().orElseGet(() -> {
            if (sources.size() != 1) {
                throw new IllegalArgumentException("measure '" + m.id() + "' must name its data source when the"
                        + " catalog has " + sources.size() + " sources " + sources.keySet());
            }
            return sources.keySet().iterator().next();
        });
        SourceInfo s = sources.get(name);
        if (s == null) {
            throw new IllegalArgumentException("measure '" + m.id() + "' reads data source '" + name
                    + "', which is not one of " + sources.keySet());
        }
        return s;
    }

    private static Policy policy(EmptyPolicy p) {
        switch (p) {
            case ZERO:
                return Policy.ZERO;
            case ERROR:
                return Policy.ERROR;
            default:
                return Policy.NO_VALUE;
        }
    }

    private PlannedMetric plan(Metric m) {
        List<String> d = dimensions(m);
        if (m instanceof Measure measure) {
            SourceInfo s = source(measure);
            return PlannedMetric.measure(spec(measure, s), s.name(), s.timeColumn(), d, policy(m.onEmpty()));
        }
        if (m instanceof Ratio r) {
            metric(r.numerator(), m.id());
            metric(r.denominator(), m.id());
            return PlannedMetric.ratio(m.id(), r.numerator(), r.denominator(), r.scale().doubleValue(), d,
                    policy(m.onEmpty()), policy(r.onZeroDenominator()));
        }
        Derived derived = (Derived) m;
        for (MetricReference ref : derived.references()) {
            Metric in = metric(ref.metric(), m.id());
            boolean window = ref.kind() == MetricReference.Kind.TO_DATE || ref.kind() == MetricReference.Kind.TRAILING;
            if (window && in instanceof Derived) {
                throw new IllegalArgumentException("metric '" + m.id() + "': " + ref.slot()
                        + " merges the states of a window, so its input must be a measure or a ratio, but '"
                        + in.id() + "' is derived");
            }
        }
        return PlannedMetric.derived(m.id(), derived.formula(), d, policy(m.onEmpty()),
                policy(derived.onZeroDenominator()));
    }

    private MeasureSpec spec(Measure m, SourceInfo s) {
        String column = m.column().orElse(null);
        RowFilter filter = m.filter().isPresent() ? FilterCompiler.compile(m.filter().get(), s.schema()) : RowFilter.ALL;
        AggKind kind;
        double q = Double.NaN;
        String weight = null;
        String order = null;
        switch (m.aggregation()) {
            case SUM:
                kind = AggKind.SUM;
                break;
            case COUNT:
                kind = AggKind.COUNT;
                break;
            case COUNT_DISTINCT:
                kind = AggKind.COUNT_DISTINCT;
                break;
            case AVERAGE:
                kind = AggKind.AVG;
                break;
            case MIN:
                kind = AggKind.MIN;
                break;
            case MAX:
                kind = AggKind.MAX;
                break;
            case MEDIAN:
                kind = AggKind.QUANTILE;
                q = 0.5;
                break;
            case PERCENTILE:
                kind = AggKind.QUANTILE;
                q = m.percentile();
                break;
            case FIRST:
                kind = AggKind.FIRST;
                order = s.timeColumn();
                break;
            case LAST:
                kind = AggKind.LAST;
                order = s.timeColumn();
                break;
            case WEIGHTED_AVERAGE:
                kind = AggKind.WEIGHTED_AVG;
                weight = m.weightColumn().orElseThrow();
                break;
            default:
                kind = AggKind.valueOf(m.aggregation().name());
                break;
        }
        return new MeasureSpec(m.id(), kind, column, weight, order, q, filter);
    }

    private DerivedFormula formula(Derived d) {
        List<DerivedFormula.Slot> slots = new ArrayList<>();
        for (MetricReference r : d.references()) {
            switch (r.kind()) {
                case CURRENT:
                    slots.add(new DerivedFormula.Slot(null, r.metric(), 0, null));
                    break;
                case LAG:
                    slots.add(new DerivedFormula.Slot("lag", r.metric(), r.periods(), null));
                    break;
                case LAST_YEAR:
                    slots.add(new DerivedFormula.Slot("last_year", r.metric(), 0, null));
                    break;
                case TO_DATE:
                    slots.add(new DerivedFormula.Slot("to_date", r.metric(), 0, r.grain().name()));
                    break;
                default:
                    slots.add(new DerivedFormula.Slot("trailing", r.metric(), r.periods(), null));
                    break;
            }
        }
        return new CompiledDerived(d.compiled(), List.copyOf(slots), d.references());
    }

    /** A kpi-formula {@link Formula} as a {@link DerivedFormula}. */
    private static final class CompiledDerived implements DerivedFormula {
        private final Formula formula;
        private final List<Slot> slots;
        private final List<MetricReference> refs;

        CompiledDerived(Formula formula, List<Slot> slots, List<MetricReference> refs) {
            this.formula = formula;
            this.slots = slots;
            this.refs = refs;
        }

        @Override
        public List<Slot> slots() {
            return slots;
        }

        @Override
        public double evaluate(double[] values) {
            return formula.evaluate(values);
        }

        @Override
        public Why explain(double[] values) {
            Evaluation e = formula.explain(values);
            NoValue nv = e.noValue().orElse(null);
            if (nv == null) {
                return new Why(NoValueReason.DOMAIN_ERROR, -1, "the formula has no value");
            }
            String where = nv.message();
            switch (nv.reason()) {
                case MISSING_INPUT: {
                    int slot = -1;
                    for (int i = 0; i < refs.size(); i++) {
                        if (refs.get(i).slot().equals(nv.detail())) {
                            slot = i;
                        }
                    }
                    if (slot < 0 && formula.variables().contains(nv.detail())) {
                        slot = formula.slotOf(nv.detail());
                    }
                    return new Why(NoValueReason.MISSING_INPUT, slot, where);
                }
                case DIVISION_BY_ZERO:
                    return new Why(NoValueReason.ZERO_DENOMINATOR, -1, where);
                default:
                    return new Why(NoValueReason.DOMAIN_ERROR, -1, where);
            }
        }
    }
}
