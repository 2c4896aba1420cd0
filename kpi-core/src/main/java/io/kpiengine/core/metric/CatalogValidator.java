package io.kpiengine.core.metric;

import io.kpiengine.core.metric.internal.UnitInference;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.Grain;
import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.doc.Location;
import io.kpiengine.data.doc.Problem;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.formula.Expression;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a catalog's metrics and sources together and resolves what depends on more than one definition: the
 * source of each measure, the dimensions and units of ratios and formulas, the evaluation order. Every problem is
 * collected with the location of the field it concerns.
 */
final class CatalogValidator {

    private final CatalogParts parts;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Metric> byId = new LinkedHashMap<>();
    private final Map<String, DataSource> sources = new LinkedHashMap<>();
    final Map<String, String> sourceOf = new HashMap<>();
    final Map<String, Set<String>> sourcesOf = new HashMap<>();
    final Map<String, List<String>> dimensionsOf = new HashMap<>();
    final Map<String, List<String>> sliceByOf = new HashMap<>();
    final Map<String, Unit> unitOf = new HashMap<>();
    final List<Metric> order = new ArrayList<>();

    private final Set<String> broken;
    private final boolean partial;

    /**
     * A validator.
     *
     * @param parts the parts
     * @param broken names of metrics and sources that failed to read: references to them are not reported again
     * @param partial true when reading found problems: only cross-checks run, nothing is resolved
     */
    CatalogValidator(CatalogParts parts, Set<String> broken, boolean partial) {
        this.parts = parts;
        this.broken = broken;
        this.partial = partial;
    }

    List<Problem> validate() {
        for (DataSource s : parts.sources) {
            if (sources.putIfAbsent(s.name(), s) != null) {
                add(parts.sourceLocation(s.name()), "duplicate source name '" + s.name() + "'");
            }
        }
        for (int i = 0; i < parts.metrics.size(); i++) {
            Metric m = parts.metrics.get(i);
            Metric first = byId.putIfAbsent(m.id(), m);
            if (first != null) {
                Location firstAt = parts.metricLocation(parts.metrics.indexOf(first), "id");
                add(parts.metricLocation(i, "id"), "duplicate metric id '" + m.id() + "'"
                        + (firstAt.line() > 0 ? "; first defined at line " + firstAt.line() : ""));
            }
        }
        if (parts.metrics.isEmpty() && broken.isEmpty()) {
            add(parts.catalogLocation, "catalog has no metrics");
        }
        for (int i = 0; i < parts.metrics.size(); i++) {
            Metric m = parts.metrics.get(i);
            if (byId.get(m.id()) != m) {
                continue;
            }
            if (m instanceof Measure measure) {
                checkMeasure(i, measure);
            } else if (m instanceof Ratio r) {
                checkReference(i, m, "numerator", r.numerator());
                checkReference(i, m, "denominator", r.denominator());
            } else {
                checkFormula(i, (Derived) m);
            }
            checkLeading(i, m);
        }
        List<List<String>> cycles = findCycles();
        for (List<String> cycle : cycles) {
            int at = indexOf(cycle.get(0));
            add(parts.metricLocation(at, "id"), "metrics form a cycle: " + String.join(" -> ", cycle));
        }
        if (problems.isEmpty() && !partial) {
            order();
            for (Metric m : order) {
                resolve(m);
            }
            checkGroupingSets();
            checkStateGrain();
        }
        return problems;
    }

    private void add(Location at, String message) {
        problems.add(new Problem(at, message));
    }

    private int indexOf(String id) {
        return parts.metrics.indexOf(byId.get(id));
    }

    private void checkMeasure(int i, Measure m) {
        String name = m.source().orElse(null);
        DataSource source;
        if (name == null) {
            if (sources.size() != 1) {
                if (partial) {
                    return;
                }
                add(parts.metricLocation(i, "id"), "metric '" + m.id() + "' names no source, but the catalog has "
                        + sources.size() + " sources " + sources.keySet() + "; set 'source'");
                return;
            }
            source = sources.values().iterator().next();
        } else {
            source = sources.get(name);
            if (source == null && broken.contains(name)) {
                return;
            }
            if (source == null) {
                add(parts.metricLocation(i, "source"), "metric '" + m.id() + "': source '" + name
                        + "' is not a source of the catalog " + sources.keySet()
                        + Suggestions.didYouMean(name, sources.keySet()));
                return;
            }
        }
        sourceOf.put(m.id(), source.name());
        Aggregation agg = m.aggregation();
        m.column().ifPresent(c -> checkColumn(i, m, source, "column", c, agg));
        m.weightColumn().ifPresent(c -> checkColumn(i, m, source, "weight", c, agg));
        for (String d : m.dimensions()) {
            if (!source.cleanSchema().contains(d)) {
                add(parts.metricLocation(i, "dimensions"), "metric '" + m.id() + "': dimension '" + d
                        + "' is not a column of source '" + source.name() + "'"
                        + Suggestions.didYouMean(d, source.cleanSchema().names()));
            }
        }
        for (String d : m.sliceBy()) {
            if (!source.cleanSchema().contains(d)) {
                add(parts.metricLocation(i, "sliceBy"), "metric '" + m.id() + "': sliceBy column '" + d
                        + "' is not a column of source '" + source.name() + "'"
                        + Suggestions.didYouMean(d, source.cleanSchema().names()));
            }
        }
        m.filter().ifPresent(f -> f.problems(source.cleanSchema()).forEach(p ->
                add(parts.metricLocation(i, "filter"), "metric '" + m.id() + "': " + p)));
    }

    private void checkColumn(int i, Measure m, DataSource source, String field, String column, Aggregation agg) {
        Optional<Column> col = source.cleanSchema().find(column);
        if (col.isEmpty()) {
            add(parts.metricLocation(i, field), "metric '" + m.id() + "': " + (field.equals("weight")
                    ? "weight column '" : "column '") + column + "' is not a column of source '" + source.name()
                    + "'" + Suggestions.didYouMean(column, source.cleanSchema().names()));
            return;
        }
        ColumnType t = col.get().type();
        boolean numeric = t.isNumeric();
        boolean ordered = numeric || t == ColumnType.DATE || t == ColumnType.TIMESTAMP;
        if (agg.needsNumber() && !numeric || agg.takesDates() && !ordered) {
            add(parts.metricLocation(i, field), "metric '" + m.id() + "': " + agg.id() + " needs a "
                    + (agg.needsNumber() ? "numeric" : "numeric, date or timestamp") + " column, but '" + column
                    + "' is " + t);
        }
    }

    private void checkReference(int i, Metric m, String field, String ref) {
        if (!byId.containsKey(ref) && !broken.contains(ref)) {
            add(parts.metricLocation(i, field), "metric '" + m.id() + "': " + field + " '" + ref
                    + "' is not a metric of the catalog" + hint(ref, m));
        }
    }

    /**
     * Why a name that is not a metric cannot be referenced: a score (a node of a goal tree) is computed from the
     * metrics' results, after them, so no metric can be defined on it; else the nearest metric ids.
     */
    private String hint(String ref, Metric m) {
        for (io.kpiengine.core.score.GoalTree t : parts.goalTrees) {
            if (t.hasNode(ref) && !t.node(ref).isLeaf()) {
                return "; '" + ref + "' is a score of goal tree '" + t.id() + "', computed from the metrics' results,"
                        + " so a metric cannot refer to it (track, alert on or report the score itself)";
            }
        }
        return Suggestions.didYouMean(ref, others(m));
    }

    /** The ids a reference of metric m may be meant as: every other metric. */
    private Set<String> others(Metric m) {
        Set<String> out = new LinkedHashSet<>(byId.keySet());
        out.remove(m.id());
        return out;
    }

    private void checkFormula(int i, Derived d) {
        for (Expression e : d.expression().nodes()) {
            if (e instanceof Expression.Constant c && byId.containsKey(c.name())) {
                add(parts.formulaLocation(i, c.column()), "metric '" + d.id() + "': '" + c.name() + "' "
                        + inFormula(d, c.column()) + " is the constant " + c.name() + " = " + c.value()
                        + ", not metric '" + c.name() + "': a formula cannot refer to a metric named like a constant "
                        + Expression.Constant.NAMES + "; rename that metric");
            }
        }
        Set<String> reported = new HashSet<>();
        for (MetricReference r : d.references()) {
            Metric target = byId.get(r.metric());
            if (target == null) {
                if (!broken.contains(r.metric()) && reported.add(r.metric())) {
                    int column = d.columnOf(r.metric());
                    add(parts.formulaLocation(i, column), "metric '" + d.id() + "': unknown metric '" + r.metric()
                            + "' " + inFormula(d, column) + hint(r.metric(), d));
                }
                continue;
            }
            boolean window = r.kind() == MetricReference.Kind.TO_DATE || r.kind() == MetricReference.Kind.TRAILING;
            if (window && target instanceof Derived) {
                int column = d.columnOf(r);
                add(parts.formulaLocation(i, column), "metric '" + d.id() + "': " + r.slot() + " " + inFormula(d,
                        column) + " needs a measure or ratio, but '" + r.metric() + "' is a derived metric; apply the"
                        + " window to its inputs instead");
            }
            if (r.kind() != MetricReference.Kind.CURRENT) {
                int column = d.columnOf(r);
                String problem = toDateProblem(parts.calendar, parts.grain, d, r, " " + inFormula(d, column));
                if (problem != null) {
                    add(parts.formulaLocation(i, column), problem);
                }
            }
        }
    }

    /** {@code at column 9 of "revenue + rate"}: where a derived-metric problem stands in its formula. */
    private static String inFormula(Derived d, int column) {
        return "at column " + column + " of \"" + d.formula() + "\"";
    }

    /**
     * The problem of a reference at a grain of evaluation: a period-to-date grain must contain that grain and be
     * coarser; at the whole-range grain no reference function applies.
     *
     * @param where where the reference stands, appended to it in the message ("" for nothing)
     * @return the message, or null when the reference can be computed
     */
    static @Nullable String toDateProblem(BusinessCalendar cal, Grain grain, Metric m, MetricReference r,
            String where) {
        if (grain == Grain.WHOLE_RANGE && r.kind() != MetricReference.Kind.CURRENT) {
            return "metric '" + m.id() + "': " + r.slot() + where + " cannot be computed at grain whole_range: the"
                    + " whole range is one period, with no earlier period and no window";
        }
        Grain toDate = r.grain();
        if (r.kind() == MetricReference.Kind.TO_DATE && toDate == Grain.WHOLE_RANGE) {
            return "metric '" + m.id() + "': " + r.slot() + where + ": to_date needs a calendar grain (week, month,"
                    + " quarter, year, fiscal-quarter, fiscal-year), but was whole_range";
        }
        if (r.kind() != MetricReference.Kind.TO_DATE || toDate == null || toDate != grain && cal.nests(grain, toDate)) {
            return null;
        }
        return "metric '" + m.id() + "': " + r.slot() + where + " cannot be computed at grain " + grain.id() + ": "
                + grain.id() + " periods do not nest in " + toDate.id() + " periods"
                + (r.grain() == grain ? " other than themselves" : "");
    }

    private void checkLeading(int i, Metric m) {
        for (String l : m.metadata().leadingIndicators()) {
            if (l.equals(m.id())) {
                add(parts.metricLocation(i, "leadingIndicators"), "metric '" + m.id()
                        + "' lists itself as a leading indicator");
            } else if (!byId.containsKey(l) && !broken.contains(l)) {
                add(parts.metricLocation(i, "leadingIndicators"), "metric '" + m.id() + "': leading indicator '"
                        + l + "' is not a metric of the catalog" + Suggestions.didYouMean(l, others(m)));
            }
        }
    }

    private List<List<String>> findCycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        Map<String, Integer> state = new HashMap<>();
        for (String id : byId.keySet()) {
            dfs(id, new ArrayList<>(), state, cycles, seen);
        }
        return cycles;
    }

    private void dfs(String id, List<String> path, Map<String, Integer> state, List<List<String>> cycles,
            Set<Set<String>> seen) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            if (seen.add(new HashSet<>(cycle))) {
                int start = 0;
                for (int k = 1; k < cycle.size(); k++) {
                    if (indexOf(cycle.get(k)) < indexOf(cycle.get(start))) {
                        start = k;
                    }
                }
                List<String> rotated = new ArrayList<>(cycle.subList(start, cycle.size()));
                rotated.addAll(cycle.subList(0, start));
                rotated.add(rotated.get(0));
                cycles.add(rotated);
            }
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (String in : Objects.requireNonNull(byId.get(id), id).inputs()) {
            if (byId.containsKey(in)) {
                dfs(in, path, state, cycles, seen);
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }

    private void order() {
        Set<String> done = new LinkedHashSet<>();
        for (String id : byId.keySet()) {
            visit(id, done);
        }
        done.forEach(id -> order.add(byId.get(id)));
    }

    private void visit(String id, Set<String> done) {
        if (done.contains(id)) {
            return;
        }
        for (String in : Objects.requireNonNull(byId.get(id), id).inputs()) {
            visit(in, done);
        }
        done.add(id);
    }

    private void resolve(Metric m) {
        int i = parts.metrics.indexOf(m);
        if (m instanceof Measure measure) {
            sourcesOf.put(m.id(), Set.of(sourceOf.get(m.id())));
            dimensionsOf.put(m.id(), measure.dimensions());
            sliceByOf.put(m.id(), measure.sliceBy());
            Unit declared = m.metadata().unit().orElse(null);
            boolean counts = measure.aggregation() == Aggregation.COUNT
                    || measure.aggregation() == Aggregation.COUNT_DISTINCT;
            unitOf.put(m.id(), declared != null ? declared : counts ? Unit.COUNT : null);
            return;
        }
        Set<String> srcs = new LinkedHashSet<>();
        m.inputs().forEach(in -> srcs.addAll(sourcesOf.get(in)));
        sourcesOf.put(m.id(), Set.copyOf(srcs));
        resolveDimensions(i, m);
        resolveSliceBy(i, m);
        Unit declared = m.metadata().unit().orElse(null);
        Unit inferred;
        String source;
        if (m instanceof Ratio r) {
            Unit num = unitOf.get(r.numerator());
            Unit den = unitOf.get(r.denominator());
            inferred = num == null || den == null ? null : num.dividedBy(den);
            source = "numerator / denominator give";
            if (declared != null && declared.equals(Unit.PERCENT) && inferred != null && inferred.equals(Unit.ONE)
                    && r.scale().compareTo(BigDecimal.valueOf(100)) != 0) {
                add(parts.metricLocation(i, "unit"), "metric '" + m.id() + "' declares unit 'percent' for a ratio"
                        + " of like units, so its scale must be 100, but was " + r.scale().toPlainString());
            }
        } else {
            Derived d = (Derived) m;
            List<UnitInference.Finding> unitProblems = new ArrayList<>();
            inferred = UnitInference.infer(d.expression(), unitOf::get, unitProblems);
            for (UnitInference.Finding p : unitProblems) {
                add(parts.formulaLocation(i, p.column()), "metric '" + m.id() + "': " + p.problem() + " "
                        + inFormula(d, p.column()));
            }
            source = "its formula gives";
        }
        if (declared != null && inferred != null && !declared.sameDimension(inferred)) {
            add(parts.metricLocation(i, "unit"), "metric '" + m.id() + "' declares unit '" + declared + "', but "
                    + source + " '" + inferred + "'");
        }
        unitOf.put(m.id(), declared != null ? declared : inferred);
    }

    /**
     * What a ratio or formula may be sliced by: declared (each a dimension or sliceBy column of every input), or
     * every dimension that all inputs are grouped or may be sliced by, beyond its own dimensions.
     */
    private void resolveSliceBy(int i, Metric m) {
        List<String> own = dimensionsOf.getOrDefault(m.id(), List.of());
        List<String> common = null;
        for (String in : m.inputs()) {
            List<String> reach = new ArrayList<>(dimensionsOf.get(in));
            reach.addAll(sliceByOf.get(in));
            if (common == null) {
                common = reach;
            } else {
                common.retainAll(reach);
            }
        }
        List<String> available = common == null ? List.of() : common;
        if (!m.declaresSliceBy()) {
            List<String> out = new ArrayList<>(available);
            out.removeAll(own);
            sliceByOf.put(m.id(), List.copyOf(out));
            return;
        }
        List<String> declared = m.sliceBy();
        for (String d : declared) {
            if (own.contains(d)) {
                add(parts.metricLocation(i, "sliceBy"), "metric '" + m.id() + "': '" + d + "' is both a dimension and"
                        + " a sliceBy column; a metric is always grouped by its dimensions, so list it in one of them");
            } else if (!available.contains(d)) {
                add(parts.metricLocation(i, "sliceBy"), "metric '" + m.id() + "': sliceBy column '" + d
                        + "' is neither a dimension nor a sliceBy column of every input " + m.inputs()
                        + " (they share " + available + ")" + Suggestions.didYouMean(d, available));
            }
        }
        sliceByOf.put(m.id(), declared);
    }

    /** Every dimension of the catalog's grouping sets must be one some metric may be sliced by or is grouped by. */
    private void checkGroupingSets() {
        if (parts.groupingSets == null) {
            return;
        }
        Set<String> known = new LinkedHashSet<>();
        sliceByOf.values().forEach(known::addAll);
        dimensionsOf.values().forEach(known::addAll);
        for (String d : parts.groupingSets.dimensions()) {
            if (!known.contains(d)) {
                add(parts.topLocation("groupingSets"), "groupingSets: no metric may be sliced by '" + d
                        + "'; declare it in a metric's sliceBy" + Suggestions.didYouMean(d, known));
            }
        }
    }

    private void checkStateGrain() {
        Grain state = parts.stateGrain;
        if (state == null) {
            return;
        }
        if (state == Grain.WHOLE_RANGE || !parts.calendar.nests(state, parts.grain)) {
            add(parts.topLocation("stateGrain"), "stateGrain must be a grain whose periods nest in the catalog's grain "
                    + parts.grain.id() + " (e.g. day), but was " + state.id());
        }
    }

    private void resolveDimensions(int i, Metric m) {
        List<String> declared = m.declaresDimensions() ? m.dimensions() : null;
        if (declared == null) {
            List<String> common = null;
            for (String in : m.inputs()) {
                List<String> dims = dimensionsOf.get(in);
                if (common == null) {
                    common = new ArrayList<>(dims);
                } else {
                    common.retainAll(dims);
                }
            }
            dimensionsOf.put(m.id(), common == null ? List.of() : List.copyOf(common));
            return;
        }
        for (String in : m.inputs()) {
            for (String d : declared) {
                if (!dimensionsOf.getOrDefault(in, List.of()).contains(d)) {
                    add(parts.metricLocation(i, "dimensions"), "metric '" + m.id() + "': dimension '" + d
                            + "' is not a dimension of its input '" + in + "' " + dimensionsOf.get(in));
                }
            }
        }
        dimensionsOf.put(m.id(), declared);
    }
}
