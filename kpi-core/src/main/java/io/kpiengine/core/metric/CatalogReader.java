package io.kpiengine.core.metric;

import io.kpiengine.core.score.GoalTree;
import io.kpiengine.core.score.internal.GoalTreeReader;
import io.kpiengine.core.time.BusinessCalendar;
import io.kpiengine.core.time.FiscalYearNaming;
import io.kpiengine.core.time.Grain;
import io.kpiengine.core.track.TrackingPlan;
import io.kpiengine.core.track.internal.TrackingSections;
import io.kpiengine.data.Schema;
import io.kpiengine.data.doc.internal.DocNode;
import io.kpiengine.data.doc.internal.Fields;
import io.kpiengine.data.doc.Location;
import io.kpiengine.formula.FormulaException;
import io.kpiengine.data.doc.internal.Problems;
import io.kpiengine.base.internal.Suggestions;
import io.kpiengine.data.io.internal.SourceSpec;
import io.kpiengine.quality.QualityRules;
import io.kpiengine.quality.internal.RulesDocument;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Reads a metric definition document ({@code docs/catalog.md}) into catalog parts, recording every problem with
 * its place, then validates the parts together.
 */
final class CatalogReader {

    private static final String[] TOP = {"description", "zone", "grain", "stateGrain", "groupingSets", "fiscalYear",
        "sources", "metrics", "scores", "tracking", "alerts", "actions"};
    private static final String[] SOURCE = {"description", "time", "columns", "csv", "rules"};
    private static final List<String> MEASURE_FIELDS = List.of("source", "aggregate", "column", "weight",
            "percentile", "filter");
    private static final List<String> RATIO_FIELDS = List.of("numerator", "denominator", "scale");
    private static final List<String> ZERO_FIELDS = List.of("onZeroDenominator");
    private static final String[] METRIC = {"id", "name", "description", "owner", "unit", "direction", "targetBand",
        "tier", "indicator", "leadingIndicators", "vanity", "reviewCycle", "scope", "tags", "versions", "baseline",
        "targets", "dimensions", "sliceBy", "onEmpty", "source", "aggregate", "column", "weight", "percentile", "filter",
        "numerator", "denominator", "scale", "onZeroDenominator", "formula"};
    private static final List<String> BASELINE_FIELDS = List.of("method", "months", "periods", "minPeriods", "years",
            "model", "period", "value", "asOf");
    private final String name;
    private final Problems problems;
    private final List<DataSource> sources = new ArrayList<>();
    private final Map<String, Location> sourceLocations = new HashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Map<String, Location>> metricLocations = new ArrayList<>();
    private final List<IntFunction<Location>> formulaPositions = new ArrayList<>();
    private final Set<String> broken = new HashSet<>();

    private CatalogReader(String name) {
        this.name = name;
        this.problems = new Problems(name);
    }

    static Catalog read(DocNode root, String name) {
        return new CatalogReader(name).parse(root);
    }

    private Catalog parse(DocNode root) {
        Fields f = Fields.of(root, problems, "catalog", TOP);
        BusinessCalendar calendar = calendar(f);
        Grain grain = f.enumValue("grain", Grain.class, Grain.DAY);
        for (Map.Entry<String, DocNode> e : f.map("sources").entrySet()) {
            source(e.getKey(), root.field("sources").orElseThrow().keyLocation(e.getKey()), e.getValue());
        }
        DocNode list = f.required("metrics");
        if (list != null && !list.isArray()) {
            problems.add(list, "'metrics' in catalog must be a list, but was " + list.describe());
        } else if (list != null) {
            for (DocNode m : list.items()) {
                metric(m);
            }
        }
        Grain stateGrain = f.enumValue("stateGrain", Grain.class, null);
        GroupingSets sets = groupingSets(f.get("groupingSets"));
        Map<String, Location> top = new HashMap<>();
        for (String field : List.of("groupingSets", "stateGrain")) {
            if (f.has(field)) {
                top.put(field, f.get(field).location());
            }
        }
        List<GoalTree> trees = GoalTreeReader.read(f.get("scores"), problems);
        TrackingPlan tracking = TrackingSections.read(f.get("tracking"), f.get("alerts"), f.get("actions"), problems);
        Location at = new Location(name, Math.max(1, root.location().line()), Math.max(1, root.location().column()));
        CatalogParts parts = new CatalogParts(name, at, calendar == null ? BusinessCalendar.of(ZoneId.of("UTC"))
                : calendar, grain, sources, metrics, metricLocations, sourceLocations, formulaPositions, trees, tracking,
                sets, stateGrain, top);
        return Catalog.validate(parts, problems.list(), broken);
    }

    /**
     * The {@code groupingSets} field: a text ({@code "rollup(region, category)"}), or a list whose items are a
     * list of dimensions (one set), {@code {rollup: [..]}}, {@code {cube: [..]}} or such a text.
     */
    private @Nullable GroupingSets groupingSets(@Nullable DocNode node) {
        if (node == null) {
            return null;
        }
        List<List<String>> sets = new ArrayList<>();
        List<DocNode> items = node.isArray() ? node.items() : List.of(node);
        for (DocNode item : items) {
            try {
                if (item.kind() == DocNode.Kind.STRING) {
                    sets.addAll(GroupingSets.parse(item.scalarText()).sets());
                } else if (item.isArray()) {
                    List<String> set = new ArrayList<>();
                    for (DocNode d : item.items()) {
                        if (d.kind() != DocNode.Kind.STRING) {
                            problems.add(d, "a grouping set must list dimension names, but held " + d.describe());
                            return null;
                        }
                        set.add(d.scalarText());
                    }
                    sets.addAll(GroupingSets.of(List.of(set)).sets());
                } else if (item.isObject()) {
                    Fields g = Fields.of(item, problems, "grouping set", "rollup", "cube");
                    List<String> rollup = g.textList("rollup");
                    List<String> cube = g.textList("cube");
                    if (g.has("rollup") == g.has("cube")) {
                        problems.add(item, "a grouping set object must have exactly one of 'rollup' and 'cube'");
                        return null;
                    }
                    sets.addAll((g.has("rollup") ? GroupingSets.rollup(rollup.toArray(new String[0]))
                            : GroupingSets.cube(cube.toArray(new String[0]))).sets());
                } else {
                    problems.add(item, "'groupingSets' must hold dimension lists, {rollup: [...]}, {cube: [...]} or"
                            + " texts such as \"rollup(region, category)\", but held " + item.describe());
                    return null;
                }
            } catch (IllegalArgumentException e) {
                problems.add(item, "groupingSets: " + e.getMessage());
                return null;
            }
        }
        if (sets.isEmpty()) {
            problems.add(node, "'groupingSets' must hold at least one set; write [[]] for the grand total alone");
            return null;
        }
        return GroupingSets.of(sets);
    }

    private @Nullable BusinessCalendar calendar(Fields f) {
        String zoneText = f.requiredText("zone");
        ZoneId zone = null;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add(f.get("zone"), "'zone' in catalog must be a time zone id such as Asia/Seoul or UTC, but"
                        + " was '" + zoneText + "'" + Suggestions.didYouMean(zoneText, ZoneId.getAvailableZoneIds()));
            }
        }
        Month start = Month.JANUARY;
        FiscalYearNaming naming = FiscalYearNaming.END_YEAR;
        DocNode fy = f.object("fiscalYear");
        if (fy != null) {
            Fields ff = Fields.of(fy, problems, "fiscalYear", "startMonth", "naming");
            start = month(ff);
            naming = ff.enumValue("naming", FiscalYearNaming.class, FiscalYearNaming.END_YEAR);
        }
        if (zone == null) {
            return null;
        }
        return BusinessCalendar.builder().zone(zone).fiscalYearStart(start).fiscalYearNaming(naming).build();
    }

    private Month month(Fields ff) {
        DocNode n = ff.get("startMonth");
        if (n == null) {
            return Month.JANUARY;
        }
        if (n.kind() == DocNode.Kind.NUMBER) {
            return Month.of(ff.integer("startMonth", 1, 1, 12));
        }
        if (n.kind() == DocNode.Kind.STRING) {
            return ff.enumValue("startMonth", Month.class, Month.JANUARY);
        }
        problems.add(n, "'startMonth' in fiscalYear must be a month number 1..12 or name, but was " + n.describe());
        return Month.JANUARY;
    }

    private void source(String sourceName, Location keyAt, DocNode node) {
        String what = "source '" + sourceName + "'";
        Fields f = Fields.of(node, problems, what, SOURCE);
        sourceLocations.put(sourceName, keyAt);
        DataSource.Builder b;
        try {
            b = DataSource.builder(sourceName);
        } catch (IllegalArgumentException e) {
            problems.add(keyAt, e.getMessage());
            return;
        }
        int before = problems.list().size();
        if (f.has("description")) {
            b.description(f.text("description", ""));
        }
        String time = f.requiredText("time");
        if (time != null) {
            b.timeColumn(time);
        }
        DocNode cols = f.required("columns");
        SourceSpec spec = SourceSpec.fromDocument(cols, f.object("csv"), problems, what);
        b.csv(spec.csv());
        DocNode rules = f.object("rules");
        if (rules != null) {
            QualityRules qr = RulesDocument.readSection(rules, problems);
            if (problems.list().size() == before) {
                b.rules(qr);
            }
        }
        if (problems.list().size() > before) {
            broken.add(sourceName);
            return;
        }
        try {
            b.schema(Schema.of(spec.columns().orElse(List.of())));
            sources.add(b.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(keyAt, e.getMessage());
            broken.add(sourceName);
        }
    }

    private void metric(DocNode node) {
        DocNode idNode = node.isObject() ? node.field("id").orElse(null) : null;
        String id = idNode != null && idNode.kind() == DocNode.Kind.STRING ? idNode.scalarText() : null;
        String what = id == null ? "metric" : "metric '" + id + "'";
        Fields f = Fields.of(node, problems, what, METRIC);
        if (!node.isObject()) {
            return;
        }
        id = f.requiredText("id");
        if (id == null) {
            return;
        }
        broken.add(id);
        Map<String, Location> at = new HashMap<>();
        at.put("", node.location());
        node.fields().forEach((k, v) -> at.put(k, v.location()));
        int before = problems.list().size();
        boolean measure = f.has("aggregate");
        boolean ratio = f.has("numerator") || f.has("denominator");
        boolean derived = f.has("formula");
        int kinds = (measure ? 1 : 0) + (ratio ? 1 : 0) + (derived ? 1 : 0);
        if (kinds != 1) {
            problems.add(kinds == 0 && idNode != null ? idNode.location() : node.location(), what + " must define how it is computed"
                    + " by exactly one of 'aggregate' (measure), 'numerator' and 'denominator' (ratio) or 'formula'"
                    + " (derived), but " + (kinds == 0 ? "has none" : "has " + kinds));
            return;
        }
        String kindName = measure ? "a measure" : ratio ? "a ratio" : "a derived metric";
        misplaced(f, what, kindName, MEASURE_FIELDS, !measure, "measures");
        misplaced(f, what, kindName, RATIO_FIELDS, !ratio, "ratios");
        misplaced(f, what, kindName, ZERO_FIELDS, measure, "ratios and derived metrics");
        MetricBuilder<?, ?> b;
        try {
            b = measure ? Metric.measure(id) : ratio ? Metric.ratio(id) : Metric.derived(id);
        } catch (IllegalArgumentException e) {
            problems.add(idNode, e.getMessage());
            return;
        }
        try {
            if (b instanceof Measure.Builder mb) {
                measure(f, what, mb);
            } else if (b instanceof Ratio.Builder rb) {
                ratio(f, what, rb);
            } else {
                Derived.Builder db = (Derived.Builder) b;
                String formula = f.requiredText("formula");
                if (formula != null) {
                    db.formula(formula);
                }
                EmptyPolicy z = f.enumValue("onZeroDenominator", EmptyPolicy.class, null);
                if (z != null) {
                    db.onZeroDenominator(z);
                }
            }
            common(f, what, b);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(node, e.getMessage());
        }
        if (problems.list().size() > before) {
            return;
        }
        DocNode formulaNode = derived ? node.field("formula").orElse(null) : null;
        IntFunction<Location> formulaAt = formulaNode == null ? null : formulaNode::locationAt;
        try {
            metrics.add(b.build());
            metricLocations.add(Map.copyOf(at));
            formulaPositions.add(formulaAt);
            broken.remove(id);
        } catch (IllegalStateException e) {
            String msg = String.valueOf(e.getMessage());
            FormulaException formulaError = b instanceof Derived.Builder db ? db.formulaError() : null;
            if (formulaError != null && formulaAt != null) {
                problems.add(formulaAt.apply(Math.max(0, formulaError.column() - 1)), msg);
                return;
            }
            String field = msg.contains("band") ? "targetBand" : msg.contains("target") ? "targets"
                    : msg.contains("sliceBy") ? "sliceBy" : "";
            problems.add(at.getOrDefault(field, node.location()), msg);
        }
    }

    private void misplaced(Fields f, String what, String kindName, List<String> fields, boolean wrong, String owner) {
        if (!wrong) {
            return;
        }
        for (String field : fields) {
            if (f.node().fields().containsKey(field)) {
                problems.add(f.node().keyLocation(field), "'" + field + "' applies to " + owner + " only, but "
                        + what + " is " + kindName);
            }
        }
    }

    private void measure(Fields f, String what, Measure.Builder b) {
        String source = f.text("source", null);
        if (source != null) {
            b.source(source);
        }
        Aggregation agg = f.enumValue("aggregate", Aggregation.class, null);
        String column = f.text("column", null);
        String weight = f.text("weight", null);
        if (agg == null) {
            return;
        }
        if (agg.needsColumn() && column == null) {
            problems.add(f.node(), what + " needs 'column' for aggregate " + agg.id());
            return;
        }
        if (agg == Aggregation.WEIGHTED_AVERAGE) {
            if (weight == null) {
                problems.add(f.node(), what + " needs 'weight' for aggregate weighted-average");
                return;
            }
            b.weightedAverage(column, weight);
        } else {
            if (weight != null) {
                problems.add(f.node().keyLocation("weight"), "'weight' applies to aggregate weighted-average only,"
                        + " but " + what + " aggregates " + agg.id());
            }
            if (agg == Aggregation.PERCENTILE) {
                BigDecimal p = f.requiredNumber("percentile");
                if (p != null) {
                    b.percentile(column, checked(f, "percentile", p));
                }
            } else {
                if (f.has("percentile")) {
                    problems.add(f.node().keyLocation("percentile"), "'percentile' applies to aggregate percentile"
                            + " only, but " + what + " aggregates " + agg.id());
                }
                b.aggregate(agg, column);
            }
        }
        String filter = f.text("filter", null);
        if (filter != null) {
            try {
                b.filter(Filter.parse(filter));
            } catch (IllegalArgumentException e) {
                problems.add(f.get("filter"), what + ": " + e.getMessage());
            }
        }
    }

    private double checked(Fields f, String field, BigDecimal p) {
        double v = p.doubleValue();
        if (!(v >= 0 && v <= 1)) {
            problems.add(f.get(field), "'percentile' in metric must be between 0 and 1 (0.95 for the 95th), but was "
                    + DocNode.show(p));
            return 0.5;
        }
        return v;
    }

    private void ratio(Fields f, String what, Ratio.Builder b) {
        String num = f.requiredText("numerator");
        String den = f.requiredText("denominator");
        if (num != null) {
            b.numerator(num);
        }
        if (den != null) {
            b.denominator(den);
        }
        BigDecimal scale = f.number("scale", null);
        if (scale != null) {
            if (scale.signum() <= 0) {
                problems.add(f.get("scale"), "'scale' in " + what + " must be positive, but was "
                        + DocNode.show(scale));
            } else {
                b.scale(scale);
            }
        }
        EmptyPolicy z = f.enumValue("onZeroDenominator", EmptyPolicy.class, null);
        if (z != null) {
            b.onZeroDenominator(z);
        }
    }

    private void common(Fields f, String what, MetricBuilder<?, ?> b) {
        if (f.has("name")) {
            b.name(f.text("name", ""));
        }
        if (f.has("description")) {
            b.description(f.text("description", ""));
        }
        if (f.has("owner")) {
            b.owner(f.text("owner", ""));
        }
        DocNode unitNode = f.get("unit");
        String unit = unitNode != null && unitNode.kind() == DocNode.Kind.NUMBER ? null : f.text("unit", null);
        if (unitNode != null && unitNode.kind() == DocNode.Kind.NUMBER) {
            if (unitNode.number().compareTo(BigDecimal.ONE) == 0) {
                b.unit(Unit.ONE);
            } else {
                problems.add(unitNode, what + ": unit must be a unit expression such as 'USD per count', or 1 for a "
                        + "pure number, but was number " + unitNode.scalarText());
            }
        } else if (unit != null) {
            try {
                b.unit(Unit.parse(unit));
            } catch (IllegalArgumentException e) {
                problems.add(f.get("unit"), what + ": " + e.getMessage());
            }
        }
        Direction direction = f.enumValue("direction", Direction.class, null);
        if (direction != null) {
            b.direction(direction);
        }
        DocNode band = f.object("targetBand");
        if (band != null) {
            Fields bf = Fields.of(band, problems, "targetBand of " + what, "low", "high");
            BigDecimal low = bf.requiredNumber("low");
            BigDecimal high = bf.requiredNumber("high");
            if (low != null && high != null) {
                if (high.compareTo(low) < 0) {
                    problems.add(band, "'high' in targetBand of " + what + " must be >= low "
                            + DocNode.show(low) + ", but was " + DocNode.show(high));
                } else {
                    b.targetBand(low, high);
                }
            }
        }
        Tier tier = f.enumValue("tier", Tier.class, null);
        if (tier != null) {
            b.tier(tier);
        }
        IndicatorKind kind = f.enumValue("indicator", IndicatorKind.class, null);
        if (kind != null) {
            b.indicatorKind(kind);
        }
        List<String> leading = f.textList("leadingIndicators");
        if (!leading.isEmpty()) {
            if (leading.size() != leading.stream().distinct().count()) {
                problems.add(f.get("leadingIndicators"), "'leadingIndicators' in " + what
                        + " must not list a metric twice, but was " + leading);
            } else {
                b.leadingIndicators(leading.toArray(new String[0]));
            }
        }
        if (f.has("vanity")) {
            b.vanity(f.bool("vanity", false));
        }
        ReviewCycle cycle = f.enumValue("reviewCycle", ReviewCycle.class, null);
        if (cycle != null) {
            b.reviewCycle(cycle);
        }
        if (f.has("scope")) {
            b.scope(f.text("scope", ""));
        }
        List<String> tags = f.textList("tags");
        if (!tags.isEmpty()) {
            b.tags(tags.toArray(new String[0]));
        }
        versions(f, what, b);
        baseline(f, what, b);
        targets(f, what, b);
        String[] dims = columnList(f, "dimensions", what);
        if (dims != null) {
            b.dimensions(dims);
        }
        String[] slice = columnList(f, "sliceBy", what);
        if (slice != null) {
            b.sliceBy(slice);
        }
        EmptyPolicy empty = f.enumValue("onEmpty", EmptyPolicy.class, null);
        if (empty != null) {
            b.onEmpty(empty);
        }
    }

    /** A list of distinct column names, or null when the field is absent or lists a column twice (a problem). */
    private String @Nullable [] columnList(Fields f, String field, String what) {
        if (!f.has(field)) {
            return null;
        }
        List<String> list = f.textList(field);
        if (list.size() != list.stream().distinct().count()) {
            problems.add(f.get(field), "'" + field + "' in " + what + " must not list a column twice, but was " + list);
            return null;
        }
        return list.toArray(new String[0]);
    }

    private void versions(Fields f, String what, MetricBuilder<?, ?> b) {
        for (DocNode v : f.list("versions")) {
            Fields vf = Fields.of(v, problems, "version of " + what, "version", "effective", "reason");
            DocNode label = vf.required("version");
            String text = label == null ? null : label.scalarText();
            if (label != null && text == null) {
                problems.add(label, "'version' in version of " + what + " must be text or a number, but was "
                        + label.describe());
            }
            LocalDate effective = vf.date("effective", true);
            String reason = vf.requiredText("reason");
            if (text != null && effective != null && reason != null) {
                try {
                    b.version(text, effective, reason);
                } catch (IllegalArgumentException e) {
                    problems.add(v, what + ": " + e.getMessage());
                }
            }
        }
    }

    private void baseline(Fields f, String what, MetricBuilder<?, ?> b) {
        DocNode node = f.object("baseline");
        if (node == null) {
            return;
        }
        String bw = "baseline of " + what;
        Fields bf = Fields.of(node, problems, bw, BASELINE_FIELDS.toArray(new String[0]));
        DocNode methodNode = bf.required("method");
        Baseline.Method method = bf.enumValue("method", Baseline.Method.class, null);
        if (methodNode == null || method == null) {
            return;
        }
        List<String> allowed = switch (method) {
            case TRAILING -> List.of("months", "periods", "minPeriods");
            case TRAILING_MEDIAN -> List.of("periods", "minPeriods");
            case SAME_PERIOD_LAST_YEAR -> List.of();
            case SAME_PERIOD_AVERAGE -> List.of("years", "minPeriods");
            case SEASONALLY_ADJUSTED -> List.of("years", "model", "period");
            case FIXED -> List.of("value", "asOf");
        };
        int before = problems.list().size();
        for (String field : BASELINE_FIELDS) {
            if (!field.equals("method") && node.fields().containsKey(field) && !allowed.contains(field)) {
                problems.add(node.keyLocation(field), "'" + field + "' does not apply to baseline method "
                        + methodNode.scalarText() + " of " + what + "; it takes " + allowed);
            }
        }
        Baseline baseline = switch (method) {
            case TRAILING, TRAILING_MEDIAN -> trailingBaseline(bf, node, method, what);
            case SAME_PERIOD_LAST_YEAR -> Baseline.samePeriodLastYear();
            case SAME_PERIOD_AVERAGE -> Baseline.samePeriodAverage(bf.integer("years", 3, 1,
                    Baseline.MAX_SEASONAL_YEARS));
            case SEASONALLY_ADJUSTED -> {
                int years = bf.integer("years", Baseline.MIN_SEASONAL_YEARS, Baseline.MIN_SEASONAL_YEARS,
                        Baseline.MAX_SEASONAL_YEARS);
                Baseline s = Baseline.seasonallyAdjusted(years, bf.enumValue("model", Baseline.SeasonalModel.class,
                        Baseline.SeasonalModel.ADDITIVE));
                yield bf.has("period") ? s.withSeasonalPeriod(bf.integer("period", 12, 2,
                        Baseline.MAX_SEASONAL_PERIOD)) : s;
            }
            case FIXED -> {
                BigDecimal value = bf.requiredNumber("value");
                LocalDate asOf = bf.date("asOf", true);
                yield value != null && asOf != null ? Baseline.fixed(value, asOf) : null;
            }
        };
        if (baseline != null && bf.has("minPeriods") && allowed.contains("minPeriods")) {
            int min = bf.integer("minPeriods", baseline.length(), 1, baseline.length());
            baseline = baseline.withMinPeriods(min);
        }
        if (baseline != null && problems.list().size() == before) {
            b.baseline(baseline);
        }
    }

    private @Nullable Baseline trailingBaseline(Fields bf, DocNode node, Baseline.Method method, String what) {
        if (bf.has("months") && bf.has("periods")) {
            problems.add(node.keyLocation("periods"), "baseline of " + what + " takes 'months' or 'periods', not"
                    + " both");
            return null;
        }
        if (bf.has("periods") || method == Baseline.Method.TRAILING_MEDIAN) {
            int periods = bf.integer("periods", 12, 1, Baseline.MAX_TRAILING_PERIODS);
            return method == Baseline.Method.TRAILING ? Baseline.trailingMean(periods)
                    : Baseline.trailingMedian(periods);
        }
        int months = bf.integer("months", 12, Baseline.MIN_TRAILING_MONTHS, Baseline.MAX_TRAILING_MONTHS);
        return Baseline.trailing(months);
    }

    private void targets(Fields f, String what, MetricBuilder<?, ?> b) {
        DocNode node = f.object("targets");
        if (node == null) {
            return;
        }
        String tw = "targets of " + what;
        Fields tf = Fields.of(node, problems, tw, "shortTerm", "longTerm", "stretch");
        Target s = target(tf, "shortTerm", tw);
        Target l = target(tf, "longTerm", tw);
        Target x = target(tf, "stretch", tw);
        if (s != null || l != null || x != null) {
            b.targets(new Targets(s, l, x));
        }
    }

    private @Nullable Target target(Fields tf, String field, String what) {
        DocNode n = tf.get(field);
        if (n == null) {
            return null;
        }
        if (n.kind() == DocNode.Kind.NUMBER) {
            return Target.of(n.number());
        }
        if (!n.isObject()) {
            problems.add(n, "'" + field + "' in " + what + " must be a number or an object with 'value' and 'due',"
                    + " but was " + n.describe());
            return null;
        }
        Fields f = Fields.of(n, problems, field + " of " + what, "value", "due");
        BigDecimal value = f.requiredNumber("value");
        LocalDate due = f.date("due", false);
        if (value == null) {
            return null;
        }
        Target t = Target.of(value);
        return due == null ? t : t.by(due);
    }

}
